/**
 * Text formats `POST raids/{id}/attendance/import` understands. Kept in its own module so DTOs
 * (`@IsIn(ATTENDANCE_FORMATS)`) and OpenAPI enums can import it without pulling in the parsers.
 */
export const ATTENDANCE_FORMATS = ['raid_dump', 'who', 'raidtick', 'names'] as const;

export type AttendanceFormat = (typeof ATTENDANCE_FORMATS)[number];
