import { randomUUID } from 'node:crypto';
import { Brokerage, createBrokerage, errorPaths } from '../brokerage/brokerage-kit';
import { expectEachInvalid } from '../support/context-kit';
import type { Caller } from '../support/http';
import { startTestApp, TestApp, TestUser } from '../support/test-app';

type State = 'new' | 'in_progress' | 'resolved' | 'closed' | 'wont_fix';
const ACTIONS = ['start', 'resolve', 'close', 'wont-fix'] as const;
type Action = (typeof ACTIONS)[number];

/** The moves that bring a new report to each state. */
const PATH_TO: Record<State, Action[]> = {
  new: [],
  in_progress: ['start'],
  resolved: ['start', 'resolve'],
  closed: ['start', 'resolve', 'close'],
  wont_fix: ['wont-fix'],
};
/** The legal actions from each state (issue 14 item 10). */
const LEGAL: Record<State, Action[]> = {
  new: ['start', 'wont-fix'],
  in_progress: ['resolve', 'wont-fix'],
  resolved: ['close', 'start'],
  closed: [],
  wont_fix: [],
};

/** Issue 14 item 10: bug reports filed by members, triaged by admins and `developer` grant holders. */
describe('brokerage bug reports (e2e)', () => {
  let t: TestApp;
  let b: Brokerage;
  let developer: TestUser;

  const member = () => b.org.at('member');
  const admin = () => b.org.at('admin');
  const report = (overrides: Record<string, unknown> = {}) => ({
    title: 'Invoice PDF shows the wrong due date',
    description: 'Issued at 11 pm, the due date is a day late.',
    category: 'bug',
    severity: 'high',
    browser: 'Firefox 133',
    os: 'Ubuntu 24.04',
    url: 'https://app.example.com/brokerage/invoices/42',
    steps: '1. Issue an invoice late\n2. Open the PDF',
    expected: 'Net 30 from the local date',
    actual: 'One day later',
    ...overrides,
  });
  const file = (who: Caller = member(), body: Record<string, unknown> = report()) =>
    b.ok(who, 'POST', '/bug-reports', { body });
  const count = async () =>
    Number((await t.db.query('SELECT count(*) AS n FROM brokerage_bug_reports WHERE org_id = $1', [b.org.id]))[0].n);
  const inState = async (state: State) => {
    const filed = await file();
    let current = filed;
    for (const action of PATH_TO[state]) current = await b.ok(admin(), 'POST', `/bug-reports/${filed.id}/${action}`);
    expect(current.status).toBe(state);
    return current;
  };

  beforeAll(async () => {
    t = await startTestApp();
    b = await createBrokerage(t);
    developer = await b.org.addUser('member', ['developer']);
  });
  afterAll(() => t.close());

  it('the entity matches the migration (no schema drift on brokerage_bug_reports)', async () => {
    const pending = await t.db.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query).filter((q) => q.includes('brokerage_bug_reports'))).toEqual([]);
  });

  describe('filing', () => {
    it('a member files a report: new, the reporter is the caller; created event and audit in its transaction', async () => {
      const before = await count();
      const filed = await file();
      expect(filed).toMatchObject({
        ...report(),
        status: 'new',
        reporterId: member().id,
        triageNotes: '',
        resolvedAt: null,
      });
      expect(await count()).toBe(before + 1);
      const events = (await b.events('brokerage.bug_report.created')).filter((e) => e.subject_id === filed.id);
      expect(events).toHaveLength(1);
      expect(events[0].payload).toMatchObject({ id: filed.id, title: filed.title, category: 'bug' });
      expect((await b.audits('createBrokerageBugReport')).map((a) => a.target_id)).toContain(filed.id);
      expect(await b.ok(b.org.at('readonly'), 'GET', `/bug-reports/${filed.id}`)).toEqual(filed);
    });

    it('only title, description and category are required; severity defaults to medium', async () => {
      const filed = await file(member(), { title: 'Question', description: 'How do I?', category: 'question' });
      expect(filed).toMatchObject({ severity: 'medium', browser: null, os: null, url: null, steps: null });
    });

    it('bad input is a 400 naming each field, and writes nothing', async () => {
      const before = await count();
      await expectEachInvalid(
        [
          [report({ title: '' }), 'title'],
          [report({ title: 'x'.repeat(201) }), 'title'],
          [report({ description: undefined }), 'description'],
          [report({ category: 'complaint' }), 'category'],
          [report({ category: undefined }), 'category'],
          [report({ severity: 'urgent' }), 'severity'],
          [report({ url: 'not a url' }), 'url'],
          [report({ url: 'javascript:alert(1)' }), 'url'],
          [report({ browser: 42 }), 'browser'],
          [report({ status: 'resolved' }), 'status'],
          [report({ resolvedAt: '2026-01-01T00:00:00Z' }), 'resolvedAt'],
          [report({ reporterId: randomUUID() }), 'reporterId'],
        ],
        (body) => b.call(member(), 'POST', '/bug-reports', { body }),
      );
      expect(await count()).toBe(before);
    });

    it('readonly cannot file (403); strangers, anonymous, other orgs and scope-less keys refused', async () => {
      await b.forbidden('POST', '/bug-reports', 'member', ['brokerage:write'], { body: report() });
    });
  });

  describe('reading', () => {
    it('readonly lists newest first with keyset pages, filtered by status, category and severity', async () => {
      const other = await createBrokerage(t);
      const feature = await file(member(), report({ category: 'feature_request', severity: 'low' }));
      const critical = await file(member(), report({ severity: 'critical' }));
      const started = await b.ok(admin(), 'POST', `/bug-reports/${critical.id}/start`);
      await other.ok(other.org.at('member'), 'POST', '/bug-reports', { body: report() });
      const readonly = b.org.at('readonly');

      const all: { id: string; createdAt: string }[] = [];
      let cursor: string | undefined;
      do {
        const page = await b.ok(readonly, 'GET', '/bug-reports', { query: { limit: 2, cursor } });
        expect(page.items.length).toBeLessThanOrEqual(2);
        all.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(all).toHaveLength(await count());
      expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
      const times = all.map((r) => r.createdAt);
      expect([...times].sort().reverse()).toEqual(times);

      const byCategory = await b.ok(readonly, 'GET', '/bug-reports', { query: { category: 'feature_request' } });
      expect(byCategory.items.map((r: { id: string }) => r.id)).toContain(feature.id);
      expect(byCategory.items.every((r: { category: string }) => r.category === 'feature_request')).toBe(true);
      const bySeverity = await b.ok(readonly, 'GET', '/bug-reports', { query: { severity: 'critical' } });
      expect(bySeverity.items.every((r: { severity: string }) => r.severity === 'critical')).toBe(true);
      const byStatus = await b.ok(readonly, 'GET', '/bug-reports', {
        query: { status: 'in_progress', severity: 'critical' },
      });
      expect(byStatus.items.map((r: { id: string }) => r.id)).toEqual([started.id]);

      const bad = await b.fails(readonly, 400, 'GET', '/bug-reports', {
        query: { status: 'open', category: 'x', severity: 'y', cursor: 'zzz' },
      });
      expect(errorPaths(bad)).toEqual(expect.arrayContaining(['status', 'category', 'severity']));
    });

    it('reads: readonly and up; strangers, anonymous and other orgs refused', async () => {
      const filed = await file();
      await b.forbidden('GET', '/bug-reports', 'readonly', ['brokerage:read'], { allowed: true });
      await b.forbidden('GET', `/bug-reports/${filed.id}`, 'readonly', ['brokerage:read'], { allowed: true });
    });

    it("another org's report is a 404 everywhere, as is an unknown id", async () => {
      const filed = await file();
      const other = await createBrokerage(t);
      const calls = [
        ['GET', `/bug-reports/${filed.id}`],
        ['PATCH', `/bug-reports/${filed.id}`, { severity: 'low' }],
        ...ACTIONS.map((a) => ['POST', `/bug-reports/${filed.id}/${a}`] as const),
      ] as const;
      await other.expectNotFound(other.org.owner, calls);
      await b.expectNotFound(admin(), [['GET', `/bug-reports/${randomUUID()}`]]);
      expect((await b.ok(admin(), 'GET', `/bug-reports/${filed.id}`)).status).toBe('new');
    });
  });

  describe('triage', () => {
    it('a member (the reporter too) and an officer cannot triage or move a report: 403, nothing changes', async () => {
      const filed = await file();
      const officer = b.org.at('officer');
      for (const who of [member(), officer]) {
        await b.fails(who, 403, 'PATCH', `/bug-reports/${filed.id}`, { body: { severity: 'low' } });
        for (const action of ACTIONS) await b.fails(who, 403, 'POST', `/bug-reports/${filed.id}/${action}`);
      }
      expect(await b.ok(member(), 'GET', `/bug-reports/${filed.id}`)).toEqual(filed);
      await b.forbidden('PATCH', `/bug-reports/${filed.id}`, 'admin', ['brokerage:admin'], {
        body: { severity: 'low' },
      });
      for (const action of ACTIONS)
        await b.forbidden('POST', `/bug-reports/${filed.id}/${action}`, 'admin', ['brokerage:admin']);
    });

    it('a member holding the developer grant triages and moves reports', async () => {
      const filed = await file();
      const triaged = await b.ok(developer, 'PATCH', `/bug-reports/${filed.id}`, {
        body: { category: 'feature_request', severity: 'critical', triageNotes: 'Needs the time zone work' },
      });
      expect(triaged).toMatchObject({
        category: 'feature_request',
        severity: 'critical',
        triageNotes: 'Needs the time zone work',
        title: filed.title,
        status: 'new',
      });
      expect((await b.audits('triageBrokerageBugReport')).map((a) => a.target_id)).toContain(filed.id);
      const started = await b.ok(developer, 'POST', `/bug-reports/${filed.id}/start`);
      expect(started.status).toBe('in_progress');
      const resolved = await b.ok(developer, 'POST', `/bug-reports/${filed.id}/resolve`);
      expect(resolved.status).toBe('resolved');
      expect(Date.parse(resolved.resolvedAt)).not.toBeNaN();
    });

    it('an admin (and the owner) triages; the lifecycle with resolvedAt set, kept on close, cleared on reopening', async () => {
      const filed = await file();
      const patched = await b.ok(admin(), 'PATCH', `/bug-reports/${filed.id}`, { body: { severity: 'low' } });
      expect(patched).toMatchObject({ severity: 'low', category: 'bug' });
      await b.ok(admin(), 'POST', `/bug-reports/${filed.id}/start`);
      const resolved = await b.ok(admin(), 'POST', `/bug-reports/${filed.id}/resolve`);
      expect(resolved.resolvedAt).not.toBeNull();
      const reopened = await b.ok(b.org.owner, 'POST', `/bug-reports/${filed.id}/start`);
      expect(reopened).toMatchObject({ status: 'in_progress', resolvedAt: null });
      const again = await b.ok(admin(), 'POST', `/bug-reports/${filed.id}/resolve`);
      const closed = await b.ok(admin(), 'POST', `/bug-reports/${filed.id}/close`);
      expect(closed).toMatchObject({ status: 'closed', resolvedAt: again.resolvedAt });
      // Triage still works on a closed report (notes, recategorising for statistics).
      expect(
        (await b.ok(admin(), 'PATCH', `/bug-reports/${filed.id}`, { body: { triageNotes: 'Shipped in 1.4' } }))
          .triageNotes,
      ).toBe('Shipped in 1.4');
      const declined = await inState('wont_fix');
      expect(declined.resolvedAt).toBeNull();
    });

    it('bad triage input is a 400 naming each field; status and report fields are not triage fields', async () => {
      const filed = await file();
      await expectEachInvalid(
        [
          [{ severity: 'urgent' }, 'severity'],
          [{ category: 'complaint' }, 'category'],
          [{ triageNotes: 42 }, 'triageNotes'],
          [{ status: 'closed' }, 'status'],
          [{ resolvedAt: '2026-01-01T00:00:00Z' }, 'resolvedAt'],
          [{ title: 'Renamed' }, 'title'],
        ],
        (body) => b.call(admin(), 'PATCH', `/bug-reports/${filed.id}`, { body }),
      );
      expect(await b.ok(admin(), 'GET', `/bug-reports/${filed.id}`)).toEqual(filed);
    });
  });

  describe('transitions', () => {
    const illegal = (Object.keys(PATH_TO) as State[]).flatMap((state) =>
      ACTIONS.filter((a) => !LEGAL[state].includes(a)).map((action) => [state, action] as const),
    );
    it.each(illegal)('%s → %s is 409 invalid-transition with currentState, nothing changes', async (state, action) => {
      const current = await inState(state);
      const problem = await b.fails(admin(), 409, 'POST', `/bug-reports/${current.id}/${action}`, {
        problem: 'invalid-transition',
      });
      expect(problem.currentState).toBe(state);
      expect(await b.ok(admin(), 'GET', `/bug-reports/${current.id}`)).toEqual(current);
    });

    const legal = (Object.keys(PATH_TO) as State[]).flatMap((state) =>
      LEGAL[state].map((action) => [state, action] as const),
    );
    it.each(legal)('%s → %s is allowed', async (state, action) => {
      const current = await inState(state);
      const moved = await b.ok(admin(), 'POST', `/bug-reports/${current.id}/${action}`);
      expect(moved.status).toBe(
        { start: 'in_progress', resolve: 'resolved', close: 'closed', 'wont-fix': 'wont_fix' }[action],
      );
    });

    it('racing starts of one new report: exactly one wins, the others 409 (the row is locked)', async () => {
      const filed = await file();
      const results = await Promise.all(
        Array.from({ length: 6 }, () => b.call(admin(), 'POST', `/bug-reports/${filed.id}/start`)),
      );
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      expect(results.filter((r) => r.status === 409)).toHaveLength(5);
      for (const r of results.filter((r) => r.status === 409)) expect(r.body.currentState).toBe('in_progress');
    });
  });
});
