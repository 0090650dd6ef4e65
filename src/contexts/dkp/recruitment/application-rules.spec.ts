import { decide, transition, TRANSITIONS, type VotingRules } from './application-rules';

const rules = (over: Partial<VotingRules> = {}): VotingRules => ({
  minAttendancePercent: 15,
  quorum: 1,
  tieRule: 'recycle',
  passThresholdPercent: 50,
  ...over,
});

describe('application rules', () => {
  it('decides by simple majority of pass vs fail, recycle votes aside', () => {
    expect(decide({ pass: 3, fail: 1, recycle: 2 }, rules()).decision).toBe('pass');
    expect(decide({ pass: 1, fail: 3, recycle: 0 }, rules()).decision).toBe('fail');
    expect(decide({ pass: 1, fail: 1, recycle: 3 }, rules()).decision).toBe('recycle');
  });

  it('settles ties by the tie rule and misses the quorum as recycle', () => {
    expect(decide({ pass: 2, fail: 2, recycle: 0 }, rules({ tieRule: 'pass' })).decision).toBe('pass');
    expect(decide({ pass: 2, fail: 2, recycle: 0 }, rules({ tieRule: 'fail' })).decision).toBe('fail');
    expect(decide({ pass: 2, fail: 2, recycle: 2 }, rules()).decision).toBe('recycle');
    expect(decide({ pass: 0, fail: 0, recycle: 0 }, rules({ quorum: 0, tieRule: 'fail' }))).toEqual({
      decision: 'fail',
      quorumMet: true,
      passPercent: null,
    });
    expect(decide({ pass: 2, fail: 0, recycle: 0 }, rules({ quorum: 3 }))).toEqual({
      decision: 'recycle',
      quorumMet: false,
      passPercent: 100,
    });
    expect(decide({ pass: 2, fail: 1, recycle: 0 }, rules({ passThresholdPercent: 66.7 })).decision).toBe('fail');
    expect(decide({ pass: 3, fail: 1, recycle: 0 }, rules({ passThresholdPercent: 66.7 })).decision).toBe('pass');
  });

  it('refuses transitions outside the table with the current status', () => {
    expect(transition('submitted', 'trial_accept')).toBe('trial_accepted');
    for (const [action, rule] of Object.entries(TRANSITIONS)) {
      for (const status of ['approved', 'rejected', 'recycled', 'withdrawn'] as const) {
        expect(rule.from).not.toContain(status);
        expect(() => transition(status, action as keyof typeof TRANSITIONS)).toThrow();
      }
    }
    try {
      transition('voting_active', 'approve');
    } catch (error) {
      expect((error as { getResponse(): Record<string, unknown> }).getResponse()).toMatchObject({
        status: 409,
        currentStatus: 'voting_active',
      });
    }
  });
});
