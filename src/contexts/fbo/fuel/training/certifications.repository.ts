import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { keysetPage, Page } from '../../../../platform/http/pagination';
import { keysetBy } from '../../../../platform/http/keyset';
import type { FuelType } from '../tanks/tank.entity';
import { addDays, CertificationStatus } from './certification-expiry';
import { Certification, CertificationRecord } from './certification.entity';

export interface CertificationFilter {
  status?: CertificationStatus;
  fuelerId?: string;
  courseId?: string;
  /** Today's date and the expiring-soon window, for `status`. */
  today: string;
  days: number;
}

export type NewCertification = Pick<
  Certification,
  'orgId' | 'fuelerId' | 'courseId' | 'completedOn' | 'expiresOn' | 'certifiedById' | 'notes'
>;

/** The SQL of certifications: the current ones (one per fueler and course) and their history. */
@Injectable()
export class CertificationsRepository {
  constructor(@InjectDataSource() readonly db: DataSource) {}

  /** Current certifications by expiry (soonest first), with their course. */
  async page(
    orgId: string,
    filter: CertificationFilter,
    page: { limit: number; cursor?: string },
  ): Promise<Page<Certification>> {
    const qb = this.db
      .getRepository(Certification)
      .createQueryBuilder('c')
      .innerJoinAndSelect('c.course', 'course')
      .where('c.org_id = :orgId', { orgId });
    if (filter.fuelerId) qb.andWhere('c.fueler_id = :fuelerId', { fuelerId: filter.fuelerId });
    if (filter.courseId) qb.andWhere('c.course_id = :courseId', { courseId: filter.courseId });
    const soon = addDays(filter.today, filter.days);
    if (filter.status === 'expired') qb.andWhere('c.expires_on < :today', { today: filter.today });
    if (filter.status === 'expiring_soon')
      qb.andWhere('c.expires_on BETWEEN :today AND :soon', { today: filter.today, soon });
    if (filter.status === 'valid') qb.andWhere('c.expires_on > :soon', { soon });
    const rows = await keysetBy(
      qb,
      [
        ['c.expires_on', 'date'],
        ['c.id', 'uuid'],
      ],
      page,
    ).getMany();
    return keysetPage(
      rows,
      page.limit,
      (c) => [c.expiresOn, c.id],
      (c) => c,
    );
  }

  /** Current certifications expiring from `from` to `to` (inclusive), by day, fueler and course. */
  expiringBetween(orgId: string, from: string, to: string): Promise<Certification[]> {
    return this.db
      .getRepository(Certification)
      .createQueryBuilder('c')
      .innerJoinAndSelect('c.course', 'course')
      .where('c.org_id = :orgId', { orgId })
      .andWhere('c.expires_on BETWEEN :from AND :to', { from, to })
      .orderBy('c.expires_on', 'ASC')
      .addOrderBy('c.fueler_id', 'ASC')
      .addOrderBy('course.name', 'ASC')
      .getMany();
  }

  /** A fueler's completions, newest first (the history is small: no paging needed beyond a cap). */
  history(orgId: string, fuelerId: string): Promise<CertificationRecord[]> {
    return this.db.getRepository(CertificationRecord).find({
      where: { orgId, fuelerId },
      relations: { course: true },
      order: { completedOn: 'DESC', createdAt: 'DESC' },
      take: 500,
    });
  }

  /**
   * Appends the completion to the history and makes it the current certification unless a later
   * completion already is (a late-recorded older completion is history only). Returns the current one.
   */
  async record(
    tx: EntityManager,
    row: NewCertification,
  ): Promise<{ record: CertificationRecord; current: Certification }> {
    const record = await tx.save(tx.create(CertificationRecord, row));
    await tx.query(
      `INSERT INTO fbo_certifications (org_id, fueler_id, course_id, completed_on, expires_on, certified_by_id, notes)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (org_id, fueler_id, course_id) DO UPDATE SET
         completed_on = EXCLUDED.completed_on, expires_on = EXCLUDED.expires_on,
         certified_by_id = EXCLUDED.certified_by_id, notes = EXCLUDED.notes, updated_at = now()
       WHERE fbo_certifications.completed_on <= EXCLUDED.completed_on`,
      [row.orgId, row.fuelerId, row.courseId, row.completedOn, row.expiresOn, row.certifiedById, row.notes],
    );
    const current = await tx.findOneOrFail(Certification, {
      where: { orgId: row.orgId, fuelerId: row.fuelerId, courseId: row.courseId },
      relations: { course: true },
    });
    return { record, current };
  }

