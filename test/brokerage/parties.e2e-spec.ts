import { randomUUID } from 'node:crypto';
import { startAppWith } from '../support/app-with';
import { TestApp } from '../support/test-app';
import { Brokerage, createBrokerage, errorPaths, uniqueName } from './brokerage-kit';

describe('brokerage parties and contacts (e2e)', () => {
  let t: TestApp;
  let b: Brokerage;
  beforeAll(async () => ({ t, g: b } = await startAppWith(createBrokerage)));
  afterAll(() => t.close());

  const member = () => b.org.at('member');
  const officer = () => b.org.at('officer');
  const eventsOf = async (subjectId: string): Promise<string[]> =>
    (
      await t.db.query('SELECT type FROM outbox_events WHERE org_id = $1 AND subject_id = $2 ORDER BY seq', [
        b.org.id,
        subjectId,
      ])
    ).map((row: { type: string }) => row.type);
  const plant = (name = uniqueName('Plant')) =>
    b.ok(member(), 'POST', '/plants', { body: { name, type: 'processing', usdaEstablishmentNumber: 'M969+P969' } });

  it('suppliers: created with nested certificates, capabilities, terms, credit limit, proteins and plant; read, searched, changed', async () => {
    const p = await plant();
    const name = uniqueName('Acme Packing');
    const body = {
      name,
      code: `AC${Date.now().toString(36)}`.slice(0, 12),
      email: 'sales@acme.example',
      phone: '+1 402 555 0100',
      address: { line1: '1 Packer Way', city: 'Dakota City', region: 'NE', postalCode: '68731', country: 'US' },
      plantId: p.id,
      proteins: ['beef', 'Pork'],
      certificates: [{ type: 'SQF', number: 'SQF-1', expiresAt: '2027-06-30' }],
      capabilities: {
        origins: ['US'],
        storage: ['fresh', 'frozen'],
        weightTypes: ['catch'],
        tested: true,
        shipping: ['truck'],
      },
      terms: { method: 'wire', netDays: 14, prepayDays: 0 },
      creditLimit: { amount: '25000', currency: 'USD' },
    };
    const supplier = await b.ok(member(), 'POST', '/suppliers', { body });
    expect(supplier).toMatchObject({
      name,
      plantId: p.id,
      proteins: ['Beef', 'Pork'],
      certificates: [{ type: 'SQF', number: 'SQF-1', expiresAt: '2027-06-30' }],
      capabilities: { storage: ['fresh', 'frozen'], tested: true },
      terms: { method: 'wire', netDays: 14, prepayDays: 0 },
      creditLimit: { amount: '25000.00', currency: 'USD' },
      archivedAt: null,
    });
    expect(await b.ok(b.org.at('readonly'), 'GET', `/suppliers/${supplier.id}`)).toEqual(supplier);
    const found = await b.ok(b.org.at('readonly'), 'GET', '/suppliers', {
      query: { search: name.split(' ').slice(0, 2).join(' ').slice(0, -2) },
    });
    expect(found.items.map((s: any) => s.id)).toContain(supplier.id);
    const byProtein = await b.ok(b.org.at('readonly'), 'GET', '/suppliers', {
      query: { protein: 'BEEF', plantId: p.id },
    });
    expect(byProtein.items.map((s: any) => s.id)).toEqual([supplier.id]);
    const changed = await b.ok(member(), 'PATCH', `/suppliers/${supplier.id}`, {
      body: { creditLimit: null, proteins: ['Chicken'], notes: 'Good fill rates' },
    });
    expect(changed).toMatchObject({ creditLimit: null, proteins: ['Chicken'], notes: 'Good fill rates', name });
    expect(await eventsOf(supplier.id)).toEqual(['brokerage.supplier.created', 'brokerage.supplier.updated']);
  });

  it('bad input is 400 with field paths and writes nothing; duplicates are 409 naming the field', async () => {
    const name = uniqueName('Bad Supplier');
    const bad = await b.fails(member(), 400, 'POST', '/suppliers', {
      body: {
        name,
        proteins: ['Beef', 'Unicorn'],
        certificates: [{ type: 'SQF', expiresAt: 'soon' }],
        capabilities: { storage: ['thawed'] },
        terms: { method: 'bitcoin', netDays: -1, prepayDays: 0 },
        creditLimit: { amount: '12.345', currency: 'usd' },
        address: { line1: '', city: 'X', country: 'US' },
      },
    });
    expect(errorPaths(bad)).toEqual(
      expect.arrayContaining([
        'certificates.0.expiresAt',
        'capabilities.storage',
        'terms.method',
        'terms.netDays',
        'creditLimit.amount',
        'creditLimit.currency',
        'address.line1',
      ]),
    );
    const unknownProtein = await b.fails(member(), 400, 'POST', '/suppliers', {
      body: { name, proteins: ['Beef', 'Unicorn'] },
    });
    expect(errorPaths(unknownProtein)).toEqual(['proteins.1']);
    const otherCurrency = await b.fails(member(), 400, 'POST', '/suppliers', {
      body: { name, creditLimit: { amount: '10.00', currency: 'EUR' } },
    });
    expect(errorPaths(otherCurrency)).toEqual(['creditLimit.currency']);
    await b.fails(member(), 400, 'POST', '/suppliers', { body: { name, surprise: true } });
    expect((await b.ok(member(), 'GET', '/suppliers', { query: { search: name } })).items).toEqual([]);

    const code = `D${Date.now().toString(36)}`;
    const first = await b.ok(member(), 'POST', '/customers', { body: { name, code } });
    const byName = await b.fails(member(), 409, 'POST', '/customers', {
      body: { name: name.toUpperCase() },
      problem: 'duplicate-value',
    });
    expect(byName.field).toBe('name');
    const byCode = await b.fails(member(), 409, 'POST', '/customers', {
      body: { name: `${name} 2`, code },
      problem: 'duplicate-value',
    });
    expect(byCode.field).toBe('code');
    // The same name is fine for another kind of party.
    await b.ok(member(), 'POST', '/suppliers', { body: { name, code } });
    const second = await b.ok(member(), 'POST', '/customers', { body: { name: `${name} 3` } });
    const renamed = await b.fails(member(), 409, 'PATCH', `/customers/${second.id}`, {
      body: { name },
      problem: 'duplicate-value',
    });
    expect(renamed.field).toBe('name');
    expect((await b.ok(member(), 'GET', `/customers/${first.id}`)).name).toBe(name);
  });

  it('customers: industry, pick-up, accounts-payable contact; plants in use are archived, not deleted', async () => {
    const ap = await b.ok(member(), 'POST', '/contacts', {
      body: { firstName: 'Pat', lastName: 'Payable', type: 'accounting' },
    });
    const p = await plant();
    const customer = await b.ok(member(), 'POST', '/customers', {
      body: {
        name: uniqueName('Heartland Foods'),
        industry: 'pet_food',
        willPickUp: true,
        apContactId: ap.id,
        plantId: p.id,
        terms: { method: 'ach', netDays: 30, prepayDays: 0 },
        creditLimit: { amount: '100000.00', currency: 'USD' },
      },
    });
    expect(customer).toMatchObject({ industry: 'pet_food', willPickUp: true, apContactId: ap.id, plantId: p.id });
    await b.fails(member(), 400, 'PATCH', `/customers/${customer.id}`, { body: { industry: 'aerospace' } });
    await b.fails(member(), 404, 'PATCH', `/customers/${customer.id}`, {
      body: { apContactId: '00000000-0000-4000-8000-000000000000' },
    });

    const inUse = await b.fails(officer(), 409, 'DELETE', `/plants/${p.id}`, { problem: 'in-use' });
    expect(inUse.detail).toMatch(/archive/);
    const archived = await b.ok(officer(), 'POST', `/plants/${p.id}/archive`);
    expect(archived.archivedAt).toEqual(expect.any(String));
    expect((await b.ok(member(), 'GET', '/plants', { query: { search: p.name } })).items).toEqual([]);
    expect(
      (await b.ok(member(), 'GET', '/plants', { query: { search: p.name, includeArchived: true } })).items.map(
        (x: any) => x.id,
      ),
    ).toEqual([p.id]);
    const noPlant = await b.fails(member(), 400, 'POST', '/suppliers', {
      body: { name: uniqueName('S'), plantId: p.id },
    });
    expect(errorPaths(noPlant)).toEqual(['plantId']);

    const customerEvents = await b.ok(officer(), 'POST', `/customers/${customer.id}/archive`);
    expect(customerEvents.archivedAt).toEqual(expect.any(String));
    const unused = await b.ok(member(), 'POST', '/customers', { body: { name: uniqueName('Gone Soon') } });
    await b.ok(officer(), 'DELETE', `/customers/${unused.id}`);
    await b.fails(officer(), 404, 'GET', `/customers/${unused.id}`);
    expect(await eventsOf(customer.id)).toEqual(['brokerage.customer.created', 'brokerage.customer.archived']);
    expect(await eventsOf(unused.id)).toEqual(['brokerage.customer.created', 'brokerage.customer.deleted']);
    // Deleting the contact clears the customer's accounts-payable contact.
    await b.ok(member(), 'DELETE', `/contacts/${ap.id}`);
    expect((await b.ok(member(), 'GET', `/customers/${customer.id}`)).apContactId).toBeNull();
  });

  it('carriers: insurance with expiresAt (expired is flagged), departments, type filter', async () => {
    const expired = await b.ok(member(), 'POST', '/carriers', {
      body: {
        name: uniqueName('Old Freight'),
        type: 'rail',
        mcNumber: '123456',
        dotNumber: '2345678',
        insurance: { provider: 'Cargo Mutual', policyNumber: 'CM-1', expiresAt: '2020-01-01T00:00:00Z' },
        departments: [{ department: 'bol', email: 'bol@old.example' }],
      },
    });
    expect(expired).toMatchObject({ type: 'rail', insuranceExpired: true, departments: [{ department: 'bol' }] });
    const insured = await b.ok(member(), 'PATCH', `/carriers/${expired.id}`, {
      body: { insurance: { provider: 'Cargo Mutual', policyNumber: 'CM-2', expiresAt: '2099-01-01T00:00:00Z' } },
    });
    expect(insured.insuranceExpired).toBe(false);
    const bad = await b.fails(member(), 400, 'POST', '/carriers', {
      body: {
        name: uniqueName('Bad Freight'),
        type: 'teleport',
        mcNumber: 'MC-12',
        insurance: { provider: 'X' },
        departments: [{ department: 'hr' }],
      },
    });
    expect(errorPaths(bad)).toEqual(
      expect.arrayContaining([
        'type',
        'mcNumber',
        'insurance.policyNumber',
        'insurance.expiresAt',
        'departments.0.department',
      ]),
    );
    const rail = await b.ok(member(), 'GET', '/carriers', { query: { type: 'rail', search: expired.name } });
    expect(rail.items.map((c: any) => c.id)).toEqual([expired.id]);
    expect((await b.ok(member(), 'GET', '/carriers', { query: { type: 'sea', search: expired.name } })).items).toEqual(
      [],
    );
  });

  it('a create retried with the same Idempotency-Key makes one party', async () => {
    const name = uniqueName('Retried Plant');
    const headers = { 'Idempotency-Key': randomUUID() };
    const body = { name, type: 'retail' };
    const first = await b.call(member(), 'POST', '/plants', { body, headers });
    const again = await b.call(member(), 'POST', '/plants', { body, headers });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await b.ok(member(), 'GET', '/plants', { query: { search: name } })).items).toHaveLength(1);
  });

  it('lists are keyset pages in name order; a bad cursor is 400', async () => {
    const prefix = uniqueName('Pager').replace(/\s/g, '');
    for (const suffix of ['c', 'a', 'b']) await plant(`${prefix} ${suffix}`);
    const first = await b.ok(member(), 'GET', '/plants', { query: { search: prefix, limit: 2 } });
    expect(first.items.map((p: any) => p.name)).toEqual([`${prefix} a`, `${prefix} b`]);
    const rest = await b.ok(member(), 'GET', '/plants', {
      query: { search: prefix, limit: 2, cursor: first.nextCursor },
    });
    expect(rest.items.map((p: any) => p.name)).toEqual([`${prefix} c`]);
    expect(rest.nextCursor).toBeNull();
    await b.fails(member(), 400, 'GET', '/plants', { query: { cursor: 'garbage' } });
    await b.fails(member(), 400, 'GET', '/plants', { query: { limit: 500 } });
  });

  it('contacts: linked to parties with a role, filtered by party; other orgs’ parties are 404', async () => {
    const s = await b.ok(member(), 'POST', '/suppliers', { body: { name: uniqueName('Linked Supplier') } });
    const c = await b.ok(member(), 'POST', '/customers', { body: { name: uniqueName('Linked Customer') } });
    const contact = await b.ok(member(), 'POST', '/contacts', {
      body: {
        firstName: 'Dana',
        lastName: uniqueName('Broker'),
        email: 'dana@example.com',
        cellPhone: '+1 555 0101',
        company: 'Acme',
        title: 'Sales lead',
        type: 'sales',
        links: [
          { partyId: s.id, role: 'sales rep' },
          { partyId: c.id, role: 'buyer' },
        ],
      },
    });
    expect(contact.links).toEqual(
      expect.arrayContaining([
        { partyId: s.id, role: 'sales rep', partyKind: 'supplier', partyName: s.name },
        { partyId: c.id, role: 'buyer', partyKind: 'customer', partyName: c.name },
      ]),
    );
    const ofSupplier = await b.ok(member(), 'GET', '/contacts', { query: { partyId: s.id } });
    expect(ofSupplier.items.map((x: any) => x.id)).toEqual([contact.id]);
    const twice = await b.fails(member(), 400, 'PATCH', `/contacts/${contact.id}`, {
      body: {
        links: [
          { partyId: s.id, role: 'a' },
          { partyId: s.id, role: 'b' },
        ],
      },
    });
    expect(errorPaths(twice)).toEqual(['links.1.partyId']);
    const other = await createBrokerage(t);
    const foreign = await other.ok(other.org.owner, 'POST', '/suppliers', { body: { name: uniqueName('Foreign') } });
    await b.fails(member(), 404, 'PATCH', `/contacts/${contact.id}`, {
      body: { links: [{ partyId: foreign.id, role: 'x' }] },
    });
    expect((await b.ok(member(), 'GET', `/contacts/${contact.id}`)).links).toHaveLength(2);
    const unlinked = await b.ok(member(), 'PATCH', `/contacts/${contact.id}`, { body: { links: [], title: null } });
    expect(unlinked).toMatchObject({ links: [], title: null, company: 'Acme' });
    await b.fails(member(), 400, 'POST', '/contacts', { body: { firstName: '', type: 'boss', email: 'x' } });
  });

  it('tiers: readonly reads, members write, officers archive and delete; another org is 404', async () => {
    const s = await b.ok(member(), 'POST', '/suppliers', { body: { name: uniqueName('Tiered') } });
    await b.forbidden('GET', '/suppliers', 'readonly', ['brokerage:read'], { allowed: true });
    await b.forbidden('POST', '/customers', 'member', ['brokerage:write'], { body: { name: uniqueName('Nope') } });
    for (const path of [`/suppliers/${s.id}/archive`]) {
      await b.forbidden('POST', path, 'officer', ['brokerage:write']);
    }
    await b.forbidden('DELETE', `/suppliers/${s.id}`, 'officer', ['brokerage:write']);
    const other = await createBrokerage(t);
    const foreign = await other.ok(other.org.owner, 'POST', '/suppliers', { body: { name: uniqueName('Theirs') } });
    await b.expectNotFound(b.org.owner, [
      ['GET', `/suppliers/${foreign.id}`],
      ['PATCH', `/suppliers/${foreign.id}`, { notes: 'mine' }],
      ['POST', `/suppliers/${foreign.id}/archive`],
      ['DELETE', `/suppliers/${foreign.id}`],
      ['GET', `/customers/${s.id}`],
    ]);
    await b.fails(b.org.owner, 404, 'GET', '/suppliers', { slug: other.org.slug });
    const writeKey = await b.org.botKeyWith(['brokerage:write']);
    await b.ok({ apiKey: writeKey.key }, 'POST', '/suppliers', { body: { name: uniqueName('By bot') } });
    expect(
      (await b.ok(b.org.owner, 'GET', `/suppliers/${foreign.id}`.replace(foreign.id, s.id))).archivedAt,
    ).toBeNull();
  });
});
