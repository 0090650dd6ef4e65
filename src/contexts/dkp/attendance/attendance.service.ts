import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UsersService } from '../../../platform/auth/users/users.service';
import { CursorPageQueryDto } from '../../../platform/http/page-query.dto';
import { keysetPage, Page } from '../../../platform/http/pagination';
import { Problem } from '../../../platform/http/problem';
import { fromCents, toCents } from '../common/cents';
import { points } from '../common/points';
import { LedgerService, PostingContext } from '../points/ledger.service';
import { PoolsService } from '../pools/pools.service';
import { Raid } from '../raids/raid.entity';
import { RaidsRepository } from '../raids/raids.repository';
import { Attendee, tallyAttendance } from './attendance-tally';
import { AwardValue, chooseAwardValue } from './award-value';
import { AttendanceRepository } from './attendance.repository';
import {
  AttendanceDto,
  AttendanceResultDto,
  AwardedAttendeeDto,
  ImportAttendanceDto,
  ImportResultDto,
} from './dto/attendance.dto';
import { parseAttendance, unparsedCharacterLines } from './parsing/parse-attendance';

@Injectable()
export class AttendanceService {
  constructor(
    private readonly attendance: AttendanceRepository,
    private readonly raids: RaidsRepository,
    private readonly pools: PoolsService,
    private readonly ledger: LedgerService,
    private readonly users: UsersService,
  ) {}

  /** The raid's attendees by character name, keyset-paged; usernames come from the platform in one call. */
  async list(orgId: string, raidId: string, q: CursorPageQueryDto): Promise<Page<AttendanceDto>> {
    await this.raids.load(orgId, raidId);
    const rows = await this.attendance.listForRaid(orgId, raidId, q);
    const users = await this.users.summariesOf([...new Set(rows.map((r) => r.userId))]);
    return keysetPage(
      rows,
      q.limit,
      (r) => [r.characterName, r.id],
      (r) => ({
        userId: r.userId,
        username: users.get(r.userId)?.username ?? '',
        characterName: r.characterName,
        flag: r.flag,
        points: points(r.points),
        createdAt: r.createdAt,
      }),
    );
  }

  /**
   * Credits the owners of the named characters for the raid (see `tallyAttendance`) at the value
   * `chooseAwardValue` picks: the raid's, else the RaidTick file's Points column (`filePoints`),
   * which then becomes the raid's value. The raid row is locked, so two imports for one raid run
   * one after the other; a dry run locks and writes nothing.
   */
  record(
    posting: PostingContext,
    raidId: string,
    attendees: Attendee[],
    dryRun: boolean,
    filePoints: string[] = [],
  ): Promise<AttendanceResultDto> {
    return this.attendance.transaction(async (tx) => {
      const raid = await this.raids.load(posting.orgId, raidId, { tx, lock: !dryRun });
      const award = payable(chooseAwardValue(raid.value, filePoints));
      const pool = await this.pools.get(raid.orgId, raid.poolId, tx);
      const owners = await this.attendance.ownersAtRaidTime(
        tx,
        raid,
        attendees.map((a) => a.name.toLowerCase()),
      );
      const credited = await this.attendance.creditedUserIds(tx, raid.id);
      const tally = tallyAttendance(attendees, owners, credited, { ...pool, value: award.value });
      if (!dryRun) {
        if (award.source === 'raidtick') await this.raids.setValue(tx, raid.id, award.value);
        await this.write(tx, posting, raid, tally.awarded);
      }
      return { raidId: raid.id, dryRun, value: award.value, valueSource: award.source, ...tally };
    });
  }

  /** Parses raw text (raid dump, /who log, RaidTick, names) and records it like `record`. */
  async import(
    posting: PostingContext,
    raidId: string,
    dto: ImportAttendanceDto,
    dryRun: boolean,
  ): Promise<ImportResultDto> {
    const parsed = parseAttendance(dto.text, dto.format);
    if (!parsed.attendees.length) {
      throw new Problem(422, `No character names found in the text (read as ${parsed.format})`, {
        slug: 'no-attendees',
        extensions: {
          format: parsed.format,
          skipped: parsed.skipped.slice(0, 50),
          unparsedCharacterLines: unparsedCharacterLines(parsed.skipped).length,
        },
      });
    }
    const attendees = parsed.attendees.map((a) => ({ name: a.name, flag: dto.flag }));
    const result = await this.record(posting, raidId, attendees, dryRun, parsed.filePoints);
    const unparsed = unparsedCharacterLines(parsed.skipped);
    return {
      ...result,
      format: parsed.format,
      filePoints: parsed.filePoints,
      skipped: parsed.skipped,
      unparsedCharacterLines: unparsed.length,
      unparsedCharacterLineList: unparsed,
    };
  }

  /** Takes a user off a raid: the attendance row goes and a correction entry reverses the points. */
  async remove(posting: PostingContext, raidId: string, userId: string): Promise<void> {
    await this.attendance.transaction(async (tx) => {
      const raid = await this.raids.load(posting.orgId, raidId, { tx, lock: true });
      const attendance = await this.attendance.findOne(tx, raid.id, userId);
      if (!attendance) throw Problem.notFound('Attendance');
      const correctsId = await this.ledger.entryToCorrect(tx, { kind: 'attendance', raidId: raid.id, userId });
      await this.attendance.delete(tx, attendance.id);
      await this.ledger.post(tx, posting, [
        {
          poolId: raid.poolId,
          userId,
          kind: 'correction',
          bucket: 'earned',
          amount: fromCents(-toCents(attendance.points)),
          characterName: attendance.characterName,
          reason: `Removed from raid of ${raid.startsAt.toISOString().slice(0, 10)}`,
          raidId: raid.id,
          correctsId,
        },
      ]);
    });
  }

  private async write(
    tx: EntityManager,
    posting: PostingContext,
    raid: Raid,
    awarded: AwardedAttendeeDto[],
  ): Promise<void> {
    if (!awarded.length) return;
    await this.attendance.insert(
      tx,
      awarded.map((a) => ({
        orgId: raid.orgId,
        raidId: raid.id,
        userId: a.userId,
        characterName: a.characterName,
        flag: a.flag,
        points: a.points,
      })),
    );
    await this.ledger.post(
      tx,
      posting,
      awarded.map((a) => ({
        poolId: raid.poolId,
        userId: a.userId,
        kind: 'attendance' as const,
        amount: a.points,
        characterName: a.characterName,
        raidId: raid.id,
        reason: 'Raid attendance',
      })),
    );
  }
}

/** The value to pay, or the 422 that says why there is none (nothing is written). */
function payable(award: AwardValue): Extract<AwardValue, { ok: true }> {
  if (award.ok) return award;
  if (award.reason === 'points_differ') {
    throw new Problem(
      422,
      `The RaidTick ticks carry different points (${award.filePoints.join(', ')}): set the raid's value`,
      {
        slug: 'raidtick-points-differ',
        extensions: { filePoints: award.filePoints },
      },
    );
  }
  throw new Problem(
    422,
    "The raid has no value: set one (PATCH the raid's value) or import a RaidTick file with a Points column",
    { slug: 'raid-value-missing' },
  );
}
