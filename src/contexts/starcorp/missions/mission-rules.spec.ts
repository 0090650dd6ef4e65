import type { Problem } from '../../../platform/http/problem';
import {
  assertParticipantMove,
  MISSION_LIFECYCLE,
  mayRunMission,
  participantMoves,
  shipRefusal,
  signUpRefusal,
} from './mission-rules';

const bodyOf = (p: Problem | null) => (p ? (p.getResponse() as Record<string, unknown>) : null);
const thrown = (work: () => void) => {
  try {
    work();
  } catch (e) {
    return bodyOf(e as Problem);
  }
  return null;
};

describe('mission rules', () => {
  it('moves missions draft → scheduled → in_progress → completed, cancelling only before the start', () => {
    expect(MISSION_LIFECYCLE.next('draft')).toEqual(['scheduled', 'cancelled']);
    expect(MISSION_LIFECYCLE.next('scheduled')).toEqual(['in_progress', 'cancelled']);
    expect(MISSION_LIFECYCLE.next('in_progress')).toEqual(['completed']);
    expect(MISSION_LIFECYCLE.isFinal('completed')).toBe(true);
    expect(MISSION_LIFECYCLE.isFinal('cancelled')).toBe(true);
    expect(thrown(() => MISSION_LIFECYCLE.assert('in_progress', 'cancelled'))).toMatchObject({
      slug: 'invalid-transition',
      currentState: 'in_progress',
    });
  });

  it('opens sign-ups while scheduled, up to maxParticipants', () => {
    expect(signUpRefusal({ status: 'scheduled', maxParticipants: 2, seated: 1 })).toBeNull();
    expect(signUpRefusal({ status: 'scheduled', maxParticipants: null, seated: 500 })).toBeNull();
    expect(bodyOf(signUpRefusal({ status: 'scheduled', maxParticipants: 2, seated: 2 }))).toMatchObject({
      slug: 'mission-full',
      maxParticipants: 2,
    });
    for (const status of ['draft', 'in_progress', 'completed', 'cancelled'] as const) {
      expect(bodyOf(signUpRefusal({ status, maxParticipants: null, seated: 0 }))).toMatchObject({
        slug: 'mission-not-open',
        currentState: status,
      });
    }
  });

  it('takes a hull only when it is the member’s own, available then, and of a required model', () => {
    const hull = { id: 'h', ownerUserId: 'u', shipId: 's1', availableAtMission: true };
    expect(shipRefusal([], 'u', null)).toBeNull();
    expect(shipRefusal(['s1'], 'u', null)).toBe('required');
    expect(shipRefusal([], 'u', hull)).toBeNull();
    expect(shipRefusal(['s1', 's2'], 'u', hull)).toBeNull();
    expect(shipRefusal([], 'other', hull)).toBe('not-yours');
    expect(shipRefusal([], 'u', { ...hull, availableAtMission: false })).toBe('not-available');
    expect(shipRefusal(['s2'], 'u', hull)).toBe('not-required-model');
  });

  it('lets members withdraw before the start and runners confirm, decline and take attendance', () => {
    const self = { isSelf: true, isRunner: false };
    const runner = { isSelf: false, isRunner: true };
    expect(participantMoves('scheduled', 'signed_up', self)).toEqual(['declined']);
    expect(participantMoves('in_progress', 'signed_up', self)).toEqual([]);
    expect(participantMoves('scheduled', 'signed_up', runner).sort()).toEqual(['confirmed', 'declined']);
    expect(participantMoves('in_progress', 'confirmed', runner).sort()).toEqual(['attended', 'declined', 'no_show']);
    expect(participantMoves('completed', 'confirmed', runner).sort()).toEqual(['attended', 'no_show']);
    expect(participantMoves('completed', 'attended', runner)).toEqual([]);
    expect(participantMoves('cancelled', 'signed_up', runner)).toEqual([]);
    expect(participantMoves('scheduled', 'declined', { isSelf: true, isRunner: true })).toEqual([]);
    expect(
      thrown(() => assertParticipantMove('scheduled', 'signed_up', 'declined', { isSelf: false, isRunner: false })),
    ).toMatchObject({ status: 403 });
    expect(thrown(() => assertParticipantMove('scheduled', 'signed_up', 'attended', runner))).toMatchObject({
      slug: 'invalid-transition',
      currentState: 'signed_up',
      missionStatus: 'scheduled',
    });
    expect(thrown(() => assertParticipantMove('in_progress', 'confirmed', 'attended', runner))).toBeNull();
  });

  it('is run by officers, bots and the commander of its squadron', () => {
    const nobody = { isOfficer: false, userId: 'u', isCommander: false };
    expect(mayRunMission(nobody)).toBe(false);
    expect(mayRunMission({ ...nobody, isOfficer: true })).toBe(true);
    expect(mayRunMission({ ...nobody, isCommander: true })).toBe(true);
    expect(mayRunMission({ ...nobody, userId: null })).toBe(true);
  });
});
