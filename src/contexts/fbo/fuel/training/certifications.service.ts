import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../../../platform/audit/audit.service';
import { withTransaction } from '../../../../platform/database/transactions';
import { DomainEvents } from '../../../../platform/events/domain-events';
import { Page } from '../../../../platform/http/pagination';
import { Problem } from '../../../../platform/http/problem';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { tierAtLeast } from '../../../../platform/tenancy/tiers';
import { Fueler } from '../fuelers/fueler.entity';
import { FuelersService } from '../fuelers/fuelers.service';
import type { FuelType } from '../tanks/tank.entity';
import { FboSettingsService } from '../../flight-ops/settings/fbo-settings.service';
import { addDays, certificationStatus, expiresOn } from './certification-expiry';
import { Certification, CertificationRecord } from './certification.entity';
import { CertificationsRepository } from './certifications.repository';
import { complianceOf } from './compliance';
import { TrainingCoursesService } from './courses.service';
import {
  CertificationCalendarDto,
  CertificationCalendarQueryDto,
  CertificationDto,
  CertificationRecordDto,
  CertificationWindowQueryDto,
  CompleteCertificationDto,
  ListCertificationsQueryDto,
} from './dto/certification.dto';
import { FuelerComplianceDto, ListComplianceQueryDto } from './dto/compliance.dto';
import { TrainingAssignmentsService } from './training-assignments.service';

export const CERTIFICATION_RECORDED_EVENT = 'fbo.certification.recorded';

/** Default window of `expiring_soon` where a request gives none. */
const DEFAULT_WINDOW_DAYS = 30;

/** How many days one calendar request may span (a year, leap or not). */
const MAX_CALENDAR_DAYS = 366;

export function toCertificationDto(c: Certification, today: string, days = DEFAULT_WINDOW_DAYS): CertificationDto {
  return {
    id: c.id,
    fuelerId: c.fuelerId,
    courseId: c.courseId,
    courseName: c.course?.name ?? '',
    completedOn: c.completedOn,
    expiresOn: c.expiresOn,
    certifiedById: c.certifiedById,
    notes: c.notes,
    status: certificationStatus(c.expiresOn, today, days),
  };
}

function toCertificationRecordDto(r: CertificationRecord): CertificationRecordDto {
  return {
    id: r.id,
    fuelerId: r.fuelerId,
    courseId: r.courseId,
    courseName: r.course?.name ?? '',
    completedOn: r.completedOn,
    expiresOn: r.expiresOn,
    certifiedById: r.certifiedById,
    notes: r.notes,
    recordedAt: r.createdAt,
  };
}

/**
 * Certifications: recording completions (trainers and officers), the current certification per
 * fueler and course with its append-only history, and the question fuel dispatch asks:
 * `isCertified`.
 */
@Injectable()
export class CertificationsService {
  constructor(
    private readonly certifications: CertificationsRepository,
    private readonly courses: TrainingCoursesService,
    private readonly fuelers: FuelersService,
    private readonly assignments: TrainingAssignmentsService,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
    private readonly settings: FboSettingsService,
  ) {}

  async list(orgId: string, q: ListCertificationsQueryDto): Promise<Page<CertificationDto>> {
    const today = await this.settings.today(orgId);
    const page = await this.certifications.page(orgId, { ...q, today }, q);
    return { ...page, items: page.items.map((c) => toCertificationDto(c, today, q.days)) };
  }

  /**
   * Expiries from `from` to `to` (inclusive), one entry per day that has any, for a training
   * calendar: at most a year at a time. Statuses are as of the org's today, with a 30-day window.
   */
  async calendar(orgId: string, q: CertificationCalendarQueryDto): Promise<CertificationCalendarDto> {
    if (q.to < q.from) throw Problem.validation([{ path: 'to', message: 'to must not be before from' }]);
    if (addDays(q.from, MAX_CALENDAR_DAYS - 1) < q.to) {
      throw Problem.validation([{ path: 'to', message: `a calendar spans at most ${MAX_CALENDAR_DAYS} days` }]);
    }
    const today = await this.settings.today(orgId);
    const days = new Map<string, CertificationDto[]>();
    for (const c of await this.certifications.expiringBetween(orgId, q.from, q.to)) {
      const day = days.get(c.expiresOn) ?? [];
      day.push(toCertificationDto(c, today));
      days.set(c.expiresOn, day);
    }
    return {
      from: q.from,
      to: q.to,
      days: [...days].map(([date, certifications]) => ({ date, certifications })),
    };
  }

  async listForFueler(
    orgId: string,
    fuelerId: string,
    q: CertificationWindowQueryDto,
  ): Promise<Page<CertificationDto>> {
    await this.fuelers.get(orgId, fuelerId);
    return this.list(orgId, { ...q, fuelerId } as ListCertificationsQueryDto);
  }

  /** The caller's certifications: none when the caller is not one of the org's fuelers. */
  async listMine(access: OrgAccess, q: CertificationWindowQueryDto): Promise<Page<CertificationDto>> {
    const fueler = await this.fuelers.ofUser(access.org.id, access.userId);
    if (!fueler) return { items: [], nextCursor: null };
    return this.list(access.org.id, { ...q, fuelerId: fueler.id } as ListCertificationsQueryDto);
  }

