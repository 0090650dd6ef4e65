import { createHash } from 'node:crypto';
import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  Inject,
  Injectable,
  NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiHeader } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { catchError, from, mergeMap, Observable, of, throwError } from 'rxjs';
import { DataSource } from 'typeorm';
import { principalKey } from '../auth/principal';
import { AppConfig } from '../config/app-config';
import {
  deleteExpired,
  findRecord,
  IdempotencyClaim,
  inProgress,
  insertClaim,
  isInProgress,
  releaseClaim,
  runWithClaim,
  storeResponse,
  takeOverClaim,
} from './idempotency-claim';
import { Problem } from './problem';
import { ApiProblem } from './api-problem.decorator';
import { successStatus } from './success-status';

const IDEMPOTENT = 'qm:idempotent';
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const RETENTION_MS = 24 * 3_600_000;

export interface IdempotencyOptions {
  /**
   * Refuse a request without the header (400 at `Idempotency-Key`), for creations that cost real
   * money twice (an order): the client must say which intended effect a request is.
   */
  required?: boolean;
}

/**
 * Marks a mutation that bots and integrators may retry: with an `Idempotency-Key` header, the
 * same key and request replays the first response instead of acting twice; the same key with
 * a different request is a 422; a retry while the first is still running is a 409 with
 * `Retry-After`. The first request's claim is a lease (IDEMPOTENCY_LEASE_SECONDS): if that
 * request died before its effect committed, a retry after the lease takes the key over and acts.
 *
 * Contract for the handler: every write goes through `withTransaction` (its result is stored on
 * the key in the same commit), and what runs after the commit only reads and builds the answer,
 * because a retry after a crash runs the handler again with the committed transactions replayed.
 */
export const Idempotent = (options: IdempotencyOptions = {}): MethodDecorator =>
  applyDecorators(
    SetMetadata(IDEMPOTENT, { required: options.required === true }),
    ApiHeader({
      name: 'Idempotency-Key',
      required: options.required === true,
      description: 'Unique per intended effect (e.g. a UUID); retries reuse it. Kept 24 hours.',
    }),
    ApiProblem(422, 'Idempotency-Key reused with a different request'),
    ApiProblem(409, 'A request with this Idempotency-Key is still in progress'),
  );

/** Whether a route handler is marked `@Idempotent()` (the platform puts the interceptor on those only). */
export const isIdempotent = (handler: object): boolean => Reflect.getMetadata(IDEMPOTENT, handler) !== undefined;

/** Canonical JSON: object keys sorted, so `{a,b}` and `{b,a}` are the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

interface ClaimRequest {
  scope: string;
  key: string;
  operation: string;
  requestHash: string;
}

/** What `claim` decided: run the handler under this claim, or replay a stored response. */
type ClaimOutcome = { claim: IdempotencyClaim } | { replay: { responseBody: unknown } };

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly leaseSeconds: number;

  constructor(
    private readonly reflector: Reflector,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.leaseSeconds = config.IDEMPOTENCY_LEASE_SECONDS;
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const key = request.headers['idempotency-key'];
    const policy = this.reflector.get<Required<IdempotencyOptions> | undefined>(IDEMPOTENT, context.getHandler());
    if (!policy) return next.handle();
    if (key === undefined) {
      if (!policy.required) return next.handle();
      return throwError(() =>
        Problem.validation([{ path: 'Idempotency-Key', message: 'Idempotency-Key is required for this request' }]),
      );
    }
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      return throwError(() =>
        Problem.validation([{ path: 'Idempotency-Key', message: 'must be 1-255 visible ASCII characters' }]),
      );
    }
    const operation = `${request.method} ${request.routeOptions.url}`;
    const scope = request.principal ? principalKey(request.principal) : `ip:${request.ip}`;
    const requestHash = createHash('sha256')
      .update(canonical([operation, request.params, request.query, request.body]))
      .digest('hex');
    const reply = context.switchToHttp().getResponse<FastifyReply>();

    return from(this.claim(reply, { scope, key, operation, requestHash })).pipe(
      mergeMap((outcome) => {
        if ('replay' in outcome) {
          reply.header('Idempotent-Replayed', 'true');
          return of(outcome.replay.responseBody ?? undefined);
        }
        return this.handleClaimed(outcome.claim, successStatus(this.reflector, context), reply, next);
      }),
    );
  }

  /** Runs the handler with the claim in its async context, then records its outcome. */
  private handleClaimed(
    claim: IdempotencyClaim,
    status: number,
    reply: FastifyReply,
    next: CallHandler,
  ): Observable<unknown> {
    // Subscribed inside the claim's context so the handler's transactions can confirm it.
    const handled = new Observable<unknown>((subscriber) =>
      runWithClaim(claim, () => next.handle().subscribe(subscriber)),
    );
    return handled.pipe(
      mergeMap((body) => {
        claim.settled = true;
        return from(storeResponse(this.db.manager, claim, status, body).then(() => body));
      }),
      // A failed attempt whose effect did not commit leaves no record, so the client can retry
      // with the same key; one whose effect committed keeps it, so a retry never acts twice.
      catchError((error: unknown) => {
        claim.settled = true;
        if (isInProgress(error)) reply.header('Retry-After', '1');
        return from(releaseClaim(this.db.manager, claim)).pipe(mergeMap(() => throwError(() => error)));
      }),
    );
  }

  /** Claims the key (a new record, or a lapsed one taken over), or returns the finished record to replay. */
  private async claim(reply: FastifyReply, request: ClaimRequest): Promise<ClaimOutcome> {
    const { scope, key, requestHash } = request;
    for (let attempt = 0; attempt < 3; attempt++) {
      const fresh = await insertClaim(
        this.db.manager,
        { ...request, expiresAt: new Date(Date.now() + RETENTION_MS) },
        this.leaseSeconds,
      );
      if (fresh) return { claim: fresh };
      const existing = await findRecord(this.db.manager, scope, key, this.leaseSeconds);
      if (!existing) continue; // finished with an error and was deleted meanwhile: claim again
      if (existing.expired) {
        await deleteExpired(this.db.manager, existing.id);
        continue;
      }
      if (existing.requestHash !== requestHash) {
        throw new Problem(422, 'This Idempotency-Key was used for a different request', {
          slug: 'idempotency-key-reused',
        });
      }
      if (existing.responseStatus !== null) return { replay: existing };
      if (existing.leaseLeft > 0) throw this.inProgress(reply, existing.leaseLeft);
      // The holder outlived its lease (it crashed, or is stuck): run the request here. What it
      // committed is replayed, not run again; if it reaches a transaction later, it finds the
      // claim taken and rolls back.
      const taken = await takeOverClaim(this.db.manager, existing.id, this.leaseSeconds);
      if (taken) return { claim: taken };
    }
    throw this.inProgress(reply, 1);
  }

  private inProgress(reply: FastifyReply, secondsLeft: number): Problem {
    reply.header('Retry-After', String(Math.max(1, Math.ceil(secondsLeft))));
    return inProgress();
  }
}
