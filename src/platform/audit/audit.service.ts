import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { keysetPage, newestFirst, Page, timeAndId } from '../http/pagination';
import { AuditEntry } from './audit-entry.entity';
import { AuditEntryDto, AuditQueryDto } from './dto/audit.dto';
import { preparedQuery } from '../database/prepared';
import { ScopeSlot } from '../http/request-scope';

function toAuditEntryDto(e: AuditEntry): AuditEntryDto {
  return {
    id: e.id,
    actorUserId: e.actorUserId,
    actorApiKeyId: e.actorApiKeyId,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    changes: e.changes,
    requestId: e.requestId,
    status: e.status,
    createdAt: e.createdAt,
  };
}

type NewAuditEntry = Omit<AuditEntry, 'id' | 'createdAt'>;

/** The columns an entry fills, in the order of `auditValues`. */
const AUDIT_COLUMNS =
  'org_id, actor_user_id, actor_api_key_id, action, target_type, target_id, changes, request_id, status';

/** An entry's values, in `AUDIT_COLUMNS` order (the changes as JSON text). */
function auditValues(entry: NewAuditEntry): unknown[] {
  return [
    entry.orgId,
    entry.actorUserId,
    entry.actorApiKeyId,
    entry.action,
    entry.targetType,
    entry.targetId,
    JSON.stringify(entry.changes ?? {}),
    entry.requestId,
    entry.status,
  ];
}

/** The audit entry of the request being handled, as the interceptor would write it for a result. */
export interface PendingAudit {
  entryFor(result: unknown): NewAuditEntry;
  /** Set once a transaction of the request wrote it (`recordInTransaction`): the interceptor then does not. */
  written: boolean;
}

const pendingAudit = new ScopeSlot<PendingAudit>('pending audit entry');

/** Runs `work` (the request's handler) with its pending audit entry visible to `recordInTransaction`. */
export function runWithPendingAudit<T>(pending: PendingAudit, work: () => T): T {
  return pendingAudit.run(pending, work);
}

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>) {}

  /**
   * Appends an entry; pass the transaction's manager to commit it with the change itself. One
   * plain INSERT without RETURNING: every mutation pays for it, and nothing reads it back.
   */
  async record(entry: NewAuditEntry, manager: EntityManager = this.entries.manager): Promise<void> {
    await preparedQuery(
      manager,
      'qm_audit_insert',
      `INSERT INTO audit_log (${AUDIT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9)`,
      auditValues(entry),
    );
  }

  /**
   * Writes the current request's audit entry in the caller's transaction, so a change and its
   * audit row commit together (one commit instead of two); the interceptor then writes none.
   * `result` stands for the handler's result where the entry names its target (`{ id }`).
   * Outside a request (jobs, scripts) it writes nothing. A transaction of another database (a
   * separate communications store) cannot hold the row: the interceptor writes it once the
   * request has succeeded, as for any handler that records none.
   */
  async recordInTransaction(manager: EntityManager, result?: unknown): Promise<void> {
    const pending = pendingAudit.get();
    if (!pending || manager.connection !== this.entries.manager.connection) return;
    await this.record(pending.entryFor(result), manager);
    pending.written = true;
  }

  /** The current request's pending audit entry, to write later in a transaction run for many requests. */
  pendingForRequest(): PendingAudit | undefined {
    return pendingAudit.get();
  }

  /**
   * Writes the pending entries of several requests in one statement of the caller's transaction
   * (a transaction group, where one transaction carries the changes of many requests), as
   * `recordInTransaction` does for one.
   */
  async recordPendingInTransaction(
    manager: EntityManager,
    pendings: { pending: PendingAudit; result: unknown }[],
  ): Promise<void> {
    if (!pendings.length || manager.connection !== this.entries.manager.connection) return;
    const rows = pendings.map(({ pending, result }) => auditValues(pending.entryFor(result)));
    // The same columns as `record`, as arrays (one per column) for one multi-row statement.
    await preparedQuery(
      manager,
      'qm_audit_insert_many',
      `INSERT INTO audit_log (${AUDIT_COLUMNS})
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::varchar[], $5::varchar[], $6::varchar[],
                            $7::jsonb[], $8::varchar[], $9::smallint[])`,
      rows[0].map((_, column) => rows.map((row) => row[column])),
    );
    for (const { pending } of pendings) pending.written = true;
  }

  /**
   * Tells the interceptor that the current request changed nothing worth an entry (a dry run
   * answered with what it would do): no audit row is written for it.
   */
  skipForRequest(): void {
    const pending = pendingAudit.get();
    if (pending) pending.written = true;
  }

  async list(orgId: string, query: AuditQueryDto): Promise<Page<AuditEntryDto>> {
    const qb = this.entries.createQueryBuilder('a').where('a.org_id = :orgId', { orgId });
    if (query.action) qb.andWhere('a.action = :action', { action: query.action });
    if (query.actorUserId) qb.andWhere('a.actor_user_id = :actor', { actor: query.actorUserId });
    if (query.targetId) qb.andWhere('a.target_id = :target', { target: query.targetId });
    const rows = await newestFirst(qb, 'a.created_at', 'a.id', query).getMany();
    return keysetPage(rows, query.limit, (e) => timeAndId(e.createdAt, e.id), toAuditEntryDto);
  }
}
