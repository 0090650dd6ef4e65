import { startAppWith } from '../support/app-with';
import { expectEachInvalid } from '../support/context-kit';
import { TestApp } from '../support/test-app';
import { createFuelOrg, createFueler, FuelOrg } from './fuel-fixtures';

describe('fbo fuelers (e2e)', () => {
  let t: TestApp;
  let f: FuelOrg;
  beforeAll(async () => ({ t, g: f } = await startAppWith(createFuelOrg)));
  afterAll(() => t.close());

  const officer = () => f.org.at('officer');
  const fuelerRows = async (userId: string) =>
    Number((await t.db.query('SELECT count(*) FROM fbo_fuelers WHERE user_id = $1', [userId]))[0].count);

  it('forbidden paths: readonly reads, officers manage', async () => {
    const user = await f.org.addUser('member');
    const fueler = await createFueler(f, user);
    await f.forbidden('GET', '/fuelers', 'readonly', ['fbo:read'], { allowed: true });
    await f.forbidden('GET', `/fuelers/${fueler.id}`, 'readonly', ['fbo:read'], { allowed: true });
    const other = await f.org.addUser('member');
    await f.forbidden('POST', '/fuelers', 'officer', ['fbo:write'], {
      body: { userId: other.id, fuelerName: 'X', employeeId: 'X1' },
    });
    await f.forbidden('PATCH', `/fuelers/${fueler.id}`, 'officer', ['fbo:write'], { body: { status: 'inactive' } });
    expect(await fuelerRows(other.id)).toBe(0);
    expect((await f.ok(officer(), 'GET', `/fuelers/${fueler.id}`)).status).toBe('active');
  });

  it('creates and updates a fueler; duplicates are 409s naming the field', async () => {
    const user = await f.org.addUser('member');
    const created = await createFueler(f, user, { handheldName: 'Fuel 3', supervisorUserId: officer().id });
    expect(created).toMatchObject({
      userId: user.id,
      handheldName: 'Fuel 3',
      supervisorUserId: officer().id,
      status: 'active',
    });
    const sameUser = await f.call(officer(), 'POST', '/fuelers', {
      body: { userId: user.id, fuelerName: 'Again', employeeId: 'NEW-1' },
    });
    expect(sameUser.status).toBe(409);
    expect(sameUser.body).toMatchObject({ slug: 'fueler-exists', field: 'userId' });
    const another = await f.org.addUser('member');
    const sameEmployee = await f.call(officer(), 'POST', '/fuelers', {
      body: { userId: another.id, fuelerName: 'Other', employeeId: created.employeeId },
    });
    expect(sameEmployee.status).toBe(409);
    expect(sameEmployee.body).toMatchObject({ slug: 'employee-id-taken', field: 'employeeId' });
    expect(await fuelerRows(another.id)).toBe(0);
    const updated = await f.ok(officer(), 'PATCH', `/fuelers/${created.id}`, {
      body: { status: 'inactive', handheldName: null, supervisorUserId: null },
    });
    expect(updated).toMatchObject({ status: 'inactive', handheldName: null, supervisorUserId: null });
    const renumbered = await createFueler(f, another);
    const clash = await f.call(officer(), 'PATCH', `/fuelers/${renumbered.id}`, {
      body: { employeeId: created.employeeId },
    });
    expect(clash.body).toMatchObject({ slug: 'employee-id-taken', field: 'employeeId' });
  });

  it('refuses bad input and users who are not members (400 with paths)', async () => {
    const user = await f.org.addUser('member');
    const body = { userId: user.id, fuelerName: 'Dana', employeeId: 'E-1' };
    await expectEachInvalid(
      [
        [{ userId: f.org.outsider.id }, 'userId'],
        [{ supervisorUserId: f.org.outsider.id }, 'supervisorUserId'],
        [{ userId: 'nope' }, 'userId'],
        [{ employeeId: 'has space' }, 'employeeId'],
        [{ status: 'retired' }, 'status'],
        [{ fuelerName: '' }, 'fuelerName'],
      ] as [Record<string, unknown>, string][],
      (patch) => f.call(officer(), 'POST', '/fuelers', { body: { ...body, ...patch } }),
    );
    expect(await fuelerRows(user.id)).toBe(0);
    const fueler = await createFueler(f, user);
    expect((await f.call(officer(), 'PATCH', `/fuelers/${fueler.id}`, { body: { userId: officer().id } })).status).toBe(
      400,
    );
  });

  it('lists by name with status filter and search, keyset-paged', async () => {
    const a = await createFueler(f, await f.org.addUser('member'), {
      fuelerName: 'Aaron Zebulon',
      handheldName: 'Zulu 9',
    });
    const b = await createFueler(f, await f.org.addUser('member'), { fuelerName: 'Aaron Yates', status: 'inactive' });
    const search = await f.ok(f.org.at('readonly'), 'GET', '/fuelers', { query: { search: 'zulu' } });
    expect(search.items.map((x: { id: string }) => x.id)).toEqual([a.id]);
    const inactive = await f.ok(f.org.at('readonly'), 'GET', '/fuelers', {
      query: { status: 'inactive', search: 'aaron' },
    });
    expect(inactive.items.map((x: { id: string }) => x.id)).toEqual([b.id]);
    const first = await f.ok(f.org.at('readonly'), 'GET', '/fuelers', { query: { search: 'aaron', limit: 1 } });
    expect(first.items.map((x: { id: string }) => x.id)).toEqual([b.id]);
    const second = await f.ok(f.org.at('readonly'), 'GET', '/fuelers', {
      query: { search: 'aaron', limit: 1, cursor: first.nextCursor },
    });
    expect(second.items.map((x: { id: string }) => x.id)).toEqual([a.id]);
    expect(second.nextCursor).toBeNull();
    expect((await f.call(f.org.at('readonly'), 'GET', '/fuelers', { query: { status: 'x' } })).status).toBe(400);
  });

  it("fuelers/me is the caller's record, 404 for a non-fueler", async () => {
    const user = await f.org.addUser('member');
    const fueler = await createFueler(f, user);
    expect(await f.ok(user, 'GET', '/fuelers/me')).toMatchObject({ id: fueler.id, certifications: [] });
    expect((await f.call(f.org.at('readonly'), 'GET', '/fuelers/me')).status).toBe(404);
  });

  it("another org's fueler is a 404", async () => {
    const theirs = await f.ok(f.org.outsider, 'POST', '/fuelers', {
      body: { userId: f.org.outsider.id, fuelerName: 'Theirs', employeeId: 'T-1' },
      slug: f.org.outsiderSlug,
    });
    await f.expectNotFound(f.org.owner, [
      ['GET', `/fuelers/${theirs.id}`],
      ['PATCH', `/fuelers/${theirs.id}`, { status: 'inactive' }],
      ['GET', `/fuelers/${theirs.id}/certifications`],
      ['GET', `/fuelers/${theirs.id}/certification-history`],
    ]);
  });
});
