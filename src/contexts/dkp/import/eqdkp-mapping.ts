import type {
  BulkAdjustment,
  BulkAttendance,
  BulkEvent,
  BulkGuild,
  BulkItem,
  BulkLoot,
  BulkPool,
  BulkRaid,
  Key,
} from '../bulk/bulk-guild';
import { eqdkpAesKey } from './eqdkp-crypto';
import { mapPeople, type People } from './eqdkp-people';
import { addAttendeeFigures, eqdkpFigures, groupBy, type MemberFigures } from './eqdkp-points';
import type { EqAttendee, EqdkpData } from './eqdkp-source';
import { cleanText } from './eqdkp-text';
import type { ImportTally } from './import-report';

/**
 * EQdkp rows onto the bulk loader's guild. Pools come from the event (raids, adjustments) and
 * from the itempool (loot), never from the raid: an event in two pools becomes one QM event and
 * one QM raid per pool; an event or itempool in no pool lands in an extra pool "outside every
 * pool", so that nothing is lost while the real pools keep EQdkp's figures exactly.
 * Points QM keeps once per (raid, user), EQdkp credits per attendee row: the further rows of a
 * user in a raid become extra earned ledger entries ("extras").
 */

export const NO_POOL: Key = 'p:none';

/** A ledger row beside those the bulk loader writes. */
export interface ExtraLedger {
  kind: 'attendance' | 'loot';
  bucket: 'earned' | 'spent';
  userKey: Key;
  poolKey: Key;
  raidKey: Key | null;
  lootKey: Key | null;
  /** Signed, as it moves the balance. */
  amount: string;
  characterName: string | null;
  reason: string;
  createdAt: Date;
}

export interface ExpectedFigures {
  userKey: Key;
  poolKey: Key;
  earned: number;
  spent: number;
  adjusted: number;
}

export interface EqdkpMapping {
  guild: BulkGuild;
  extras: ExtraLedger[];
  /** EQdkp's own figures (cents) per user and real pool, for the check after loading (complete after the last attendee page). */
  expected: ExpectedFigures[];
  /**
   * Maps one page of attendee rows (whole raids, see `attendeePages`): attendance entries returned,
   * extra earned entries appended to `extras`, EQdkp's figures and `expected` updated.
   */
  attendancePage(rows: EqAttendee[]): BulkAttendance[];
  /** The QM pools EQdkp has figures for (the "outside every pool" pool is not one of them). */
  checkedPools: Set<Key>;
  people: People;
  /** Catalog item key -> the game ids seen under that name. */
  gameIds: Map<Key, Set<string>>;
}

export interface MappingOptions {
  encryptionKey?: string;
  /** Pool name overrides: EQdkp pool id (or `none`) -> QM pool name. Equal names merge pools. */
  poolNames?: Map<string, string>;
}

interface Ctx {
  data: EqdkpData;
  tally: ImportTally;
  people: People;
  poolKeyOf: Map<number, Key>;
  pools: BulkPool[];
  poolsOfEvent: Map<number, Key[]>;
  raidKeys: Map<number, Map<Key, Key>>;
  poolNames: Map<string, string>;
  /** EQdkp's figures per member id; attendee pages add to them. */
  figures: MemberFigures;
  /** Attendee rows mapped so far (their report ids count on). */
  attendeeRows: number;
}

