import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { UsersService } from '../../../platform/auth/users/users.service';
import { Problem } from '../../../platform/http/problem';
import type { MemberSummary } from '../../../platform/tenancy/members/member-directory';
import { MembersService } from '../../../platform/tenancy/members/members.service';
import type { CharacterRoleRow } from '../roster/characters.repository';
import { CharactersService } from '../roster/characters.service';
import { desiredState, type LinkedMember, type RoleConfig } from './desired-roles';
import { DiscordRolesService } from './discord-roles.service';
import { DiscordMemberDetailDto, DiscordMemberStateDto, DiscordRosterDto } from './dto/discord-roster.dto';

/**
 * Discord role authority: the app decides which managed roles each linked member should hold,
 * and the bot applies the difference (rules in `desired-roles.ts`). Members without a Discord
 * link, and disabled users, are not on the roster (their managed roles should be removed).
 */
@Injectable()
export class DiscordRosterService {
  constructor(
    private readonly roles: DiscordRolesService,
    private readonly characters: CharactersService,
    private readonly members: MembersService,
    private readonly users: UsersService,
  ) {}

  async roster(orgId: string): Promise<DiscordRosterDto> {
    const config = await this.roles.roleConfig(orgId);
    const members = await this.desiredStates(orgId, config, await this.linkedMembers(orgId));
    const rosterVersion = createHash('sha256')
      .update(
        JSON.stringify({
          managed: config.managedRoleIds,
          members: members.map((m) => [
            m.userId,
            m.discordId,
            m.username,
            m.tier,
            m.mainCharacterName,
            m.rankId,
            m.rankName,
            m.roles,
          ]),
        }),
      )
      .digest('base64url')
      .slice(0, 27);
    return { rosterVersion, managedRoleIds: config.managedRoleIds, members, generatedAt: new Date() };
  }

  async member(orgId: string, discordId: string): Promise<DiscordMemberDetailDto> {
    const config = await this.roles.roleConfig(orgId);
    const [state] = await this.desiredStates(orgId, config, await this.linkedMembers(orgId, discordId));
    if (!state) throw Problem.notFound('Member with that Discord id');
    return { ...state, managedRoleIds: config.managedRoleIds };
  }

  /** The org's members linked to Discord (or the one linked to `discordId`), by username, without disabled users. */
  private async linkedMembers(orgId: string, discordId?: string): Promise<LinkedMember[]> {
    let members: MemberSummary[];
    if (discordId === undefined) {
      members = await this.members.memberSummaries(orgId);
    } else {
      const user = await this.users.memberByDiscordId(orgId, discordId);
      members = user ? await this.members.memberSummaries(orgId, { userIds: [user.id] }) : [];
    }
    const linked = members.filter((m): m is MemberSummary & { discordId: string } => m.discordId !== null);
    // The member directory lists disabled users too; they hold no roles. (One lookup by id each.)
    const active = await Promise.all(linked.map(async (m) => Boolean(await this.users.findActive(m.id))));
    return linked
      .filter((_, i) => active[i])
      .map((m) => ({ userId: m.id, discordId: m.discordId, username: m.username, tier: m.tier }));
  }

  private async desiredStates(
    orgId: string,
    config: RoleConfig,
    members: LinkedMember[],
  ): Promise<DiscordMemberStateDto[]> {
    if (!members.length) return [];
    const characters = await this.characters.ofUsers(
      orgId,
      members.map((m) => m.userId),
    );
    const byUser = new Map<string, CharacterRoleRow[]>();
    for (const character of characters)
      byUser.set(character.userId, [...(byUser.get(character.userId) ?? []), character]);
    return members.map((m) => desiredState(m, byUser.get(m.userId) ?? [], config));
  }
}
