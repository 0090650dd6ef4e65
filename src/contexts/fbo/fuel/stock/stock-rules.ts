import { fromUnits, toUnits } from '../../../../platform/domain/decimal';
import { GALLONS_SCALE } from '../common/fuel-units';

const gal = (value: string) => toUnits(value, GALLONS_SCALE);
const show = (units: bigint) => fromUnits(units, GALLONS_SCALE);

/** Where a movement takes fuel from and puts it (either may be outside the farm: a supplier, an aircraft). */
export interface MovementFlow {
  fromHolderId: string | null;
  toHolderId: string | null;
  gallons: string;
}

/** A holder's stock before the movement, and what it can hold (null: no stated capacity). */
export interface HolderBalance {
  holderId: string;
  gallons: string;
  capacityGallons: string | null;
}

export type StockVerdict =
  | { ok: true; after: Map<string, string> }
  | { ok: false; reason: 'insufficient'; holderId: string; available: string }
  | { ok: false; reason: 'capacity'; holderId: string; room: string };

/**
 * What each holder holds after the movement, or why it cannot happen: the source would go below
 * zero, or the destination above its capacity. Exact units throughout.
 */
export function applyFlow(flow: MovementFlow, balances: HolderBalance[]): StockVerdict {
  const byId = new Map(balances.map((b) => [b.holderId, b]));
  const moved = gal(flow.gallons);
  const after = new Map(balances.map((b) => [b.holderId, gal(b.gallons)]));
  if (flow.fromHolderId) {
    const available = after.get(flow.fromHolderId) ?? 0n;
    if (available < moved)
      return { ok: false, reason: 'insufficient', holderId: flow.fromHolderId, available: show(available) };
    after.set(flow.fromHolderId, available - moved);
  }
  if (flow.toHolderId) {
    const held = after.get(flow.toHolderId) ?? 0n;
    const capacity = byId.get(flow.toHolderId)?.capacityGallons;
    if (capacity !== null && capacity !== undefined && held + moved > gal(capacity))
      return { ok: false, reason: 'capacity', holderId: flow.toHolderId, room: show(gal(capacity) - held) };
    after.set(flow.toHolderId, held + moved);
  }
  return { ok: true, after: new Map([...after].map(([id, units]) => [id, show(units)])) };
}

/**
 * The movement that books a stick reading: measured minus book is the variance; a gain enters
 * the holder, a loss leaves it. Null when the reading agrees with the book.
 */
export function varianceFlow(
  holderId: string,
  bookGallons: string,
  measuredGallons: string,
): (MovementFlow & { variance: string }) | null {
  const variance = gal(measuredGallons) - gal(bookGallons);
  if (variance === 0n) return null;
  const gallons = show(variance < 0n ? -variance : variance);
  return variance > 0n
    ? { fromHolderId: null, toHolderId: holderId, gallons, variance: show(variance) }
    : { fromHolderId: holderId, toHolderId: null, gallons, variance: show(variance) };
}
