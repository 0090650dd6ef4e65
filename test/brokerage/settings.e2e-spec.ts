import { startAppWith } from '../support/app-with';
import { TestApp } from '../support/test-app';
import { Brokerage, createBrokerage, errorPaths } from './brokerage-kit';

describe('brokerage settings and proteins (e2e)', () => {
  let t: TestApp;
  let b: Brokerage;
  beforeAll(async () => ({ t, g: b } = await startAppWith(createBrokerage)));
  afterAll(() => t.close());

  it('readers get the defaults on first use; admins change them; bad input is 400 with paths and nothing changes', async () => {
    const defaults = await b.ok(b.org.at('readonly'), 'GET', '/settings');
    expect(defaults).toMatchObject({
      currency: 'USD',
      timeZone: 'UTC',
      numberPrefixes: { po: 'PO-', so: 'SO-', invoice: 'INV-' },
      trialEndsAt: null,
      allowSelfApproval: false,
    });
    const changed = await b.ok(b.org.at('admin'), 'PATCH', '/settings', {
      body: {
        legalName: 'Prime Meats LLC',
        contactEmail: 'office@prime.example',
        address: { line1: '1 Stockyard Rd', city: 'Omaha', region: 'NE', postalCode: '68107', country: 'US' },
        logoUrl: 'https://cdn.example.com/logo.png',
        themeColors: { primary: '#7a1f1f' },
        currency: 'CAD',
        timeZone: 'America/Chicago',
        numberPrefixes: { po: 'P' },
        reminderDays: [30, -3, 0, 7, 7],
      },
    });
    expect(changed).toMatchObject({
      legalName: 'Prime Meats LLC',
      currency: 'CAD',
      timeZone: 'America/Chicago',
      themeColors: { primary: '#7a1f1f' },
      numberPrefixes: { po: 'P', so: 'SO-', invoice: 'INV-' },
      reminderDays: [-3, 0, 7, 30],
    });
    const bad = await b.fails(b.org.at('admin'), 400, 'PATCH', '/settings', {
      body: {
        legalName: 'Changed',
        currency: 'XYZ',
        timeZone: 'Mars/Olympus',
        themeColors: { primary: 'red', accent: '#12345' },
        numberPrefixes: { invoice: '' },
        reminderDays: [1.5],
        address: { line1: 'x', city: 'y', country: 'USA' },
        contactEmail: 'not-an-email',
        trialEndsAt: 'tomorrow',
      },
    });
    expect(errorPaths(bad)).toEqual(
      expect.arrayContaining([
        'currency',
        'timeZone',
        'themeColors.primary',
        'themeColors.accent',
        'numberPrefixes.invoice',
        'reminderDays',
        'address.country',
        'contactEmail',
        'trialEndsAt',
      ]),
    );
    expect((await b.ok(b.org.at('readonly'), 'GET', '/settings')).legalName).toBe('Prime Meats LLC');
    const partial = await b.ok(b.org.at('admin'), 'PATCH', '/settings', { body: { logoUrl: null } });
    expect(partial).toEqual({ ...changed, logoUrl: null });
    await b.fails(b.org.at('admin'), 400, 'PATCH', '/settings', { body: { unknownField: 1 } });
  });

  it('settings: readers read, only admins (and brokerage:admin keys) write; strangers 404', async () => {
    await b.forbidden('GET', '/settings', 'readonly', ['brokerage:read'], { allowed: true });
    await b.forbidden('PATCH', '/settings', 'admin', ['brokerage:admin'], { body: { legalName: 'Nope' } });
  });

  it('a foreign X-Tenant-ID header is ignored: the org comes from the path only', async () => {
    const other = await createBrokerage(t);
    await other.ok(other.org.owner, 'PATCH', '/settings', { body: { legalName: 'Other Org Inc' } });
    const headers = { 'X-Tenant-ID': other.org.id };
    const mine = await b.ok(b.org.at('admin'), 'GET', '/settings', { headers });
    expect(mine.legalName).not.toBe('Other Org Inc');
    // Naming the other org in the header gives a stranger no way in.
    await b.fails(b.org.at('admin'), 404, 'GET', '/settings', { headers, slug: other.org.slug });
    await b.ok(b.org.at('admin'), 'PATCH', '/settings', { body: { legalName: 'Mine' }, headers });
    expect((await other.ok(other.org.owner, 'GET', '/settings')).legalName).toBe('Other Org Inc');
  });

  it('proteins: seeded on first use, admins add, rename and delete; duplicates 409 naming the field', async () => {
    const fresh = await createBrokerage(t);
    const seeded = await fresh.ok(fresh.org.at('readonly'), 'GET', '/proteins');
    expect(seeded.map((p: any) => p.name)).toEqual(expect.arrayContaining(['Beef', 'Pork', 'Chicken']));
    const admin = fresh.org.at('admin');
    const wagyu = await fresh.ok(admin, 'POST', '/proteins', { body: { name: 'Wagyu' } });
    const dup = await fresh.fails(admin, 409, 'POST', '/proteins', {
      body: { name: 'beef' },
      problem: 'duplicate-value',
    });
    expect(dup.field).toBe('name');
    await fresh.fails(admin, 400, 'POST', '/proteins', { body: { name: '' } });
    expect(await fresh.ok(admin, 'PATCH', `/proteins/${wagyu.id}`, { body: { name: 'Wagyu Beef' } })).toEqual({
      id: wagyu.id,
      name: 'Wagyu Beef',
    });
    await fresh.fails(fresh.org.at('officer'), 403, 'POST', '/proteins', { body: { name: 'Emu' } });
    await b.fails(b.org.at('admin'), 404, 'PATCH', `/proteins/${wagyu.id}`, { body: { name: 'Mine now' } });
    await fresh.ok(admin, 'DELETE', `/proteins/${wagyu.id}`);
    const after = await fresh.ok(admin, 'GET', '/proteins');
    expect(after.map((p: any) => p.id)).not.toContain(wagyu.id);
    expect(after).toHaveLength(seeded.length);
  });

  it('after trialEndsAt every brokerage write is 403 trial-expired; reads and the settings stay open', async () => {
    const trial = await createBrokerage(t);
    const admin = trial.org.at('admin');
    await trial.ok(admin, 'POST', '/proteins', { body: { name: 'Elk' } });
    await trial.ok(admin, 'PATCH', '/settings', { body: { trialEndsAt: new Date(Date.now() - 1000).toISOString() } });
    const refused = await trial.fails(admin, 403, 'POST', '/proteins', {
      body: { name: 'Moose' },
      problem: 'trial-expired',
    });
    expect(refused.trialEndsAt).toEqual(expect.any(String));
    await trial.fails(trial.org.at('member'), 403, 'POST', '/suppliers', {
      body: { name: 'Late Packer' },
      problem: 'trial-expired',
    });
    await trial.fails(trial.org.at('member'), 403, 'POST', '/purchase-orders', {
      body: {},
      headers: { 'Idempotency-Key': 'late-order' },
      problem: 'trial-expired',
    });
    await trial.ok(trial.org.at('readonly'), 'GET', '/proteins');
    await trial.ok(admin, 'PATCH', '/settings', {
      body: { trialEndsAt: new Date(Date.now() + 86_400_000).toISOString() },
    });
    await trial.ok(admin, 'POST', '/proteins', { body: { name: 'Moose' } });
  });
});
