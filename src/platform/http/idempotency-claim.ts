import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Problem, PROBLEM_BASE } from './problem';
import { ScopeSlot } from './request-scope';

/**
 * An Idempotency-Key claim, and every query on `idempotency_records`.
 *
 * Why the claim travels with the request: the pending record is written before the handler runs
 * (so concurrent retries see it), outside the business transaction. Alone, that cannot survive a
 * crash: the record says "in progress" whether or not the work committed. So the claim is a lease
 * (a retry may take it over once it lapses), and the request's outermost `withTransaction`
 * confirms the claim inside its own transaction (`confirmClaim`): it locks the record, checks
 * that this attempt still owns it, and stores its result there. The key's claim and the business
 * effect commit or vanish together.
 *
 * Why results and not a provisional response: most handlers build their answer after the commit
 * (they read the created row back, map entities to DTOs, add what they parsed), so the
 * transaction's result is often not the response. A retry that takes over a committed claim runs
 * the handler again, but each transaction that already committed is not run again: it returns
 * its stored result, and the handler's remaining work (reads) rebuilds the same answer.
 */
export interface IdempotencyClaim {
  recordId: string;
  /** Random per attempt: a takeover replaces it, and the superseded attempt can then no longer commit. */
  ownerToken: string;
  /** Results of the transactions a previous attempt committed, in order (empty for a first attempt). */
  committedResults: unknown[];
  /** How many of the request's outermost transactions have committed in this attempt. */
  step: number;
  /** Set once the handler has finished: later transactions (background work it started) are not its effect. */
  settled: boolean;
}

/** A record found for a key: what the interceptor decides on. */
export interface ExistingRecord {
  id: string;
  requestHash: string;
  responseStatus: number | null;
  responseBody: unknown;
  expired: boolean;
  /** Seconds until the lease lapses; 0 or less when it has. */
  leaseLeft: number;
}

const claims = new ScopeSlot<IdempotencyClaim>('idempotency claim');
/** Marks "inside a withTransaction" so that only the request's outermost transactions confirm the claim. */
const transactionScope = new ScopeSlot<true>('inside a transaction');

const IN_PROGRESS = 'idempotency-in-progress';

export function inProgress(): Problem {
  return Problem.conflict('A request with this Idempotency-Key is still being processed; retry shortly', IN_PROGRESS);
}

export function isInProgress(error: unknown): boolean {
  return error instanceof Problem && (error.getResponse() as { type?: string }).type === PROBLEM_BASE + IN_PROGRESS;
}

export function newClaim(recordId: string, ownerToken: string, committedResults: unknown[] = []): IdempotencyClaim {
  return { recordId, ownerToken, committedResults, step: 0, settled: false };
}

/** Runs `handler` (the request's work) with the claim visible to `withTransaction`. */
export function runWithClaim<T>(claim: IdempotencyClaim, handler: () => T): T {
  return claims.run(claim, handler);
}

/** The claim the current transaction must confirm: set, unsettled, and not inside another withTransaction. */
export function claimToConfirm(): IdempotencyClaim | undefined {
  const claim = claims.get();
  return claim && !claim.settled && !transactionScope.get() ? claim : undefined;
}

/** Runs `work` marked as inside a transaction, so nested withTransaction calls leave the claim alone. */
export function insideTransaction<T>(work: () => Promise<T>): Promise<T> {
  return transactionScope.run(true, work);
}

/**
 * Runs `work` in `tx` with the claim confirmed around it. The record is locked first, so a retry's
 * takeover waits for this transaction to end; if a takeover already happened (this attempt
 * outlived its lease), the 409 rolls the business write back. A transaction a previous attempt
 * committed returns its stored result instead of running again. The caller counts `step` up
 * once the transaction has committed (a deadlock retry runs this again for the same step).
 */
export async function confirmClaim<T>(
  tx: EntityManager,
  claim: IdempotencyClaim,
  work: (tx: EntityManager) => Promise<T>,
): Promise<T> {
  // Gone (expired and swept) or owned by a later attempt: this attempt must not act.
  if (!(await lockOwnedClaims(tx, [claim])).has(claim)) throw inProgress();
  if (claim.step < claim.committedResults.length) return claim.committedResults[claim.step] as T;
  const result = await work(tx);
  await storeClaimResults(tx, [{ claim, result }]);
  return result;
}

/**
 * Locks the claims' records (in id order, so two transactions cannot deadlock on them) and
 * returns the claims this transaction may act for. In a transaction carrying several requests (a
 * transaction group), a claim missing from the answer was taken over: its request gets
 * `inProgress()` and the others go on.
 */
export async function lockOwnedClaims(tx: EntityManager, claims: IdempotencyClaim[]): Promise<Set<IdempotencyClaim>> {
  if (!claims.length) return new Set();
  const rows = (await tx.query(
    'SELECT id, owner_token AS "ownerToken" FROM idempotency_records WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE',
    [claims.map((c) => c.recordId)],
  )) as { id: string; ownerToken: string | null }[];
  const owners = new Map(rows.map((r) => [r.id, r.ownerToken]));
  return new Set(claims.filter((c) => owners.get(c.recordId) === c.ownerToken));
}

