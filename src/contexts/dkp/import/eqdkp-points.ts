import type { EqAttendee, EqdkpData } from './eqdkp-source';

/**
 * EQdkp Plus' own point rule (`pdh_r_points`, no decay): per member id (orphans included) and
 * pool, earned from attendee rows of existing raids whose event is in the pool (duplicated rows
 * count twice), spent from items whose itempool is in the pool (the raid plays no part),
 * adjustments whose event id is in the pool. In cents.
 */
export interface Figures {
  earned: number;
  spent: number;
  adjusted: number;
}

export type MemberFigures = Map<number, Map<number, Figures>>;

const cents = (amount: string): number => Math.round(Number(amount) * 100);

export function eqdkpFigures(data: EqdkpData): MemberFigures {
  const poolsOfEvent = groupBy(
    data.poolEvents,
    (r) => r.eventId,
    (r) => r.poolId,
  );
  const poolsOfItempool = groupBy(
    data.poolItempools,
    (r) => r.itempoolId,
    (r) => r.poolId,
  );
  const out: MemberFigures = new Map();
  const add = adder(out);
  addAttendeeFigures(out, data, data.attendees);
  for (const item of data.items) add(item.memberId, poolsOfItempool.get(item.itempoolId), 'spent', cents(item.value));
  for (const adj of data.adjustments) {
    const eventId = /^\d+$/.test(adj.eventId.trim()) ? Number(adj.eventId) : NaN;
    add(adj.memberId, poolsOfEvent.get(eventId), 'adjusted', cents(adj.value));
  }
  return out;
}

function adder(out: MemberFigures) {
  return (memberId: number, pools: number[] | undefined, field: keyof Figures, amount: number) => {
    for (const poolId of pools ?? []) {
      const byPool = out.get(memberId) ?? out.set(memberId, new Map()).get(memberId)!;
      const figures = byPool.get(poolId) ?? byPool.set(poolId, { earned: 0, spent: 0, adjusted: 0 }).get(poolId)!;
      figures[field] += amount;
    }
  };
}

/** Adds the earned figures of some attendee rows (a page of them) to `out`. */
export function addAttendeeFigures(out: MemberFigures, data: EqdkpData, rows: EqAttendee[]): void {
  const poolsOfEvent = groupBy(
    data.poolEvents,
    (r) => r.eventId,
    (r) => r.poolId,
  );
  const raids = new Map(data.raids.map((raid) => [raid.id, raid]));
  const add = adder(out);
  for (const row of rows) {
    const raid = raids.get(row.raidId);
    if (raid) add(row.memberId, poolsOfEvent.get(raid.eventId), 'earned', cents(raid.value));
  }
}

export function groupBy<T, K, V>(rows: T[], key: (row: T) => K, value: (row: T) => V): Map<K, V[]> {
  const map = new Map<K, V[]>();
  for (const row of rows) {
    const list = map.get(key(row));
    if (list) list.push(value(row));
    else map.set(key(row), [value(row)]);
  }
  return map;
}
