import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiProblem } from '../../../platform/http/api-problem.decorator';
import { Idempotent } from '../../../platform/http/idempotency';
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

/** Who attended a raid: recording, importing and removing attendees, which moves their points. */
@ApiTags('dkp-attendance')
@OrgContext('dkp')
@Controller('orgs/:org/dkp/raids')
export class AttendanceController {
  constructor(private readonly attendance: AttendanceService) {}

  @Get(':id/attendance')
  @DkpRead()
  listRaidAttendance(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<AttendanceDto[]> {
    return this.attendance.list(access.org.id, id);
  }

  /** Credits the owners of the named characters; `dryRun=true` shows the result without writing. */
  @Post(':id/attendance')
  @HttpCode(200)
  @DkpWrite()
  @Idempotent()
  recordAttendance(
    @Posting('api') posting: PostingContext,
    @UuidParam('id') id: string,
    @Query() q: DryRunQueryDto,
    @Body() dto: RecordAttendanceDto,
  ): Promise<AttendanceResultDto> {
    return this.attendance.record(posting, id, dto.attendees, q.dryRun ?? false);
  }

  /** Parses a raid roster dump, /who log, RaidTick file or name list, then records it. */
  @Post(':id/attendance/import')
  @HttpCode(200)
  @DkpWrite()
  @Idempotent()
  @ApiProblem(422, 'No character name in the text')
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
