import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Access } from '../../auth/access.decorator';
import { Idempotent } from '../../http/idempotency';
import { Page, PageOf } from '../../http/pagination';
import { UuidParam } from '../../http/params';
import { ApiProblem } from '../../http/api-problem.decorator';
import { CurrentOrg } from '../../http/request';
import { AddMemberDto, ListMembersQueryDto, MemberDto, UpdateMemberDto } from '../dto/member.dto';
import type { OrgAccess } from '../org-access';
import { MembersService } from './members.service';

const MemberPageDto = PageOf(MemberDto);

@Controller('orgs/:org')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get('members')
  @ApiOperation({ summary: "List the org's members with their tiers and grants" })
  @Access({ tier: 'readonly', scopes: ['members:read'] })
  @ApiOkResponse({ type: MemberPageDto })
  listMembers(@CurrentOrg() access: OrgAccess, @Query() query: ListMembersQueryDto): Promise<Page<MemberDto>> {
    return this.members.list(access.org.id, query);
  }

  /** Adds an existing user at a tier no higher than the caller's. */
  @Post('members')
  @Access({ tier: 'admin', scopes: ['members:write'] })
  @Idempotent()
  @ApiCreatedResponse({ type: MemberDto })
  @ApiProblem(409, ['already-member'], 'Already a member')
  addMember(@CurrentOrg() access: OrgAccess, @Body() dto: AddMemberDto): Promise<MemberDto> {
    return this.members.add(access, dto);
  }

  @Get('members/:userId')
  @ApiOperation({ summary: 'Get one member' })
  @Access({ tier: 'readonly', scopes: ['members:read'] })
  @ApiOkResponse({ type: MemberDto })
  getMember(@CurrentOrg() access: OrgAccess, @UuidParam('userId') userId: string): Promise<MemberDto> {
    return this.members.get(access.org.id, userId);
  }

  /** Changes tier and grants. Nobody can raise anyone above their own tier; the last owner stays. */
  @Patch('members/:userId')
  @Access({ tier: 'admin', scopes: ['members:write'] })
  @ApiOkResponse({ type: MemberDto })
  @ApiProblem(409, ['last-owner'], 'Would leave the org without an owner')
  updateMember(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('userId') userId: string,
    @Body() dto: UpdateMemberDto,
  ): Promise<MemberDto> {
    return this.members.update(access, userId, dto);
  }

  @Delete('members/:userId')
  @ApiOperation({ summary: 'Remove a member from the org' })
  @HttpCode(204)
  @Access({ tier: 'admin', scopes: ['members:write'] })
  @ApiNoContentResponse()
  @ApiProblem(409, ['last-owner'], 'Would leave the org without an owner')
  removeMember(@CurrentOrg() access: OrgAccess, @UuidParam('userId') userId: string): Promise<void> {
    return this.members.remove(access, userId);
  }

  /** The caller leaves the org. The last owner cannot. */
  @Delete('membership')
  @HttpCode(204)
  @Access({ tier: 'guest' })
  @ApiNoContentResponse()
  @ApiProblem(409, ['last-owner'], 'The last owner cannot leave')
  leaveOrg(@CurrentOrg() access: OrgAccess): Promise<void> {
    return this.members.remove(access, access.userId!);
  }
}
