import { Column, Entity, Index } from 'typeorm';
import { OrgRecord } from '../common/org-record';

export const DISCORD_SYNC_ACTIONS = ['sync', 'link', 'unlink'] as const;
export type DiscordSyncAction = (typeof DISCORD_SYNC_ACTIONS)[number];

/**
 * The audit trail of Discord role authority: what the bot reported it applied (`sync`), and
 * which member was linked to or unlinked from a Discord account. Rows are never updated; they
 * outlive the users they name (no foreign keys).
 */
@Entity('dkp_discord_sync_log')
@Index('ix_dkp_discord_sync_log_org_created', ['orgId', 'createdAt', 'id'])
@Index('ix_dkp_discord_sync_log_org_discord', ['orgId', 'discordId', 'createdAt'])
export class DiscordSyncLog extends OrgRecord {
  @Column('varchar', { length: 16 })
  action: DiscordSyncAction;

  @Column('varchar', { length: 20 })
  discordId: string;

  /** The member with that Discord id when the row was written, if any. */
  @Column('uuid', { nullable: true })
  userId: string | null;

  @Column('text', { array: true, default: () => "'{}'" })
  added: string[];

  @Column('text', { array: true, default: () => "'{}'" })
  removed: string[];

  @Column('boolean')
  ok: boolean;

  @Column('varchar', { length: 500, nullable: true })
  error: string | null;

  /** The user who called (null for a bot key). */
  @Column('uuid', { nullable: true })
  actorUserId: string | null;

  /** The API key used, bot or personal. */
  @Column('uuid', { nullable: true })
  apiKeyId: string | null;
}
