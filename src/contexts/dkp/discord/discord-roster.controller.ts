import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { ApiHeader, ApiNotModifiedResponse, ApiOkResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentOrg } from '../../../platform/http/request';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { OrgContext } from '../../../platform/tenancy/org-context.decorator';
import { withEtagOrNotModified } from '../../../platform/http/conditional-requests';
import { RosterSync } from './discord-access';
import { DiscordRosterService } from './discord-roster.service';
import { DiscordMemberDetailDto, DiscordRosterDto } from './dto/discord-roster.dto';

/** The desired Discord state the bot applies: each linked member and the managed roles they should hold. */
@OrgContext('dkp')
@Controller('orgs/:org/dkp')
export class DiscordRosterController {
  constructor(private readonly roster: DiscordRosterService) {}

  /**
   * The desired state for the bot: each member linked to Discord and the managed roles they
   * should hold (from the highest rank among their active characters, plus tier mappings).
   * Answers 304 when `If-None-Match` carries the current `rosterVersion`.
   */
  @Get('discord/roster')
  @RosterSync()
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'A previous ETag (`"<rosterVersion>"`)' })
  @ApiOkResponse({
    type: DiscordRosterDto,
    headers: { ETag: { description: 'The quoted rosterVersion', schema: { type: 'string' } } },
  })
  @ApiNotModifiedResponse({ description: 'The roster is unchanged since that ETag' })
  async getDiscordRoster(
    @CurrentOrg() access: OrgAccess,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DiscordRosterDto | undefined> {
    return withEtagOrNotModified(reply, ifNoneMatch, await this.roster.roster(access.org.id), 'rosterVersion');
  }

  /** One linked member's desired roles, with the managed roles. */
  @Get('discord/members/:discordId')
  @RosterSync()
  getDiscordMember(
    @CurrentOrg() access: OrgAccess,
    @Param('discordId') discordId: string,
  ): Promise<DiscordMemberDetailDto> {
    return this.roster.member(access.org.id, discordId);
  }
}