/** Stores each claim's transaction result on its record, in the transaction that made it (see `confirmClaim`). */
export async function storeClaimResults(
  tx: EntityManager,
  results: { claim: IdempotencyClaim; result: unknown }[],
): Promise<void> {
  if (!results.length) return;
  await tx.query(
    `UPDATE idempotency_records r
        SET committed_at = coalesce(r.committed_at, now()),
            transaction_results = coalesce(r.transaction_results, '[]'::jsonb) || jsonb_build_array(v.result)
       FROM unnest($1::uuid[], $2::jsonb[]) AS v(id, result)
      WHERE r.id = v.id`,
    [results.map((r) => r.claim.recordId), results.map((r) => JSON.stringify(r.result ?? null))],
  );
}

/** The lease end of a row, counting rows from before leases as leased from their creation. */
const leaseEnd = (leaseParam: string) => `coalesce(lease_until, created_at + make_interval(secs => ${leaseParam}))`;

/** Inserts a pending record holding a fresh lease; null when the key already has a record. */
export async function insertClaim(
  manager: EntityManager,
  row: { scope: string; key: string; operation: string; requestHash: string; expiresAt: Date },
  leaseSeconds: number,
): Promise<IdempotencyClaim | null> {
  const ownerToken = randomUUID();
  const inserted = (await manager.query(
    `INSERT INTO idempotency_records (scope, key, operation, request_hash, expires_at, owner_token, lease_until)
     VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7))
     ON CONFLICT (scope, key) DO NOTHING
     RETURNING id`,
    [row.scope, row.key, row.operation, row.requestHash, row.expiresAt, ownerToken, leaseSeconds],
  )) as { id: string }[];
  return inserted.length ? newClaim(inserted[0].id, ownerToken) : null;
}

export async function findRecord(
  manager: EntityManager,
  scope: string,
  key: string,
  leaseSeconds: number,
): Promise<ExistingRecord | null> {
  const [row] = (await manager.query(
    `SELECT id, request_hash AS "requestHash", response_status AS "responseStatus", response_body AS "responseBody",
            expires_at <= now() AS expired, extract(epoch FROM ${leaseEnd('$3')} - now())::float8 AS "leaseLeft"
       FROM idempotency_records WHERE scope = $1 AND key = $2`,
    [scope, key, leaseSeconds],
  )) as ExistingRecord[];
  return row ?? null;
}

/**
 * Takes over a claim whose holder's lease lapsed before it stored a response (it crashed, or is
 * stuck). The update waits for a transaction holding the record (`confirmClaim`) and re-checks
 * the row after it. The new claim carries the results the old holder committed, if any.
 */
export async function takeOverClaim(
  manager: EntityManager,
  id: string,
  leaseSeconds: number,
): Promise<IdempotencyClaim | null> {
  const ownerToken = randomUUID();
  const [rows] = (await manager.query(
    `UPDATE idempotency_records SET owner_token = $2, lease_until = now() + make_interval(secs => $3)
      WHERE id = $1 AND response_status IS NULL AND ${leaseEnd('$3')} <= now()
      RETURNING transaction_results::text AS results`,
    [id, ownerToken, leaseSeconds],
  )) as [{ results: string | null }[], number];
  if (!rows.length) return null;
  return newClaim(id, ownerToken, rows[0].results ? (JSON.parse(rows[0].results, reviveDates) as unknown[]) : []);
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * Stored results went through JSON, which turns Dates into ISO strings; the code after the
 * transaction may call Date methods on them. Only `toISOString()`'s exact form is revived, and it
 * serializes back to the same string.
 */
function reviveDates(_key: string, value: unknown): unknown {
  return typeof value === 'string' && ISO_INSTANT.test(value) ? new Date(value) : value;
}

/** Stores the final response (the committed results are no longer needed), unless a later attempt owns the key. */
export async function storeResponse(
  manager: EntityManager,
  claim: IdempotencyClaim,
  status: number,
  body: unknown,
): Promise<void> {
  await manager.query(
    `UPDATE idempotency_records
        SET committed_at = coalesce(committed_at, now()), response_status = $3, response_body = $4::jsonb,
            transaction_results = NULL
      WHERE id = $1 AND owner_token = $2`,
    [claim.recordId, claim.ownerToken, status, JSON.stringify(body ?? null)],
  );
}

/**
 * After a failed attempt: with no effect committed the record goes, so the client can retry with
 * the same key and act afresh; after a commit it stays (its effect must not run twice) and its
 * lease ends now, so a retry resumes it at once instead of waiting out the lease.
 */
export async function releaseClaim(manager: EntityManager, claim: IdempotencyClaim): Promise<void> {
  const [, deleted] = (await manager.query(
    'DELETE FROM idempotency_records WHERE id = $1 AND owner_token = $2 AND committed_at IS NULL',
    [claim.recordId, claim.ownerToken],
  )) as [unknown, number];
  if (deleted) return;
  await manager.query('UPDATE idempotency_records SET lease_until = now() WHERE id = $1 AND owner_token = $2', [
    claim.recordId,
    claim.ownerToken,
  ]);
}

/** Removes an expired record so its key can be claimed afresh. */
export async function deleteExpired(manager: EntityManager, id: string): Promise<void> {
  await manager.query('DELETE FROM idempotency_records WHERE id = $1 AND expires_at <= now()', [id]);
}
