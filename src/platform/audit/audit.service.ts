import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { keysetPage, newestFirst, Page, timeAndId } from '../http/pagination';
import { AuditEntry } from './audit-entry.entity';
import { AuditEntryDto, AuditQueryDto } from './dto/audit.dto';

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

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>) {}

  /** Appends an entry; pass the transaction's manager to commit it with the change itself. */
  async record(
    entry: Omit<AuditEntry, 'id' | 'createdAt'>,
    manager: EntityManager = this.entries.manager,
  ): Promise<void> {
    await manager.getRepository(AuditEntry).save(manager.create(AuditEntry, entry));
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
