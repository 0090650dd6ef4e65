import { Problem } from '../../../platform/http/problem';

/** Where an application stands. The first four are open; the others are final. */
export const APPLICATION_STATUSES = [
  'submitted',
  'trial_accepted',
  'voting_active',
  'voting_complete',
  'approved',
  'rejected',
  'recycled',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Open applications: at most one per character name and org. */
export const OPEN_APPLICATION_STATUSES: readonly ApplicationStatus[] = [
  'submitted',
  'trial_accepted',
  'voting_active',
  'voting_complete',
];

/** What a recruiter (or the close job, or the applicant) does to an application. */
export type ApplicationAction =
  'trial_accept' | 'start_voting' | 'close_voting' | 'approve' | 'reject' | 'recycle' | 'withdraw';

/**
 * The whole workflow in one table: from which statuses each action is allowed, and where it
 * leads. Recruiters screen first (trial-accept), then open the member vote; the close job ends
 * it; an officer then approves, rejects or recycles. The applicant may withdraw while it is open.
 */
export const TRANSITIONS: Record<ApplicationAction, { from: readonly ApplicationStatus[]; to: ApplicationStatus }> = {
  trial_accept: { from: ['submitted'], to: 'trial_accepted' },
  start_voting: { from: ['trial_accepted'], to: 'voting_active' },
  close_voting: { from: ['voting_active'], to: 'voting_complete' },
  approve: { from: ['voting_complete'], to: 'approved' },
  reject: { from: ['submitted', 'trial_accepted', 'voting_complete'], to: 'rejected' },
  recycle: { from: ['voting_complete'], to: 'recycled' },
  withdraw: { from: ['submitted', 'trial_accepted', 'voting_active', 'voting_complete'], to: 'withdrawn' },
};

/** The status `action` leads to from `current`, or a 409 that names the current status. */
export function transition(current: ApplicationStatus, action: ApplicationAction): ApplicationStatus {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(current)) {
    throw Problem.conflict(
      `Cannot ${action.replace('_', ' ')} an application that is ${current}`,
      'illegal-application-transition',
      {
        currentStatus: current,
        allowedFrom: rule.from,
      },
    );
  }
  return rule.to;
}

/** After approval, the trial period: running, then promoted to member or removed. */
export const TRIAL_STATUSES = ['active', 'promoted', 'removed'] as const;
export type TrialStatus = (typeof TRIAL_STATUSES)[number];

export const VOTE_CHOICES = ['pass', 'fail', 'recycle'] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];

export const TIE_RULES = ['recycle', 'fail', 'pass'] as const;
export type TieRule = (typeof TIE_RULES)[number];

/** The decision of a closed vote. */
export const VOTE_DECISIONS = ['pass', 'fail', 'recycle'] as const;
export type VoteDecision = (typeof VOTE_DECISIONS)[number];

/** The counting rules, copied onto the application when its vote opens (a later change of the settings does not move the goalposts). */
export interface VotingRules {
  minAttendancePercent: number;
  quorum: number;
  tieRule: TieRule;
  passThresholdPercent: number;
}

export interface Tally {
  pass: number;
  fail: number;
  recycle: number;
}

export interface DecisionResult {
  decision: VoteDecision;
  quorumMet: boolean;
  /** pass / (pass + fail) in percent, one decimal; null without pass or fail votes. */
  passPercent: number | null;
}

/**
 * The decision from COUNTED votes only:
 * 1. fewer counted votes than `quorum`: recycle (too few voices to decide; reapply later);
 * 2. recycle votes outnumber both pass and fail: recycle;
 * 3. otherwise recycle votes are left aside and pass is compared with fail: the share of pass
 *    among pass + fail above `passThresholdPercent` passes, below it fails, exactly at it (or no
 *    pass/fail vote at all) is a tie settled by `tieRule`. With the default 50 this is a simple
 *    majority, and 2 pass vs 2 fail is a tie.
 */
export function decide(counted: Tally, rules: VotingRules): DecisionResult {
  const total = counted.pass + counted.fail + counted.recycle;
  const decided = counted.pass + counted.fail;
  const passPercent = decided ? Math.round((counted.pass / decided) * 1000) / 10 : null;
  if (total < rules.quorum) return { decision: 'recycle', quorumMet: false, passPercent };
  if (counted.recycle > counted.pass && counted.recycle > counted.fail)
    return { decision: 'recycle', quorumMet: true, passPercent };
  if (!decided) return { decision: rules.tieRule, quorumMet: true, passPercent };
  const share = (counted.pass / decided) * 100;
  const epsilon = 1e-9;
  if (share > rules.passThresholdPercent + epsilon) return { decision: 'pass', quorumMet: true, passPercent };
  if (share < rules.passThresholdPercent - epsilon) return { decision: 'fail', quorumMet: true, passPercent };
  return { decision: rules.tieRule, quorumMet: true, passPercent };
}
