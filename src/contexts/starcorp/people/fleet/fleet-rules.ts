import { StateMachine } from '../../../../platform/domain/state-machine';

export const FLEET_STATUSES = ['pledged', 'active', 'on_loan', 'sold'] as const;
export type FleetStatus = (typeof FLEET_STATUSES)[number];

/** The statuses a hull may be registered in: loans and sales happen to hulls already listed. */
export const INITIAL_FLEET_STATUSES = ['pledged', 'active'] as const;

export const ACQUIRED_VIA = ['pledge', 'ingame'] as const;
export type AcquiredVia = (typeof ACQUIRED_VIA)[number];

/**
 * A hull's life: a pledge becomes active when it is flyable, active hulls go on loan and come
 * back, and any hull may be sold, which is final (the row stays, for the history).
 */
export const FLEET_SHIP_LIFECYCLE = new StateMachine<FleetStatus>('fleet ship', {
  pledged: ['active', 'sold'],
  active: ['on_loan', 'sold'],
  on_loan: ['active', 'sold'],
  sold: [],
});

/**
 * Whether a hull can be called up for a mission at `at`: flagged available, flyable now (active),
 * and inside its availability window when it has one.
 */
export function isAvailableAt(
  ship: { status: FleetStatus; availableForMissions: boolean; availableFrom: Date | null; availableUntil: Date | null },
  at: Date,
): boolean {
  return (
    ship.availableForMissions &&
    ship.status === 'active' &&
    (!ship.availableFrom || ship.availableFrom <= at) &&
    (!ship.availableUntil || ship.availableUntil >= at)
  );
}

/** Members manage their own hulls; officers (and bots, which act for the org) manage any. */
export function mayManageHull(actor: { userId: string | null; isOfficer: boolean }, ownerUserId: string): boolean {
  return actor.isOfficer || actor.userId === null || actor.userId === ownerUserId;
}
