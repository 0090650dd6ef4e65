import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../platform/auth/principal';
import { ApiProblem } from '../../../platform/http/api-problem.decorator';
import { Idempotent } from '../../../platform/http/idempotency';
import { Page, PageOf } from '../../../platform/http/pagination';
import { UuidParam } from '../../../platform/http/params';
import { CurrentOrg, CurrentPrincipal } from '../../../platform/http/request';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { OrgContext } from '../../../platform/tenancy/org-context.decorator';
import { AttendanceService } from '../attendance/attendance.service';
import { AttendanceDto, AttendanceResultDto, DryRunQueryDto, ImportAttendanceDto, ImportResultDto, RecordAttendanceDto } from '../attendance/dto/attendance.dto';
import { DkpRead, DkpWrite } from '../dkp-access';
import { CreateRaidDto, ListRaidsQueryDto, RaidDto, UpdateRaidDto } from './dto/raid.dto';
import { RaidsService } from './raids.service';

const RaidPageDto = PageOf(RaidDto);

@ApiTags('dkp-raids')
@OrgContext('dkp')
@Controller('orgs/:org/dkp/raids')
export class RaidsController {
  constructor(
    private readonly raids: RaidsService,
    private readonly attendance: AttendanceService,
  ) {}

  @Get()
  @DkpRead()
  @ApiOkResponse({ type: RaidPageDto })
  listRaids(@CurrentOrg() a: OrgAccess, @Query() q: ListRaidsQueryDto): Promise<Page<RaidDto>> {
    return this.raids.list(a.org.id, q);
  }

  @Post()
  @DkpWrite()
  @Idempotent()
  @ApiCreatedResponse({ type: RaidDto })
  createRaid(@CurrentOrg() a: OrgAccess, @Body() dto: CreateRaidDto): Promise<RaidDto> {
    return this.raids.create(a.org.id, dto);
  }

  @Get(':id')
  @DkpRead()
  @ApiOkResponse({ type: RaidDto })
  getRaid(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string): Promise<RaidDto> {
    return this.raids.get(a.org.id, id);
  }

  @Patch(':id')
  @DkpWrite()
  @ApiOkResponse({ type: RaidDto })
  updateRaid(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string, @Body() dto: UpdateRaidDto): Promise<RaidDto> {
    return this.raids.update(a.org.id, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @DkpWrite()
  @ApiNoContentResponse()
  @ApiProblem(409, 'The raid has attendance or loot')
  deleteRaid(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string): Promise<void> {
    return this.raids.remove(a.org.id, id);
  }

  @Get(':id/attendance')
  @DkpRead()
  @ApiOkResponse({ type: [AttendanceDto] })
  listRaidAttendance(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string): Promise<AttendanceDto[]> {
    return this.attendance.list(a.org.id, id);
  }

  /** Credits the owners of the named characters; `dryRun=true` shows the result without writing. */
  @Post(':id/attendance')
  @HttpCode(200)
  @DkpWrite()
  @Idempotent()
  @ApiOkResponse({ type: AttendanceResultDto })
  recordAttendance(@CurrentOrg() a: OrgAccess, @CurrentPrincipal() p: Principal, @UuidParam('id') id: string, @Query() q: DryRunQueryDto, @Body() dto: RecordAttendanceDto): Promise<AttendanceResultDto> {
    return this.attendance.record(a.org.id, id, dto.attendees, { orgId: a.org.id, actorUserId: p.user.id, source: 'api', dryRun: q.dryRun ?? false });
  }

  /** Parses a raid roster dump, /who log, RaidTick file or name list, then records it. */
  @Post(':id/attendance/import')
  @HttpCode(200)
  @DkpWrite()
  @Idempotent()
  @ApiOkResponse({ type: ImportResultDto })
  @ApiProblem(422, 'No character name in the text')
  importAttendance(@CurrentOrg() a: OrgAccess, @CurrentPrincipal() p: Principal, @UuidParam('id') id: string, @Query() q: DryRunQueryDto, @Body() dto: ImportAttendanceDto): Promise<ImportResultDto> {
    return this.attendance.import(a.org.id, id, dto, { orgId: a.org.id, actorUserId: p.user.id, source: 'import', dryRun: q.dryRun ?? false });
  }

  /** Takes a user off the raid; their points for it are reversed by a correction entry. */
  @Delete(':id/attendance/:userId')
  @HttpCode(204)
  @DkpWrite()
  @ApiNoContentResponse()
  removeAttendance(@CurrentOrg() a: OrgAccess, @CurrentPrincipal() p: Principal, @UuidParam('id') id: string, @UuidParam('userId') userId: string): Promise<void> {
    return this.attendance.remove(a.org.id, id, userId, { orgId: a.org.id, actorUserId: p.user.id, source: 'api' });
  }
}
