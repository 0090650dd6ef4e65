import { ContextKit, createContextKit } from '../support/context-kit';
import { TestApp, TestUser, unique } from '../support/test-app';

/**
 * Fixtures of the FBO fuel tests: the shared context kit below `/api/v1/orgs/{slug}/fbo` (a call's
 * `slug` option sends it to another org), a member with the `trainer` grant besides a user per
 * tier, and small factories for tanks.
 */
export interface FuelOrg extends ContextKit {
  slug: string;
  trainer: TestUser;
}

export async function createFuelOrg(t: TestApp): Promise<FuelOrg> {
  const kit = await createContextKit(t, 'fbo');
  return { ...kit, slug: kit.org.slug, trainer: await kit.org.addUser('member', ['trainer' as never]) };
}

/** A 10,000-gallon tank read 0-100 inches at 100 gallons an inch; low at 3,000, critical at 1,000. */
export function tankBody(extra: Record<string, unknown> = {}) {
  return {
    tankId: unique('T').slice(0, 32),
    name: 'Jet A tank',
    fuelType: 'jet_a',
    capacityGallons: '10000',
    minLevelInches: '0',
    maxLevelInches: '100',
    usableMinInches: '5',
    usableMaxInches: '95',
    calibrationTable: [
      { inches: '0', gallons: '0' },
      { inches: '50', gallons: '5000' },
      { inches: '100', gallons: '10000' },
    ],
    lowLevelGallons: '3000',
    criticalLevelGallons: '1000',
    ...extra,
  };
}

export const createTank = (f: FuelOrg, extra: Record<string, unknown> = {}, slug?: string, who?: TestUser) =>
  f.ok(who ?? f.org.at('officer'), 'POST', '/tanks', { body: tankBody(extra), slug });

/** The outbox events of a subject, oldest first (type only). */
export async function eventTypes(t: TestApp, subjectId: string, prefix: string): Promise<string[]> {
  const rows: { type: string }[] = await t.db.query(
    `SELECT type FROM outbox_events WHERE subject_id = $1 AND type LIKE $2 ORDER BY seq`,
    [subjectId, `${prefix}%`],
  );
  return rows.map((r) => r.type);
}

/** Makes `user` (a member of the org) a fueler, as an officer. */
export const createFueler = (f: FuelOrg, user: TestUser, extra: Record<string, unknown> = {}) =>
  f.ok(f.org.at('officer'), 'POST', '/fuelers', {
    body: { userId: user.id, fuelerName: `Fueler ${user.username}`, employeeId: unique('E').slice(0, 32), ...extra },
  });

export function courseBody(extra: Record<string, unknown> = {}) {
  return {
    name: unique('Course'),
    kind: 'initial',
    validityCalendarMonths: 24,
    fuelTypes: ['jet_a'],
    ...extra,
  };
}

export const createCourse = (f: FuelOrg, extra: Record<string, unknown> = {}) =>
  f.ok(f.org.at('officer'), 'POST', '/training-courses', { body: courseBody(extra) });

/** A calendar date `days` days from today (UTC). */
export const dayFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * An equipment unit of the org (a fuel truck unless `type` says otherwise), written directly: the
 * equipment routes belong to flight operations, and the fuel tests only need the row.
 */
export async function createEquipment(
  t: TestApp,
  orgId: string,
  type = 'fuel_truck',
  capacityGallons: string | null = '5000',
): Promise<string> {
  const [row] = await t.db.query(
    `INSERT INTO fbo_equipment (org_id, equipment_id, name, type, capacity_gallons) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [orgId, unique('TRK').slice(0, 32), 'Truck', type, capacityGallons],
  );
  return row.id;
}
