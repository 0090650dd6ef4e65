import { createHash } from 'node:crypto';
import { applyDecorators, CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiHeader } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { catchError, from, mergeMap, Observable, of, throwError } from 'rxjs';
import { LessThan, Repository } from 'typeorm';
import { principalKey } from '../auth/principal';
import { PG_UNIQUE_VIOLATION, pgCode } from '../database/pg-errors';
import { IdempotencyRecord } from './idempotency-record.entity';
import { Problem } from './problem';
import { ApiProblem } from './api-problem.decorator';
import { successStatus } from './success-status';

const IDEMPOTENT = 'qm:idempotent';
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const RETENTION_MS = 24 * 3_600_000;

/**
 * Marks a mutation that bots and integrators may retry: with an `Idempotency-Key` header, the
 * same key and request replays the first response instead of acting twice; the same key with
 * a different request is a 422; a retry while the first is still running is a 409.
 */
export const Idempotent = (): MethodDecorator =>
  applyDecorators(
    SetMetadata(IDEMPOTENT, true),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Unique per intended effect (e.g. a UUID); retries reuse it. Kept 24 hours.' }),
    ApiProblem(422, 'Idempotency-Key reused with a different request'),
    ApiProblem(409, 'A request with this Idempotency-Key is still in progress'),
  );

/** Canonical JSON: object keys sorted, so `{a,b}` and `{b,a}` are the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @InjectRepository(IdempotencyRecord) private readonly records: Repository<IdempotencyRecord>,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const key = request.headers['idempotency-key'];
    if (key === undefined || !this.reflector.get<boolean>(IDEMPOTENT, context.getHandler())) return next.handle();
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      return throwError(() => Problem.validation([{ path: 'Idempotency-Key', message: 'must be 1-255 visible ASCII characters' }]));
    }
    const operation = `${request.method} ${request.routeOptions.url}`;
    const scope = request.principal ? principalKey(request.principal) : `ip:${request.ip}`;
    const requestHash = createHash('sha256').update(canonical([operation, request.params, request.query, request.body])).digest('hex');

    return from(this.claim(scope, key, operation, requestHash)).pipe(
      mergeMap((existing) => {
        if (existing) {
          context.switchToHttp().getResponse<FastifyReply>().header('Idempotent-Replayed', 'true');
          return of(existing.responseBody ?? undefined);
        }
        return next.handle().pipe(
          mergeMap((body) => from(this.records.update({ scope, key }, { responseStatus: successStatus(this.reflector, context), responseBody: body ?? null }).then(() => body))),
          // A failed first attempt leaves no record, so the client can retry with the same key.
          catchError((error) => from(this.records.delete({ scope, key })).pipe(mergeMap(() => throwError(() => error)))),
        );
      }),
    );
  }

  /** Inserts a pending record (null: go ahead), or returns the finished one to replay. */
  private async claim(scope: string, key: string, operation: string, requestHash: string): Promise<IdempotencyRecord | null> {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await this.records.insert({ scope, key, operation, requestHash, expiresAt: new Date(Date.now() + RETENTION_MS) });
        return null;
      } catch (error) {
        if (pgCode(error) !== PG_UNIQUE_VIOLATION) throw error;
      }
      const existing = await this.records.findOne({ where: { scope, key } });
      if (!existing) continue; // finished with an error and was deleted meanwhile: claim again
      if (existing.expiresAt <= new Date()) {
        await this.records.delete({ id: existing.id, expiresAt: LessThan(new Date()) });
        continue;
      }
      if (existing.requestHash !== requestHash) {
        throw new Problem(422, 'This Idempotency-Key was used for a different request', { slug: 'idempotency-key-reused' });
      }
      if (existing.responseStatus === null) {
        throw Problem.conflict('A request with this Idempotency-Key is still being processed; retry shortly', 'idempotency-in-progress');
      }
      return existing;
    }
    throw Problem.conflict('A request with this Idempotency-Key is still being processed; retry shortly', 'idempotency-in-progress');
  }
}
