import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../../../platform/audit/audit.service';
import { deleteUnlessReferenced, findInOrg } from '../../../../platform/database/org-scoped';
import { withTransaction } from '../../../../platform/database/transactions';
import { keysetPage, Page } from '../../../../platform/http/pagination';
import { Problem } from '../../../../platform/http/problem';
import { keysetBy } from '../../../../platform/http/keyset';
import { byConstraint, saveNamingField } from '../../../../platform/database/unique-conflict';
import { TrainingCourse } from './course.entity';
import {
  CreateTrainingCourseDto,
  ListTrainingCoursesQueryDto,
  TrainingCourseDto,
  UpdateTrainingCourseDto,
} from './dto/course.dto';

export function toTrainingCourseDto(c: TrainingCourse): TrainingCourseDto {
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    kind: c.kind,
    validityDays: c.validityDays,
    validityCalendarMonths: c.validityCalendarMonths,
    aircraftType: c.aircraftType,
    fuelTypes: c.fuelTypes,
    required: c.required,
  };
}

/** A validity is counted one way: exactly one of days and calendar months. */
function assertOneValidity(course: Pick<TrainingCourse, 'validityDays' | 'validityCalendarMonths'>): void {
  const given = [course.validityDays, course.validityCalendarMonths].filter((v) => v !== null && v !== undefined);
  if (given.length !== 1)
    throw Problem.validation(
      ['validityDays', 'validityCalendarMonths'].map((path) => ({
        path,
        message: 'give exactly one of validityDays and validityCalendarMonths',
      })),
    );
}

/** Training courses: officers define them; everyone reads them. */
@Injectable()
export class TrainingCoursesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(orgId: string, q: ListTrainingCoursesQueryDto): Promise<Page<TrainingCourseDto>> {
    const qb = this.db.getRepository(TrainingCourse).createQueryBuilder('k').where('k.org_id = :orgId', { orgId });
    if (q.kind) qb.andWhere('k.kind = :kind', { kind: q.kind });
    const rows = await keysetBy(
      qb,
      [
        ['k.name', 'text'],
        ['k.id', 'uuid'],
      ],
      q,
    ).getMany();
    return keysetPage(rows, q.limit, (k) => [k.name, k.id], toTrainingCourseDto);
  }

  get(orgId: string, id: string, tx?: EntityManager): Promise<TrainingCourse> {
    return findInOrg(tx ?? this.db.manager, TrainingCourse, orgId, id, 'Course');
  }

  async detail(orgId: string, id: string): Promise<TrainingCourseDto> {
    return toTrainingCourseDto(await this.get(orgId, id));
  }

  async create(orgId: string, dto: CreateTrainingCourseDto): Promise<TrainingCourseDto> {
    const course = this.db.manager.create(TrainingCourse, {
      ...dto,
      orgId,
      validityDays: dto.validityDays ?? null,
      validityCalendarMonths: dto.validityCalendarMonths ?? null,
    });
    assertOneValidity(course);
    return this.saveAudited(course);
  }

  /** Changes apply to completions recorded from now on; recorded expiries stay. */
  async update(orgId: string, id: string, dto: UpdateTrainingCourseDto): Promise<TrainingCourseDto> {
    const course = Object.assign(await this.get(orgId, id), dto);
    assertOneValidity(course);
    return this.saveAudited(course);
  }

  /** Only a course nobody was certified in or assigned. */
  async remove(orgId: string, id: string): Promise<void> {
    await withTransaction(this.db, async (tx) => {
      await this.get(orgId, id, tx);
      await deleteUnlessReferenced(
        tx,
        TrainingCourse,
        { id, orgId },
        {
          detail: 'The course has certifications or assignments and cannot be deleted',
          slug: 'course-in-use',
        },
      );
      await this.audit.recordInTransaction(tx, { id });
    });
  }

  private saveAudited(course: TrainingCourse): Promise<TrainingCourseDto> {
    return withTransaction(this.db, async (tx) => {
      const saved = await saveNamingField(
        tx,
        TrainingCourse,
        course,
        byConstraint({
          uq_fbo_training_courses_org_name: {
            detail: `A course named ${course.name} exists`,
            slug: 'course-name-taken',
            field: 'name',
          },
        }),
      );
      await this.audit.recordInTransaction(tx, saved);
      return toTrainingCourseDto(saved);
    });
  }
}
