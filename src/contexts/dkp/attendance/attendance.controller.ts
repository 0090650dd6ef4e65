import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { ApiProblem } from '../../../platform/http/api-problem.decorator';
import { Idempotent } from '../../../platform/http/idempotency';
import { CursorPageQueryDto } from '../../../platform/http/page-query.dto';
import { Page, PageOf } from '../../../platform/http/pagination';
import { UuidParam } from '../../../platform/http/params';
import { CurrentOrg } from '../../../platform/http/request';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { OrgContext } from '../../../platform/tenancy/org-context.decorator';
import { Posting } from '../common/posting.decorator';
import { DkpRead, DkpWrite } from '../dkp-access';
import type { PostingContext } from '../points/ledger.service';
import { AttendanceService } from './attendance.service';
import {
  AttendanceDto,
  AttendanceResultDto,
  DryRunQueryDto,
  ImportAttendanceDto,
  ImportResultDto,
  RecordAttendanceDto,
} from './dto/attendance.dto';

const AttendancePageDto = PageOf(AttendanceDto);

/** Who attended a raid: recording, importing and removing attendees, which moves their points. */
@OrgContext('dkp')
@Controller('orgs/:org/dkp/raids')
export class AttendanceController {
  constructor(private readonly attendance: AttendanceService) {}

  /** The raid's attendees by character name, keyset-paged (`limit`, `cursor`). */
  @Get(':id/attendance')
  @DkpRead()
  @ApiOkResponse({ type: AttendancePageDto })
  listRaidAttendance(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Query() q: CursorPageQueryDto,
  ): Promise<Page<AttendanceDto>> {
    return this.attendance.list(access.org.id, id, q);
  }

  /** Credits the owners of the named characters; `dryRun=true` shows the result without writing. */
  @Post(':id/attendance')
  @HttpCode(200)
  @DkpWrite()
  @Idempotent()
  @ApiProblem(422, ['raid-value-missing'], 'The raid has no value: set it first')
  recordAttendance(
    @Posting('api') posting: PostingContext,
    @UuidParam('id') id: string,
    @Query() q: DryRunQueryDto,
    @Body() dto: RecordAttendanceDto,
  ): Promise<AttendanceResultDto> {
    return this.attendance.record(posting, id, dto.attendees, q.dryRun ?? false);
  }

  /**
   * Parses a raid roster dump, /who log, RaidTick file or name list, then records it. A raid without
   * a value pays the RaidTick Points column (which becomes its value); the response says which
   * value was paid (`value`, `valueSource`).
   */
  @Post(':id/attendance/import')
  @HttpCode(200)
  @DkpWrite()
  @Idempotent()
  @ApiProblem(
    422,
    ['no-attendees', 'raid-value-missing', 'raidtick-points-differ'],
    'No character name in the text; the raid has no value and the text no RaidTick Points column; ' +
      'the RaidTick ticks carry different points',
  )
  importAttendance(
    @Posting('import') posting: PostingContext,
    @UuidParam('id') id: string,
    @Query() q: DryRunQueryDto,
    @Body() dto: ImportAttendanceDto,
  ): Promise<ImportResultDto> {
    return this.attendance.import(posting, id, dto, q.dryRun ?? false);
  }

  /** Takes a user off the raid; their points for it are reversed by a correction entry. */
  @Delete(':id/attendance/:userId')
  @HttpCode(204)
  @DkpWrite()
  removeAttendance(
    @Posting() posting: PostingContext,
    @UuidParam('id') id: string,
    @UuidParam('userId') userId: string,
  ): Promise<void> {
    return this.attendance.remove(posting, id, userId);
  }
}
