import { DataSource } from 'typeorm';
import { UsersService } from '../../../../platform/auth/users/users.service';
import type { DemoSeeder, DemoUser } from '../../../../platform/contexts/context-definition';
import { MembersService } from '../../../../platform/tenancy/members/members.service';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { FuelersService } from '../fuelers/fuelers.service';
import { FuelStockService } from '../stock/fuel-stock.service';
import { TankReadingsService } from '../tanks/tank-readings.service';
import type { FuelType } from '../tanks/tank.entity';
import { FuelTanksService } from '../tanks/tanks.service';
import { addDays, todayUtc } from '../training/certification-expiry';
import { CertificationsService } from '../training/certifications.service';
import { TrainingCoursesService } from '../training/courses.service';

const DAY_MS = 86_400_000;
/** Days of gauge readings per tank, two a day (30 days, as the issue asks). */
const READING_DAYS = 30;

/** A 96-inch tank strapped every 24 inches (roughly a horizontal cylinder: slower at the ends). */
function tank(tankId: string, name: string, fuelType: FuelType, capacity: number) {
  const at = (share: number) => (capacity * share).toFixed(2);
  return {
    tankId,
    name,
    fuelType,
    capacityGallons: String(capacity),
    minLevelInches: '0',
    maxLevelInches: '96',
    usableMinInches: '4',
    usableMaxInches: '92',
    calibrationTable: [
      { inches: '0', gallons: '0' },
      { inches: '24', gallons: at(0.2) },
      { inches: '48', gallons: at(0.5) },
      { inches: '72', gallons: at(0.8) },
      { inches: '96', gallons: at(0.98) },
    ],
    lowLevelGallons: at(0.25),
    criticalLevelGallons: at(0.1),
  };
}

/**
 * The farm: Jet A and 100LL; each tank's level falls from its starting inches by a daily draw over the
 * readings' 30 days (low is about 28 inches, critical about 12).
 */
const TANKS: { spec: ReturnType<typeof tank>; startInches: number; drawPerDay: number }[] = [
  { spec: tank('JA-1', 'Jet A tank 1', 'jet_a', 20000), startInches: 80, drawPerDay: 1.2 },
  { spec: tank('JA-2', 'Jet A tank 2', 'jet_a', 20000), startInches: 70, drawPerDay: 1 },
  { spec: tank('JA-3', 'Jet A tank 3', 'jet_a', 20000), startInches: 90, drawPerDay: 0.5 },
  { spec: tank('JA-4', 'Jet A tank 4 (standby)', 'jet_a', 12000), startInches: 60, drawPerDay: 0 },
  { spec: tank('LL-1', '100LL tank 1', 'avgas_100ll', 10000), startInches: 75, drawPerDay: 1.2 },
  // Ends the month below its low level (not critical): the demo's low tank.
  { spec: tank('LL-2', '100LL tank 2', 'avgas_100ll', 10000), startInches: 55, drawPerDay: 1 },
  { spec: tank('LL-3', '100LL self-serve', 'avgas_100ll', 5000), startInches: 85, drawPerDay: 0.8 },
];

const FUELER_NAMES = [
  'Avery Brooks',
  'Blake Chen',
  'Casey Duran',
  'Devon Ellis',
  'Emery Foster',
  'Finley Grant',
  'Harper Ito',
  'Jordan Kim',
  'Kai Lopez',
  'Logan Moss',
  'Morgan Novak',
  'Parker Quinn',
];

/**
 * The fuel side's demo: 7 tanks with 30 days of gauge readings (100LL tank 2 runs low), their
 * book stock, three courses, and 12 fuelers (the demo member and the trainer among them), all
 * certified, except one expired certification and two expiring within the month.
 */
export const seedFuelDemo: DemoSeeder = async (app, demo) => {
  const orgId = demo.org.id;
  const officer: OrgAccess = {
    org: { id: orgId } as OrgAccess['org'],
    tier: 'officer',
    grants: [],
    userId: demo.officer.id,
  };
  await seedTanks(app.get(FuelTanksService), app.get(TankReadingsService), app.get(FuelStockService), officer);
  const users = await fuelerUsers(app.get(DataSource), app.get(UsersService), app.get(MembersService), demo);
  const fuelers = app.get(FuelersService);
  const ids: string[] = [];
  for (const [i, user] of users.entries()) {
    const fueler = await fuelers.create(orgId, {
      userId: user.id,
      fuelerName: FUELER_NAMES[i],
      handheldName: `Fuel ${i + 1}`,
      employeeId: `E-${101 + i}`,
      supervisorUserId: demo.officer.id,
    });
    ids.push(fueler.id);
  }
  await seedTraining(app.get(TrainingCoursesService), app.get(CertificationsService), officer, ids);
};

