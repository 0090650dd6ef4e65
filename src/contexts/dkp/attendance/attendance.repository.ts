import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DkpRepository } from '../common/dkp-repository';
import { KeyColumn, keysetBy } from '../../../platform/http/keyset';
import { Raid } from '../raids/raid.entity';
import { Attendance } from './attendance.entity';

/** A character by lower-cased name, with the user who owned it at a given time. */
export interface OwnedCharacter {
  nameKey: string;
  name: string;
  userId: string;
}

/** Attendees by character name; the id separates rows of equal names. */
const ATTENDEE_KEY: KeyColumn[] = [
  ['a.character_name', 'text'],
  ['a.id', 'uuid'],
];

/** The SQL of raid attendance (`dkp_attendance`) and of who owned a character when. */
@Injectable()
export class AttendanceRepository extends DkpRepository {
  constructor(@InjectDataSource() db: DataSource) {
    super(db);
  }

  /** One page of the raid's attendance rows, by character name (`limit + 1` rows, for `keysetPage`). */
  listForRaid(orgId: string, raidId: string, page: { limit: number; cursor?: string }): Promise<Attendance[]> {
    const qb = this.db
      .getRepository(Attendance)
      .createQueryBuilder('a')
      .where('a.org_id = :orgId AND a.raid_id = :raidId', { orgId, raidId });
    return keysetBy(qb, ATTENDEE_KEY, page).getMany();
  }

  /** Users already credited for the raid. */
  async creditedUserIds(tx: EntityManager, raidId: string): Promise<Set<string>> {
    const rows: { user_id: string }[] = await tx.query('SELECT user_id FROM dkp_attendance WHERE raid_id = $1', [
      raidId,
    ]);
    return new Set(rows.map((r) => r.user_id));
  }

  async insert(tx: EntityManager, rows: Omit<Attendance, 'id' | 'createdAt'>[]): Promise<void> {
    await tx.insert(Attendance, rows);
  }

  findOne(tx: EntityManager, raidId: string, userId: string): Promise<Attendance | null> {
    return tx.findOne(Attendance, { where: { raidId, userId } });
  }

  async delete(tx: EntityManager, id: string): Promise<void> {
    await tx.delete(Attendance, { id });
  }

  /**
   * Maps lower-cased names to the user who owned each character when the raid started: the
   * earliest ownership period not yet ended at that time (the first owner for raids older
   * than the character's record).
   */
  async ownersAtRaidTime(tx: EntityManager, raid: Raid, nameKeys: string[]): Promise<Map<string, OwnedCharacter>> {
    const rows: OwnedCharacter[] = await tx.query(
      `SELECT c.name_key AS "nameKey", c.name, COALESCE(o.user_id, c.user_id) AS "userId"
         FROM dkp_characters c
         LEFT JOIN LATERAL (
           SELECT user_id FROM dkp_character_ownership
            WHERE character_id = c.id AND (owned_until IS NULL OR owned_until > $3)
            ORDER BY owned_from ASC LIMIT 1
         ) o ON true
        WHERE c.org_id = $1 AND c.name_key = ANY($2::text[])`,
      [raid.orgId, nameKeys, raid.startsAt],
    );
    return new Map(rows.map((r) => [r.nameKey, r]));
  }
}
