import type { GuildMemberRoles, GuildRoleAdapter } from '../../clients/discord-bot/src/commands/roster';

/** A guild whose role changes are recorded; `failOn` role ids are refused like Discord's "Missing Permissions". */
export class FakeGuild implements GuildRoleAdapter {
  readonly calls: string[] = [];
  constructor(
    readonly members: GuildMemberRoles[],
    readonly failOn: string[] = [],
  ) {}
  async fetchMembers() {
    return this.members.map((m) => ({ ...m, roleIds: [...m.roleIds] }));
  }
  async addRole(discordId: string, roleId: string) {
    if (this.failOn.includes(roleId)) throw new Error('Missing Permissions');
    this.calls.push(`+${roleId} ${discordId}`);
    this.members.find((m) => m.discordId === discordId)!.roleIds.push(roleId);
  }
  async removeRole(discordId: string, roleId: string) {
    if (this.failOn.includes(roleId)) throw new Error('Missing Permissions');
    this.calls.push(`-${roleId} ${discordId}`);
    const m = this.members.find((x) => x.discordId === discordId)!;
    m.roleIds = m.roleIds.filter((r) => r !== roleId);
  }
}