export function mapEqdkp(data: EqdkpData, options: MappingOptions, tally: ImportTally): EqdkpMapping {
  const key = options.encryptionKey ? eqdkpAesKey(options.encryptionKey) : null;
  if (!key) tally.notes.push('no --encryption-key: e-mail addresses and Discord ids were left empty');
  for (const [table, why] of [
    ['config', 'installation setting, not guild data'],
    ['member_profilefields', 'field definitions; class and level come from each member profile'],
    ['member_points', 'point snapshot cache; points are recomputed from raids, loot and adjustments'],
  ] as const) {
    for (let i = 0; i < (data.counts[table] ?? 0); i++) tally.skipped(table, i, why);
  }
  const people = mapPeople(data, key, tally);
  const ctx: Ctx = {
    data,
    tally,
    people,
    poolKeyOf: new Map(),
    pools: [],
    poolsOfEvent: new Map(),
    raidKeys: new Map(),
    poolNames: options.poolNames ?? new Map(),
    figures: eqdkpFigures(data),
    attendeeRows: 0,
  };
  mapPools(ctx);
  const events = mapEvents(ctx);
  const raids = mapRaids(ctx, events);
  const extras: ExtraLedger[] = [];
  const attendance = mapAttendance(ctx, data.attendees, extras);
  const { items, loot, gameIds } = mapLoot(ctx, extras);
  const adjustments = mapAdjustments(ctx);
  const { users, ranks, characters } = people;
  const guild: BulkGuild = {
    users,
    ranks,
    pools: ctx.pools,
    events,
    items,
    characters,
    raids,
    attendance,
    loot,
    adjustments,
  };
  const checkedPools = new Set(ctx.poolKeyOf.values());
  const mapping: EqdkpMapping = {
    guild,
    extras,
    expected: expectedFigures(ctx),
    checkedPools,
    people,
    gameIds,
    attendancePage: (rows) => {
      addAttendeeFigures(ctx.figures, data, rows);
      mapping.expected = expectedFigures(ctx);
      return mapAttendance(ctx, rows, extras);
    },
  };
  return mapping;
}

function poolOutsideEveryPool(ctx: Ctx): Key {
  if (!ctx.pools.some((pool) => pool.key === NO_POOL)) {
    const name = ctx.poolNames.get('none') ?? 'EQdkp: outside every pool';
    const description = 'Rows EQdkp counted in no pool (event or itempool in no pool), kept for the record';
    ctx.pools.push({ key: NO_POOL, name, description });
  }
  return NO_POOL;
}

function mapPools(ctx: Ctx): void {
  const byName = new Map<string, Key>();
  for (const pool of ctx.data.pools) {
    const name = (ctx.poolNames.get(String(pool.id)) ?? cleanText(pool.name)).slice(0, 64) || `Pool ${pool.id}`;
    const existing = byName.get(name.toLowerCase());
    if (existing) {
      ctx.poolKeyOf.set(pool.id, existing);
      ctx.tally.merged('multidkp', pool.id, String(existing), `--pools maps it onto "${name}"`);
      continue;
    }
    const key: Key = `p:${pool.id}`;
    byName.set(name.toLowerCase(), key);
    ctx.poolKeyOf.set(pool.id, key);
    ctx.pools.push({ key, name, description: cleanText(pool.description) });
    ctx.tally.imported('multidkp');
  }
  for (const row of ctx.data.poolEvents) {
    const id = `${row.poolId}/${row.eventId}`;
    const poolKey = ctx.poolKeyOf.get(row.poolId);
    if (!poolKey) ctx.tally.skipped('multidkp2event', id, 'the pool does not exist');
    else ctx.tally.merged('multidkp2event', id, `event ${row.eventId} in ${String(poolKey)}`, 'event -> pool link');
  }
  const known = (ids: number[]) => [...new Set(ids.flatMap((id) => ctx.poolKeyOf.get(id) ?? []))];
  for (const [eventId, poolIds] of groupBy(
    ctx.data.poolEvents,
    (r) => r.eventId,
    (r) => r.poolId,
  )) {
    ctx.poolsOfEvent.set(eventId, known(poolIds));
  }
  for (const row of ctx.data.poolItempools) {
    const id = `${row.poolId}/${row.itempoolId}`;
    if (!ctx.poolKeyOf.has(row.poolId)) ctx.tally.skipped('multidkp2itempool', id, 'the pool does not exist');
    else ctx.tally.merged('multidkp2itempool', id, `loot pool of itempool ${row.itempoolId}`, 'itempool -> pool');
  }
  for (const pool of ctx.data.itempools) {
    ctx.tally.merged('itempool', pool.id, 'the pool of each loot row', 'itempools decide which pool loot charges');
  }
}

/** The QM pools of an EQdkp event: its pools, or the pool outside every pool. */
function poolsOf(ctx: Ctx, eventId: number): Key[] {
  const pools = ctx.poolsOfEvent.get(eventId);
  return pools?.length ? pools : [poolOutsideEveryPool(ctx)];
}

const eventKey = (eventId: number, poolKey: Key): Key => `e:${eventId}:${String(poolKey)}`;

