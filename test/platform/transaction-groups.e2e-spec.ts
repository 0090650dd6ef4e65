import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditService, PendingAudit, runWithPendingAudit } from '../../src/platform/audit/audit.service';
import { MemberOutcome, TransactionGroups } from '../../src/platform/database/transaction-groups';
import { insertClaim, isInProgress, runWithClaim } from '../../src/platform/http/idempotency-claim';
import { Problem } from '../../src/platform/http/problem';
import { startTestApp, TestApp } from '../support/test-app';

/** A request of the test work: a value to insert, or a refusal, or an error for the whole group. */
interface Input {
  run: string;
  value: string;
  refuse?: boolean;
  failGroup?: boolean;
}

/**
 * TransactionGroups on the real (or embedded) database. The work inserts each member's value into
 * a scratch table in one statement (as the bids do), so a value that is no integer fails the
 * whole statement: the case where one request's input breaks its group.
 */
describe('TransactionGroups (group commit)', () => {
  let t: TestApp;
  let audit: AuditService;
  const sizes: number[] = [];
  /** While set, the next group tells `entered` it is working, then waits for `release` inside its transaction. */
  let gate: { entered: () => void; release: Promise<void> } | null = null;

  const work = async (tx: EntityManager, inputs: Input[]): Promise<MemberOutcome<string>[]> => {
    sizes.push(inputs.length);
    const held = gate;
    gate = null;
    if (held) {
      held.entered();
      await held.release;
    }
    if (inputs.some((i) => i.failGroup)) throw Problem.conflict('the whole group is refused', 'group-refused');
    const kept = inputs.filter((i) => !i.refuse);
    if (kept.length) {
      await tx.query(`INSERT INTO test_transaction_groups (run, value) SELECT $1, v FROM unnest($2::int[]) AS v`, [
        inputs[0].run,
        kept.map((i) => i.value),
      ]);
    }
    return inputs.map((i) => (i.refuse ? { refused: Problem.conflict(`refused ${i.value}`) } : { result: i.value }));
  };
  let groups: TransactionGroups<Input, string>;

  beforeAll(async () => {
    t = await startTestApp();
    audit = t.app.get(AuditService);
    await t.db.query('CREATE TABLE IF NOT EXISTS test_transaction_groups (run text NOT NULL, value int NOT NULL)');
    groups = new TransactionGroups(t.db, audit, work);
  }, 120_000);
  afterAll(() => t.close());

  const stored = async (run: string) =>
    (
      (await t.db.query('SELECT value FROM test_transaction_groups WHERE run = $1 ORDER BY value', [run])) as {
        value: number;
      }[]
    ).map((r) => r.value);

  /**
   * Starts a first request and resolves once its group is working (it then waits until `release`
   * is called), so the requests sent next wait for it and form the next group.
   */
  async function holdFirstGroup(run: string) {
    let release!: () => void;
    let entered!: () => void;
    const working = new Promise<void>((r) => (entered = r));
    gate = { entered, release: new Promise<void>((r) => (release = r)) };
    const first = groups.run('k', { run, value: '1' });
    await working;
    return { first, release };
  }

  it('requests arriving while a group works run together in the next one, each with its own outcome', async () => {
    const run = randomUUID();
    sizes.length = 0;
    const { first, release } = await holdFirstGroup(run);
    const next = ['2', '3', '4', '5'].map((value) => groups.run('k', { run, value, refuse: value === '3' }));
    release();
    const settled = await Promise.allSettled([first, ...next]);
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : 'refused'))).toEqual([
      '1',
      '2',
      'refused',
      '4',
      '5',
    ]);
    expect((settled[2] as PromiseRejectedResult).reason).toBeInstanceOf(Problem);
    expect(sizes).toEqual([1, 4]);
    expect(await stored(run)).toEqual([1, 2, 4, 5]);
  });

  // The embedded database has one connection: there, another key's transaction waits for it.
  (process.env.DATABASE_URL ? it : it.skip)('other keys do not wait for a working group', async () => {
    const run = randomUUID();
    const { first, release } = await holdFirstGroup(run);
    await expect(groups.run('other', { run, value: '7' })).resolves.toBe('7');
    release();
    await first;
    expect(await stored(run)).toEqual([1, 7]);
  });

  it('a problem thrown by the work answers every request of the group, and the next group goes on', async () => {
    const run = randomUUID();
    const { first, release } = await holdFirstGroup(run);
    const refused = [groups.run('k', { run, value: '2' }), groups.run('k', { run, value: '3', failGroup: true })];
    release();
    await first;
    for (const result of await Promise.allSettled(refused)) {
      expect(result.status).toBe('rejected');
      expect(((result as PromiseRejectedResult).reason as Problem).getStatus()).toBe(409);
    }
    await expect(groups.run('k', { run, value: '9' })).resolves.toBe('9');
    expect(await stored(run)).toEqual([1, 9]);
  });

  it("an error one request's input causes fails that request alone: the group runs again one by one", async () => {
    const run = randomUUID();
    const { first, release } = await holdFirstGroup(run);
    const next = ['2', 'not a number', '4'].map((value) => groups.run('k', { run, value }));
    release();
    const settled = await Promise.allSettled([first, ...next]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(await stored(run)).toEqual([1, 2, 4]);
  });

  it('each request commits its audit entry with its effect; a refused one writes none', async () => {
    const run = randomUUID();
    const pending = (value: string): PendingAudit => ({
      written: false,
      entryFor: () => ({
        orgId: null,
        actorUserId: null,
        actorApiKeyId: null,
        action: 'groupTest',
        targetType: 'test',
        targetId: value,
        changes: { run },
        requestId: `${run}-${value}`,
        status: 201,
      }),
    });
    const audits = ['2', '3'].map(pending);
    const { first, release } = await holdFirstGroup(run);
    const next = ['2', '3'].map((value, i) =>
      runWithPendingAudit(audits[i], () => groups.run('k', { run, value, refuse: value === '3' })),
    );
    release();
    await Promise.allSettled([first, ...next]);
    expect(audits.map((a) => a.written)).toEqual([true, false]);
    const rows = (await t.db.query(
      `SELECT target_id AS "targetId", request_id AS "requestId" FROM audit_log WHERE request_id LIKE $1`,
      [`${run}-%`],
    )) as { targetId: string; requestId: string }[];
    expect(rows).toEqual([{ targetId: '2', requestId: `${run}-2` }]);
  });

  it('Idempotency-Key claims: results stored with the effect; a claim taken over is refused alone; a committed step is not run again', async () => {
    const run = randomUUID();
    const claim = async (key: string) =>
      (await insertClaim(
        t.db.manager,
        {
          scope: `test:${run}`,
          key,
          operation: 'groupTest',
          requestHash: 'h',
          expiresAt: new Date(Date.now() + 60_000),
        },
        60,
      ))!;
    const [mine, takenOver, replayed] = [await claim('a'), await claim('b'), await claim('c')];
    await t.db.query(`UPDATE idempotency_records SET owner_token = $2 WHERE id = $1`, [
      takenOver.recordId,
      randomUUID(),
    ]);
    replayed.committedResults = ['stored earlier'];
    const { first, release } = await holdFirstGroup(run);
    const next = [
      runWithClaim(mine, () => groups.run('k', { run, value: '2' })),
      runWithClaim(takenOver, () => groups.run('k', { run, value: '3' })),
      runWithClaim(replayed, () => groups.run('k', { run, value: '4' })),
    ];
    release();
    const settled = await Promise.allSettled([first, ...next]);
    expect(settled[1]).toEqual({ status: 'fulfilled', value: '2' });
    expect(isInProgress((settled[2] as PromiseRejectedResult).reason)).toBe(true);
    expect(settled[3]).toEqual({ status: 'fulfilled', value: 'stored earlier' });
    expect(await stored(run)).toEqual([1, 2]);
    expect([mine.step, takenOver.step, replayed.step]).toEqual([1, 0, 1]);
    const records = (await t.db.query(
      `SELECT id, transaction_results AS results FROM idempotency_records WHERE id = ANY($1::uuid[]) ORDER BY id`,
      [[mine.recordId, takenOver.recordId]],
    )) as { id: string; results: unknown[] | null }[];
    expect(new Map(records.map((r) => [r.id, r.results]))).toEqual(
      new Map<string, unknown>([
        [mine.recordId, ['2']],
        [takenOver.recordId, null],
      ]),
    );
  });
});
