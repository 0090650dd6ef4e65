import { StateMachine } from '../../../../platform/domain/state-machine';

export const BUG_REPORT_CATEGORIES = ['bug', 'feature_request', 'question', 'feedback'] as const;
export type BugReportCategory = (typeof BUG_REPORT_CATEGORIES)[number];

export const BUG_REPORT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type BugReportSeverity = (typeof BUG_REPORT_SEVERITIES)[number];

export const BUG_REPORT_STATUSES = ['new', 'in_progress', 'resolved', 'closed', 'wont_fix'] as const;
export type BugReportStatus = (typeof BUG_REPORT_STATUSES)[number];

/**
 * A bug report's life: filed `new`, taken `in_progress`, `resolved`, then `closed` once the
 * reporter or triager agrees. A resolved report that is not fixed goes back to `in_progress`;
 * a new or in-progress one may be declined (`wont_fix`). Closed and won't-fix are final.
 */
export const BUG_REPORT_LIFECYCLE = new StateMachine<BugReportStatus>('bug report', {
  new: ['in_progress', 'wont_fix'],
  in_progress: ['resolved', 'wont_fix'],
  resolved: ['closed', 'in_progress'],
  closed: [],
  wont_fix: [],
});

/** The transition routes (`bug-reports/{id}/<action>`) and the state each one moves to. */
export const BUG_REPORT_ACTIONS = {
  start: 'in_progress',
  resolve: 'resolved',
  close: 'closed',
  'wont-fix': 'wont_fix',
} as const satisfies Record<string, BugReportStatus>;
export type BugReportAction = keyof typeof BUG_REPORT_ACTIONS;

/**
 * `resolvedAt` after a move: set when the report becomes resolved, kept when it is closed (the
 * fix stands), cleared when it goes back to work or is declined.
 */
export function resolvedAtAfter(to: BugReportStatus, current: Date | null, now: Date): Date | null {
  if (to === 'resolved') return now;
  if (to === 'closed') return current;
  return null;
}
