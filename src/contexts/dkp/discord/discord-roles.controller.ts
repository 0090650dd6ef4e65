import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiNotModifiedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access } from '../../../platform/auth/access.decorator';
import type { Principal } from '../../../platform/auth/principal';
import { ApiProblem } from '../../../platform/http/api-problem.decorator';
import { Idempotent } from '../../../platform/http/idempotency';
import { Page, PageOf } from '../../../platform/http/pagination';
import { UuidParam } from '../../../platform/http/params';
import { CurrentOrg, CurrentPrincipal } from '../../../platform/http/request';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { OrgContext } from '../../../platform/tenancy/org-context.decorator';
import { DkpWrite } from '../dkp-access';
import { DiscordRosterService } from './discord-roster.service';
import { DiscordActor, DiscordSyncService } from './discord-sync.service';
import { CreateDiscordRoleMappingDto, DiscordRoleMappingDto, DiscordRolesDto, UpdateDiscordRoleMappingDto } from './dto/discord-roles.dto';
import { DiscordMemberDetailDto, DiscordRosterDto } from './dto/discord-roster.dto';
import { DiscordSyncLogEntryDto, LinkDiscordMemberDto, ListDiscordSyncLogQueryDto, ReportRoleSyncDto, RoleSyncReportDto } from './dto/discord-sync.dto';

/** Officers, and bots whose key carries roster:sync, read the desired state and report syncs. */
const RosterSync = () => Access({ tier: 'officer', scopes: ['roster:sync'] });

const DiscordSyncLogPageDto = PageOf(DiscordSyncLogEntryDto);

function actorOf(a: OrgAccess, p: Principal): DiscordActor {
  return { orgId: a.org.id, userId: a.userId, tier: a.tier, apiKeyId: p.apiKey?.id ?? null };
}

/** An If-None-Match header matches when it lists the ETag (weak or strong) or is `*`. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

/**
 * Discord role authority: the app is the source of truth for guild roles and the bot applies
 * them. Rank roles are set on ranks (`discordRoleId`); extra roles per rank or tier are mappings.
 */
@ApiTags('dkp-discord')
@OrgContext('dkp')
@Controller('orgs/:org/dkp')
export class DiscordRolesController {
  constructor(
    private readonly roster: DiscordRosterService,
    private readonly sync: DiscordSyncService,
  ) {}

  /** Every managed role: the ranks' roles and the extra mappings. */
  @Get('discord/roles')
  @RosterSync()
  @ApiOkResponse({ type: DiscordRolesDto })
  listDiscordRoles(@CurrentOrg() a: OrgAccess): Promise<DiscordRolesDto> {
    return this.roster.roles(a.org.id);
  }

  @Get('discord/role-mappings')
  @RosterSync()
  @ApiOkResponse({ type: [DiscordRoleMappingDto] })
  listDiscordRoleMappings(@CurrentOrg() a: OrgAccess): Promise<DiscordRoleMappingDto[]> {
    return this.roster.listMappings(a.org.id);
  }

  /** Adds a role for a rank (`kind: rank`) or an org tier (`kind: tier`, optionally `andAbove`). */
  @Post('discord/role-mappings')
  @DkpWrite()
  @ApiCreatedResponse({ type: DiscordRoleMappingDto })
  @ApiProblem(409, 'That role is already mapped to this rank or tier')
  createDiscordRoleMapping(@CurrentOrg() a: OrgAccess, @Body() dto: CreateDiscordRoleMappingDto): Promise<DiscordRoleMappingDto> {
    return this.roster.createMapping(a.org.id, dto);
  }

  @Patch('discord/role-mappings/:id')
  @DkpWrite()
  @ApiOkResponse({ type: DiscordRoleMappingDto })
  @ApiProblem(409, 'That role is already mapped to this rank or tier')
  updateDiscordRoleMapping(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string, @Body() dto: UpdateDiscordRoleMappingDto): Promise<DiscordRoleMappingDto> {
    return this.roster.updateMapping(a.org.id, id, dto);
  }

