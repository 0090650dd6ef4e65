import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../../../platform/audit/audit.service';
import { containsPattern } from '../../../../platform/database/like-pattern';
import { findInOrg } from '../../../../platform/database/org-scoped';
import { withTransaction } from '../../../../platform/database/transactions';
import { keysetPage, Page } from '../../../../platform/http/pagination';
import { FieldError, Problem } from '../../../../platform/http/problem';
import { MembersService } from '../../../../platform/tenancy/members/members.service';
import { keysetBy } from '../../../../platform/http/keyset';
import { byConstraint, saveNamingField } from '../../../../platform/database/unique-conflict';
import { CreateFuelerDto, FuelerDto, ListFuelersQueryDto, UpdateFuelerDto } from './dto/fueler.dto';
import { Fueler } from './fueler.entity';

export function toFuelerDto(f: Fueler): FuelerDto {
  return {
    id: f.id,
    userId: f.userId,
    fuelerName: f.fuelerName,
    handheldName: f.handheldName,
    employeeId: f.employeeId,
    supervisorUserId: f.supervisorUserId,
    status: f.status,
  };
}

/** Fuelers (line staff who fuel): officers manage them; the user and the supervisor are org members. */
@Injectable()
export class FuelersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly members: MembersService,
    private readonly audit: AuditService,
  ) {}

  async list(orgId: string, q: ListFuelersQueryDto): Promise<Page<FuelerDto>> {
    const qb = this.db.getRepository(Fueler).createQueryBuilder('f').where('f.org_id = :orgId', { orgId });
    if (q.status) qb.andWhere('f.status = :status', { status: q.status });
    if (q.search)
      qb.andWhere('(f.fueler_name ILIKE :search OR f.handheld_name ILIKE :search OR f.employee_id ILIKE :search)', {
        search: containsPattern(q.search),
      });
    const rows = await keysetBy(
      qb,
      [
        ['f.fueler_name', 'text'],
        ['f.id', 'uuid'],
      ],
      q,
    ).getMany();
    return keysetPage(rows, q.limit, (f) => [f.fuelerName, f.id], toFuelerDto);
  }

  get(orgId: string, id: string, tx?: EntityManager): Promise<Fueler> {
    return findInOrg(tx ?? this.db.manager, Fueler, orgId, id, 'Fueler');
  }

  /** The caller's own fueler record (404 when they have none). */
  async byUser(orgId: string, userId: string | null, tx?: EntityManager): Promise<Fueler> {
    const fueler = await this.ofUser(orgId, userId, tx);
    if (!fueler) throw Problem.notFound('Fueler');
    return fueler;
  }

  /** The fueler record of a user, or null (a caller who is not line staff; a bot key has no user). */
  async ofUser(orgId: string, userId: string | null, tx?: EntityManager): Promise<Fueler | null> {
    return userId ? (tx ?? this.db.manager).findOne(Fueler, { where: { orgId, userId } }) : null;
  }

  /** The fueler record of a user, if any (for rules about the caller). */
  findByUser(tx: EntityManager, orgId: string, userId: string): Promise<Fueler | null> {
    return tx.findOne(Fueler, { where: { orgId, userId } });
  }

  async create(orgId: string, dto: CreateFuelerDto): Promise<FuelerDto> {
    await this.assertMembers(orgId, { userId: dto.userId, supervisorUserId: dto.supervisorUserId });
    return withTransaction(this.db, async (tx) => {
      const saved = await this.save(tx, tx.create(Fueler, { ...dto, orgId }));
      await this.audit.recordInTransaction(tx, saved);
      return toFuelerDto(saved);
    });
  }

  async update(orgId: string, id: string, dto: UpdateFuelerDto): Promise<FuelerDto> {
    await this.assertMembers(orgId, { supervisorUserId: dto.supervisorUserId });
    return withTransaction(this.db, async (tx) => {
      const fueler = await findInOrg(tx, Fueler, orgId, id, 'Fueler', { lock: true });
      const saved = await this.save(tx, Object.assign(fueler, dto));
      await this.audit.recordInTransaction(tx, saved);
      return toFuelerDto(saved);
    });
  }

  private save(tx: EntityManager, fueler: Fueler): Promise<Fueler> {
    return saveNamingField(
      tx,
      Fueler,
      fueler,
      byConstraint({
        uq_fbo_fuelers_org_employee: {
          detail: `A fueler with employee id ${fueler.employeeId} exists`,
          slug: 'employee-id-taken',
          field: 'employeeId',
        },
        uq_fbo_fuelers_org_user: { detail: 'That user is already a fueler', slug: 'fueler-exists', field: 'userId' },
      }),
    );
  }

  /** 400 for each given user id that is not a member of the org. */
  private async assertMembers(orgId: string, users: Record<string, string | null | undefined>): Promise<void> {
    const given = Object.entries(users).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
    if (!given.length) return;
    const members = await this.members.memberIdsAmong(
      orgId,
      given.map(([, id]) => id),
    );
    const errors: FieldError[] = given
      .filter(([, id]) => !members.has(id))
      .map(([path]) => ({ path, message: `${path} must be a member of the org` }));
    if (errors.length) throw Problem.validation(errors);
  }
}
