import {
  APPLICATION_STATUSES,
  assertEditable,
  changedFormFields,
  decide,
  tallyOf,
  transition,
  TRANSITIONS,
  voidsVote,
  type ApplicationStatus,
  type VotingRules,
} from './application-rules';

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

  it('lets a recruiter reject during the vote, which voids it; closing tallies instead', () => {
    expect(transition('voting_active', 'reject')).toBe('rejected');
    expect(transition('voting_active', 'close_voting')).toBe('voting_complete');
    expect(voidsVote('voting_active', 'rejected')).toBe(true);
    expect(voidsVote('voting_active', 'withdrawn')).toBe(true);
    expect(voidsVote('voting_active', 'voting_complete')).toBe(false);
    expect(voidsVote('voting_complete', 'rejected')).toBe(false);
    expect(voidsVote('trial_accepted', 'rejected')).toBe(false);
  });

  it('lets the applicant edit only before the vote opens, refusing with the current status', () => {
    const refused = (status: ApplicationStatus) => {
      try {
        assertEditable(status);
        return null;
      } catch (error) {
        return (error as { getResponse(): Record<string, unknown> }).getResponse();
      }
    };
    for (const status of APPLICATION_STATUSES) {
      const editable = status === 'submitted' || status === 'trial_accepted';
      if (editable) expect(refused(status)).toBeNull();
      else
        expect(refused(status)).toMatchObject({
          status: 409,
          currentStatus: status,
          allowedFrom: ['submitted', 'trial_accepted'],
        });
    }
  });

  it('names the changed form fields, ignoring the key order of stored answers', () => {
    const form = {
      characterName: 'Trident',
      server: 'Povar',
      characterClass: 'Cleric',
      level: 60,
      guildExperience: 'x',
      availability: 'y',
      timeZone: 'UTC',
      references: '',
      discordUsername: 'some_player',
      answers: [{ questionId: 'q', prompt: 'Why?', answer: 'Because' }],
    };
    const stored = { ...form, answers: [{ answer: 'Because', prompt: 'Why?', questionId: 'q' }] };
    expect(changedFormFields(stored, form)).toEqual([]);
    expect(changedFormFields(stored, { ...form, level: 61, answers: [] })).toEqual(['level', 'answers']);
  });

  it('tallies grouped counted votes, missing choices as 0', () => {
    expect(tallyOf([])).toEqual({ pass: 0, fail: 0, recycle: 0 });
    expect(
      tallyOf([
        { choice: 'pass', n: 3 },
        { choice: 'recycle', n: 1 },
      ]),
    ).toEqual({ pass: 3, fail: 0, recycle: 1 });
  });
});
