import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiProblem } from '../../../platform/http/api-problem.decorator';
import { Idempotent } from '../../../platform/http/idempotency';
import { Page, PageOf } from '../../../platform/http/pagination';
import { UuidParam } from '../../../platform/http/params';
import { CurrentOrg } from '../../../platform/http/request';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { OrgContext } from '../../../platform/tenancy/org-context.decorator';
import { DkpWrite } from '../dkp-access';
import { RosterSync } from './discord-access';
import { CurrentDiscordActor } from './discord-actor.decorator';
import { type DiscordActor, DiscordSyncService } from './discord-sync.service';
import { DiscordMemberDetailDto } from './dto/discord-roster.dto';
import {
  DiscordSyncLogEntryDto,
  LinkDiscordMemberDto,
  ListDiscordSyncLogQueryDto,
  ReportRoleSyncDto,
  RoleSyncReportDto,
} from './dto/discord-sync.dto';

const DiscordSyncLogPageDto = PageOf(DiscordSyncLogEntryDto);

/** What the bot applied, and the links between members and Discord accounts; both go to the sync log. */
@OrgContext('dkp')
@Controller('orgs/:org/dkp')
export class DiscordSyncController {
  constructor(private readonly sync: DiscordSyncService) {}

  /** The bot reports what it applied, one result per member. Retry with the same Idempotency-Key. */
  @Post('discord/sync-roles')
  @RosterSync()
  @Idempotent()
  reportRoleSync(
    @CurrentDiscordActor() actor: DiscordActor,
    @Body() dto: ReportRoleSyncDto,
  ): Promise<RoleSyncReportDto> {
    return this.sync.report(actor, dto);
  }

  /** Sync reports, links and unlinks, newest first. */
  @Get('discord/audit-log')
  @RosterSync()
  @ApiOkResponse({ type: DiscordSyncLogPageDto })
  listDiscordSyncLog(
    @CurrentOrg() access: OrgAccess,
    @Query() q: ListDiscordSyncLogQueryDto,
  ): Promise<Page<DiscordSyncLogEntryDto>> {
    return this.sync.entries(access.org.id, q);
  }

  /**
   * Links a member's account to a Discord account (which also lets that Discord account log in
   * as the member). Linking the same id again changes nothing. Returns the member's desired state.
   */
  @Post('discord/link-member')
  @HttpCode(200)
  @DkpWrite()
  @ApiProblem(
    409,
    ['discord-id-taken', 'already-linked', 'link-needs-owner-consent', 'user-disabled'],
    'The Discord id belongs to another user, the member is linked to another Discord id, or the member must link themselves',
  )
  linkDiscordMember(
    @CurrentDiscordActor() actor: DiscordActor,
    @Body() dto: LinkDiscordMemberDto,
  ): Promise<DiscordMemberDetailDto> {
    return this.sync.link(actor, dto);
  }

  @Delete('discord/unlink-member/:userId')
  @ApiOperation({ summary: "Unlink a member's Discord account (bot)" })
  @HttpCode(204)
  @DkpWrite()
  @ApiProblem(409, ['would-lock-out'], 'The member logs in only through Discord')
  unlinkDiscordMember(@CurrentDiscordActor() actor: DiscordActor, @UuidParam('userId') userId: string): Promise<void> {
    return this.sync.unlink(actor, userId);
  }
}
