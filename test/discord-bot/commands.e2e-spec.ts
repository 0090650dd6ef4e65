import { unwrap } from '@quartermaster/sdk';
import {
  auctionAward,
  auctionCancel,
  auctionClose,
  auctionStart,
  autocomplete,
  bidPlace,
  COMMAND_DEFINITIONS,
  dkpBalance,
  dkpLeaderboard,
  runCommand,
  suggestItems,
} from '../../clients/discord-bot/src/commands';
import { startAppWith } from '../support/app-with';
import { type TestApp, unique } from '../support/test-app';
import { bidder, createBotGuild, type BotGuild } from './bot-fixture';

const noGuild = { fetchMembers: async () => [], addRole: async () => undefined, removeRole: async () => undefined };

describe('discord bot commands (against the API)', () => {
  let t: TestApp;
  let g: BotGuild;
  beforeAll(async () => ({ t, g } = await startAppWith(createBotGuild)));
  afterAll(() => t.close());

  const session = (id: string) =>
    unwrap(g.owner.api.GET('/api/v1/orgs/{org}/dkp/bidding/sessions/{id}', { params: { path: { org: g.slug, id } } }));
  const openSessions = () =>
    unwrap(
      g.owner.api.GET('/api/v1/orgs/{org}/dkp/bidding/sessions', {
        params: { path: { org: g.slug }, query: { status: 'open' } },
      }),
    );
  const openSessions2 = (guild: BotGuild) =>
    unwrap(
      guild.owner.api.GET('/api/v1/orgs/{org}/dkp/bidding/sessions', {
        params: { path: { org: guild.slug }, query: { status: 'open' } },
      }),
    );
  const balanceOf = async (userId: string) => (await g.balance(userId)).balance as string;
  const item = () => unique('Cloak of Flames');

  describe('/dkp balance', () => {
    it("answers the invoker's balance by Discord id", async () => {
      const b = await bidder(g, '42.5');
      const reply = await dkpBalance(b.ctx);
      expect(reply.content).toBe(`You have **42.50 DKP** in ${g.pool.name}.`);
      expect(reply.embeds![0].fields![0]).toMatchObject({
        name: g.pool.name,
        value: expect.stringContaining('**42.50**'),
      });
      expect(reply.ephemeral).toBe(true);
    });

    it("answers another member's balance", async () => {
      const b = await bidder(g, '7');
      const reply = await dkpBalance(g.memberCtx(), { user: { discordId: b.discordId, displayName: 'Tanky' } });
      expect(reply.content).toBe(`Tanky has **7.00 DKP** in ${g.pool.name}.`);
    });

    it('says when a Discord account is not linked', async () => {
      const reply = await dkpBalance(g.ctx({ discordId: '999999999999999991' }));
      expect(reply.content).toMatch(/not linked to a member of this guild/);
      const other = await dkpBalance(g.memberCtx(), {
        user: { discordId: '999999999999999992', displayName: 'Ghost' },
      });
      expect(other.content).toBe('Ghost has not linked their Discord account to a member of this guild.');
    });

    it('reports a revoked bot key plainly', async () => {
      const ctx = { ...g.memberCtx(), api: t.as({ apiKey: 'qm_bot_nonsense' }) };
      expect((await dkpBalance(ctx)).content).toMatch(/API key was rejected/);
    });
  });

  describe('/dkp leaderboard', () => {
    it('lists the top 10 of the default pool, highest first', async () => {
      const g2 = await createBotGuild(t);
      for (let i = 1; i <= 12; i++) await g2.credit(await g2.newMember(), String(i * 10));
      const reply = await dkpLeaderboard(g2.memberCtx());
      const lines = reply.embeds![0].description!.split('\n');
      expect(lines).toHaveLength(10);
      expect(lines[0]).toMatch(/^1\. \*\*.+\*\* — 120\.00$/);
      expect(lines[9]).toMatch(/^10\. .* — 30\.00$/);
      expect(reply.content).toBe(`Top 10 in ${g2.pool.name}`);
    });

    it('takes a pool by name and explains an unknown one', async () => {
      const other = await g.ok(g.owner, 'POST', '/pools', { body: { name: unique('Alt') } });
      const u = await g.newMember();
      await unwrap(
        g.owner.api.POST('/api/v1/orgs/{org}/dkp/points/adjustments', {
          params: { path: { org: g.slug } },
          body: { userId: u.id, poolId: other.id, amount: '5', reason: 'x' },
        }),
      );
      const reply = await dkpLeaderboard(g.memberCtx(), { pool: other.name.toUpperCase() });
      expect(reply.embeds![0]).toMatchObject({
        title: `${other.name} leaderboard`,
        description: expect.stringMatching(/^1\. .* — 5\.00$/),
      });
      const unknown = await dkpLeaderboard(g.memberCtx(), { pool: 'Nope' });
      expect(unknown).toMatchObject({
        ephemeral: true,
        content: expect.stringContaining('No pool named "Nope". Pools:'),
      });
    });
  });

  describe('/auction start', () => {
    it('is for officers only', async () => {
      const reply = await auctionStart(g.memberCtx(), { item: item() });
      expect(reply).toEqual({ content: 'Only officers can start an auction.', ephemeral: true });
    });

    it('opens an auction in the default pool with a minimum, and tells players the real bid command', async () => {
      const name = item();
      const reply = await auctionStart(g.officerCtx(), { item: name, min: 15 });
      expect(reply.content).toMatch(
        new RegExp(`^Bidding is open on \\*\\*${name}\\*\\*: minimum 15.00 DKP, closes <t:\\d+:R>\\.`),
      );
      // The usage comes from the command definitions: it names /bid and its required options.
      expect(reply.content).toContain(`Bid with \`/bid item:${name} amount:<amount>\`.`);
      const bid = COMMAND_DEFINITIONS.find((c) => c.name === 'bid')!;
      expect(bid.options!.filter((o) => o.required).map((o) => o.name)).toEqual(['item', 'amount']);
      const s = (await openSessions()).find((x) => x.itemName === name)!;
      expect(s).toMatchObject({ poolId: g.pool.id, minBid: '15.00', raidId: null, status: 'open' });
      // The same item twice is refused while the first is open.
      expect((await auctionStart(g.officerCtx(), { item: name.toLowerCase() })).content).toMatch(/already open/);
    });

    it('takes a minimum of 0 or more with at most two decimals, as a decimal string', async () => {
      const name = item();
      await auctionStart(g.officerCtx(), { item: name, min: 12.35 });
      expect((await openSessions()).find((x) => x.itemName === name)!.minBid).toBe('12.35');
      for (const min of [-1, 1.234, NaN, 1e12])
        expect((await auctionStart(g.officerCtx(), { item: item(), min })).content).toBe(
          `${min} is not a minimum bid (0 or more, at most two decimals).`,
        );
    });

    it('binds the auction to a raid given as "current", by event name or by id', async () => {
      const g2 = await createBotGuild(t);
      const hour = 3_600_000;
      const old = await g2.raid({ startsAt: new Date(Date.now() - 30 * hour).toISOString() });
      const current = await g2.raid({ startsAt: new Date(Date.now() - 2 * hour).toISOString() });
      const raidOf = async (name: string) =>
        (
          await unwrap(
            g2.owner.api.GET('/api/v1/orgs/{org}/dkp/bidding/sessions', {
              params: { path: { org: g2.slug }, query: { status: 'open' } },
            }),
          )
        ).find((x) => x.itemName === name)!.raidId;

      const a = item();
      const started = await auctionStart(g2.officerCtx(), { item: a, raid: 'Current' });
      expect(started.embeds![0].fields).toContainEqual({ name: 'Raid', value: expect.stringContaining(g2.event.name) });
      expect(await raidOf(a)).toBe(current.id);

      // By event name (any case, or a part of it): the newest raid of that event.
      const b = item();
      await auctionStart(g2.officerCtx(), { item: b, raid: g2.event.name.toUpperCase().slice(0, 6) });
      expect(await raidOf(b)).toBe(current.id);

      // A raw id still works, also for a raid older than the name search looks back.
      const c = item();
      await auctionStart(g2.officerCtx(), { item: c, raid: old.id });
      expect(await raidOf(c)).toBe(old.id);
    });

    it('explains a raid it cannot find, and starts nothing', async () => {
      const g2 = await createBotGuild(t);
      const name = item();
      expect((await auctionStart(g2.officerCtx(), { item: name, raid: 'current' })).content).toMatch(
        /^No raid started in the last 12 hours, so there is no current raid\./,
      );
      expect((await auctionStart(g2.officerCtx(), { item: name, raid: 'Plane of Nothing' })).content).toMatch(
        /^No raid of an event named "Plane of Nothing" in the last 7 days\./,
      );
      const other = await createBotGuild(t);
      const foreign = await other.raid();
      expect(await auctionStart(g2.officerCtx(), { item: name, raid: foreign.id })).toEqual({
        ephemeral: true,
        content: `There is no raid with id ${foreign.id} in this guild.`,
      });
      // Two events that both fit the typed name.
      for (const eventName of ['Vox Normal', 'Vox Hard']) {
        const event = await g2.ok(g2.owner, 'POST', '/events', {
          body: { name: unique(eventName), defaultPoints: '5', poolId: g2.pool.id },
        });
        await g2.raid({ eventId: event.id });
      }
      expect((await auctionStart(g2.officerCtx(), { item: name, raid: 'vox' })).content).toMatch(
        /^"vox" fits raids of several events \(.*Vox.*, .*Vox.*\)/,
      );
      expect((await openSessions2(g2)).some((s) => s.itemName === name)).toBe(false);
    });

    it('autocompletes "current" and recent raids of the default pool by id', async () => {
      const g2 = await createBotGuild(t);
      const raid = await g2.raid();
      const ctx = { api: g2.bot, org: g2.slug, poolId: g2.pool.id };
      const choices = await autocomplete(ctx, 'auction', 'start', 'raid', '');
      expect(choices[0]).toEqual({ name: 'current (the raid in progress)', value: 'current' });
      expect(choices[1]).toEqual({
        name: expect.stringMatching(new RegExp(`^${g2.event.name}, .* UTC$`)),
        value: raid.id,
      });
      expect(await autocomplete(ctx, 'auction', 'start', 'raid', 'zzz')).toEqual([]);
    });
  });

  describe('/bid <item> <amount>', () => {
    it('places bids by Discord id and explains refusals with the numbers', async () => {
      const name = item();
      await auctionStart(g.officerCtx(), { item: name, min: 10 });
      const a = await bidder(g, '100', 'Alice');
      const b = await bidder(g, '30', 'Bob');

      const first = await bidPlace(a.ctx, { item: name.toUpperCase(), amount: 20 });
      expect(first).toEqual({ content: `<@${a.discordId}> bids **20.00 DKP** on **${name}** (leading bid: 20.00).` });

      const low = await bidPlace(b.ctx, { item: name, amount: 15 });
      expect(low).toEqual({
        ephemeral: true,
        content: `15 is too low for **${name}**: the lowest bid accepted now is **21.00 DKP**.`,
      });

      const tooMuch = await bidPlace(b.ctx, { item: name, amount: 31 });
      expect(tooMuch.content).toBe(
        `31 is more than you can spend: your limit is **30.00 DKP** (balance minus what you already lead with in other open auctions).`,
      );

      // Alice leads with 20 here, so elsewhere she can spend 80.
      const other = item();
      await auctionStart(g.officerCtx(), { item: other });
      expect((await bidPlace(a.ctx, { item: other, amount: 81 })).content).toMatch(/your limit is \*\*80.00 DKP\*\*/);

      expect((await bidPlace(b.ctx, { item: name, amount: 25 })).content).toContain('(leading bid: 25.00)');

      const s = (await openSessions()).find((x) => x.itemName === name)!;
      const detail = await session(s.id);
      expect(detail.bids.map((bid) => [bid.userId, bid.amount])).toEqual([
        [b.user.id, '25.00'],
        [a.user.id, '20.00'],
      ]);
    });

    it('bids for a named character of the invoker', async () => {
      const name = item();
      await auctionStart(g.officerCtx(), { item: name });
      await g.credit(g.member, '50');
      const reply = await bidPlace(g.memberCtx(), {
        item: name,
        amount: 5,
        characterName: g.chars.member.name.toLowerCase(),
      });
      expect(reply.content).toContain(`for ${g.chars.member.name} on **${name}**`);
      const foreign = await bidPlace(g.memberCtx(), { item: name, amount: 6, characterName: g.chars.officer.name });
      expect(foreign.content).toMatch(/is not one of the bidder's characters/);
    });

    it('answers plainly when there is no auction, no link or no amount', async () => {
      expect(await bidPlace(g.memberCtx(), { item: 'Nothing Dropped', amount: 5 })).toEqual({
        ephemeral: true,
        content: 'There is no open auction for **Nothing Dropped**.',
      });
      const name = item();
      await auctionStart(g.officerCtx(), { item: name });
      expect((await bidPlace(g.ctx({ discordId: '999999999999999993' }), { item: name, amount: 5 })).content).toMatch(
        /^Your Discord account is not linked/,
      );
      // Discord's min_value holds these back; the handler refuses them too (never rounds a bid).
      for (const amount of [0, -5, 12.345, NaN])
        expect(await bidPlace(g.memberCtx(), { item: name, amount })).toEqual({
          ephemeral: true,
          content: `${amount} is not a DKP bid (more than 0, at most two decimals, e.g. 25.5).`,
        });
    });

    it('says the auction is closed once its time is up', async () => {
      const name = item();
      await unwrap(
        g.owner.api.POST('/api/v1/orgs/{org}/dkp/bidding/sessions', {
          params: { path: { org: g.slug } },
          body: { itemName: name, poolId: g.pool.id, closesAt: new Date(Date.now() + 1200).toISOString() },
        }),
      );
      const b = await bidder(g, '10');
      await new Promise((r) => setTimeout(r, 1500));
      expect(await bidPlace(b.ctx, { item: name, amount: 5 })).toEqual({
        ephemeral: true,
        content: `The auction for **${name}** is closed; no more bids.`,
      });
    });

    it('keeps sealed bids private', async () => {
      const g2 = await createBotGuild(t);
      await g2.ok(g2.owner, 'PATCH', `/pools/${g2.pool.id}`, { body: { auctionMode: 'sealed' } });
      const name = item();
      await auctionStart(g2.officerCtx(), { item: name });
      const b = await bidder(g2, '40');
      expect(await bidPlace(b.ctx, { item: name, amount: 12 })).toEqual({
        ephemeral: true,
        content: `Your sealed bid of **12.00 DKP** on **${name}** is in. Bids are revealed when it closes.`,
      });
    });
  });

  describe('/auction close and /auction award', () => {
    it('closes, names the winner, awards and debits once', async () => {
      const name = item();
      await auctionStart(g.officerCtx(), { item: name, min: 5 });
      const a = await bidder(g, '100');
      const b = await bidder(g, '100');
      await bidPlace(a.ctx, { item: name, amount: 30 });
      await bidPlace(b.ctx, { item: name, amount: 45 });

      expect((await auctionClose(g.memberCtx(), { item: name })).content).toBe('Only officers can close an auction.');
      const closed = await auctionClose(g.officerCtx(), { item: name });
      expect(closed.content).toBe(
        `Bidding on **${name}** is closed. Winner: <@${b.discordId}> for 45.00 DKP. Award it with \`/auction award item:${name}\`.`,
      );
      expect((await bidPlace(a.ctx, { item: name, amount: 50 })).content).toBe(
        `There is no open auction for **${name}**.`,
      );
      expect((await auctionAward(g.officerCtx(), { item: 'Never Auctioned' })).content).toBe(
        'There is no closed auction for **Never Auctioned** waiting to be awarded.',
      );

      const awarded = await auctionAward(g.officerCtx(), { item: name });
      expect(awarded.content).toBe('Awarded 1 of 1 auction.');
      expect(awarded.embeds![0].description).toBe(`**${name}** → <@${b.discordId}> for 45.00 DKP`);
      expect(await balanceOf(b.user.id)).toBe('55.00');
      expect(await balanceOf(a.user.id)).toBe('100.00');

      // Awarding again finds nothing left to award; the balance is debited once.
      expect((await auctionAward(g.officerCtx(), { item: name })).content).toMatch(/no closed auction/);
      expect(await balanceOf(b.user.id)).toBe('55.00');
      const loot = await g.ok(g.owner, 'GET', '/loot', { query: { userId: b.user.id } });
      expect(loot.items.filter((l: { itemName: string }) => l.itemName === name)).toHaveLength(1);
    });

    it('/auction award without an item awards every closed auction', async () => {
      const g2 = await createBotGuild(t);
      const names = [item(), item(), item()];
      const a = await bidder(g2, '100');
      for (const [i, n] of names.entries()) {
        await auctionStart(g2.officerCtx(), { item: n });
        if (i < 2) await bidPlace(a.ctx, { item: n, amount: Number(10 * (i + 1)) });
        await auctionClose(g2.officerCtx(), { item: n });
      }
      expect((await auctionClose(g2.officerCtx(), { item: names[2] })).content).toMatch(/no open auction/);
      const reply = await runCommand(g2.officerCtx(), 'auction', 'award', {}, noGuild);
      expect(reply.content).toBe('Awarded 3 of 3 auctions.');
      expect(reply.embeds![0].description!.split('\n').sort()).toEqual(
        [
          `**${names[0]}** → <@${a.discordId}> for 10.00 DKP`,
          `**${names[1]}** → <@${a.discordId}> for 20.00 DKP`,
          `**${names[2]}**: no winner (no bids)`,
        ].sort(),
      );
      expect((await g2.balance(a.user.id)).balance).toBe('70.00');
      expect((await auctionAward(g2.officerCtx())).content).toBe('There are no closed auctions waiting to be awarded.');
    });

    it('cancels an auction and suggests open items', async () => {
      const name = item();
      await auctionStart(g.officerCtx(), { item: name });
      expect(await suggestItems({ api: g.bot, org: g.slug }, name.slice(0, 12).toLowerCase())).toContain(name);
      expect((await auctionCancel(g.officerCtx(), { item: name })).content).toBe(
        `The auction for **${name}** was cancelled; no DKP changes hands.`,
      );
      expect((await openSessions()).some((s) => s.itemName === name)).toBe(false);
    });
  });

  it('routes slash commands to handlers', async () => {
    const b = await bidder(g, '3');
    expect((await runCommand(b.ctx, 'dkp', 'balance', {}, noGuild)).content).toBe(
      `You have **3.00 DKP** in ${g.pool.name}.`,
    );
    expect((await runCommand(b.ctx, 'roster', 'sync', {}, noGuild)).content).toBe(
      'Only officers can sync Discord roles.',
    );
    expect((await runCommand(b.ctx, 'nope', null, {}, noGuild)).content).toBe('Unknown command /nope.');
    // NUMBER options arrive as numbers: the minimum and the bid become decimal strings.
    const name = item();
    await runCommand(g.officerCtx(), 'auction', 'start', { item: name, min: 2 }, noGuild);
    expect((await runCommand(b.ctx, 'bid', null, { item: name, amount: 2.5 }, noGuild)).content).toBe(
      `<@${b.discordId}> bids **2.50 DKP** on **${name}** (leading bid: 2.50).`,
    );
    expect((await runCommand(g.officerCtx(), 'auction', 'award', { item: name }, noGuild)).content).toBe(
      `Bidding on **${name}** is still open; close it first with \`/auction close item:${name}\`.`,
    );
  });
});
