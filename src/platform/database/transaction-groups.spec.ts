import type { DataSource, EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import { MemberOutcome, TransactionGroups } from './transaction-groups';

/**
 * The ordering of groups of one key, without a database: a fake DataSource whose transactions
 * either run the work or fail before it begins (as when no connection comes in time).
 */
describe('TransactionGroups ordering', () => {
  const audit = { pendingForRequest: () => undefined, recordPendingInTransaction: async () => {} };

  it('a group that fails before its transaction begins does not let the next group overlap the working one', async () => {
    let failNextBegin = false;
    const db = {
      transaction: async <T>(work: (tx: EntityManager) => Promise<T>): Promise<T> => {
        if (failNextBegin) {
          failNextBegin = false;
          throw new Error('timeout exceeded when trying to connect');
        }
        return work({} as EntityManager);
      },
    };
    let working = 0;
    let mostAtOnce = 0;
    let releaseFirst!: () => void;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstEntered!: () => void;
    const firstWorking = new Promise<void>((resolve) => (firstEntered = resolve));
    const order: string[] = [];
    const groups = new TransactionGroups<string, string>(
      db as unknown as DataSource,
      audit as unknown as AuditService,
      async (_tx, inputs): Promise<MemberOutcome<string>[]> => {
        working++;
        mostAtOnce = Math.max(mostAtOnce, working);
        order.push(`start ${inputs.join(',')}`);
        if (inputs.includes('a')) {
          firstEntered();
          await firstHeld;
        }
        order.push(`end ${inputs.join(',')}`);
        working--;
        return inputs.map((input) => ({ result: input }));
      },
    );

    const a = groups.run('org', 'a');
    await firstWorking;
    // The next group's transaction fails to begin while "a" works: "b" gets that error...
    failNextBegin = true;
    const b = groups.run('org', 'b');
    await expect(b).rejects.toThrow('timeout exceeded');
    // ... and "c", arriving after it, still waits for "a" to finish.
    const c = groups.run('org', 'c');
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['start a']);
    releaseFirst();
    await expect(Promise.all([a, c])).resolves.toEqual(['a', 'c']);
    expect(order).toEqual(['start a', 'end a', 'start c', 'end c']);
    expect(mostAtOnce).toBe(1);
  });
});
