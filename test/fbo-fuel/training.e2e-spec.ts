import { CertificationAlertsService } from '../../src/contexts/fbo/fuel/training/certification-alerts.service';
import { CertificationsService } from '../../src/contexts/fbo/fuel/training/certifications.service';
import { startAppWith } from '../support/app-with';
import { expectEachInvalid } from '../support/context-kit';
import { TestApp, TestUser } from '../support/test-app';
import {
  courseBody,
  createCourse,
  createFuelOrg,
  createFueler,
  dayFromToday,
  eventTypes,
  FuelOrg,
} from './fuel-fixtures';

describe('fbo training and certifications (e2e)', () => {
  let t: TestApp;
  let f: FuelOrg;
  beforeAll(async () => ({ t, g: f } = await startAppWith(createFuelOrg)));
  afterAll(() => t.close());

  const officer = () => f.org.at('officer');
  const complete = (who: TestUser, body: Record<string, unknown>) =>
    f.call(who, 'POST', '/certifications/complete', { body });
  const newFueler = async () => {
    const user = await f.org.addUser('member');
    return { user, fueler: await createFueler(f, user) };
  };

  describe('courses', () => {
    it('forbidden paths: readonly reads, officers define (trainers too are refused)', async () => {
      await f.forbidden('GET', '/training-courses', 'readonly', ['fbo:read'], { allowed: true });
      const body = courseBody();
      await f.forbidden('POST', '/training-courses', 'officer', ['fbo:write'], { body });
      expect((await f.call(f.trainer, 'POST', '/training-courses', { body })).status).toBe(403);
      expect(await t.db.query('SELECT 1 FROM fbo_training_courses WHERE name = $1', [body.name])).toEqual([]);
    });

    it('creates, updates and deletes; one validity exactly; names unique', async () => {
      const course = await createCourse(f, { fuelTypes: ['jet_a', 'avgas_100ll'], aircraftType: 'B738' });
      expect(course).toMatchObject({
        kind: 'initial',
        validityCalendarMonths: 24,
        validityDays: null,
        required: true,
        aircraftType: 'B738',
      });
      expect(await f.ok(f.org.at('readonly'), 'GET', `/training-courses/${course.id}`)).toEqual(course);
      const dup = await f.call(officer(), 'POST', '/training-courses', { body: courseBody({ name: course.name }) });
      expect(dup.status).toBe(409);
      expect(dup.body).toMatchObject({ slug: 'course-name-taken', field: 'name' });
      for (const patch of [{ validityDays: 365 }, { validityCalendarMonths: null }]) {
        const res = await f.call(officer(), 'POST', '/training-courses', { body: courseBody(patch) });
        expect(res.status).toBe(400);
        expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
          'validityCalendarMonths',
          'validityDays',
        ]);
      }
      for (const patch of [
        { kind: 'refresher' },
        { fuelTypes: ['diesel'] },
        { validityCalendarMonths: 0 },
        { aircraftType: 'boeing' },
      ]) {
        expect((await f.call(officer(), 'POST', '/training-courses', { body: courseBody(patch) })).status).toBe(400);
      }
      const bad = await f.call(officer(), 'PATCH', `/training-courses/${course.id}`, { body: { validityDays: 30 } });
      expect(bad.status).toBe(400);
      const days = await f.ok(officer(), 'PATCH', `/training-courses/${course.id}`, {
        body: { validityDays: 30, validityCalendarMonths: null },
      });
      expect(days).toMatchObject({ validityDays: 30, validityCalendarMonths: null });
      expect((await f.call(officer(), 'DELETE', `/training-courses/${course.id}`)).status).toBe(204);
    });
  });

  describe('certifications', () => {
    it('forbidden paths: trainers and officers certify', async () => {
      const course = await createCourse(f);
      const { fueler } = await newFueler();
      const body = { fuelerId: fueler.id, courseId: course.id, completedOn: dayFromToday(-1) };
      await f.forbidden('POST', '/certifications/complete', 'officer', ['fbo:write'], { body });
      await f.forbidden('GET', '/certifications', 'readonly', ['fbo:read'], { allowed: true });
      expect(await t.db.query('SELECT 1 FROM fbo_certification_records WHERE fueler_id = $1', [fueler.id])).toEqual([]);
    });

    it('computes the expiry: calendar months run to the month end; days add', async () => {
      const months = await createCourse(f, { validityCalendarMonths: 24 });
      const days = await createCourse(f, { validityCalendarMonths: null, validityDays: 90 });
      const { fueler } = await newFueler();
      const byMonths = await f.ok(officer(), 'POST', '/certifications/complete', {
        body: { fuelerId: fueler.id, courseId: months.id, completedOn: '2024-01-15' },
      });
      expect(byMonths).toMatchObject({
        completedOn: '2024-01-15',
        expiresOn: '2026-01-31',
        certifiedById: officer().id,
        courseName: months.name,
      });
      const byDays = await f.ok(officer(), 'POST', '/certifications/complete', {
        body: { fuelerId: fueler.id, courseId: days.id, completedOn: '2026-01-01' },
      });
      expect(byDays.expiresOn).toBe('2026-04-01');
      const given = await f.ok(officer(), 'POST', '/certifications/complete', {
        body: { fuelerId: fueler.id, courseId: days.id, completedOn: '2026-01-02', expiresOn: '2027-06-30' },
      });
      expect(given.expiresOn).toBe('2027-06-30');
    });

    it('keeps one current certification per course and the whole history', async () => {
      const course = await createCourse(f, { validityCalendarMonths: 12 });
      const { fueler } = await newFueler();
      const at = (completedOn: string) =>
        f.ok(officer(), 'POST', '/certifications/complete', {
          body: { fuelerId: fueler.id, courseId: course.id, completedOn },
        });
      await at('2025-01-10');
      await at('2025-12-05');
      const late = await at('2025-06-01');
      // A completion recorded late does not replace a later one.
      expect(late).toMatchObject({ completedOn: '2025-12-05', expiresOn: '2026-12-31' });
      const current = await f.ok(f.org.at('readonly'), 'GET', `/fuelers/${fueler.id}/certifications`);
      expect(current.items).toEqual([expect.objectContaining({ courseId: course.id, completedOn: '2025-12-05' })]);
      const history = await f.ok(f.org.at('readonly'), 'GET', `/fuelers/${fueler.id}/certification-history`);
      expect(history.map((r: { completedOn: string }) => r.completedOn)).toEqual([
        '2025-12-05',
        '2025-06-01',
        '2025-01-10',
      ]);
      const detail = await f.ok(f.org.at('readonly'), 'GET', `/fuelers/${fueler.id}`);
      expect(detail.certifications).toHaveLength(1);
    });

    it('a trainer who is line staff needs a current supervisor course; never certifies themselves', async () => {
      const course = await createCourse(f);
      const supervisor = await createCourse(f, { kind: 'supervisor', fuelTypes: [] });
      const { fueler } = await newFueler();
      const body = { fuelerId: fueler.id, courseId: course.id, completedOn: dayFromToday(-2) };
      const refused = await complete(f.trainer, body);
      expect(refused.status).toBe(409);
      expect(refused.body.slug).toBe('certifier-not-qualified');
      const trainerFueler = await createFueler(f, f.trainer);
      expect((await complete(f.trainer, body)).body.slug).toBe('certifier-not-qualified');
      // An expired supervisor certification does not count.
      await f.ok(officer(), 'POST', '/certifications/complete', {
        body: {
          fuelerId: trainerFueler.id,
          courseId: supervisor.id,
          completedOn: '2020-01-01',
          expiresOn: '2020-12-31',
        },
      });
      expect((await complete(f.trainer, body)).body.slug).toBe('certifier-not-qualified');
      await f.ok(officer(), 'POST', '/certifications/complete', {
        body: { fuelerId: trainerFueler.id, courseId: supervisor.id, completedOn: dayFromToday(-1) },
      });
      const ok = await complete(f.trainer, body);
      expect(ok.status).toBe(201);
      expect(ok.body.certifiedById).toBe(f.trainer.id);
      const self = await complete(f.trainer, { ...body, fuelerId: trainerFueler.id });
      expect(self.status).toBe(409);
      expect(self.body.slug).toBe('certifier-not-qualified');
    });

    it("refuses bad dates and other orgs' ids", async () => {
      const course = await createCourse(f);
      const { fueler } = await newFueler();
      await expectEachInvalid(
        [
          [{ completedOn: '2025-02-30' }, 'completedOn'],
          [{ completedOn: dayFromToday(2) }, 'completedOn'],
          [{ expiresOn: '2020-01-01' }, 'expiresOn'],
          [{ fuelerId: 'x' }, 'fuelerId'],
        ] as [Record<string, unknown>, string][],
        (patch) =>
          complete(officer(), {
            fuelerId: fueler.id,
            courseId: course.id,
            completedOn: '2025-03-01',
            ...patch,
          }),
      );
      const theirCourse = await f.ok(f.org.outsider, 'POST', '/training-courses', {
        body: courseBody(),
        slug: f.org.outsiderSlug,
      });
      expect(
        (await complete(officer(), { fuelerId: fueler.id, courseId: theirCourse.id, completedOn: '2025-03-01' }))
          .status,
      ).toBe(404);
      expect((await f.call(officer(), 'GET', `/training-courses/${theirCourse.id}`)).status).toBe(404);
      expect(await t.db.query('SELECT 1 FROM fbo_certification_records WHERE fueler_id = $1', [fueler.id])).toEqual([]);
    });

    it("lists valid, expiring soon and expired certifications, and the caller's own", async () => {
      const course = await createCourse(f, { validityCalendarMonths: null, validityDays: 10 });
      const { user, fueler } = await newFueler();
      const certify = async (courseId: string, completedOn: string) =>
        f.ok(officer(), 'POST', '/certifications/complete', { body: { fuelerId: fueler.id, courseId, completedOn } });
      const other1 = await createCourse(f, { validityCalendarMonths: null, validityDays: 10 });
      const other2 = await createCourse(f, { validityCalendarMonths: null, validityDays: 10 });
      await certify(course.id, dayFromToday(-20)); // expired 10 days ago
      await certify(other1.id, dayFromToday(-5)); // expires in 5 days
      await certify(other2.id, dayFromToday(0)); // expires in 10 days
      const status = async (s: string, days?: number) =>
        (
          await f.ok(f.org.at('readonly'), 'GET', '/certifications', {
            query: { status: s, days, fuelerId: fueler.id },
          })
        ).items.map((c: { courseId: string }) => c.courseId);
      expect(await status('expired')).toEqual([course.id]);
      expect(await status('expiring_soon', 7)).toEqual([other1.id]);
      expect(await status('valid', 7)).toEqual([other2.id]);
      expect(await status('expiring_soon', 10)).toEqual([other1.id, other2.id]);
      const mine = await f.ok(user, 'GET', '/me/certifications', { query: { days: 7 } });
      expect(mine.items.map((c: { status: string }) => c.status)).toEqual(['expired', 'expiring_soon', 'valid']);
      // Not a fueler: nothing to show, not an error.
      expect((await f.ok(f.org.at('readonly'), 'GET', '/me/certifications')).items).toEqual([]);
      expect((await f.call(user, 'GET', '/certifications', { query: { status: 'stale' } })).status).toBe(400);
      const badCursor = Buffer.from(JSON.stringify(['2026-13-45', fueler.id])).toString('base64url');
      expect((await f.call(user, 'GET', '/certifications', { query: { cursor: badCursor } })).status).toBe(400);
    });

    it('isCertified: active, holding a course for the fuel (and type), every required one current', async () => {
      const certs = t.app.get(CertificationsService);
      const jet = await createCourse(f, { fuelTypes: ['jet_a'], required: true });
      const typeCourse = await createCourse(f, { fuelTypes: ['jet_a'], aircraftType: 'B738', required: true });
      const { fueler } = await newFueler();
      const orgId = f.org.id;
      expect(await certs.isCertified(orgId, fueler.id, 'jet_a')).toBe(false);
      await f.ok(officer(), 'POST', '/certifications/complete', {
        body: { fuelerId: fueler.id, courseId: jet.id, completedOn: dayFromToday(-1) },
      });
      // Every other required jet_a course of this org's earlier tests is missing: not certified.
      const missing = await t.db.query(
        `SELECT id FROM fbo_training_courses WHERE org_id = $1 AND 'jet_a' = ANY(fuel_types) AND required AND aircraft_type IS NULL AND id <> $2`,
        [orgId, jet.id],
      );
      for (const { id } of missing)
        await f.ok(officer(), 'POST', '/certifications/complete', {
          body: { fuelerId: fueler.id, courseId: id, completedOn: dayFromToday(-1) },
        });
      expect(await certs.isCertified(orgId, fueler.id, 'jet_a')).toBe(true);
      expect(await certs.isCertified(orgId, fueler.id, 'jet_a', 'A320')).toBe(true);
      expect(await certs.isCertified(orgId, fueler.id, 'jet_a', 'B738')).toBe(false);
      await f.ok(officer(), 'POST', '/certifications/complete', {
        body: { fuelerId: fueler.id, courseId: typeCourse.id, completedOn: dayFromToday(-1) },
      });
      expect(await certs.isCertified(orgId, fueler.id, 'jet_a', 'B738')).toBe(true);
      expect(await certs.isCertified(orgId, fueler.id, 'avgas_100ll')).toBe(false);
      await f.ok(officer(), 'PATCH', `/fuelers/${fueler.id}`, { body: { status: 'inactive' } });
      expect(await certs.isCertified(orgId, fueler.id, 'jet_a')).toBe(false);
    });
  });

  describe('expiry job', () => {
    it('announces each certification once when expiring and once when expired; a renewal re-arms it', async () => {
      const alerts = t.app.get(CertificationAlertsService);
      const [soon, past] = [await createCourse(f), await createCourse(f)];
      const { fueler } = await newFueler();
      const certify = (courseId: string, completedOn: string, expiresOn: string) =>
        f.ok(officer(), 'POST', '/certifications/complete', {
          body: { fuelerId: fueler.id, courseId, completedOn, expiresOn },
        });
      await certify(soon.id, dayFromToday(-700), dayFromToday(10));
      await certify(past.id, dayFromToday(-800), dayFromToday(-1));
      await alerts.announce(new Date());
      await alerts.announce(new Date());
      expect((await eventTypes(t, fueler.id, 'fbo.certification.ex')).sort()).toEqual([
        'fbo.certification.expired',
        'fbo.certification.expiring',
      ]);
      await certify(soon.id, dayFromToday(-1), dayFromToday(20));
      await alerts.announce(new Date());
      expect((await eventTypes(t, fueler.id, 'fbo.certification.ex')).sort()).toEqual([
        'fbo.certification.expired',
        'fbo.certification.expiring',
        'fbo.certification.expiring',
      ]);
      // Eleven days on, the renewed one is still not expired; the first expiry is long announced.
      const later = new Date(Date.now() + 11 * 86_400_000);
      await alerts.announce(later);
      expect(await eventTypes(t, fueler.id, 'fbo.certification.expired')).toHaveLength(1);
    });
  });

  describe("officer digest and the org's day", () => {
    const digests = (orgId: string): Promise<{ recipient: string; subject_id: string }[]> =>
      t.db.query(
        `SELECT recipient, subject_id FROM mail_sends WHERE purpose = 'fbo.certification-digest' AND subject_id LIKE $1 ORDER BY recipient`,
        [`${orgId}:%`],
      );

    it('mails each officer with an address one digest per day of what reached a threshold', async () => {
      const o = await createFuelOrg(t);
      const [{ id: orgId }] = await t.db.query('SELECT id FROM orgs WHERE slug = $1', [o.slug]);
      const mail = (user: TestUser) => `${user.username}@fbo.example`;
      for (const tier of ['admin', 'officer', 'member'] as const)
        await t.db.query('UPDATE users SET email = $2 WHERE id = $1', [o.org.at(tier).id, mail(o.org.at(tier))]);
      const course = await createCourse(o);
      const user = await o.org.addUser('member');
      const fueler = await createFueler(o, user);
      await o.ok(o.org.at('officer'), 'POST', '/certifications/complete', {
        body: {
          fuelerId: fueler.id,
          courseId: course.id,
          completedOn: dayFromToday(-800),
          expiresOn: dayFromToday(-2),
        },
      });
      const alerts = t.app.get(CertificationAlertsService);
      await alerts.announce(new Date());
      // Officers and above with an address; the member with one is not mailed, nor those without.
      const sent = await digests(orgId);
      expect(sent.map((d) => d.recipient)).toEqual([mail(o.org.at('admin')), mail(o.org.at('officer'))].sort());
      expect(new Set(sent.map((d) => d.subject_id.split(':')[1]))).toEqual(new Set([dayFromToday(0)]));
      // A second run the same day finds nothing new and mails nothing twice.
      await alerts.announce(new Date());
      expect(await digests(orgId)).toHaveLength(2);
    });

    it("announces an expiry on the org's own calendar day, not UTC's", async () => {
      const o = await createFuelOrg(t);
      // UTC+14: at 12:00 UTC it is already tomorrow there.
      await o.ok(o.org.at('admin'), 'PATCH', '/settings', { body: { timeZone: 'Pacific/Kiritimati' } });
      const course = await createCourse(o);
      const fueler = await createFueler(o, await o.org.addUser('member'));
      const utcToday = dayFromToday(0);
      await o.ok(o.org.at('officer'), 'POST', '/certifications/complete', {
        body: { fuelerId: fueler.id, courseId: course.id, completedOn: dayFromToday(-700), expiresOn: utcToday },
      });
      const noonUtc = new Date(`${utcToday}T12:00:00Z`);
      await t.app.get(CertificationAlertsService).announce(noonUtc);
      expect(await eventTypes(t, fueler.id, 'fbo.certification.expired')).toHaveLength(1);
    });
  });

  describe('calendar', () => {
    it('groups expiries by day within a range of at most 366 days; bad ranges are 400', async () => {
      await f.forbidden('GET', '/certifications/calendar', 'readonly', ['fbo:read'], {
        allowed: true,
        query: { from: dayFromToday(0), to: dayFromToday(30) },
      });
      const course = await createCourse(f);
      const [a, b] = [(await newFueler()).fueler, (await newFueler()).fueler];
      const far = dayFromToday(300);
      for (const fueler of [a, b])
        await complete(officer(), {
          fuelerId: fueler.id,
          courseId: course.id,
          completedOn: dayFromToday(-10),
          expiresOn: far,
        });
      const cal = await f.ok(f.org.at('readonly'), 'GET', '/certifications/calendar', {
        query: { from: dayFromToday(299), to: dayFromToday(301) },
      });
      expect(cal).toMatchObject({ from: dayFromToday(299), to: dayFromToday(301) });
      expect(cal.days.map((d: { date: string }) => d.date)).toEqual([far]);
      const mine = cal.days[0].certifications.filter((c: { courseId: string }) => c.courseId === course.id);
      expect(mine.map((c: { fuelerId: string }) => c.fuelerId).sort()).toEqual([a.id, b.id].sort());
      expect(mine.every((c: { status: string }) => c.status === 'valid')).toBe(true);
      for (const query of [
        { from: dayFromToday(10), to: dayFromToday(9) },
        { from: dayFromToday(0), to: dayFromToday(366) },
        { from: '2026-02-30', to: dayFromToday(1) },
        { from: dayFromToday(0) },
      ]) {
        const res = await f.call(f.org.at('readonly'), 'GET', '/certifications/calendar', { query });
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
      }
    });
  });

  describe('compliance', () => {
    it('forbidden paths, and a fueler missing a required course is not compliant', async () => {
      await f.forbidden('GET', '/compliance', 'readonly', ['fbo:read'], { allowed: true });
      const { user, fueler } = await newFueler();
      const page = await f.ok(f.org.at('readonly'), 'GET', '/compliance', { query: { search: user.username } });
      expect(page.items).toEqual([
        expect.objectContaining({ fuelerId: fueler.id, compliant: false, overdueAssignments: 0 }),
      ]);
      expect(page.items[0].courses.every((c: { standing: string }) => c.standing === 'missing')).toBe(true);
      expect((await f.call(f.org.at('readonly'), 'GET', '/compliance', { query: { days: -1 } })).status).toBe(400);
    });
  });

  describe('training assignments', () => {
    it('forbidden paths', async () => {
      const course = await createCourse(f);
      const { fueler } = await newFueler();
      await f.forbidden('POST', '/training-assignments', 'officer', ['fbo:write'], {
        body: { fuelerId: fueler.id, courseId: course.id, dueOn: dayFromToday(10) },
      });
      await f.forbidden('GET', '/training-assignments', 'readonly', ['fbo:read'], { allowed: true });
    });

    it('assigned → completed by the certification, or cancelled; overdue is derived', async () => {
      const course = await createCourse(f);
      const { fueler } = await newFueler();
      const assign = (dueOn: string) =>
        f.ok(f.trainer, 'POST', '/training-assignments', { body: { fuelerId: fueler.id, courseId: course.id, dueOn } });
      const late = await assign(dayFromToday(-3));
      expect(late).toMatchObject({ status: 'assigned', overdue: true, assignedById: f.trainer.id });
      const overdue = await f.ok(f.org.at('readonly'), 'GET', '/training-assignments', {
        query: { overdue: true, fuelerId: fueler.id },
      });
      expect(overdue.items.map((a: { id: string }) => a.id)).toEqual([late.id]);
      await f.ok(officer(), 'POST', '/certifications/complete', {
        body: { fuelerId: fueler.id, courseId: course.id, completedOn: dayFromToday(0) },
      });
      const done = await f.ok(f.org.at('readonly'), 'GET', '/training-assignments', { query: { fuelerId: fueler.id } });
      expect(done.items).toEqual([expect.objectContaining({ id: late.id, status: 'completed', overdue: false })]);
      const cancelDone = await f.call(f.trainer, 'POST', `/training-assignments/${late.id}/cancel`);
      expect(cancelDone.status).toBe(409);
      expect(cancelDone.body).toMatchObject({ slug: 'invalid-transition', currentState: 'completed' });
      const open = await assign(dayFromToday(30));
      expect(await f.ok(f.trainer, 'POST', `/training-assignments/${open.id}/cancel`)).toMatchObject({
        status: 'cancelled',
      });
      expect((await f.call(f.trainer, 'POST', `/training-assignments/${open.id}/cancel`)).body.currentState).toBe(
        'cancelled',
      );
      expect(
        (
          await f.call(f.trainer, 'POST', '/training-assignments', {
            body: { fuelerId: fueler.id, courseId: course.id, dueOn: 'soon' },
          })
        ).status,
      ).toBe(400);
      const theirs = await f.ok(f.org.outsider, 'POST', '/training-courses', {
        body: courseBody(),
        slug: f.org.outsiderSlug,
      });
      expect(
        (
          await f.call(f.trainer, 'POST', '/training-assignments', {
            body: { fuelerId: fueler.id, courseId: theirs.id, dueOn: dayFromToday(3) },
          })
        ).status,
      ).toBe(404);
    });
  });
});
