import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../../../../platform/auth/access.decorator';
import { ApiProblem } from '../../../../platform/http/api-problem.decorator';
import { Idempotent } from '../../../../platform/http/idempotency';
import { Page, PageOf } from '../../../../platform/http/pagination';
import { UuidParam } from '../../../../platform/http/params';
import { CurrentOrg } from '../../../../platform/http/request';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { OrgContext } from '../../../../platform/tenancy/org-context.decorator';
import { StarcorpMember, StarcorpRead, StarcorpWrite } from '../../starcorp-access';
import {
  AddSquadronMemberDto,
  ChangeSquadronCommanderDto,
  CreateSquadronDto,
  ListAllSquadronsQueryDto,
  ListSquadronMembersQueryDto,
  ListSquadronsQueryDto,
  MySquadronsDto,
  SquadronDto,
  SquadronMemberDto,
  UpdateSquadronDto,
  UpdateSquadronMemberDto,
} from './dto/squadron.dto';
import { StarcorpSquadronsService } from './squadrons.service';

const SquadronPageDto = PageOf(SquadronDto);
const SquadronMemberPageDto = PageOf(SquadronMemberDto);

/**
 * Squadrons: the active ones are public (on an org whose public site is on); officers create and
 * edit them; members join and leave; the commander, leads and officers manage members.
 */
@ApiTags('starcorp-squadrons')
@OrgContext('starcorp')
@Controller('orgs/:org/starcorp/squadrons')
export class StarcorpSquadronsController {
  constructor(private readonly squadrons: StarcorpSquadronsService) {}

  /** Lists the active squadrons by name (public; filter focus, recruiting). */
  @Get()
  @Access.publicOrg()
  @ApiOkResponse({ type: SquadronPageDto })
  listStarcorpSquadrons(
    @CurrentOrg() access: OrgAccess,
    @Query() q: ListSquadronsQueryDto,
  ): Promise<Page<SquadronDto>> {
    return this.squadrons.listActive(access.org.id, q);
  }

  /** Lists every squadron by name, inactive ones too (filter active, focus, recruiting). */
  @Get('all')
  @StarcorpRead()
  @ApiOkResponse({ type: SquadronPageDto })
  listAllStarcorpSquadrons(
    @CurrentOrg() access: OrgAccess,
    @Query() q: ListAllSquadronsQueryDto,
  ): Promise<Page<SquadronDto>> {
    return this.squadrons.list(access.org.id, q);
  }

  /** The squadrons the caller is an active member of, with their membership. */
  @Get('mine')
  @StarcorpRead()
  @ApiOkResponse({ type: MySquadronsDto })
  listMyStarcorpSquadrons(@CurrentOrg() access: OrgAccess): Promise<MySquadronsDto> {
    return this.squadrons.mine(access);
  }

  /** One active squadron (public). */
  @Get(':id')
  @Access.publicOrg()
  @ApiOkResponse({ type: SquadronDto })
  getStarcorpSquadron(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<SquadronDto> {
    return this.squadrons.get(access.org.id, id, true);
  }

  /** Creates a squadron (officers). */
  @Post()
  @StarcorpWrite()
  @Idempotent()
  @ApiCreatedResponse({ type: SquadronDto })
  @ApiProblem(409, ['squadron-name-taken'])
  createStarcorpSquadron(@CurrentOrg() access: OrgAccess, @Body() dto: CreateSquadronDto): Promise<SquadronDto> {
    return this.squadrons.create(access, dto);
  }

  /** Edits a squadron (officers). */
  @Patch(':id')
  @StarcorpWrite()
  @ApiOkResponse({ type: SquadronDto })
  @ApiProblem(409, ['squadron-name-taken'])
  updateStarcorpSquadron(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: UpdateSquadronDto,
  ): Promise<SquadronDto> {
    return this.squadrons.update(access, id, dto);
  }

  /** Hands the squadron to another commander, or none (officers; announced as `commander_changed`). */
  @Post(':id/commander')
  @HttpCode(200)
  @StarcorpWrite()
  @ApiOkResponse({ type: SquadronDto })
  changeStarcorpSquadronCommander(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: ChangeSquadronCommanderDto,
  ): Promise<SquadronDto> {
    return this.squadrons.changeCommander(access, id, dto);
  }

  /** Joins the squadron (seats are counted under the squadron's lock). */
  @Post(':id/join')
  @StarcorpMember()
  @Idempotent()
  @ApiCreatedResponse({ type: SquadronMemberDto })
  @ApiProblem(409, ['squadron-full', 'squadron-not-recruiting', 'squadron-inactive', 'already-in-squadron'])
  joinStarcorpSquadron(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<SquadronMemberDto> {
    return this.squadrons.join(access, id);
  }

  /** Leaves the squadron (the membership stays, with `leftAt`). */
  @Post(':id/leave')
  @HttpCode(204)
  @StarcorpMember()
  @ApiNoContentResponse()
  leaveStarcorpSquadron(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<void> {
    return this.squadrons.leave(access, id);
  }

  /** Lists the squadron's members, newest first. */
  @Get(':id/members')
  @StarcorpRead()
  @ApiOkResponse({ type: SquadronMemberPageDto })
  listStarcorpSquadronMembers(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Query() q: ListSquadronMembersQueryDto,
  ): Promise<Page<SquadronMemberDto>> {
    return this.squadrons.listMembers(access.org.id, id, q);
  }

  /** Adds a member (the commander, a lead or an officer; a closed squadron still takes them). */
  @Post(':id/members')
  @StarcorpMember()
  @Idempotent()
  @ApiCreatedResponse({ type: SquadronMemberDto })
  @ApiProblem(409, ['squadron-full', 'squadron-inactive', 'already-in-squadron'])
  addStarcorpSquadronMember(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: AddSquadronMemberDto,
  ): Promise<SquadronMemberDto> {
    return this.squadrons.addMember(access, id, dto);
  }

  /** Changes a member's squadron role or notes (the commander, a lead or an officer). */
  @Patch(':id/members/:userId')
  @StarcorpMember()
  @ApiOkResponse({ type: SquadronMemberDto })
  updateStarcorpSquadronMember(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @UuidParam('userId') userId: string,
    @Body() dto: UpdateSquadronMemberDto,
  ): Promise<SquadronMemberDto> {
    return this.squadrons.updateMember(access, id, userId, dto);
  }

  /** Removes a member (the commander, a lead or an officer). */
  @Delete(':id/members/:userId')
  @HttpCode(204)
  @StarcorpMember()
  @ApiNoContentResponse()
  removeStarcorpSquadronMember(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @UuidParam('userId') userId: string,
  ): Promise<void> {
    return this.squadrons.removeMember(access, id, userId);
  }
}
