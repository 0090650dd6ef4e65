import { fromUnits, multiply, toUnits } from '../../../../platform/domain/decimal';
import { invalidTransition, StateMachine } from '../../../../platform/domain/state-machine';
import { Problem } from '../../../../platform/http/problem';
import { tierAtLeast, type Tier } from '../../../../platform/tenancy/tiers';

export const FUEL_ORDER_STATUSES = [
  'requested',
  'dispatched',
  'acknowledged',
  'en_route',
  'fueling',
  'completed',
  'reviewed',
  'cancelled',
] as const;
export type FuelOrderStatus = (typeof FUEL_ORDER_STATUSES)[number];

export const FUEL_ORDER_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type FuelOrderPriority = (typeof FUEL_ORDER_PRIORITIES)[number];

export const CHARGE_FLAGS = ['additive', 'after_hours', 'callout'] as const;
export type ChargeFlag = (typeof CHARGE_FLAGS)[number];

/** Gallons and meters to the hundredth (numeric(12,2)); densities in lb/gal to the thousandth; pounds to the hundredth. */
export const GALLONS_SCALE = 2;
export const DENSITY_SCALE = 3;
export const POUNDS_SCALE = 2;

/**
 * The typed lifecycle (the seed's free-text `progress` is gone): dispatching assigns a fueler, the
 * fueler acknowledges, drives out, fuels and completes; a dispatcher reviews. Anything before fueling
 * can be cancelled; once fuel flows the order must complete.
 */
export const FUEL_ORDER_MACHINE = new StateMachine<FuelOrderStatus>('fuel order', {
  requested: ['dispatched', 'cancelled'],
  dispatched: ['acknowledged', 'cancelled'],
  acknowledged: ['en_route', 'cancelled'],
  en_route: ['fueling', 'cancelled'],
  fueling: ['completed'],
  completed: ['reviewed'],
  reviewed: [],
  cancelled: [],
});

/** The states in which the truck and the fuelers are out with the order (one such order each at a time). */
export const BUSY_STATUSES: readonly FuelOrderStatus[] = ['en_route', 'fueling'];

/** Orders that can still be edited and (re)assigned: everything before fuel flows. */
export const OPEN_STATUSES: readonly FuelOrderStatus[] = ['requested', 'dispatched', 'acknowledged', 'en_route'];

/** The outbox event of reaching a state, where there is one. */
export const FUEL_ORDER_EVENTS: Partial<Record<FuelOrderStatus, string>> = {
  dispatched: 'fbo.fuel_order.dispatched',
  completed: 'fbo.fuel_order.completed',
  reviewed: 'fbo.fuel_order.reviewed',
  cancelled: 'fbo.fuel_order.cancelled',
};

/** The column stamping when the order reached a state (`dispatchedAt`, ...). */
export const STATE_TIME: Record<Exclude<FuelOrderStatus, 'requested'>, string> = {
  dispatched: 'dispatchedAt',
  acknowledged: 'acknowledgedAt',
  en_route: 'enRouteAt',
  fueling: 'fuelingAt',
  completed: 'completedAt',
  reviewed: 'reviewedAt',
  cancelled: 'cancelledAt',
};

/** Gallons pumped: meter end minus meter start; 400 naming `meterEnd` (or a missing meter). */
export function meteredGallons(meterStart: string | null, meterEnd: string | null): string {
  const missing = [
    ...(meterStart === null ? [{ path: 'meterStart', message: 'meterStart is needed to complete the order' }] : []),
    ...(meterEnd === null ? [{ path: 'meterEnd', message: 'meterEnd is needed to complete the order' }] : []),
  ];
  if (missing.length) throw Problem.validation(missing);
  const gallons = toUnits(meterEnd!, GALLONS_SCALE) - toUnits(meterStart!, GALLONS_SCALE);
  if (gallons < 0n) throw Problem.validation([{ path: 'meterEnd', message: 'meterEnd must not be below meterStart' }]);
  return fromUnits(gallons, GALLONS_SCALE);
}

/** Pounds = gallons × density (lb/gal), exact, rounded half away from zero to the hundredth. */
export function poundsOf(gallons: string, density: string): string {
  return fromUnits(
    multiply(
      toUnits(gallons, GALLONS_SCALE),
      GALLONS_SCALE,
      toUnits(density, DENSITY_SCALE),
      DENSITY_SCALE,
      POUNDS_SCALE,
    ),
    POUNDS_SCALE,
  );
}

/** What an order tracks for acknowledgements: the version of its instructions and the one acknowledged. */
export interface AcknowledgeState {
  status: FuelOrderStatus;
  changeVersion: number;
  acknowledgedVersion: number | null;
}

/** Whether the fueler has acknowledged the order's current instructions. */
export const isAcknowledged = (o: AcknowledgeState): boolean => o.acknowledgedVersion === o.changeVersion;

/**
 * An edit once the fueler has acknowledged the order changes their instructions: the version goes
 * up and they must acknowledge again before fueling. Before acknowledgement nothing is bumped.
 */
export function versionAfterEdit(o: AcknowledgeState): number {
  return o.acknowledgedVersion === null ? o.changeVersion : o.changeVersion + 1;
}

/**
 * What acknowledging does: a dispatched order becomes acknowledged; an order already acknowledged or
 * en route whose instructions changed stays where it is and records the acknowledgement. Anything
 * else is 409 `invalid-transition`.
 */
export function acknowledgeTarget(o: AcknowledgeState): FuelOrderStatus {
  if (o.status === 'dispatched') return 'acknowledged';
  if ((o.status === 'acknowledged' || o.status === 'en_route') && !isAcknowledged(o)) return o.status;
  throw invalidTransition(FUEL_ORDER_MACHINE.subject, o.status, 'acknowledged');
}

/** Fueling needs the current instructions acknowledged: else 409 `unacknowledged-change`. */
export function assertAcknowledged(o: AcknowledgeState): void {
  if (isAcknowledged(o)) return;
  throw Problem.conflict(
    `The order changed (version ${o.changeVersion}) after it was acknowledged; acknowledge it again before fueling`,
    'unacknowledged-change',
    { changeVersion: o.changeVersion, acknowledgedVersion: o.acknowledgedVersion },
  );
}

/**
 * Who may move an order along (acknowledge, en route, fueling, complete): a fueler assigned to it,
 * or an officer (who supervises the line). Other members, dispatchers included, and bot keys: 403.
 */
export function assertMayMove(
  caller: { userId: string | null; tier: Tier | null },
  assignedUserIds: readonly string[],
): void {
  if (caller.tier && tierAtLeast(caller.tier, 'officer')) return;
  if (caller.userId && assignedUserIds.includes(caller.userId)) return;
  throw Problem.forbidden('Only a fueler assigned to this order, or an officer, may move it');
}
