import type { DataSource, EntityManager } from 'typeorm';
import type { AuditService, PendingAudit } from '../audit/audit.service';
import {
  claimToConfirm,
  IdempotencyClaim,
  inProgress,
  lockOwnedClaims,
  storeClaimResults,
} from '../http/idempotency-claim';
import type { Problem } from '../http/problem';
import { outsideAnyRequest } from '../http/request-scope';
import { pgCode } from './pg-errors';
import { withTransaction } from './transactions';

/** What a group's work decided for one of its requests: a result, or the problem refusing it. */
export type MemberOutcome<R> = { result: R } | { refused: Problem };

/**
 * The work of a transaction group: judges the group's requests in arrival order and writes their
 * effects, taking the row locks they need in a fixed order. A refusal (`{ refused }`) concerns one
 * request and must leave no effect of it; a thrown Problem answers every request of the group.
 */
export type GroupWork<I, R> = (tx: EntityManager, inputs: I[]) => Promise<MemberOutcome<R>[]>;

interface Member<I, R> {
  input: I;
  /** The request's Idempotency-Key claim and pending audit entry, taken when it joined. */
  claim: IdempotencyClaim | undefined;
  audit: PendingAudit | undefined;
  resolve(result: R): void;
  reject(error: unknown): void;
}

interface KeyState<I, R> {
  queue: Member<I, R>[];
  /** A transaction of the key has begun and not yet taken its members (it waits for the working one). */
  forming: boolean;
  /** Settles when the key's working group has committed or failed. */
  working: Promise<void>;
}

/** SQLSTATE classes one request's input can cause (data exception, integrity violation). */
const INPUT_ERROR_CLASSES = ['22', '23'];

/**
 * Group commit. Requests that serialize on the same rows (bids in one auction lock its session
 * and their bidders' balances) would each hold those locks for their transaction's round trips,
 * so the rows take only as many requests per second as one lock holder's round trips allow,
 * however many cores wait. Here the requests on one key (an org's bids) run in groups, one group
 * of the key after another in this process: while a group works, the requests that arrive join
 * the next one, whose transaction has already begun; when the working group has committed, the
 * next takes everyone waiting and runs them together, in arrival order: one round of locks,
 * reads and inserts for the group. Without contention a group is one request and waits for
 * nothing. Across instances the row locks serialize the groups, as they serialize requests.
 *
 * Each request keeps its own guarantees: its audit entry and its Idempotency-Key result commit
 * with its effect (in the group's transaction), a request whose key was taken over is refused
 * alone, a refusal leaves no effect, and an error one request's input can cause (a data or
 * constraint error) fails only that request: the group is then run again one request at a time.
 * Lost races (deadlocks, serialization failures) rerun the whole group, as `withTransaction` does.
 */
export class TransactionGroups<I, R> {
  private readonly keys = new Map<string, KeyState<I, R>>();

  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly work: GroupWork<I, R>,
    /** Bounds one transaction's length (and its lock time) under a burst. */
    private readonly maxGroupSize = 100,
  ) {}

  /** Runs `input` in a transaction of `key` (with the other requests on it) and answers with its own outcome. */
  run(key: string, input: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const member = { input, claim: claimToConfirm(), audit: this.audit.pendingForRequest(), resolve, reject };
      let state = this.keys.get(key);
      if (!state) {
        state = { queue: [], forming: false, working: Promise.resolve() };
        this.keys.set(key, state);
      }
      state.queue.push(member);
      if (!state.forming) this.startGroup(key, state);
    });
  }

  private startGroup(key: string, state: KeyState<I, R>): void {
    state.forming = true;
    const previous = state.working;
    let finished!: () => void;
    state.working = new Promise<void>((resolve) => (finished = resolve));
    /** The members, taken once the previous group is done (and kept when a lost race reruns the transaction). */
    let members: Member<I, R>[] | undefined;
    const take = () => {
      if (members) return members;
      members = state.queue.splice(0, this.maxGroupSize);
      state.forming = false;
      if (state.queue.length) this.startGroup(key, state);
      return members;
    };
    void outsideAnyRequest(async () => {
      let failure: { error: unknown } | undefined;
      try {
        const outcomes = await withTransaction(
          this.db,
          async (tx) => {
            await previous;
            return this.applyIn(tx, take());
          },
          { confirmClaim: false },
        );
        settle(take(), outcomes);
      } catch (error) {
        failure = { error };
      } finally {
        // The next group may go on before a failed one is sorted out: nothing it does waits for that.
        // It never goes on before the group ahead of this one is done, though: a group that failed
        // before its transaction began (no connection in time) has not waited for that group yet.
        void previous.then(finished);
        if (!state.forming && !state.queue.length && this.keys.get(key) === state) this.keys.delete(key);
      }
      if (failure) await this.failed(take(), failure.error);
    });
  }

  /** A failed group: its error answers every member, unless one member's input may have caused it. */
  private async failed(members: Member<I, R>[], error: unknown): Promise<void> {
    if (members.length < 2 || !INPUT_ERROR_CLASSES.includes(pgCode(error)?.slice(0, 2) ?? '')) {
      for (const member of members) member.reject(error);
      return;
    }
    for (const member of members) {
      try {
        settle([member], await withTransaction(this.db, (tx) => this.applyIn(tx, [member]), { confirmClaim: false }));
      } catch (alone) {
        member.reject(alone);
      }
    }
  }

  /** Confirms the members' claims, applies the work to those it is for, and writes their audit entries. */
  private async applyIn(tx: EntityManager, members: Member<I, R>[]): Promise<MemberOutcome<R>[]> {
    const claims = members.flatMap((m) => (m.claim ? [m.claim] : []));
    const owned = await lockOwnedClaims(tx, claims);
    const outcomes: (MemberOutcome<R> | undefined)[] = members.map(({ claim }) => {
      if (!claim) return undefined;
      if (!owned.has(claim)) return { refused: inProgress() };
      // A previous attempt of this request committed this step: its result, not a second effect.
      return claim.step < claim.committedResults.length
        ? { result: claim.committedResults[claim.step] as R }
        : undefined;
    });
    const toApply = members.filter((_, i) => outcomes[i] === undefined);
    const applied = toApply.length
      ? await this.work(
          tx,
          toApply.map((m) => m.input),
        )
      : [];
    if (applied.length !== toApply.length) throw new Error('a transaction group must answer each of its requests');
    const done: { member: Member<I, R>; result: R }[] = [];
    toApply.forEach((member, i) => {
      const outcome = applied[i];
      outcomes[members.indexOf(member)] = outcome;
      if ('result' in outcome) done.push({ member, result: outcome.result });
    });
    await this.audit.recordPendingInTransaction(
      tx,
      done.flatMap(({ member, result }) => (member.audit ? [{ pending: member.audit, result }] : [])),
    );
    await storeClaimResults(
      tx,
      done.flatMap(({ member, result }) => (member.claim ? [{ claim: member.claim, result }] : [])),
    );
    return outcomes as MemberOutcome<R>[];
  }
}

/** Answers the members of a committed group. */
function settle<I, R>(members: Member<I, R>[], outcomes: MemberOutcome<R>[]): void {
  members.forEach((member, i) => {
    const outcome = outcomes[i];
    if ('refused' in outcome) return member.reject(outcome.refused);
    // Committed: the request's next transaction is its next step (see `confirmClaim`).
    if (member.claim) member.claim.step++;
    member.resolve(outcome.result);
  });
}