  /** Every current certification of a fueler (for the fueler's detail). */
  async currentOf(orgId: string, fuelerId: string): Promise<CertificationDto[]> {
    return (await this.list(orgId, { fuelerId, limit: 200, days: DEFAULT_WINDOW_DAYS } as ListCertificationsQueryDto))
      .items;
  }

  async history(orgId: string, fuelerId: string): Promise<CertificationRecordDto[]> {
    await this.fuelers.get(orgId, fuelerId);
    return (await this.certifications.history(orgId, fuelerId)).map(toCertificationRecordDto);
  }

  /** Per fueler (a page, by name): the standing in each required course and overdue assignments. */
  async compliance(orgId: string, q: ListComplianceQueryDto): Promise<Page<FuelerComplianceDto>> {
    const today = await this.settings.today(orgId);
    const page = await this.fuelers.list(orgId, q);
    const ids = page.items.map((f) => f.id);
    const [required, held, overdue] = await Promise.all([
      this.certifications.requiredCourses(orgId),
      this.certifications.heldBy(orgId, ids),
      this.certifications.overdueAssignments(orgId, ids, today),
    ]);
    return {
      ...page,
      items: page.items.map((f) => ({
        fuelerId: f.id,
        fuelerName: f.fuelerName,
        status: f.status,
        ...complianceOf(
          required,
          held.filter((c) => c.fuelerId === f.id),
          today,
          q.days,
        ),
        overdueAssignments: overdue.get(f.id) ?? 0,
      })),
    };
  }

  /**
   * Records a completion: the expiry from the course's validity unless given, the history row, the
   * current certification (unless a later completion is current), and the fueler's open assignment
   * of the course completed.
   */
  async complete(access: OrgAccess, dto: CompleteCertificationDto): Promise<CertificationDto> {
    const orgId = access.org.id;
    const today = await this.settings.today(orgId);
    if (dto.completedOn > today)
      throw Problem.validation([{ path: 'completedOn', message: 'completedOn cannot be in the future' }]);
    return withTransaction(this.certifications.db, async (tx) => {
      const fueler = await this.fuelers.get(orgId, dto.fuelerId, tx);
      const course = await this.courses.get(orgId, dto.courseId, tx);
      await this.assertMayCertify(tx, access, fueler, today);
      const expires = dto.expiresOn ?? expiresOn(dto.completedOn, course);
      if (expires < dto.completedOn)
        throw Problem.validation([{ path: 'expiresOn', message: 'expiresOn cannot be before completedOn' }]);
      const { record, current } = await this.certifications.record(tx, {
        orgId,
        fuelerId: fueler.id,
        courseId: course.id,
        completedOn: dto.completedOn,
        expiresOn: expires,
        certifiedById: access.userId,
        notes: dto.notes ?? '',
      });
      await this.assignments.completeOpen(tx, orgId, fueler.id, course.id);
      await this.events.record(tx, {
        orgId,
        type: CERTIFICATION_RECORDED_EVENT,
        subjectId: fueler.id,
        payload: {
          fuelerId: fueler.id,
          courseId: course.id,
          courseName: course.name,
          completedOn: record.completedOn,
          expiresOn: record.expiresOn,
          certifiedById: access.userId,
        },
      });
      await this.audit.recordInTransaction(tx, current);
      return toCertificationDto(current, today);
    });
  }

  /**
   * Whether the fueler may be dispatched to fuel `fuelType` (on `aircraftType`): active, holding
   * at least one course that covers it, and every required course that covers it, good today.
   * For fuel dispatch; another context calls it through the module's exports.
   */
  async isCertified(
    orgId: string,
    fuelerId: string,
    fuelType: FuelType,
    aircraftType?: string | null,
    tx?: EntityManager,
  ): Promise<boolean> {
    const fueler = await this.fuelers.get(orgId, fuelerId, tx);
    if (fueler.status !== 'active') return false;
    const courses = await this.certifications.applicableCourses(
      tx,
      orgId,
      fuelerId,
      fuelType,
      aircraftType ?? null,
      await this.settings.today(orgId, tx),
    );
    return courses.some((c) => c.held) && courses.every((c) => c.held || !c.required);
  }

  /** Officers certify anyone; other certifiers (trainers) need a current supervisor course. */
  private async assertMayCertify(tx: EntityManager, access: OrgAccess, fueler: Fueler, today: string): Promise<void> {
    if (access.tier && tierAtLeast(access.tier, 'officer')) return;
    const certifier = access.userId ? await this.fuelers.findByUser(tx, access.org.id, access.userId) : null;
    if (certifier && certifier.id !== fueler.id) {
      if (await this.certifications.holdsSupervisorCourse(tx, access.org.id, certifier.id, today)) return;
    }
    throw Problem.conflict(
      certifier?.id === fueler.id
        ? 'Line staff cannot certify themselves'
        : 'You hold no current certification in a supervisor course',
      'certifier-not-qualified',
    );
  }
}
