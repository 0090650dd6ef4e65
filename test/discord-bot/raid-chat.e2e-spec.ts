import { unwrap } from '@quartermaster/sdk';
import { auctionAward, auctionClose, auctionStart } from '../../clients/discord-bot/src/commands';
import { handleRaidChatMessage } from '../../clients/discord-bot/src/raid-chat';
import { charName } from '../support/dkp-fixtures';
import { startAppWith } from '../support/app-with';
import { type TestApp, unique } from '../support/test-app';
import { bidder, createBotGuild, type BotGuild } from './bot-fixture';

describe('raid chat bids (against the API)', () => {
  let t: TestApp;
  let g: BotGuild;
  beforeAll(async () => ({ t, g } = await startAppWith(createBotGuild)));
  afterAll(() => t.close());

  const relay = (text: string, selfName?: string) =>
    handleRaidChatMessage({ api: g.bot, org: g.slug, poolId: g.pool.id }, text, { selfName });
  const detail = async (itemName: string) => {
    const sessions = await unwrap(
      g.owner.api.GET('/api/v1/orgs/{org}/dkp/bidding/sessions', {
        params: { path: { org: g.slug }, query: { status: 'open' } },
      }),
    );
    const s = sessions.find((x) => x.itemName === itemName)!;
    return unwrap(
      g.owner.api.GET('/api/v1/orgs/{org}/dkp/bidding/sessions/{id}', { params: { path: { org: g.slug, id: s.id } } }),
    );
  };

  it("turns a character's raid chat line into a bid by its owner, once per relayed line", async () => {
    const item = unique('Earring of Essence');
    await auctionStart(g.officerCtx(), { item });
    const a = await bidder(g, '100');
    const main = await g.character(a.user, charName('Main'));
    const alt = await g.character(a.user, charName('Alt'));
    const line = `[Sun Jun 09 19:59:39 2024] ${main.name} tells the raid,  '${item} 30 dkp'`;

    expect(await relay(line)).toEqual([
      { content: `${main.name} (<@${a.discordId}>) bids **30.00 DKP** on **${item}** (leading bid: 30.00).` },
    ]);
    // The relay posting the same line again is one bid (the Idempotency-Key comes from the auction and the line).
    await relay(line);
    let bids = (await detail(item)).bids;
    expect(bids).toHaveLength(1);
    expect(bids[0]).toMatchObject({ userId: a.user.id, characterName: main.name, amount: '30.00' });

    // Another character of the same user raises the same bidder's bid; chatter is ignored.
    const replies = await relay(
      [
        `${alt.name.toLowerCase()} tells the raid, '${item.toLowerCase()} 35'`,
        `${main.name} tells the raid,  'grats'`,
        `${main.name} tells the guild, '${item} 99'`,
      ].join('\n'),
    );
    expect(replies).toHaveLength(1);
    bids = (await detail(item)).bids;
    expect(bids.map((b) => [b.userId, b.characterName, b.amount])).toEqual([
      [a.user.id, alt.name, '35.00'],
      [a.user.id, main.name, '30.00'],
    ]);
  });

  it('takes the same line again in a later auction of the same item', async () => {
    const item = unique('Fungus Covered Great Staff');
    const a = await bidder(g, '100');
    const c = await g.character(a.user, charName('Again'));
    const line = `${c.name} tells the raid,  '${item} 10'`;
    await auctionStart(g.officerCtx(), { item });
    await relay(line);
    await auctionClose(g.officerCtx(), { item });
    await auctionAward(g.officerCtx(), { item });

    // The item drops again: the player types the very same line for the new auction.
    await auctionStart(g.officerCtx(), { item });
    expect(await relay(line)).toEqual([
      { content: `${c.name} (<@${a.discordId}>) bids **10.00 DKP** on **${item}** (leading bid: 10.00).` },
    ]);
    expect((await detail(item)).bids).toEqual([expect.objectContaining({ userId: a.user.id, amount: '10.00' })]);
  });

  it('explains refused bids with the numbers', async () => {
    const item = unique('Mask of Tinkering');
    await auctionStart(g.officerCtx(), { item, min: 10 });
    const poor = await bidder(g, '12');
    const c = await g.character(poor.user, charName('Poor'));
    expect(await relay(`${c.name} tells the raid,  '${item} 5'`)).toEqual([
      { ephemeral: true, content: `5 is too low for **${item}**: the lowest bid accepted now is **10.00 DKP**.` },
    ]);
    expect((await relay(`${c.name} tells the raid,  '${item} 13'`))[0].content).toBe(
      `13 is more than ${c.name} can spend: their limit is **12.00 DKP** (balance minus what they already lead with in other open auctions).`,
    );
  });

  it('says when the character is unknown or its owner has no Discord link, and stays quiet without an auction', async () => {
    const item = unique('Shiny Ring');
    await auctionStart(g.officerCtx(), { item });
    expect((await relay(`Nobodyhere tells the raid,  '${item} 10'`))[0].content).toBe(
      `Nobodyhere is not on the guild roster; bid on **${item}** not taken.`,
    );
    const unlinked = await g.newMember();
    await g.credit(unlinked, '50');
    const c = await g.character(unlinked, charName('Unl'));
    expect((await relay(`${c.name} tells the raid,  '${item} 10'`))[0].content).toMatch(
      new RegExp(`^${c.name}'s owner has not linked a Discord account`),
    );
    expect(await relay(`${c.name} tells the raid,  'Not Dropped Yet 10'`)).toEqual([]);
    expect((await detail(item)).bids).toEqual([]);
  });

  it("bids for the relay's own character on `You tell your raid` lines when configured", async () => {
    const item = unique('Relay Loot');
    await auctionStart(g.officerCtx(), { item });
    await g.credit(g.member, '20');
    const line = `You tell your raid, '${item} 4'`;
    expect(await relay(line)).toEqual([]);
    expect((await relay(line, g.chars.member.name))[0].content).toContain(`bids **4.00 DKP** on **${item}**`);
    expect((await detail(item)).bids[0]).toMatchObject({ userId: g.member.id, characterName: g.chars.member.name });
  });
});
