import { ProblemError } from '@quartermaster/sdk';
import { ApplicationCommandOptionType, PermissionFlagsBits } from 'discord.js';
import {
  COMMAND_DEFINITIONS,
  commandOptions,
  itemsOf,
  pickRaidByName,
  pointsFromNumber,
  usage,
  type Raid,
} from '../../clients/discord-bot/src/commands';
import { describeAccessFailure, describeRegistrationError } from '../../clients/discord-bot/src/startup-check';

const command = (name: string) => COMMAND_DEFINITIONS.find((c) => c.name === name)!;

describe('slash command definitions', () => {
  it('shows officer commands by default only to members with the matching Discord permission', () => {
    expect(command('auction').default_member_permissions).toBe(String(PermissionFlagsBits.ManageEvents));
    expect(command('roster').default_member_permissions).toBe(String(PermissionFlagsBits.ManageRoles));
    // Players' commands are visible to everyone: the permission applies to a whole command.
    expect(command('bid').default_member_permissions).toBeUndefined();
    expect(command('dkp').default_member_permissions).toBeUndefined();
  });

  it('takes amounts as NUMBER options with a minimum, and keeps the bot within the API limit', () => {
    const amount = commandOptions('bid').find((o) => o.name === 'amount')!;
    expect(amount).toMatchObject({ type: ApplicationCommandOptionType.Number, required: true, min_value: 0.01 });
    const min = commandOptions('auction', 'start').find((o) => o.name === 'min')!;
    expect(min).toMatchObject({ type: ApplicationCommandOptionType.Number, min_value: 0, max_value: 999999999.99 });
    expect(commandOptions('auction', 'start').find((o) => o.name === 'raid')).toMatchObject({ autocomplete: true });
  });

  it('derives usage from the definitions and refuses a command that does not exist', () => {
    expect(usage('bid', undefined, { item: 'Cloak' })).toBe('/bid item:Cloak amount:<amount>');
    expect(usage('auction', 'award', { item: 'Cloak' })).toBe('/auction award item:Cloak');
    expect(usage('auction', 'award')).toBe('/auction award');
    expect(() => usage('bid', 'place')).toThrow('No slash command /bid place');
    expect(() => usage('bids')).toThrow('No slash command /bids');
  });
});

describe('pointsFromNumber', () => {
  it.each([
    [50, '50'],
    [12.5, '12.5'],
    [12.35, '12.35'],
    [0.01, '0.01'],
    [0.1 + 0.2, '0.3'],
    [999999999.99, '999999999.99'],
  ])('%s → %s', (value, out) => expect(pointsFromNumber(value)).toBe(out));

  it.each([0, -1, 12.345, 0.001, NaN, Infinity, 1e12])('refuses %s as a bid', (value) =>
    expect(pointsFromNumber(value)).toBeNull(),
  );

  it('takes 0 as a minimum bid', () => {
    expect(pointsFromNumber(0, true)).toBe('0');
    expect(pointsFromNumber(-0.5, true)).toBeNull();
  });
});

describe('itemsOf', () => {
  it('reads bare arrays and pages alike', () => {
    expect(itemsOf([1, 2])).toEqual([1, 2]);
    expect(itemsOf({ items: [3], nextCursor: null } as { items: number[] })).toEqual([3]);
  });
});

describe('pickRaidByName', () => {
  const raid = (id: string, eventName: string) => ({ id, eventName, startsAt: '2024-06-09T19:59:00Z' }) as Raid;
  // Newest first, as the API lists them.
  const recent = [raid('r1', 'Vox'), raid('r2', 'Vox Hard'), raid('r3', 'Vox'), raid('r4', 'Nagafen')];

  it('prefers an exact event name, newest raid first', () => {
    expect(pickRaidByName(recent, '  vox ')).toEqual({ raid: recent[0] });
    expect(pickRaidByName(recent, 'VOX HARD')).toEqual({ raid: recent[1] });
  });

  it('takes a part of a name when it fits one event', () => {
    expect(pickRaidByName(recent, 'naga')).toEqual({ raid: recent[3] });
  });

  it('says when a name fits several events or none', () => {
    expect(pickRaidByName(recent, 'vo')).toEqual({
      error: expect.stringMatching(/^"vo" fits raids of several events \(Vox, Vox Hard\)/),
    });
    expect(pickRaidByName(recent, 'Fear')).toEqual({
      error: expect.stringMatching(/^No raid of an event named "Fear" in the last 7 days/),
    });
  });
});

describe('startup failures', () => {
  const problem = (status: number, detail: string) => new ProblemError(status, { status, title: 'x', detail });
  const settings = { org: 'my-guild', pool: 'Main' };

  it('names the setting the API refused', () => {
    expect(describeAccessFailure(problem(401, 'Invalid API key'), settings)).toMatch(/^QM_API_KEY was rejected/);
    expect(describeAccessFailure(problem(403, 'The API key lacks scope dkp:read'), settings)).toBe(
      'QM_API_KEY lacks a scope the bot needs (The API key lacks scope dkp:read). Give the bot key dkp:read, dkp:bidding, dkp:auctioneer, roster:sync.',
    );
    expect(describeAccessFailure(problem(404, 'Organization not found'), settings)).toMatch(
      /^QM_ORG "my-guild" is unknown/,
    );
    expect(describeAccessFailure(problem(404, 'Pool not found'), settings)).toBe(
      'QM_POOL_ID "Main" is not a pool of org "my-guild".',
    );
    expect(describeAccessFailure(new TypeError('fetch failed'), settings)).toBe(
      'Cannot reach the Quartermaster API at QM_API_URL: fetch failed',
    );
  });

  it("explains a refused command registration with Discord's error", () => {
    const missingAccess = Object.assign(new Error('Missing Access'), { code: 50001, status: 403 });
    expect(describeRegistrationError(missingAccess, '123')).toBe(
      'Could not register the slash commands: the bot has no access to guild 123: invite it there with the "bot" and "applications.commands" scopes, or fix DISCORD_GUILD_ID. Discord said: 403 50001 Missing Access',
    );
    expect(describeRegistrationError({ code: 10004, status: 404, message: 'Unknown Guild' }, '9')).toMatch(
      /DISCORD_GUILD_ID 9 is not a guild Discord knows\. Discord said: 404 10004 Unknown Guild$/,
    );
    expect(describeRegistrationError(new Error('socket hang up'), '9')).toMatch(
      /registration in guild 9 failed\. Discord said: \? socket hang up$/,
    );
  });
});
