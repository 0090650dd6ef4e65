import { randomUUID } from 'node:crypto';
import { liveRaidDump } from '../../src/contexts/dkp/attendance/parsing/raid-dump.fixture';
import {
  charName,
  closeCheckingLedger,
  createGuild,
  daysAgo,
  expectForbiddenPaths,
  Guild,
} from '../support/dkp-fixtures';
import { startAppWith } from '../support/app-with';
import { TestApp, TestUser } from '../support/test-app';

describe('dkp attendance (e2e)', () => {
  let t: TestApp;
  let g: Guild;
  beforeAll(async () => ({ t, g } = await startAppWith((app) => createGuild(app, { eventPoints: '10' }))));
  afterAll(() => closeCheckingLedger(t));

  const earned = async (user: TestUser | string, poolId?: string) => (await g.balance(user, poolId)).earned as string;
  const attendance = async (raidId: string) =>
    (await g.ok(g.readonly, 'GET', `/raids/${raidId}/attendance`, { query: { limit: 200 } })).items;
  const importText = (
    raidId: string,
    body: Record<string, unknown>,
    query?: Record<string, unknown>,
    headers?: Record<string, string>,
  ) => g.call(g.officer, 'POST', `/raids/${raidId}/attendance/import`, { body, query, headers });

  it('records attendance by names: unknown names are returned, names match any case', async () => {
    const raid = await g.raid();
    const before = await earned(g.member);
    const res = await g.ok(g.officer, 'POST', `/raids/${raid.id}/attendance`, {
      body: {
        attendees: [
          { name: g.chars.member.name.toUpperCase() },
          { name: g.chars.officer.name.toLowerCase() },
          { name: 'Nosuchperson' },
        ],
      },
    });
    expect(res).toMatchObject({
      raidId: raid.id,
      dryRun: false,
      value: '10.00',
      valueSource: 'raid',
      unknown: ['Nosuchperson'],
      notAwarded: [],
      totalPoints: '20.00',
    });
    expect(res.awarded).toEqual(
      expect.arrayContaining([
        { characterName: g.chars.member.name, userId: g.member.id, flag: 'on_time', points: '10.00' },
        { characterName: g.chars.officer.name, userId: g.officer.id, flag: 'on_time', points: '10.00' },
      ]),
    );
    expect(Number(await earned(g.member))).toBe(Number(before) + 10);
    const rows = await attendance(raid.id);
    expect(rows.map((r: any) => r.userId).sort()).toEqual([g.member.id, g.officer.id].sort());
    expect(rows.find((r: any) => r.userId === g.member.id)).toMatchObject({
      username: g.member.username,
      characterName: g.chars.member.name,
      flag: 'on_time',
      points: '10.00',
    });
    expect((await g.ok(g.readonly, 'GET', `/raids/${raid.id}`)).attendeeCount).toBe(2);
    // Invalid inputs.
    expect((await g.call(g.officer, 'POST', `/raids/${raid.id}/attendance`, { body: { attendees: [] } })).status).toBe(
      400,
    );
    expect(
      (await g.call(g.officer, 'POST', `/raids/${raid.id}/attendance`, { body: { attendees: [{ name: 'Bad Name' }] } }))
        .status,
    ).toBe(400);
    expect(
      (
        await g.call(g.officer, 'POST', `/raids/${raid.id}/attendance`, {
          body: { attendees: [{ name: 'Okname', flag: 'asleep' }] },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await g.call(g.officer, 'POST', `/raids/${randomUUID()}/attendance`, {
          body: { attendees: [{ name: 'Okname' }] },
        })
      ).status,
    ).toBe(404);
  });

  it('forbidden paths', async () => {
    const raid = await g.raid();
    const body = { attendees: [{ name: g.chars.member.name }] };
    await expectForbiddenPaths(g, { method: 'POST', path: `/raids/${raid.id}/attendance`, body, minTier: 'officer' });
    await expectForbiddenPaths(g, {
      method: 'POST',
      path: `/raids/${raid.id}/attendance/import`,
      body: { text: g.chars.member.name },
      minTier: 'officer',
    });
    await expectForbiddenPaths(g, { method: 'GET', path: `/raids/${raid.id}/attendance`, minTier: 'readonly' });
    expect(await attendance(raid.id)).toEqual([]);
    await g.ok(g.officer, 'POST', `/raids/${raid.id}/attendance`, { body });
    await expectForbiddenPaths(g, {
      method: 'DELETE',
      path: `/raids/${raid.id}/attendance/${g.member.id}`,
      minTier: 'officer',
    });
    expect(await attendance(raid.id)).toHaveLength(1);
    // A raid of another org is a 404 even for its owner's officer here.
    const other = await createGuild(t);
    const foreign = await other.raid();
    expect((await g.call(g.owner, 'POST', `/raids/${foreign.id}/attendance`, { body })).status).toBe(404);
    expect(
      (await g.call(g.owner, 'POST', `/raids/${foreign.id}/attendance/import`, { body: { text: 'Abc' } })).status,
    ).toBe(404);
    expect((await g.call(g.owner, 'GET', `/raids/${foreign.id}/attendance`)).status).toBe(404);
    expect((await g.call(g.owner, 'DELETE', `/raids/${foreign.id}/attendance/${g.member.id}`)).status).toBe(404);
  });

  describe('imports', () => {
    let users: TestUser[];
    let names: string[][];
    beforeAll(async () => {
      users = [];
      names = [];
      for (let i = 0; i < 6; i++) {
        const u = await g.newMember();
        users.push(u);
        const main = await g.character(u);
        const alt1 = await g.character(u, charName(), { mainCharacterId: main.id });
        const alt2 = await g.character(u, charName(), { mainCharacterId: main.id });
        names.push([main.name, alt1.name, alt2.name]);
      }
    });

    it('a 72-line Live raid dump: every user credited once, unknown names returned, re-import credits nobody', async () => {
      const raid = await g.raid();
      const unknown = Array.from({ length: 50 }, () => charName('Zz'));
      const rows = [...names.flat(), '', '', '', '', ...unknown];
      expect(rows).toHaveLength(72);
      const dump = liveRaidDump(rows);
      expect(dump.split('\r\n').filter(Boolean)).toHaveLength(72);
      const before = await Promise.all(users.map((u) => earned(u)));

      const res = await importText(raid.id, { text: dump });
      expect(res.status).toBe(200);
      expect(res.body.format).toBe('raid_dump');
      expect(res.body.awarded.map((a: any) => a.userId).sort()).toEqual(users.map((u) => u.id).sort());
      expect(res.body.awarded.map((a: any) => a.characterName).sort()).toEqual(names.map((n) => n[0]).sort());
      expect(res.body.notAwarded).toHaveLength(12);
      expect(res.body.notAwarded.every((n: any) => n.reason === 'same_user')).toBe(true);
      expect([...res.body.unknown].sort()).toEqual([...unknown].sort());
      expect(res.body.totalPoints).toBe('60.00');
      const after = await Promise.all(users.map((u) => earned(u)));
      after.forEach((v, i) => expect(Number(v)).toBe(Number(before[i]) + 10));
      expect(await attendance(raid.id)).toHaveLength(6);

      const again = await importText(raid.id, { text: dump });
      expect(again.status).toBe(200);
      expect(again.body.awarded).toEqual([]);
      expect(again.body.totalPoints).toBe('0.00');
      expect(again.body.notAwarded).toHaveLength(18);
      expect(again.body.notAwarded.every((n: any) => n.reason === 'already_credited')).toBe(true);
      expect([...new Set(again.body.notAwarded.map((n: any) => n.userId))].sort()).toEqual(
        users.map((u) => u.id).sort(),
      );
      expect(await Promise.all(users.map((u) => earned(u)))).toEqual(after);
      expect(await attendance(raid.id)).toHaveLength(6);
      const history = await g.ok(g.owner, 'GET', `/points/users/${users[0].id}/history`, {
        query: { kind: 'attendance' },
      });
      expect(history.items.filter((e: any) => e.raidId === raid.id)).toHaveLength(1);
    });

    it('a /who log', async () => {
      const raid = await g.raid();
      const [a, b, c] = [names[0][1], names[1][0], names[2][2]];
      const text = [
        `[Sun Jun 09 19:59:30 2024] ${a} tells the guild, 'inc raid, /who in 5'`,
        '[Sun Jun 09 19:59:39 2024] Players on EverQuest:',
        '[Sun Jun 09 19:59:39 2024] ---------------------------',
        `[Sun Jun 09 19:59:39 2024] [50 Paladin] ${a} (Half Elf) <Seekers of Souls>`,
        `[Sun Jun 09 19:59:39 2024] [ANONYMOUS] ${b}  <Seekers of Souls>`,
        `[Sun Jun 09 19:59:39 2024]  AFK [60 Shadow Knight] ${c} (Dark Elf) <Seekers of Souls> ZONE: The Plane of Fear`,
        '[Sun Jun 09 19:59:39 2024] <LINKDEAD>[55 Warrior] Strangerdude (Dwarf) <Seekers of Souls>',
        '[Sun Jun 09 19:59:39 2024] There are 4 players in The Plane of Fear.',
      ].join('\n');
      const res = await importText(raid.id, { text });
      expect(res.status).toBe(200);
      expect(res.body.format).toBe('who');
      expect(res.body.awarded.map((x: any) => x.characterName).sort()).toEqual([a, b, c].sort());
      expect(res.body.awarded.map((x: any) => x.userId).sort()).toEqual([users[0].id, users[1].id, users[2].id].sort());
      expect(res.body.unknown).toEqual(['Strangerdude']);
      expect(res.body.unparsedCharacterLines).toBe(0);
      expect(res.body.unparsedCharacterLineList).toEqual([]);
    });

    it('a Live /who log with class titles; entries it cannot read are counted, not only skipped', async () => {
      const raid = await g.raid();
      const [a, b] = [names[3][0], names[4][2]];
      const text = [
        '[Mon Mar 02 20:01:12 2026] Players on EverQuest:',
        `[Mon Mar 02 20:01:12 2026] [105 Huntmaster (Ranger)] ${a} (Halfling)  ZONE: kattacastrumb`,
        `[Mon Mar 02 20:01:12 2026]  AFK [110 Grave Lord (Shadow Knight)] ${b} (Dark Elf) <Seekers of Souls>`,
        `[Mon Mar 02 20:01:12 2026] [105 One Two Three Four (Ranger)] ${names[5][0]} (Halfling)`,
        '[Mon Mar 02 20:01:12 2026] There are 3 players in Katta Castrum.',
      ].join('\r\n');
      const res = await importText(raid.id, { text });
      expect(res.status).toBe(200);
      expect(res.body.format).toBe('who');
      expect(res.body.awarded.map((x: any) => x.userId).sort()).toEqual([users[3].id, users[4].id].sort());
      expect(res.body.unknown).toEqual([]);
      expect(res.body.unparsedCharacterLines).toBe(1);
      expect(res.body.unparsedCharacterLineList).toEqual([
        { line: 4, text: expect.stringContaining(names[5][0]), reason: 'unreadable /who line' },
      ]);
      expect(res.body.skipped.map((s: any) => s.line)).toEqual([1, 4, 5]);
    });

    it('a RaidTick file', async () => {
      const raid = await g.raid();
      const text = [
        'Player\tLevel\tClass\tTimestamp\tPoints',
        `${names[3][0]}\t60\tPaladin\t2024-06-09 19:59:39\t10`,
        `${names[4][1]}\t60\tShadow Knight\t2024-06-09 19:59:39\t10`,
        'Ghostly\t60\tWarrior\t2024-06-09 19:59:39\t10',
      ].join('\r\n');
      const res = await importText(raid.id, { text });
      expect(res.status).toBe(200);
      expect(res.body.format).toBe('raidtick');
      expect(res.body.awarded.map((x: any) => x.userId).sort()).toEqual([users[3].id, users[4].id].sort());
      expect(res.body.unknown).toEqual(['Ghostly']);
    });

    describe('the RaidTick Points column', () => {
      const tick = (rows: [string, string][], header = 'Player\tLevel\tClass\tTimestamp\tPoints') =>
        [header, ...rows.map(([name, pts]) => `${name}\t60\tPaladin\t2024-06-09 19:59:39\t${pts}`)].join('\r\n');

      it("is ignored (but reported) when the raid has a value: the raid's value is paid", async () => {
        const raid = await g.raid({ value: '7' });
        const res = await importText(raid.id, { text: tick([[names[0][0], '25']]) });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ value: '7.00', valueSource: 'raid', filePoints: ['25.00'] });
        expect(res.body.awarded).toEqual([expect.objectContaining({ userId: users[0].id, points: '7.00' })]);
        // A raid created without a value takes the event's default points, as before.
        const byEvent = await importText((await g.raid()).id, { text: tick([[names[0][0], '25']]) });
        expect(byEvent.body).toMatchObject({ value: '10.00', valueSource: 'raid' });
      });

      it('is paid when the raid was created with value null, and becomes the raid value', async () => {
        const raid = await g.raid({ value: null });
        expect(raid.value).toBeNull();
        const before = await earned(users[1]);
        const text = tick([
          [names[1][0], '12.5'],
          [names[2][0], '12.5'],
        ]);
        const dry = await importText(raid.id, { text }, { dryRun: true });
        expect(dry.body).toMatchObject({ dryRun: true, value: '12.50', valueSource: 'raidtick' });
        expect((await g.ok(g.readonly, 'GET', `/raids/${raid.id}`)).value).toBeNull();

        const res = await importText(raid.id, { text, flag: 'late' });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ value: '12.50', valueSource: 'raidtick', filePoints: ['12.50'] });
        // Late: the pool's fraction (0.50) of the file's points.
        expect(res.body.awarded.map((a: any) => a.points)).toEqual(['6.25', '6.25']);
        expect(res.body.totalPoints).toBe('12.50');
        expect(Number(await earned(users[1]))).toBe(Number(before) + 6.25);
        expect((await g.ok(g.readonly, 'GET', `/raids/${raid.id}`)).value).toBe('12.50');
        // From now on the raid's value is paid, whatever a later file says.
        const later = await importText(raid.id, { text: tick([[names[3][0], '99']]) });
        expect(later.body).toMatchObject({ value: '12.50', valueSource: 'raid' });
        expect(later.body.awarded).toEqual([expect.objectContaining({ userId: users[3].id, points: '12.50' })]);
      });

      it('without a raid value: no Points column, or ticks that disagree, are a 422 and write nothing', async () => {
        const raid = await g.raid({ value: null });
        const noColumn = await importText(raid.id, {
          text: `Player\tLevel\tClass\tTimestamp\r\n${names[4][0]}\t60\tPaladin\t2024-06-09 19:59:39`,
        });
        expect(noColumn.status).toBe(422);
        expect(noColumn.body.type).toMatch(/raid-value-missing$/);
        const names_ = await importText(raid.id, { text: names[4][0] });
        expect(names_.body.type).toMatch(/raid-value-missing$/);
        const manual = await g.call(g.officer, 'POST', `/raids/${raid.id}/attendance`, {
          body: { attendees: [{ name: names[4][0] }] },
        });
        expect(manual.status).toBe(422);
        expect(manual.body.type).toMatch(/raid-value-missing$/);
        const differ = await importText(raid.id, {
          text: tick([
            [names[4][0], '10'],
            [names[5][0], '5'],
          ]),
        });
        expect(differ.status).toBe(422);
        expect(differ.body).toMatchObject({ filePoints: ['5.00', '10.00'] });
        expect(differ.body.type).toMatch(/raidtick-points-differ$/);
        expect(await attendance(raid.id)).toEqual([]);
        expect((await g.ok(g.readonly, 'GET', `/raids/${raid.id}`)).value).toBeNull();
        // Setting the value by PATCH makes it payable.
        await g.ok(g.officer, 'PATCH', `/raids/${raid.id}`, { body: { value: '3' } });
        expect(
          (
            await g.ok(g.officer, 'POST', `/raids/${raid.id}/attendance`, {
              body: { attendees: [{ name: names[4][0] }] },
            })
          ).value,
        ).toBe('3.00');
      });
    });

    it('a plain name list (explicit format too)', async () => {
      const raid = await g.raid();
      const text = `${names[5][0].toLowerCase()}\n${names[5][1].toUpperCase()}\n\n  ${names[0][0]}  \nNobodyknown\n`;
      const res = await importText(raid.id, { text, format: 'names' });
      expect(res.status).toBe(200);
      expect(res.body.format).toBe('names');
      expect(res.body.awarded.map((x: any) => x.userId).sort()).toEqual([users[5].id, users[0].id].sort());
      expect(res.body.notAwarded).toEqual([{ characterName: names[5][1], userId: users[5].id, reason: 'same_user' }]);
      expect(res.body.unknown).toEqual(['Nobodyknown']);
      expect((await importText(raid.id, { text, format: 'excel' })).status).toBe(400);
    });

    it('text without any name is a 422', async () => {
      const raid = await g.raid();
      for (const text of ['', '\n\n   \n', '12345\n!!!\n']) {
        const res = await importText(raid.id, { text });
        expect({ text, status: res.status }).toEqual({ text, status: 422 });
        expect(res.body.type).toMatch(/no-attendees$/);
      }
      expect((await importText(raid.id, { text: 42 })).status).toBe(400);
      expect((await importText(raid.id, {})).status).toBe(400);
      expect(await attendance(raid.id)).toEqual([]);
    });

    it('dryRun=true shows the result and writes nothing', async () => {
      const raid = await g.raid();
      const before = await Promise.all(users.map((u) => g.balance(u)));
      const dump = liveRaidDump(names.flat());
      const res = await importText(raid.id, { text: dump }, { dryRun: true });
      expect(res.status).toBe(200);
      expect(res.body.dryRun).toBe(true);
      expect(res.body.awarded).toHaveLength(6);
      expect(res.body.totalPoints).toBe('60.00');
      const rec = await g.ok(g.officer, 'POST', `/raids/${raid.id}/attendance`, {
        query: { dryRun: 'true' },
        body: { attendees: [{ name: names[0][0] }] },
      });
      expect(rec).toMatchObject({ dryRun: true, awarded: [expect.objectContaining({ userId: users[0].id })] });
      expect(await attendance(raid.id)).toEqual([]);
      expect(await Promise.all(users.map((u) => g.balance(u)))).toEqual(before);
      expect((await g.ok(g.readonly, 'GET', `/raids/${raid.id}`)).attendeeCount).toBe(0);
      expect((await importText(raid.id, { text: dump }, { dryRun: 'maybe' })).status).toBe(400);
    });

    it('concurrent imports of the same dump credit each user exactly once', async () => {
      const raid = await g.raid();
      const before = await Promise.all(users.map((u) => earned(u)));
      const dump = liveRaidDump(names.flat());
      const results = await Promise.all(Array.from({ length: 5 }, () => importText(raid.id, { text: dump })));
      expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      const credited = results.flatMap((r) => r.body.awarded.map((a: any) => a.userId));
      expect(credited.sort()).toEqual(users.map((u) => u.id).sort());
      const after = await Promise.all(users.map((u) => earned(u)));
      after.forEach((v, i) => expect(Number(v)).toBe(Number(before[i]) + 10));
      expect(await attendance(raid.id)).toHaveLength(6);
    });

    it('an Idempotency-Key replays the first import', async () => {
      const raid = await g.raid();
      const key = randomUUID();
      const text = `${names[0][0]}\n${names[1][0]}`;
      const first = await importText(raid.id, { text }, undefined, { 'idempotency-key': key });
      expect(first.status).toBe(200);
      expect(first.body.awarded).toHaveLength(2);
      const before = await earned(users[0]);
      const second = await importText(raid.id, { text }, undefined, { 'idempotency-key': key });
      expect(second.status).toBe(200);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      expect(second.body).toEqual(first.body);
      expect(await earned(users[0])).toBe(before);
      const reused = await importText(raid.id, { text: names[2][0] }, undefined, { 'idempotency-key': key });
      expect(reused.status).toBe(422);
      expect(await attendance(raid.id)).toHaveLength(2);
    });
  });

  it('late and left-early flags award the pool fractions', async () => {
    const pool = await g.ok(g.owner, 'POST', '/pools', { body: { name: charName('Frac') } });
    expect(pool).toMatchObject({ lateAwardFraction: '0.50', leftEarlyAwardFraction: '0.50' });
    expect(
      (await g.call(g.officer, 'PATCH', `/pools/${pool.id}`, { body: { lateAwardFraction: '0.25' } })).status,
    ).toBe(403);
    expect((await g.call(g.owner, 'PATCH', `/pools/${pool.id}`, { body: { lateAwardFraction: '1.5' } })).status).toBe(
      400,
    );
    expect(
      (await g.ok(g.owner, 'PATCH', `/pools/${pool.id}`, { body: { lateAwardFraction: '0.25' } })).lateAwardFraction,
    ).toBe('0.25');
    const raid = await g.raid({ poolId: pool.id, value: '15' });
    const res = await g.ok(g.officer, 'POST', `/raids/${raid.id}/attendance`, {
      body: {
        attendees: [
          { name: g.chars.owner.name },
          { name: g.chars.officer.name, flag: 'late' },
          { name: g.chars.member.name, flag: 'left_early' },
        ],
      },
    });
    const byUser = Object.fromEntries(res.awarded.map((a: any) => [a.userId, a]));
    expect(byUser[g.owner.id]).toMatchObject({ flag: 'on_time', points: '15.00' });
    expect(byUser[g.officer.id]).toMatchObject({ flag: 'late', points: '3.75' });
    expect(byUser[g.member.id]).toMatchObject({ flag: 'left_early', points: '7.50' });
    expect(res.totalPoints).toBe('26.25');
    expect(await earned(g.officer, pool.id)).toBe('3.75');
    expect(await earned(g.member, pool.id)).toBe('7.50');
    // An import with a flag applies it to every name.
    const raid2 = await g.raid({ poolId: pool.id, value: '10' });
    const imported = await importText(raid2.id, { text: g.chars.readonly.name, flag: 'late' });
    expect(imported.body.awarded).toEqual([
      { characterName: g.chars.readonly.name, userId: g.readonly.id, flag: 'late', points: '2.50' },
    ]);
    expect((await attendance(raid2.id))[0]).toMatchObject({ flag: 'late', points: '2.50' });
  });

  it('a character reassigned after a raid: old raids credit the old owner, new raids the new one, history keeps the name', async () => {
    const oldOwner = await g.newMember();
    const newOwner = await g.newMember();
    const pool = await g.ok(g.owner, 'POST', '/pools', { body: { name: charName('Move') } });
    const character = await g.character(oldOwner);
    const oldRaid = await g.raid({ poolId: pool.id, startsAt: daysAgo(3) });
    await g.ok(g.officer, 'POST', `/characters/${character.id}/reassign`, { body: { userId: newOwner.id } });
    // Imported late for the old raid: credits who owned the character then.
    const late = await importText(oldRaid.id, { text: character.name });
    expect(late.body.awarded).toEqual([
      expect.objectContaining({ userId: oldOwner.id, characterName: character.name }),
    ]);
    const newRaid = await g.raid({ poolId: pool.id });
    const fresh = await importText(newRaid.id, { text: character.name });
    expect(fresh.body.awarded).toEqual([
      expect.objectContaining({ userId: newOwner.id, characterName: character.name }),
    ]);
    expect(await earned(oldOwner, pool.id)).toBe('10.00');
    expect(await earned(newOwner, pool.id)).toBe('10.00');
    // Renaming the character later does not rewrite history.
    await g.ok(g.officer, 'PATCH', `/characters/${character.id}`, { body: { name: charName('Renamed') } });
    const attribution = await g.ok(g.readonly, 'GET', `/points/character-attribution/${character.name}`);
    expect(attribution.items.map((e: any) => e.userId).sort()).toEqual([oldOwner.id, newOwner.id].sort());
    expect(attribution.items.every((e: any) => e.characterName === character.name)).toBe(true);
    expect((await attendance(oldRaid.id))[0]).toMatchObject({ userId: oldOwner.id, characterName: character.name });
  });

  it('removing an attendee writes a correction and reduces earned', async () => {
    const u = await g.newMember();
    const c = await g.character(u);
    const raid = await g.raid({ value: '12.5' });
    await g.ok(g.officer, 'POST', `/raids/${raid.id}/attendance`, {
      body: { attendees: [{ name: c.name }, { name: g.chars.member.name }] },
    });
    expect(await g.balance(u)).toMatchObject({ earned: '12.50', balance: '12.50' });
    expect((await g.call(g.officer, 'DELETE', `/raids/${raid.id}/attendance/${u.id}`)).status).toBe(204);
    expect(await g.balance(u)).toMatchObject({ earned: '0.00', balance: '0.00' });
    expect((await attendance(raid.id)).map((r: any) => r.userId)).toEqual([g.member.id]);
    const history = await g.ok(g.owner, 'GET', `/points/users/${u.id}/history`);
    expect(history.items.map((e: any) => [e.kind, e.amount])).toEqual([
      ['correction', '-12.50'],
      ['attendance', '12.50'],
    ]);
    expect(history.items[0]).toMatchObject({
      bucket: 'earned',
      correctsId: history.items[1].id,
      characterName: c.name,
      raidId: raid.id,
      actorUserId: g.officer.id,
    });
    expect((await g.call(g.officer, 'DELETE', `/raids/${raid.id}/attendance/${u.id}`)).status).toBe(404);
    expect((await g.call(g.officer, 'DELETE', `/raids/${raid.id}/attendance/not-a-uuid`)).status).toBe(400);
    // They can be credited again afterwards.
    const again = await g.ok(g.officer, 'POST', `/raids/${raid.id}/attendance`, {
      body: { attendees: [{ name: c.name }] },
    });
    expect(again.awarded).toHaveLength(1);
    expect((await g.balance(u)).earned).toBe('12.50');
  });
});