/** One QM event per (event, pool); the first pool's keeps the plain name. */
function mapEvents(ctx: Ctx): BulkEvent[] {
  const events: BulkEvent[] = [];
  const poolName = new Map(ctx.pools.map((p) => [p.key, p.name]));
  const taken = new Set<string>();
  for (const event of ctx.data.events) {
    const cleaned = cleanText(event.name) || `Event ${event.id}`;
    poolsOf(ctx, event.id).forEach((poolKey, i) => {
      let name = (i === 0 ? cleaned : `${cleaned} (${poolName.get(poolKey) ?? String(poolKey)})`).slice(0, 100);
      if (taken.has(name.toLowerCase())) name = `${name.slice(0, 88)} (EQdkp #${event.id})`;
      taken.add(name.toLowerCase());
      events.push({ key: eventKey(event.id, poolKey), name, poolKey, defaultPoints: event.value });
    });
    ctx.tally.imported('events');
  }
  return events;
}

function mapRaids(ctx: Ctx, events: BulkEvent[]): BulkRaid[] {
  const known = new Set(events.map((e) => e.key));
  const raids: BulkRaid[] = [];
  for (const raid of ctx.data.raids) {
    const keys = new Map<Key, Key>();
    for (const poolKey of poolsOf(ctx, raid.eventId)) {
      const evKey = eventKey(raid.eventId, poolKey);
      if (!known.has(evKey)) {
        // The raid's event was deleted: a stand-in event keeps the raid.
        known.add(evKey);
        events.push({ key: evKey, name: `EQdkp event #${raid.eventId}`, poolKey, defaultPoints: '0.00' });
        ctx.tally.notes.push(`raid ${raid.id} names missing event ${raid.eventId}: stand-in event created`);
      }
      const key: Key = `r:${raid.id}:${String(poolKey)}`;
      keys.set(poolKey, key);
      raids.push({
        key,
        eventKey: evKey,
        poolKey,
        startsAt: new Date(raid.date * 1000),
        notes: cleanText(raid.note),
        value: raid.value,
      });
    }
    ctx.raidKeys.set(raid.id, keys);
    ctx.tally.imported('raids');
  }
  return raids;
}

function characterNameOf(ctx: Ctx, memberId: number): string | null {
  return ctx.people.nameOfMember.get(memberId) ?? null;
}

/** Attendance once per (raid, user); every further row of that user is an extra earned entry. */
function mapAttendance(ctx: Ctx, rows: EqAttendee[], extras: ExtraLedger[]): BulkAttendance[] {
  const raids = new Map(ctx.data.raids.map((raid) => [raid.id, raid]));
  const seen = new Set<string>();
  const out: BulkAttendance[] = [];
  rows.forEach((row) => {
    const id = `${row.raidId}/${row.memberId}#${ctx.attendeeRows++}`;
    const raid = raids.get(row.raidId);
    if (!raid) return ctx.tally.skipped('raid_attendees', id, 'the raid no longer exists: EQdkp credits nothing');
    const userKey = ctx.people.userOfMember.get(row.memberId)!;
    const characterName = characterNameOf(ctx, row.memberId) ?? `EQdkp member #${row.memberId}`;
    let merged = false;
    for (const [poolKey, raidKey] of ctx.raidKeys.get(raid.id)!) {
      const once = `${String(raidKey)}|${String(userKey)}`;
      if (!seen.has(once)) {
        seen.add(once);
        out.push({ raidKey, userKey, characterName, points: raid.value });
        continue;
      }
      merged = true;
      const reason = `EQdkp credited this attendee row too (EQdkp raid #${raid.id}, member #${row.memberId})`;
      extras.push({ kind: 'attendance', bucket: 'earned', userKey, poolKey, raidKey, lootKey: null, amount: raid.value, characterName, reason, createdAt: new Date(raid.date * 1000) }); // prettier-ignore
    }
    if (merged) {
      ctx.tally.merged(
        'raid_attendees',
        id,
        `attendance of ${String(userKey)}`,
        'same user twice in the raid: extra earned entry',
      );
    } else ctx.tally.imported('raid_attendees');
  });
  return out;
}

