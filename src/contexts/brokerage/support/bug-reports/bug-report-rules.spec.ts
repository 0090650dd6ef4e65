import { Problem } from '../../../../platform/http/problem';
import {
  BUG_REPORT_ACTIONS,
  BUG_REPORT_LIFECYCLE,
  BUG_REPORT_STATUSES,
  BugReportStatus,
  resolvedAtAfter,
} from './bug-report-rules';

describe('bug report rules', () => {
  const allowed: [BugReportStatus, BugReportStatus][] = [
    ['new', 'in_progress'],
    ['new', 'wont_fix'],
    ['in_progress', 'resolved'],
    ['in_progress', 'wont_fix'],
    ['resolved', 'closed'],
    ['resolved', 'in_progress'],
  ];

  it("allows exactly the issue's moves and refuses every other with invalid-transition", () => {
    for (const from of BUG_REPORT_STATUSES)
      for (const to of BUG_REPORT_STATUSES) {
        const legal = allowed.some(([f, t]) => f === from && t === to);
        expect({ from, to, legal: BUG_REPORT_LIFECYCLE.can(from, to) }).toEqual({ from, to, legal });
        if (!legal) {
          let thrown: unknown;
          try {
            BUG_REPORT_LIFECYCLE.assert(from, to);
          } catch (error) {
            thrown = error;
          }
          expect(thrown).toBeInstanceOf(Problem);
          expect((thrown as Problem).getStatus()).toBe(409);
        }
      }
  });

  it('closed and wont_fix are final', () => {
    expect(BUG_REPORT_LIFECYCLE.isFinal('closed')).toBe(true);
    expect(BUG_REPORT_LIFECYCLE.isFinal('wont_fix')).toBe(true);
    expect(BUG_REPORT_LIFECYCLE.isFinal('resolved')).toBe(false);
  });

  it('each action moves to a state of the lifecycle', () => {
    expect(Object.values(BUG_REPORT_ACTIONS).every((s) => BUG_REPORT_STATUSES.includes(s))).toBe(true);
  });

  it('resolvedAt: set on resolve, kept on close, cleared on reopening or declining', () => {
    const then = new Date('2026-11-01T00:00:00Z');
    const now = new Date('2026-11-29T00:00:00Z');
    expect(resolvedAtAfter('resolved', null, now)).toBe(now);
    expect(resolvedAtAfter('closed', then, now)).toBe(then);
    expect(resolvedAtAfter('in_progress', then, now)).toBeNull();
    expect(resolvedAtAfter('wont_fix', null, now)).toBeNull();
  });
});
