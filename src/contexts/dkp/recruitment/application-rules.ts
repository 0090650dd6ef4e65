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
 * leads. Recruiters screen first (trial-accept), then open the member vote; the close job (or an
 * officer, early) ends it; an officer then approves, rejects or recycles. A recruiter may also
 * reject while the vote runs (the vote is then void, see `voidsVote`). The applicant may withdraw
 * while it is open.
 */
export const TRANSITIONS: Record<ApplicationAction, { from: readonly ApplicationStatus[]; to: ApplicationStatus }> = {
  trial_accept: { from: ['submitted'], to: 'trial_accepted' },
  start_voting: { from: ['trial_accepted'], to: 'voting_active' },
  close_voting: { from: ['voting_active'], to: 'voting_complete' },
  approve: { from: ['voting_complete'], to: 'approved' },
  reject: { from: ['submitted', 'trial_accepted', 'voting_active', 'voting_complete'], to: 'rejected' },
  recycle: { from: ['voting_complete'], to: 'recycled' },
  withdraw: { from: ['submitted', 'trial_accepted', 'voting_active', 'voting_complete'], to: 'withdrawn' },
};

/** The 409 of a step not allowed from `current`: names the current status and where it would be allowed. */
function illegal(what: string, current: ApplicationStatus, allowedFrom: readonly ApplicationStatus[]): Problem {
  return Problem.conflict(`Cannot ${what} an application that is ${current}`, 'illegal-application-transition', {
    currentStatus: current,
    allowedFrom,
  });
}

/** The status `action` leads to from `current`, or a 409 that names the current status. */
export function transition(current: ApplicationStatus, action: ApplicationAction): ApplicationStatus {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(current)) throw illegal(action.replace('_', ' '), current, rule.from);
  return rule.to;
}

/**
 * Whether a step from `from` to `to` ends an open member vote without a tally (a rejection or a
 * withdrawal while voting): the vote is then void, closed with no decision, and its window no
 * longer runs. Closing the vote (to `voting_complete`) is not a void: it is tallied.
 */
export function voidsVote(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return from === 'voting_active' && to !== 'voting_complete';
}

/**
 * The applicant may replace their answers until the member vote opens: members vote on what they
 * read, so the application is frozen from `voting_active` on.
 */
export const EDITABLE_STATUSES: readonly ApplicationStatus[] = ['submitted', 'trial_accepted'];

/** A 409 (same shape as a refused transition) unless the applicant may still edit. */
export function assertEditable(current: ApplicationStatus): void {
  if (!EDITABLE_STATUSES.includes(current)) throw illegal('edit', current, EDITABLE_STATUSES);
}

/** The fields an applicant fills in (and may replace with `PUT`), in a stable order. */
export const APPLICATION_FORM_FIELDS = [
  'characterName',
  'server',
  'characterClass',
  'level',
  'guildExperience',
  'availability',
  'timeZone',
  'references',
  'discordUsername',
  'answers',
] as const;
export type ApplicationFormField = (typeof APPLICATION_FORM_FIELDS)[number];

/** JSON with object keys sorted: jsonb hands stored answers back with their keys reordered. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Which form fields differ between two versions of an application (deep for the answers, key order aside). */
export function changedFormFields(
  before: Record<ApplicationFormField, unknown>,
  after: Record<ApplicationFormField, unknown>,
): ApplicationFormField[] {
  return APPLICATION_FORM_FIELDS.filter((field) => canonical(before[field]) !== canonical(after[field]));
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

/** Counted votes per choice, from grouped rows (a choice without a row is 0). */
export function tallyOf(rows: readonly { choice: VoteChoice; n: number }[]): Tally {
  const tally: Tally = { pass: 0, fail: 0, recycle: 0 };
  for (const row of rows) tally[row.choice] += row.n;
  return tally;
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