  @Delete('discord/role-mappings/:id')
  @HttpCode(204)
  @DkpWrite()
  @ApiNoContentResponse()
  deleteDiscordRoleMapping(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string): Promise<void> {
    return this.roster.removeMapping(a.org.id, id);
  }

  /**
   * The desired state for the bot: each member linked to Discord and the managed roles they
   * should hold (from the highest rank among their active characters, plus tier mappings).
   * Answers 304 when `If-None-Match` carries the current `rosterVersion`.
   */
  @Get('discord/roster')
  @RosterSync()
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'A previous ETag (`"<rosterVersion>"`)' })
  @ApiOkResponse({ type: DiscordRosterDto, headers: { ETag: { description: 'The quoted rosterVersion', schema: { type: 'string' } } } })
  @ApiNotModifiedResponse({ description: 'The roster is unchanged since that ETag' })
  async getDiscordRoster(@CurrentOrg() a: OrgAccess, @Headers('if-none-match') ifNoneMatch: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<DiscordRosterDto | undefined> {
    const roster = await this.roster.roster(a.org.id);
    const etag = `"${roster.rosterVersion}"`;
    reply.header('ETag', etag).header('Cache-Control', 'private, no-cache');
    if (matches(ifNoneMatch, etag)) {
      reply.status(304);
      return undefined;
    }
    return roster;
  }

  /** One linked member's desired roles, with the managed roles. */
  @Get('discord/members/:discordId')
  @RosterSync()
  @ApiOkResponse({ type: DiscordMemberDetailDto })
  getDiscordMember(@CurrentOrg() a: OrgAccess, @Param('discordId') discordId: string): Promise<DiscordMemberDetailDto> {
    return this.roster.member(a.org.id, discordId);
  }

  /** The bot reports what it applied, one result per member. Retry with the same Idempotency-Key. */
  @Post('discord/sync-roles')
  @RosterSync()
  @Idempotent()
  @ApiCreatedResponse({ type: RoleSyncReportDto })
  reportRoleSync(@CurrentOrg() a: OrgAccess, @CurrentPrincipal() p: Principal, @Body() dto: ReportRoleSyncDto): Promise<RoleSyncReportDto> {
    return this.sync.report(actorOf(a, p), dto);
  }

  /** Sync reports, links and unlinks, newest first. */
  @Get('discord/audit-log')
  @RosterSync()
  @ApiOkResponse({ type: DiscordSyncLogPageDto })
  listDiscordSyncLog(@CurrentOrg() a: OrgAccess, @Query() q: ListDiscordSyncLogQueryDto): Promise<Page<DiscordSyncLogEntryDto>> {
    return this.sync.log(a.org.id, q);
  }

  /**
   * Links a member's account to a Discord account (which also lets that Discord account log in
   * as the member). Linking the same id again changes nothing. Returns the member's desired state.
   */
  @Post('discord/link-member')
  @HttpCode(200)
  @DkpWrite()
  @ApiOkResponse({ type: DiscordMemberDetailDto })
  @ApiProblem(409, 'The Discord id belongs to another user, the member is linked to another Discord id, or the member must link themselves')
  async linkDiscordMember(@CurrentOrg() a: OrgAccess, @CurrentPrincipal() p: Principal, @Body() dto: LinkDiscordMemberDto): Promise<DiscordMemberDetailDto> {
    await this.sync.link(actorOf(a, p), dto);
    return this.roster.member(a.org.id, dto.discordId);
  }

  @Delete('discord/unlink-member/:userId')
  @HttpCode(204)
  @DkpWrite()
  @ApiNoContentResponse()
  @ApiProblem(409, 'The member logs in only through Discord')
  unlinkDiscordMember(@CurrentOrg() a: OrgAccess, @CurrentPrincipal() p: Principal, @UuidParam('userId') userId: string): Promise<void> {
    return this.sync.unlink(actorOf(a, p), userId);
  }
}