  /** Whether the fueler holds a certification of a `supervisor` course good on `today`. */
  async holdsSupervisorCourse(tx: EntityManager, orgId: string, fuelerId: string, today: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `SELECT 1 FROM fbo_certifications c JOIN fbo_training_courses k ON k.id = c.course_id
        WHERE c.org_id = $1 AND c.fueler_id = $2 AND k.kind = 'supervisor' AND c.expires_on >= $3 LIMIT 1`,
      [orgId, fuelerId, today],
    );
    return rows.length > 0;
  }

  /**
   * The courses that apply to fueling `fuelType` (on `aircraftType`): those covering the fuel type
   * whose aircraft type is unset or that type. For each, whether it is required and whether the
   * fueler holds it good on `today`.
   */
  applicableCourses(
    tx: EntityManager | undefined,
    orgId: string,
    fuelerId: string,
    fuelType: FuelType,
    aircraftType: string | null,
    today: string,
  ): Promise<{ required: boolean; held: boolean }[]> {
    return (tx ?? this.db.manager).query(
      `SELECT k.required, (c.id IS NOT NULL) AS held
         FROM fbo_training_courses k
         LEFT JOIN fbo_certifications c
           ON c.course_id = k.id AND c.org_id = k.org_id AND c.fueler_id = $2 AND c.expires_on >= $5
        WHERE k.org_id = $1 AND $3 = ANY(k.fuel_types)
          AND (k.aircraft_type IS NULL OR k.aircraft_type = $4)`,
      [orgId, fuelerId, fuelType, aircraftType, today],
    );
  }

  /** The org's required courses, by name. */
  requiredCourses(orgId: string): Promise<{ id: string; name: string }[]> {
    return this.db.query(`SELECT id, name FROM fbo_training_courses WHERE org_id = $1 AND required ORDER BY name, id`, [
      orgId,
    ]);
  }

  /** The current certifications of some fuelers (course and expiry only). */
  heldBy(orgId: string, fuelerIds: string[]): Promise<{ fuelerId: string; courseId: string; expiresOn: string }[]> {
    return this.db.query(
      `SELECT fueler_id AS "fuelerId", course_id AS "courseId", to_char(expires_on, 'YYYY-MM-DD') AS "expiresOn"
         FROM fbo_certifications WHERE org_id = $1 AND fueler_id = ANY($2::uuid[])`,
      [orgId, fuelerIds],
    );
  }

  /** How many assignments past due each of some fuelers has (absent: none). */
  async overdueAssignments(orgId: string, fuelerIds: string[], today: string): Promise<Map<string, number>> {
    const rows: { fuelerId: string; overdue: number }[] = await this.db.query(
      `SELECT fueler_id AS "fuelerId", count(*)::int AS overdue FROM fbo_training_assignments
        WHERE org_id = $1 AND fueler_id = ANY($2::uuid[]) AND status = 'assigned' AND due_on < $3
        GROUP BY fueler_id`,
      [orgId, fuelerIds, today],
    );
    return new Map(rows.map((r) => [r.fuelerId, r.overdue]));
  }

  /**
   * Marks (and returns) the certifications that reached `threshold` on their org's own calendar day
   * at `now` (the FBO settings' time zone, UTC without settings) and were not yet announced for
   * their current expiry: expiring = expires within `days` days from that day, expired = before it.
   */
  claimThreshold(
    tx: EntityManager,
    threshold: 'expiring' | 'expired',
    now: Date,
    days: number,
  ): Promise<ReachedThreshold[]> {
    const column = threshold === 'expiring' ? 'expiring_announced_for' : 'expired_announced_for';
    const due =
      threshold === 'expiring' ? 'c.expires_on BETWEEN d.today AND d.today + $2::int' : 'c.expires_on < d.today';
    return tx.query(
      `WITH local_day AS (
         SELECT c.id, ($1::timestamptz AT TIME ZONE coalesce(s.time_zone, 'UTC'))::date AS today
           FROM fbo_certifications c LEFT JOIN fbo_settings s ON s.org_id = c.org_id
       ), claimed AS (
         UPDATE fbo_certifications c SET ${column} = c.expires_on
           FROM local_day d
          WHERE d.id = c.id AND ${due} AND c.${column} IS DISTINCT FROM c.expires_on
          RETURNING c.id, c.org_id, c.fueler_id, c.course_id, c.expires_on, d.today
       )
       SELECT claimed.id, claimed.org_id AS "orgId", claimed.fueler_id AS "fuelerId", claimed.course_id AS "courseId",
              k.name AS "courseName", f.fueler_name AS "fuelerName",
              to_char(claimed.expires_on, 'YYYY-MM-DD') AS "expiresOn", to_char(claimed.today, 'YYYY-MM-DD') AS "localDay"
         FROM claimed
         JOIN fbo_training_courses k ON k.id = claimed.course_id
         JOIN fbo_fuelers f ON f.id = claimed.fueler_id
        ORDER BY claimed.org_id, f.fueler_name, k.name, claimed.id`,
      threshold === 'expiring' ? [now, days] : [now],
    );
  }
}

/** A certification that reached a threshold, with what its announcement and digest line show. */
export interface ReachedThreshold {
  id: string;
  orgId: string;
  fuelerId: string;
  courseId: string;
  courseName: string;
  fuelerName: string;
  expiresOn: string;
  /** The org's calendar day the threshold was checked on. */
  localDay: string;
}
