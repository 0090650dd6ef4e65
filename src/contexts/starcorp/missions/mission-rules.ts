import { StateMachine } from '../../../platform/domain/state-machine';
import { Problem } from '../../../platform/http/problem';

export const MISSION_TYPES = [
  'combat',
  'exploration',
  'trading',
  'mining',
  'salvage',
  'security',
  'racing',
  'social',
  'other',
] as const;
export type MissionType = (typeof MISSION_TYPES)[number];

export const MISSION_STATUSES = ['draft', 'scheduled', 'in_progress', 'completed', 'cancelled'] as const;
export type MissionStatus = (typeof MISSION_STATUSES)[number];

/** A mission's life: planned in draft, announced when scheduled, flown, then completed; or called off before it starts. */
export const MISSION_LIFECYCLE = new StateMachine<MissionStatus>('mission', {
  draft: ['scheduled', 'cancelled'],
  scheduled: ['in_progress', 'cancelled'],
  in_progress: ['completed'],
  completed: [],
  cancelled: [],
});

/** A mission is edited only before it starts. */
export const EDITABLE_STATUSES: readonly MissionStatus[] = ['draft', 'scheduled'];

export const PARTICIPANT_STATUSES = ['signed_up', 'confirmed', 'declined', 'attended', 'no_show'] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

/** The statuses that hold a seat: counted against `maxParticipants`. */
export const SEATED_STATUSES: readonly ParticipantStatus[] = ['signed_up', 'confirmed', 'attended'];

/**
 * Who may move a participant, and where, per mission status. The member themself only withdraws
 * (to `declined`) before the mission starts, and signs up again with `POST participants`. The
 * runner (an officer or the squadron's commander) confirms or declines sign-ups before and during
 * the mission, takes attendance while it runs (correcting it until it is completed), and after
 * completion still marks the participants left `confirmed` (each attendance then adds its service
 * record); attendance is final once the mission is completed.
 */
const SELF_MOVES: Partial<Record<MissionStatus, Partial<Record<ParticipantStatus, readonly ParticipantStatus[]>>>> = {
  scheduled: { signed_up: ['declined'], confirmed: ['declined'] },
};
const RUNNER_MOVES: Partial<Record<MissionStatus, Partial<Record<ParticipantStatus, readonly ParticipantStatus[]>>>> = {
  scheduled: { signed_up: ['confirmed', 'declined'], confirmed: ['signed_up', 'declined'] },
  in_progress: {
    signed_up: ['confirmed', 'declined'],
    confirmed: ['attended', 'no_show', 'declined'],
    attended: ['no_show'],
    no_show: ['attended'],
  },
  completed: { confirmed: ['attended', 'no_show'] },
};

/** The statuses a participant may move to from `from`, for this actor, while the mission is in `mission`. */
export function participantMoves(
  mission: MissionStatus,
  from: ParticipantStatus,
  actor: { isSelf: boolean; isRunner: boolean },
): ParticipantStatus[] {
  const moves = new Set<ParticipantStatus>();
  if (actor.isSelf) SELF_MOVES[mission]?.[from]?.forEach((s) => moves.add(s));
  if (actor.isRunner) RUNNER_MOVES[mission]?.[from]?.forEach((s) => moves.add(s));
  return [...moves];
}

/**
 * Throws unless the actor may move the participant: 403 when no move at all is theirs to make on
 * someone else's sign-up, else 409 `invalid-transition` with the participant's `currentState`.
 */
export function assertParticipantMove(
  mission: MissionStatus,
  from: ParticipantStatus,
  to: ParticipantStatus,
  actor: { isSelf: boolean; isRunner: boolean },
): void {
  if (!actor.isSelf && !actor.isRunner) {
    throw Problem.forbidden("Only the mission's runner (an officer or the squadron's commander) moves other sign-ups");
  }
  if (!participantMoves(mission, from, actor).includes(to)) {
    throw new Problem(409, `The participant is ${from} on a ${mission} mission; it cannot become ${to}`, {
      slug: 'invalid-transition',
      extensions: { currentState: from, attemptedState: to, missionStatus: mission },
    });
  }
}

/** What a sign-up is decided on, read under the mission's row lock. */
export interface MissionSeat {
  status: MissionStatus;
  maxParticipants: number | null;
  /** Seats held now (signed up, confirmed, attended). */
  seated: number;
}

/** Sign-ups are open while the mission is scheduled: else 409 `mission-not-open`, or null. */
export function notOpenRefusal(status: MissionStatus): Problem | null {
  if (status === 'scheduled') return null;
  return Problem.conflict(`The mission is ${status}; sign-ups are open while it is scheduled`, 'mission-not-open', {
    currentState: status,
  });
}

/** A seat is free unless `maxParticipants` are seated: else 409 `mission-full`, or null. */
export function fullRefusal(maxParticipants: number | null, seated: number): Problem | null {
  if (maxParticipants === null || seated < maxParticipants) return null;
  return Problem.conflict(`The mission is full (${maxParticipants} participants)`, 'mission-full', {
    maxParticipants,
  });
}

/** Why a member cannot take a seat, or null: the mission must be scheduled and have a free seat. */
export function signUpRefusal(mission: MissionSeat): Problem | null {
  return notOpenRefusal(mission.status) ?? fullRefusal(mission.maxParticipants, mission.seated);
}

/** The hull facts a sign-up with a ship is decided on. */
export interface HullForMission {
  id: string;
  ownerUserId: string;
  shipId: string;
  /** Flagged available, active and inside its window at the mission's time (fleet `isAvailableAt`). */
  availableAtMission: boolean;
}

export type ShipRefusalReason = 'required' | 'not-yours' | 'not-available' | 'not-required-model';

/**
 * Why the sign-up's ship (or the lack of one) does not fit, or null. A mission that requires ships
 * needs a hull of one of those models; any hull must be the member's own and available then.
 */
export function shipRefusal(
  requiredShipIds: readonly string[],
  userId: string,
  hull: HullForMission | null,
): ShipRefusalReason | null {
  if (!hull) return requiredShipIds.length > 0 ? 'required' : null;
  if (hull.ownerUserId !== userId) return 'not-yours';
  if (!hull.availableAtMission) return 'not-available';
  if (requiredShipIds.length > 0 && !requiredShipIds.includes(hull.shipId)) return 'not-required-model';
  return null;
}

const SHIP_REFUSALS: Record<ShipRefusalReason, string> = {
  required: 'The mission requires one of its ships: sign up with a hull of one of them',
  'not-yours': 'The hull is not yours',
  'not-available': 'The hull is not available for missions at the mission time (active, flagged, in its window)',
  'not-required-model': 'The hull is not one of the ships the mission requires',
};

export function shipRefusalProblem(reason: ShipRefusalReason, fleetShipId: string | null): Problem {
  return Problem.conflict(SHIP_REFUSALS[reason], 'mission-ship-unavailable', { reason, fleetShipId });
}

/** Who runs a mission: officers (and bots acting for the org), and the commander of its squadron. */
export function mayRunMission(actor: { isOfficer: boolean; userId: string | null; isCommander: boolean }): boolean {
  return actor.isOfficer || actor.userId === null || actor.isCommander;
}
