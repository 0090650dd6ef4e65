import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { from, mergeMap, Observable, of } from 'rxjs';
import { successStatus } from '../http/success-status';
import { AuditService, PendingAudit, runWithPendingAudit } from './audit.service';

const SECRET_FIELD = /password|secret|token|^key$/i;
const MAX_CHANGES_BYTES = 4096;

/** Secrets are redacted at any depth (`{ webhook: { secret } }`, `[{ password }]`). */
function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET_FIELD.test(k) ? '[redacted]' : redact(v)]),
    );
  }
  return value;
}

/** Field values of the request body, secrets redacted, large bodies reduced to their field names. */
export function auditedChanges(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
  const changes = redact(body) as Record<string, unknown>;
  return JSON.stringify(changes).length > MAX_CHANGES_BYTES ? { fields: Object.keys(changes) } : changes;
}

function targetId(params: Record<string, string>, result: unknown): string | null {
  const fromResult =
    result && typeof result === 'object'
      ? ((result as { id?: unknown }).id ?? (result as { userId?: unknown }).userId)
      : undefined;
  const id = params.id ?? params.userId ?? fromResult;
  return typeof id === 'string' ? id.slice(0, 64) : null;
}

/**
 * Writes one audit entry for every successful mutation (any method but GET/HEAD/OPTIONS):
 * who, in which org, which operation, on what, with which fields, under which request id.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger(AuditInterceptor.name);

  constructor(
    private readonly audit: AuditService,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return next.handle();
    const status = successStatus(this.reflector, context);
    const pending: PendingAudit = {
      written: false,
      entryFor: (result) => ({
        orgId: request.orgAccess?.org.id ?? null,
        actorUserId: request.principal?.user.id ?? null,
        actorApiKeyId: request.principal?.apiKey?.id ?? null,
        action: context.getHandler().name,
        targetType: context
          .getClass()
          .name.replace(/Controller$/, '')
          .toLowerCase(),
        targetId: targetId((request.params ?? {}) as Record<string, string>, result),
        changes: auditedChanges(request.body),
        requestId: String(request.id),
        status,
      }),
    };
    // Subscribed inside the pending entry's context, so a service can write it in its own transaction.
    const handled = new Observable<unknown>((subscriber) =>
      runWithPendingAudit(pending, () => next.handle().subscribe(subscriber)),
    );
    return handled.pipe(
      mergeMap((result) =>
        pending.written
          ? of(result)
          : from(
              this.audit
                .record(pending.entryFor(result))
                .catch((err) => this.logger.error({ err, requestId: request.id }, 'audit entry could not be written'))
                .then(() => result),
            ),
      ),
    );
  }
}
