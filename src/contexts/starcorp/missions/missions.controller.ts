import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblem } from '../../../platform/http/api-problem.decorator';
import { Idempotent } from '../../../platform/http/idempotency';
import { Page, PageOf } from '../../../platform/http/pagination';
import { UuidParam } from '../../../platform/http/params';
import { CurrentOrg } from '../../../platform/http/request';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { OrgContext } from '../../../platform/tenancy/org-context.decorator';
import { StarcorpMember, StarcorpRead } from '../starcorp-access';
import {
  CreateMissionDto,
  ListMissionsQueryDto,
  MissionDetailDto,
  MissionDto,
  MissionParticipantDto,
  SignUpForMissionDto,
  UpdateMissionDto,
  UpdateMissionParticipantDto,
} from './dto/mission.dto';
import { StarcorpMissionsService } from './missions.service';

const MissionPageDto = PageOf(MissionDto);

/**
 * Missions: officers, or the commander of the mission's squadron, create and run them (checked in
 * the service, 403 otherwise); members sign themselves up with one of their own hulls.
 */
@ApiTags('starcorp-missions')
@OrgContext('starcorp')
@Controller('orgs/:org/starcorp/missions')
export class StarcorpMissionsController {
  constructor(private readonly missions: StarcorpMissionsService) {}

  /** Lists missions, latest scheduled first (`upcoming`: soonest first from now; filter status, type, squadron, from/to). */
  @Get()
  @StarcorpRead()
  @ApiOkResponse({ type: MissionPageDto })
  listStarcorpMissions(@CurrentOrg() access: OrgAccess, @Query() q: ListMissionsQueryDto): Promise<Page<MissionDto>> {
    return this.missions.list(access.org.id, q);
  }

  /** One mission with its participants. */
  @Get(':id')
  @StarcorpRead()
  @ApiOkResponse({ type: MissionDetailDto })
  getStarcorpMission(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<MissionDetailDto> {
    return this.missions.get(access.org.id, id);
  }

  /** Creates a draft mission (officers; a squadron's commander for their squadron). */
  @Post()
  @StarcorpMember()
  @Idempotent()
  @ApiCreatedResponse({ type: MissionDetailDto })
  createStarcorpMission(@CurrentOrg() access: OrgAccess, @Body() dto: CreateMissionDto): Promise<MissionDetailDto> {
    return this.missions.create(access, dto);
  }

  /** Edits a draft or scheduled mission (its runner). */
  @Patch(':id')
  @StarcorpMember()
  @ApiOkResponse({ type: MissionDetailDto })
  @ApiProblem(409, ['mission-not-editable'])
  updateStarcorpMission(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: UpdateMissionDto,
  ): Promise<MissionDetailDto> {
    return this.missions.update(access, id, dto);
  }

  /** Schedules a draft mission: sign-ups open (announced as `starcorp.mission.scheduled`). */
  @Post(':id/schedule')
  @HttpCode(200)
  @StarcorpMember()
  @ApiOkResponse({ type: MissionDetailDto })
  @ApiProblem(409, ['invalid-transition'])
  scheduleStarcorpMission(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<MissionDetailDto> {
    return this.missions.move(access, id, 'scheduled');
  }

  /** Starts a scheduled mission: sign-ups close, attendance is taken. */
  @Post(':id/start')
  @HttpCode(200)
  @StarcorpMember()
  @ApiOkResponse({ type: MissionDetailDto })
  @ApiProblem(409, ['invalid-transition'])
  startStarcorpMission(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<MissionDetailDto> {
    return this.missions.move(access, id, 'in_progress');
  }

  /**
   * Completes a running mission: unconfirmed sign-ups become no-shows and every attendee gets a
   * service record (announced as `starcorp.mission.completed`).
   */
  @Post(':id/complete')
  @HttpCode(200)
  @StarcorpMember()
  @ApiOkResponse({ type: MissionDetailDto })
  @ApiProblem(409, ['invalid-transition'])
  completeStarcorpMission(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<MissionDetailDto> {
    return this.missions.move(access, id, 'completed');
  }

  /** Cancels a draft or scheduled mission (announced as `starcorp.mission.cancelled`). */
  @Post(':id/cancel')
  @HttpCode(200)
  @StarcorpMember()
  @ApiOkResponse({ type: MissionDetailDto })
  @ApiProblem(409, ['invalid-transition'])
  cancelStarcorpMission(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<MissionDetailDto> {
    return this.missions.move(access, id, 'cancelled');
  }

  /** Signs the caller up, with one of their own available hulls (seats are counted under the mission's lock). */
  @Post(':id/participants')
  @StarcorpMember()
  @Idempotent()
  @ApiCreatedResponse({ type: MissionParticipantDto })
  @ApiProblem(409, ['mission-not-open', 'mission-full', 'already-signed-up', 'mission-ship-unavailable'])
  signUpForStarcorpMission(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: SignUpForMissionDto,
  ): Promise<MissionParticipantDto> {
    return this.missions.signUp(access, id, dto);
  }

  /** Withdraws the caller's sign-up before the mission starts (kept as `declined`; they may sign up again). */
  @Delete(':id/participants/me')
  @HttpCode(204)
  @StarcorpMember()
  @ApiNoContentResponse()
  @ApiProblem(409, ['invalid-transition'])
  withdrawFromStarcorpMission(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<void> {
    return this.missions.withdraw(access, id);
  }

  /** Moves a participant: they withdraw; the runner confirms, declines and takes attendance. */
  @Patch(':id/participants/:userId')
  @StarcorpMember()
  @ApiOkResponse({ type: MissionParticipantDto })
  @ApiProblem(409, ['invalid-transition'])
  updateStarcorpMissionParticipant(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @UuidParam('userId') userId: string,
    @Body() dto: UpdateMissionParticipantDto,
  ): Promise<MissionParticipantDto> {
    return this.missions.updateParticipant(access, id, userId, dto);
  }
}
