import { ContactService } from '../../src/contexts/starcorp/communications/contact/contact.service';
import { createMissionsOrg, MissionsOrg } from '../starcorp-missions/missions-kit';
import { startAppWith } from '../support/app-with';
import { TestApp } from '../support/test-app';

const READ = ['starcorp:read'];
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe('starcorp dashboard (e2e)', () => {
  let t: TestApp;
  let p: MissionsOrg;
  const upcoming: string[] = [];
  beforeAll(async () => {
    ({ t, g: p } = await startAppWith(createMissionsOrg));
    const officer = p.org.at('officer');
    const member = p.org.at('member');
    // Ranks: Captain ×2 (member, officer), Private ×1 (trial); the others unranked.
    const ranks = await p.ok(officer, 'GET', '/ranks');
    const rank = (name: string) => ranks.items.find((r: { name: string }) => r.name === name).id;
    for (const [who, name] of [
      [member, 'Captain'],
      [officer, 'Captain'],
      [p.org.at('trial'), 'Private'],
    ] as const)
      await p.ok(officer, 'PATCH', `/members/${who.id}`, { body: { rankId: rank(name) } });
    // Squadrons: Alpha holds member and officer; Bravo's only member left.
    const alpha = await p.squadron(null, { name: 'Alpha Wing', callsign: 'ALPHA' });
    const bravo = await p.squadron(null, { name: 'Bravo Wing', callsign: 'BRAVO' });
    await p.ok(member, 'POST', `/squadrons/${alpha.id}/join`);
    await p.ok(officer, 'POST', `/squadrons/${alpha.id}/join`);
    await p.ok(p.org.at('admin'), 'POST', `/squadrons/${bravo.id}/join`);
    await p.ok(p.org.at('admin'), 'POST', `/squadrons/${bravo.id}/leave`);
    // Ships: member 2× Avenger Titan + Carrack on loan; officer 1× Avenger Titan, a pledge and a sold hull.
    await p.hull(member, 'Avenger Titan');
    await p.hull(member, 'Avenger Titan');
    const loaned = await p.hull(member, 'Carrack');
    await p.ok(member, 'POST', `/fleet/${loaned.id}/status`, { body: { status: 'on_loan' } });
    await p.hull(officer, 'Avenger Titan');
    await p.hull(officer, 'Cutlass Black', { status: 'pledged' });
    const sold = await p.hull(officer, 'Cutlass Black');
    await p.ok(officer, 'POST', `/fleet/${sold.id}/status`, { body: { status: 'sold' } });
    // Missions: six scheduled (the five soonest shown), a draft, a cancelled one.
    const scheduled = [];
    for (const days of [6, 2, 9, 4, 3, 5]) scheduled.push(await p.scheduled({ scheduledAt: inDays(days) }));
    upcoming.push(
      ...[...scheduled]
        .sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt))
        .slice(0, 5)
        .map((m) => m.id),
    );
    await p.mission({ scheduledAt: inDays(1) });
    const cancelled = await p.mission({ scheduledAt: inDays(1) });
    await p.ok(officer, 'POST', `/missions/${cancelled.id}/cancel`);
    // Contact: two new, one read.
    // Two messages to the officer, one of them read: one unread.
    for (const subject of ['Fuel', 'Escort']) {
      const sent = await p.ok(member, 'POST', '/messages', {
        body: { recipientUserIds: [officer.id], subject, body: 'Ready at Port Olisar.' },
        headers: { 'idempotency-key': `dashboard-${subject}` },
      });
      if (subject === 'Fuel') await p.ok(officer, 'POST', `/messages/${sent.id}/read`);
    }
    const contacts = t.app.get(ContactService);
    const client = { ip: '203.0.113.9', userAgent: 'jest' };
    const message = (subject: string) => ({
      name: 'Jane Visitor',
      email: 'jane@example.com',
      subject,
      message: 'We would like to fly with your corporation next weekend.',
    });
    await contacts.submit(p.org.id, message('Joining'), client);
    await contacts.submit(p.org.id, message('Alliance'), client);
    const read = await contacts.submit(p.org.id, message('Trade'), client);
    await t.db.query("UPDATE starcorp_contact_submissions SET status = 'read' WHERE id = $1", [read.id]);
  });
  afterAll(() => t.close());

  it('refuses guests, scope-less keys and strangers (another org is a 404)', async () => {
    await p.forbidden('GET', '/dashboard', 'readonly', READ, { allowed: true });
  });

  it('shows the exact figures of a known data set to an officer', async () => {
    const d = await p.ok(p.org.at('officer'), 'GET', '/dashboard');
    // owner, admin, officer, member, trial, readonly
    expect(d.members).toBe(6);
    expect(d.byTier).toEqual(
      ['owner', 'admin', 'officer', 'member', 'trial', 'readonly', 'applicant', 'guest'].map((tier) => ({
        tier,
        members: 1,
      })),
    );
    expect(d.byRank).toHaveLength(11);
    expect(d.byRank[0]).toMatchObject({ name: 'Fleet Admiral', level: 10, members: 0 });
    expect(d.byRank.find((r: any) => r.name === 'Captain').members).toBe(2);
    expect(d.byRank.find((r: any) => r.name === 'Private').members).toBe(1);
    expect(d.byRank.reduce((sum: number, r: any) => sum + r.members, 0)).toBe(6);
    expect(d.byRank[10]).toEqual({ rankId: null, name: 'Unranked', level: null, members: 3 });
    expect(d.squadrons.map((s: any) => [s.name, s.members])).toEqual([
      ['Alpha Wing', 2],
      ['Bravo Wing', 0],
    ]);
    expect(d.ships).toEqual({
      hulls: 4,
      uniqueShips: 2,
      owners: 2,
      hullsPerMember: '0.67',
      uniqueShipsPerMember: '0.50',
    });
    expect(d.unreadMessages).toBe(1);
    expect(d.upcomingMissions.map((m: any) => m.id)).toEqual(upcoming);
    expect(d.upcomingMissions.every((m: any) => m.status === 'scheduled')).toBe(true);
    expect(d.newContactSubmissions).toBe(2);
  });

  it('hides the contact inbox from members and readonly', async () => {
    for (const who of [p.org.at('member'), p.org.at('readonly')]) {
      const d = await p.ok(who, 'GET', '/dashboard');
      expect(d).not.toHaveProperty('newContactSubmissions');
      expect(d.ships.hulls).toBe(4);
    }
  });

  it("another org's dashboard shows its own figures only", async () => {
    const outsider = p.org.outsider;
    const res = await p.call(outsider, 'GET', '/dashboard', { slug: p.org.outsiderSlug });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ members: 1, ships: { hulls: 0 }, squadrons: [], upcomingMissions: [] });
    expect(res.body.newContactSubmissions).toBe(0);
    expect((await p.call(outsider, 'GET', '/dashboard')).status).toBe(404);
  });
});