/** Loot charged through its itempool's pools; the first pool holds the loot row, others an extra debit. */
function mapLoot(
  ctx: Ctx,
  extras: ExtraLedger[],
): { items: BulkItem[]; loot: BulkLoot[]; gameIds: Map<Key, Set<string>> } {
  const poolsOfItempool = groupBy(
    ctx.data.poolItempools,
    (r) => r.itempoolId,
    (r) => ctx.poolKeyOf.get(r.poolId),
  );
  const items = new Map<Key, BulkItem>();
  const gameIds = new Map<Key, Set<string>>();
  const loot: BulkLoot[] = [];
  for (const row of ctx.data.items) {
    const name = (cleanText(row.name) || `EQdkp item #${row.id}`).slice(0, 120);
    const itemKey: Key = name.toLowerCase();
    if (!items.has(itemKey)) items.set(itemKey, { key: itemKey, name });
    if (row.gameItemId) (gameIds.get(itemKey) ?? gameIds.set(itemKey, new Set()).get(itemKey)!).add(row.gameItemId);
    const known = [...new Set((poolsOfItempool.get(row.itempoolId) ?? []).filter((k): k is Key => k != null))];
    const pools = known.length ? known : [poolOutsideEveryPool(ctx)];
    const userKey = ctx.people.userOfMember.get(row.memberId)!;
    const characterName = characterNameOf(ctx, row.memberId);
    const raidKeys = ctx.raidKeys.get(row.raidId);
    const raidKeyIn = (poolKey: Key) => (raidKeys ? (raidKeys.get(poolKey) ?? [...raidKeys.values()][0]) : null);
    const createdAt = new Date(row.date * 1000);
    loot.push({ key: row.id, itemKey, userKey, poolKey: pools[0], raidKey: raidKeyIn(pools[0]), characterName, amount: row.value, createdAt }); // prettier-ignore
    for (const poolKey of pools.slice(1)) {
      const amount = (-Number(row.value)).toFixed(2);
      const reason = `Loot (EQdkp item #${row.id}; itempool ${row.itempoolId} is in several pools)`;
      extras.push({ kind: 'loot', bucket: 'spent', userKey, poolKey, raidKey: raidKeyIn(poolKey), lootKey: row.id, amount, characterName, reason, createdAt }); // prettier-ignore
    }
    if (!raidKeys) ctx.tally.notes.push(`item ${row.id}: raid ${row.raidId} no longer exists; imported without a raid`);
    ctx.tally.imported('items');
  }
  return { items: [...items.values()], loot, gameIds };
}

/** One ledger adjustment per pool of the adjustment's event (event '0' or in no pool: outside every pool). */
function mapAdjustments(ctx: Ctx): BulkAdjustment[] {
  const out: BulkAdjustment[] = [];
  const events = new Set(ctx.data.events.map((e) => e.id));
  for (const row of ctx.data.adjustments) {
    const eventId = /^\d+$/.test(row.eventId.trim()) ? Number(row.eventId) : NaN;
    const pools = events.has(eventId) || ctx.poolsOfEvent.has(eventId) ? poolsOf(ctx, eventId) : [poolOutsideEveryPool(ctx)]; // prettier-ignore
    const origin = [
      `EQdkp adjustment #${row.id}`,
      `event ${row.eventId || "''"}`,
      row.groupKey ? `group ${row.groupKey}` : '',
      row.raidId ? `raid #${row.raidId}` : '',
      row.addedBy ? `by ${cleanText(row.addedBy)}` : '',
    ].filter(Boolean);
    const reason = `${cleanText(row.reason)} [${origin.join('; ')}]`.slice(0, 500);
    const characterName = characterNameOf(ctx, row.memberId);
    const userKey = ctx.people.userOfMember.get(row.memberId)!;
    for (const poolKey of pools) {
      out.push({ userKey, poolKey, amount: row.value, reason, createdAt: new Date(row.date * 1000), characterName });
    }
    ctx.tally.imported('adjustments');
  }
  return out;
}

/** EQdkp's figures per (user, QM pool): the sum over the user's member ids. */
function expectedFigures(ctx: Ctx): ExpectedFigures[] {
  const out = new Map<string, ExpectedFigures>();
  for (const [memberId, byPool] of ctx.figures) {
    const userKey = ctx.people.userOfMember.get(memberId)!;
    for (const [poolId, f] of byPool) {
      const poolKey = ctx.poolKeyOf.get(poolId);
      if (!poolKey) continue;
      const id = `${String(userKey)}|${String(poolKey)}`;
      const sum = out.get(id) ?? out.set(id, { userKey, poolKey, earned: 0, spent: 0, adjusted: 0 }).get(id)!;
      sum.earned += f.earned;
      sum.spent += f.spent;
      sum.adjusted += f.adjusted;
    }
  }
  return [...out.values()];
}