async function seedTanks(
  tanks: FuelTanksService,
  readings: TankReadingsService,
  stock: FuelStockService,
  officer: OrgAccess,
): Promise<void> {
  const now = Date.now();
  for (const { spec, startInches, drawPerDay } of TANKS) {
    const created = await tanks.create(officer.org.id, spec);
    const batch = Array.from({ length: READING_DAYS * 2 }, (_, i) => ({
      tankId: spec.tankId,
      levelInches: Math.max(1, startInches - (drawPerDay * i) / 2).toFixed(2),
      waterDetected: false,
      recordedAt: new Date(now - (READING_DAYS * 2 - i) * (DAY_MS / 2)),
    }));
    await readings.recordBatch({ orgId: officer.org.id, source: 'gauge', recordedById: null }, { readings: batch });
    const latest = (await tanks.detail(officer.org.id, created.id)).latestReading;
    if (latest)
      await stock.receive(officer, { tankId: created.id, gallons: latest.gallons, reference: 'Opening stock' });
  }
}

/** The demo member and the trainer, then line users `<prefix>-fueler-NN` (password-less) made members. */
async function fuelerUsers(
  db: DataSource,
  users: UsersService,
  members: MembersService,
  demo: Parameters<DemoSeeder>[1],
): Promise<DemoUser[]> {
  const known = [demo.member, demo.grantHolders.trainer].filter((u): u is DemoUser => !!u);
  const prefix = demo.owner.username.replace(/-owner$/, '');
  const names = Array.from({ length: FUELER_NAMES.length - known.length }, (_, i) => ({
    username: `${prefix}-fueler-${String(i + 1).padStart(2, '0')}`,
    displayName: FUELER_NAMES[known.length + i],
  }));
  return db.transaction(async (tx) => {
    const ids = await users.ensureUsers(tx, names);
    const created = names.map((n) => ({ id: ids.get(n.username)!, username: n.username }));
    await members.ensureMemberships(
      tx,
      demo.org.id,
      created.map((u) => ({ userId: u.id, tier: 'member' as const })),
      { actorUserId: null, reason: 'fbo.demo.seeded' },
    );
    return [...known, ...created];
  });
}

async function seedTraining(
  courses: TrainingCoursesService,
  certifications: CertificationsService,
  officer: OrgAccess,
  fuelerIds: string[],
): Promise<void> {
  const orgId = officer.org.id;
  const initial = await courses.create(orgId, {
    name: 'Fueling, initial (Jet A and 100LL)',
    kind: 'initial',
    validityCalendarMonths: 24,
    fuelTypes: ['jet_a', 'avgas_100ll'],
  });
  const fire = await courses.create(orgId, {
    name: 'Fire safety, 139.321(e) recurrent',
    kind: 'recurrent',
    validityCalendarMonths: 24,
    fuelTypes: ['jet_a', 'avgas_100ll'],
  });
  const supervisor = await courses.create(orgId, {
    name: 'Line supervisor',
    kind: 'supervisor',
    validityDays: 730,
    fuelTypes: [],
    required: false,
  });
  const today = todayUtc();
  const complete = (fuelerId: string, courseId: string, completedOn: string, expiresOn?: string) =>
    certifications.complete(officer, { fuelerId, courseId, completedOn, expiresOn });
  for (const [i, fuelerId] of fuelerIds.entries()) {
    await complete(fuelerId, initial.id, addDays(today, -200 - 10 * i));
    if (i === 9)
      await complete(fuelerId, fire.id, addDays(today, -800), addDays(today, -5)); // expired
    else if (i === 10)
      await complete(fuelerId, fire.id, addDays(today, -700), addDays(today, 12)); // expiring
    else if (i === 11)
      await complete(fuelerId, fire.id, addDays(today, -710), addDays(today, 25)); // expiring
    else await complete(fuelerId, fire.id, addDays(today, -90 - i));
  }
  // The trainer (second fueler) certifies others: it holds a current supervisor course.
  await complete(fuelerIds[1], supervisor.id, addDays(today, -30));
}
