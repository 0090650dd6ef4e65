import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ISO_TIMESTAMP } from '../../../platform/database/iso-time';
import { findInOrg } from '../../../platform/database/org-scoped';
import { preparedQuery } from '../../../platform/database/prepared';
import { timeAndIdCursor } from '../../../platform/http/pagination';
import { DkpRepository } from '../common/dkp-repository';
import { RaidDto } from './dto/raid.dto';
import { Raid } from './raid.entity';

/** A raid as the SQL returns it: the count comes back as text. */
export type RaidRow = Omit<RaidDto, 'attendeeCount'> & { attendeeCount: string };

/** Which raids a page shows. */
export interface RaidFilter {
  poolId?: string;
  eventId?: string;
  from?: Date;
  to?: Date;
}

/** A raid as `RaidRow` (from `dkp_raids r JOIN dkp_events e`): the list page and a single raid alike. */
const RAID_COLUMNS = `r.id AS id, r.event_id AS "eventId", e.name AS "eventName", r.pool_id AS "poolId",
       ${ISO_TIMESTAMP('r.starts_at')} AS "startsAt", r.leader_user_id AS "leaderUserId", r.notes AS notes,
       r.value AS value, ${ISO_TIMESTAMP('r.created_at')} AS "createdAt",
       (SELECT count(*) FROM dkp_attendance a WHERE a.raid_id = r.id) AS "attendeeCount"`;

/**
 * A raid list page (the hot read of the raid list) as one prepared statement: every filter is
 * optional ($n IS NULL), so one text serves them all and Postgres parses it once per connection.
 * Keyset order as `newestFirst`.
 */
const RAID_PAGE_SQL = `SELECT ${RAID_COLUMNS}
  FROM dkp_raids r JOIN dkp_events e ON e.id = r.event_id
 WHERE r.org_id = $1
   AND ($2::uuid IS NULL OR r.pool_id = $2) AND ($3::uuid IS NULL OR r.event_id = $3)
   AND ($4::timestamptz IS NULL OR r.starts_at >= $4) AND ($5::timestamptz IS NULL OR r.starts_at < $5)
   AND ($6::timestamptz IS NULL OR (r.starts_at, r.id) < ($6::timestamptz, $7::uuid))
 ORDER BY r.starts_at DESC, r.id DESC
 LIMIT $8`;

/** The SQL of raids (`dkp_raids`), read with their event's name and attendee count. */
@Injectable()
export class RaidsRepository extends DkpRepository {
  constructor(@InjectDataSource() db: DataSource) {
    super(db);
  }

  /** The raid entity (404 when it is not the org's); `lock` holds its row until commit. */
  load(orgId: string, id: string, options: { tx?: EntityManager; lock?: boolean } = {}): Promise<Raid> {
    return findInOrg(this.managerOf(options.tx), Raid, orgId, id, 'Raid', { lock: options.lock });
  }

  /** Newest first, keyset-paged on (startsAt, id) (`limit + 1` rows). */
  page(orgId: string, filter: RaidFilter, page: { limit: number; cursor?: string }): Promise<RaidRow[]> {
    const [cursorTime, cursorId] = page.cursor ? timeAndIdCursor(page.cursor) : [null, null];
    const { poolId, eventId, from, to } = filter;
    const values = [
      orgId,
      poolId ?? null,
      eventId ?? null,
      from ?? null,
      to ?? null,
      cursorTime,
      cursorId,
      page.limit + 1,
    ];
    return preparedQuery<RaidRow>(this.db, 'qm_dkp_raid_page', RAID_PAGE_SQL, values);
  }

  async row(orgId: string, id: string): Promise<RaidRow | null> {
    const [row] = await preparedQuery<RaidRow>(
      this.db,
      'qm_dkp_raid_row',
      `SELECT ${RAID_COLUMNS} FROM dkp_raids r JOIN dkp_events e ON e.id = r.event_id WHERE r.org_id = $1 AND r.id = $2`,
      [orgId, id],
    );
    return row ?? null;
  }

  save(raid: Partial<Raid>, tx?: EntityManager): Promise<Raid> {
    return this.managerOf(tx).getRepository(Raid).save(raid);
  }

  /** Sets the value of a raid that had none (in the attendance's transaction, raid row locked). */
  async setValue(tx: EntityManager, id: string, value: string): Promise<void> {
    await tx.update(Raid, { id }, { value });
  }

  async delete(id: string): Promise<void> {
    await this.db.getRepository(Raid).delete({ id });
  }

  /** Whether the raid has attendance or (unreversed) loot, which points were moved for. */
  async isInUse(id: string): Promise<boolean> {
    const [{ used }] = await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM dkp_attendance WHERE raid_id = $1)
           OR EXISTS (SELECT 1 FROM dkp_loot WHERE raid_id = $1 AND reversed_at IS NULL) AS used`,
      [id],
    );
    return Boolean(used);
  }
}
