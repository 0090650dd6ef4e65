import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { withTransaction } from '../../../platform/database/transactions';
import { newestFirst } from '../../../platform/http/pagination';
import { DiscordSyncLog } from './discord-sync-log.entity';
import { ListDiscordSyncLogQueryDto } from './dto/discord-sync.dto';

export type NewSyncLogEntry = Omit<DiscordSyncLog, 'id' | 'createdAt' | 'updatedAt'>;

/** Every read and write of the Discord sync log (sync reports, links, unlinks). */
@Injectable()
export class DiscordSyncLogRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return withTransaction(this.db, work);
  }

  async insert(tx: EntityManager, entries: NewSyncLogEntry[]): Promise<void> {
    if (entries.length) await tx.insert(DiscordSyncLog, entries);
  }

  /** Newest first, keyset-paged on (createdAt, id); fetches one row more than the limit. */
  page(orgId: string, q: ListDiscordSyncLogQueryDto): Promise<DiscordSyncLog[]> {
    const qb = this.db.getRepository(DiscordSyncLog).createQueryBuilder('l').where('l.org_id = :orgId', { orgId });
    if (q.discordId) qb.andWhere('l.discord_id = :discordId', { discordId: q.discordId });
    if (q.userId) qb.andWhere('l.user_id = :userId', { userId: q.userId });
    if (q.action) qb.andWhere('l.action = :action', { action: q.action });
    return newestFirst(qb, 'l.created_at', 'l.id', q).getMany();
  }
}
