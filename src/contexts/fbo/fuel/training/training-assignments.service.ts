import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../../../platform/audit/audit.service';
import { findInOrg } from '../../../../platform/database/org-scoped';
import { withTransaction } from '../../../../platform/database/transactions';
import { keysetPage, Page } from '../../../../platform/http/pagination';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { keysetBy } from '../../../../platform/http/keyset';
import { Fueler } from '../fuelers/fueler.entity';
import { FboSettingsService } from '../../flight-ops/settings/fbo-settings.service';
import { TrainingCourse } from './course.entity';
import {
  CreateTrainingAssignmentDto,
  ListTrainingAssignmentsQueryDto,
  TrainingAssignmentDto,
} from './dto/training-assignment.dto';
import { ASSIGNMENT_LIFECYCLE, TrainingAssignment } from './training-assignment.entity';

function toTrainingAssignmentDto(a: TrainingAssignment, today: string): TrainingAssignmentDto {
  return {
    id: a.id,
    fuelerId: a.fuelerId,
    courseId: a.courseId,
    dueOn: a.dueOn,
    status: a.status,
    overdue: a.status === 'assigned' && a.dueOn < today,
    assignedById: a.assignedById,
    closedAt: a.closedAt,
  };
}

/** Training assigned to fuelers: assigned → completed (when the certification is recorded) | cancelled. */
@Injectable()
export class TrainingAssignmentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly settings: FboSettingsService,
  ) {}

  /** By due day, soonest first. */
  async list(orgId: string, q: ListTrainingAssignmentsQueryDto): Promise<Page<TrainingAssignmentDto>> {
    const today = await this.settings.today(orgId);
    const qb = this.db.getRepository(TrainingAssignment).createQueryBuilder('a').where('a.org_id = :orgId', { orgId });
    if (q.status) qb.andWhere('a.status = :status', { status: q.status });
    if (q.fuelerId) qb.andWhere('a.fueler_id = :fuelerId', { fuelerId: q.fuelerId });
    if (q.overdue !== undefined)
      qb.andWhere(
        q.overdue ? `a.status = 'assigned' AND a.due_on < :today` : `NOT (a.status = 'assigned' AND a.due_on < :today)`,
        {
          today,
        },
      );
    const rows = await keysetBy(
      qb,
      [
        ['a.due_on', 'date'],
        ['a.id', 'uuid'],
      ],
      q,
    ).getMany();
    return keysetPage(
      rows,
      q.limit,
      (a) => [a.dueOn, a.id],
      (a) => toTrainingAssignmentDto(a, today),
    );
  }

  async create(access: OrgAccess, dto: CreateTrainingAssignmentDto): Promise<TrainingAssignmentDto> {
    const orgId = access.org.id;
    return withTransaction(this.db, async (tx) => {
      await findInOrg(tx, Fueler, orgId, dto.fuelerId, 'Fueler');
      await findInOrg(tx, TrainingCourse, orgId, dto.courseId, 'Course');
      const saved = await tx.save(tx.create(TrainingAssignment, { ...dto, orgId, assignedById: access.userId }));
      await this.audit.recordInTransaction(tx, saved);
      return toTrainingAssignmentDto(saved, await this.settings.today(orgId, tx));
    });
  }

  async cancel(orgId: string, id: string): Promise<TrainingAssignmentDto> {
    return withTransaction(this.db, async (tx) => {
      const assignment = await findInOrg(tx, TrainingAssignment, orgId, id, 'Training assignment', { lock: true });
      ASSIGNMENT_LIFECYCLE.assert(assignment.status, 'cancelled');
      Object.assign(assignment, { status: 'cancelled', closedAt: new Date() });
      const saved = await tx.save(assignment);
      await this.audit.recordInTransaction(tx, saved);
      return toTrainingAssignmentDto(saved, await this.settings.today(orgId, tx));
    });
  }

  /** Completes the fueler's open assignments of the course (the certification was just recorded). */
  async completeOpen(tx: EntityManager, orgId: string, fuelerId: string, courseId: string): Promise<void> {
    await tx.update(
      TrainingAssignment,
      { orgId, fuelerId, courseId, status: 'assigned' },
      { status: 'completed', closedAt: new Date() },
    );
  }
}
