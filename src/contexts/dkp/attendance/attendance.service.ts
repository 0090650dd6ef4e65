import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { findInOrg } from '../../../platform/database/org-scoped';
import { withTransaction } from '../../../platform/database/transactions';
import { Problem } from '../../../platform/http/problem';
import { fromCents, scalePoints, toCents } from '../common/cents';
import { points } from '../common/points';
import { LedgerService, PostingContext } from '../points/ledger.service';
import { Pool } from '../pools/pool.entity';
import { Raid } from '../raids/raid.entity';
import { Attendance, AttendanceFlag } from './attendance.entity';
import { AttendanceDto, AttendanceResultDto, AwardedAttendeeDto, ImportAttendanceDto, ImportResultDto } from './dto/attendance.dto';
import { parseAttendance } from './parsing/parse-attendance';

interface Attendee {
  name: string;
  flag?: AttendanceFlag;
}

interface OwnedCharacter {
  nameKey: string;
  name: string;
  userId: string;
}

@Injectable()
export class AttendanceService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly ledger: LedgerService,
  ) {}

  async list(orgId: string, raidId: string): Promise<AttendanceDto[]> {
    await findInOrg(this.db.manager, Raid, orgId, raidId, 'Raid');
    const rows: AttendanceDto[] = await this.db.query(
      `SELECT a.user_id AS "userId", u.username, a.character_name AS "characterName", a.flag, a.points, a.created_at AS "createdAt"
         FROM dkp_attendance a JOIN users u ON u.id = a.user_id
        WHERE a.org_id = $1 AND a.raid_id = $2 ORDER BY a.character_name`,
      [orgId, raidId],
    );
    return rows.map((r) => ({ ...r, points: points(r.points) }));
  }

  /**
   * Credits the owners of the named characters for the raid. A user is credited once per raid
   * however many of their characters attended; names that match no character are returned.
   * The raid row is locked, so two imports for one raid run one after the other.
   */
  async record(orgId: string, raidId: string, attendees: Attendee[], ctx: PostingContext & { dryRun: boolean }): Promise<AttendanceResultDto> {
    const run = async (tx: EntityManager): Promise<AttendanceResultDto> => {
      const raid = await findInOrg(tx, Raid, orgId, raidId, 'Raid', { lock: !ctx.dryRun });
      const pool = await tx.findOneByOrFail(Pool, { id: raid.poolId });
      const owners = await this.ownersAtRaidTime(tx, raid, attendees.map((a) => a.name.toLowerCase()));
      const credited = new Set<string>(
        (await tx.query('SELECT user_id FROM dkp_attendance WHERE raid_id = $1', [raid.id])).map((r: { user_id: string }) => r.user_id),
      );
      const result: AttendanceResultDto = { raidId: raid.id, dryRun: ctx.dryRun, awarded: [], notAwarded: [], unknown: [], totalPoints: '0.00' };
      const inThisBatch = new Set<string>();
      const seenNames = new Set<string>();
      for (const attendee of attendees) {
        const key = attendee.name.toLowerCase();
        if (seenNames.has(key)) continue;
        seenNames.add(key);
        const owner = owners.get(key);
        if (!owner) {
          result.unknown.push(attendee.name);
        } else if (credited.has(owner.userId) || inThisBatch.has(owner.userId)) {
          result.notAwarded.push({ characterName: owner.name, userId: owner.userId, reason: credited.has(owner.userId) ? 'already_credited' : 'same_user' });
        } else {
          inThisBatch.add(owner.userId);
          const flag = attendee.flag ?? 'on_time';
          result.awarded.push({ characterName: owner.name, userId: owner.userId, flag, points: this.award(raid.value, pool, flag) });
        }
      }
      result.totalPoints = fromCents(result.awarded.reduce((sum, a) => sum + toCents(a.points), 0));
      if (!ctx.dryRun) await this.write(tx, raid, result.awarded, ctx);
      return result;
    };
    return ctx.dryRun ? run(this.db.manager) : withTransaction(this.db, run);
  }

  /** Parses raw text (raid dump, /who log, RaidTick, names) and records it like `record`. */
  async import(orgId: string, raidId: string, dto: ImportAttendanceDto, ctx: PostingContext & { dryRun: boolean }): Promise<ImportResultDto> {
    const parsed = parseAttendance(dto.text, dto.format);
    if (!parsed.attendees.length) {
      throw new Problem(422, `No character names found in the text (read as ${parsed.format})`, {
        slug: 'no-attendees',
        extensions: { format: parsed.format, skipped: parsed.skipped.slice(0, 50) },
      });
    }
    const result = await this.record(orgId, raidId, parsed.attendees.map((a) => ({ name: a.name, flag: dto.flag })), ctx);
    return { ...result, format: parsed.format, skipped: parsed.skipped };
  }

  /** Takes a user off a raid: the attendance row goes and a correction entry reverses the points. */
  async remove(orgId: string, raidId: string, userId: string, ctx: PostingContext): Promise<void> {
    await withTransaction(this.db, async (tx) => {
      const raid = await findInOrg(tx, Raid, orgId, raidId, 'Raid', { lock: true });
      const attendance = await tx.findOne(Attendance, { where: { raidId: raid.id, userId } });
      if (!attendance) throw Problem.notFound('Attendance');
      const [entry] = await tx.query(
        "SELECT id FROM dkp_ledger WHERE raid_id = $1 AND user_id = $2 AND kind = 'attendance' ORDER BY created_at DESC LIMIT 1",
        [raid.id, userId],
      );
      await tx.delete(Attendance, { id: attendance.id });
      await this.ledger.post(tx, ctx, [
        {
          poolId: raid.poolId,
          userId,
          kind: 'correction',
          bucket: 'earned',
          amount: fromCents(-toCents(attendance.points)),
          characterName: attendance.characterName,
          reason: `Removed from raid of ${raid.startsAt.toISOString().slice(0, 10)}`,
          raidId: raid.id,
          correctsId: entry?.id ?? null,
        },
      ]);
    });
  }

  private award(value: string, pool: Pool, flag: AttendanceFlag): string {
    if (flag === 'late') return scalePoints(value, pool.lateAwardFraction);
    if (flag === 'left_early') return scalePoints(value, pool.leftEarlyAwardFraction);
    return points(value);
  }

  private async write(tx: EntityManager, raid: Raid, awarded: AwardedAttendeeDto[], ctx: PostingContext): Promise<void> {
    if (!awarded.length) return;
    await tx.insert(
      Attendance,
      awarded.map((a) => ({ orgId: raid.orgId, raidId: raid.id, userId: a.userId, characterName: a.characterName, flag: a.flag, points: a.points })),
    );
    await this.ledger.post(
      tx,
      ctx,
      awarded.map((a) => ({ poolId: raid.poolId, userId: a.userId, kind: 'attendance' as const, amount: a.points, characterName: a.characterName, raidId: raid.id, reason: 'Raid attendance' })),
    );
  }

  /**
   * Maps lower-cased names to the user who owned each character when the raid started: the
   * earliest ownership period not yet ended at that time (the first owner for raids older
   * than the character's record).
   */
  private async ownersAtRaidTime(tx: EntityManager, raid: Raid, nameKeys: string[]): Promise<Map<string, OwnedCharacter>> {
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
