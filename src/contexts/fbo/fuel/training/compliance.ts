import { certificationStatus, CertificationStatus } from './certification-expiry';

export type CourseStanding = CertificationStatus | 'missing';

export interface RequiredCourse {
  id: string;
  name: string;
}

export interface HeldCertification {
  courseId: string;
  expiresOn: string;
}

export interface CourseCompliance {
  courseId: string;
  courseName: string;
  standing: CourseStanding;
  expiresOn: string | null;
}

/**
 * A fueler's standing in each required course on `today` (`expiring_soon` within `days`), and
 * whether they are compliant: every required course held and not expired (expiring soon still counts).
 */
export function complianceOf(
  required: RequiredCourse[],
  held: HeldCertification[],
  today: string,
  days: number,
): { compliant: boolean; courses: CourseCompliance[] } {
  const byCourse = new Map(held.map((c) => [c.courseId, c.expiresOn]));
  const courses = required.map((course): CourseCompliance => {
    const expiresOn = byCourse.get(course.id) ?? null;
    return {
      courseId: course.id,
      courseName: course.name,
      standing: expiresOn === null ? 'missing' : certificationStatus(expiresOn, today, days),
      expiresOn,
    };
  });
  return { compliant: courses.every((c) => c.standing === 'valid' || c.standing === 'expiring_soon'), courses };
}
