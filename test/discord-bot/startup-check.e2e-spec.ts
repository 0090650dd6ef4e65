import { checkApiAccess, StartupError } from '../../clients/discord-bot/src/startup-check';
import { startAppWith } from '../support/app-with';
import { type TestApp } from '../support/test-app';
import { createBotGuild, type BotGuild } from './bot-fixture';

/** The bot's start-up check against the real API: each wrong setting is named. */
describe('discord bot start-up check (against the API)', () => {
  let t: TestApp;
  let g: BotGuild;
  beforeAll(async () => ({ t, g } = await startAppWith(createBotGuild)));
  afterAll(() => t.close());

  const refusal = async (check: Promise<unknown>): Promise<string> => {
    const error = await check.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StartupError);
    return (error as StartupError).message;
  };

  it('accepts the bot key, org and pool, by pool id or name', async () => {
    expect(await checkApiAccess(g.bot, g.slug, g.pool.id)).toEqual({ id: g.pool.id, name: g.pool.name });
    expect(await checkApiAccess(g.bot, g.slug.toUpperCase(), ` ${g.pool.name.toLowerCase()} `)).toEqual({
      id: g.pool.id,
      name: g.pool.name,
    });
  });

  it('names an invalid or revoked key', async () => {
    expect(await refusal(checkApiAccess(t.as({ apiKey: 'qm_bot_nonsense' }), g.slug, g.pool.id))).toBe(
      'QM_API_KEY was rejected: the key is invalid, revoked or expired.',
    );
  });

  it('names an unknown org, or an org the key does not belong to', async () => {
    expect(await refusal(checkApiAccess(g.bot, 'no-such-guild', g.pool.id))).toMatch(
      /^QM_ORG "no-such-guild" is unknown/,
    );
    const other = await createBotGuild(t);
    expect(await refusal(checkApiAccess(g.bot, other.slug, other.pool.id))).toMatch(
      new RegExp(`^QM_ORG "${other.slug}" is unknown to this key`),
    );
  });

  it("names a pool that is not the org's", async () => {
    const other = await createBotGuild(t);
    expect(await refusal(checkApiAccess(g.bot, g.slug, other.pool.id))).toBe(
      `QM_POOL_ID "${other.pool.id}" is not a pool of org "${g.slug}".`,
    );
    expect(await refusal(checkApiAccess(g.bot, g.slug, 'Nope'))).toBe(
      `QM_POOL_ID "Nope" is not a pool of org "${g.slug}" (pools: ${g.pool.name}).`,
    );
  });

  it('names a missing scope', async () => {
    const cases: [string[], string][] = [
      [['dkp:bidding'], 'dkp:read'],
      [['dkp:read'], 'dkp:bidding'],
    ];
    if (g.hasAuctioneerScope) cases.push([['dkp:read', 'dkp:bidding'], 'dkp:auctioneer']);
    else console.warn('dkp:auctioneer is not a known scope yet: its start-up check is not exercised');
    for (const [scopes, missing] of cases) {
      const key = (await g.keyWith(scopes))!;
      expect(await refusal(checkApiAccess(key, g.slug, g.pool.id))).toMatch(
        new RegExp(
          `^QM_API_KEY lacks a scope the bot needs \\(.*${missing}.*\\)\\. Give the bot key dkp:read, dkp:bidding, dkp:auctioneer, roster:sync\\.$`,
        ),
      );
    }
  });
});
