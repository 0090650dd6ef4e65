import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../../../platform/auth/access.decorator';
import { ApiProblem } from '../../../platform/http/api-problem.decorator';
import { Idempotent } from '../../../platform/http/idempotency';
import { Page, PageOf } from '../../../platform/http/pagination';
import { CurrentOrg } from '../../../platform/http/request';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { OrgContext } from '../../../platform/tenancy/org-context.decorator';
import { StarcorpAdmin, StarcorpMember, StarcorpRead, StarcorpWrite } from '../starcorp-access';
import {
  LinkRsiMemberDto,
  ListRsiMembersQueryDto,
  RsiClaimCodeDto,
  RsiMemberDto,
  RsiProfileDto,
  RsiSyncResultDto,
  UpdateRsiProfileDto,
} from './dto/rsi.dto';
import { RsiService } from './rsi.service';

const RsiMemberPageDto = PageOf(RsiMemberDto);

/**
 * The org's RSI mirror: its public profile, synced from the Star Citizen API by admins (and daily),
 * and the citizens its RSI page lists, linked to members by officers or claimed by the members.
 */
@ApiTags('starcorp-rsi')
@OrgContext('starcorp')
@Controller('orgs/:org/starcorp')
export class RsiController {
  constructor(private readonly rsi: RsiService) {}

  /** The org's RSI profile (public; 404 until an admin sets the SID). */
  @Get('profile')
  @Access.publicOrg()
  @ApiOkResponse({ type: RsiProfileDto })
  getStarcorpRsiProfile(@CurrentOrg() access: OrgAccess): Promise<RsiProfileDto> {
    return this.rsi.getProfile(access.org.id);
  }

  /** Sets the org's RSI SID, or edits the mirrored fields until the next sync (admins). */
  @Patch('profile')
  @StarcorpAdmin()
  @ApiOkResponse({ type: RsiProfileDto })
  updateStarcorpRsiProfile(@CurrentOrg() access: OrgAccess, @Body() dto: UpdateRsiProfileDto): Promise<RsiProfileDto> {
    return this.rsi.updateProfile(access.org.id, dto);
  }

  /** Syncs the profile and the member list from the Star Citizen API now (admins; also daily). */
  @Post('profile/sync')
  @HttpCode(200)
  @StarcorpAdmin()
  @Idempotent()
  @ApiOkResponse({ type: RsiSyncResultDto })
  @ApiProblem(409, ['rsi-sid-missing'], 'The org has no RSI SID yet')
  @ApiProblem(502, ['upstream-unavailable'], 'The Star Citizen API failed; nothing was changed')
  @ApiProblem(503, ['rsi-api-not-configured'], 'The Star Citizen API is not configured on this server')
  syncStarcorpRsiProfile(@CurrentOrg() access: OrgAccess): Promise<RsiSyncResultDto> {
    return this.rsi.sync(access.org.id, 'manual');
  }

  /** Lists the citizens of the org's RSI page by handle (filter state, linked; search). */
  @Get('rsi-members')
  @StarcorpRead()
  @ApiOkResponse({ type: RsiMemberPageDto })
  listStarcorpRsiMembers(
    @CurrentOrg() access: OrgAccess,
    @Query() q: ListRsiMembersQueryDto,
  ): Promise<Page<RsiMemberDto>> {
    return this.rsi.listMembers(access.org.id, q);
  }

  /** The caller's claim code: put it in your RSI bio, then claim your handle. */
  @Get('rsi-members/claim-code')
  @StarcorpMember()
  @ApiOkResponse({ type: RsiClaimCodeDto })
  getStarcorpRsiClaimCode(@CurrentOrg() access: OrgAccess): Promise<RsiClaimCodeDto> {
    return this.rsi.claimCode(access);
  }

  /** One listed citizen by handle (case-insensitive). */
  @Get('rsi-members/:handle')
  @StarcorpRead()
  @ApiOkResponse({ type: RsiMemberDto })
  getStarcorpRsiMember(@CurrentOrg() access: OrgAccess, @Param('handle') handle: string): Promise<RsiMemberDto> {
    return this.rsi.getMember(access.org.id, handle);
  }

  /** Links a handle to a member, or unlinks it with `userId: null` (officers; one handle per member). */
  @Post('rsi-members/:handle/link')
  @HttpCode(200)
  @StarcorpWrite()
  @ApiOkResponse({ type: RsiMemberDto })
  @ApiProblem(409, ['rsi-already-linked'], 'The member already has a handle (`field`: userId)')
  linkStarcorpRsiMember(
    @CurrentOrg() access: OrgAccess,
    @Param('handle') handle: string,
    @Body() dto: LinkRsiMemberDto,
  ): Promise<RsiMemberDto> {
    return this.rsi.link(access, handle, dto.userId);
  }

  /** Claims a listed handle as the caller's: its RSI bio must contain the caller's claim code. */
  @Post('rsi-members/:handle/claim')
  @HttpCode(200)
  @StarcorpMember()
  @ApiOkResponse({ type: RsiMemberDto })
  @ApiProblem(409, ['rsi-already-linked'], 'The handle or the caller is already linked (`field` says which)')
  @ApiProblem(422, ['rsi-claim-code-missing'], "The handle's RSI bio does not contain the caller's claim code")
  @ApiProblem(502, ['upstream-unavailable'], 'The Star Citizen API failed; nothing was changed')
  @ApiProblem(503, ['rsi-api-not-configured'], 'The Star Citizen API is not configured on this server')
  claimStarcorpRsiMember(@CurrentOrg() access: OrgAccess, @Param('handle') handle: string): Promise<RsiMemberDto> {
    return this.rsi.claim(access, handle);
  }
}
