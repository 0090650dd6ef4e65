import { parseRaidChatLine, raidChatKey } from '../../clients/discord-bot/src/raid-chat';
import { parseAmount } from '../../clients/discord-bot/src/commands/common';

describe('parseRaidChatLine', () => {
  const bid = (characterName: string, itemName: string, amount: string) => ({ characterName, itemName, amount });

  it.each([
    ["Soandso tells the raid,  'Cloak of Flames 50 dkp'", bid('Soandso', 'Cloak of Flames', '50')],
    ["Soandso tells the raid, 'Cloak of Flames 50 dkp'", bid('Soandso', 'Cloak of Flames', '50')],
    ["Soandso tells the raid,'Cloak of Flames 50'", bid('Soandso', 'Cloak of Flames', '50')],
    ["Soandso tells the raid,  'Cloak of Flames 50'", bid('Soandso', 'Cloak of Flames', '50')],
    ["Soandso tells the raid,  'Cloak of Flames 50 DKP'", bid('Soandso', 'Cloak of Flames', '50')],
    ["Soandso tells the raid,  'Cloak of Flames 50DKP'", bid('Soandso', 'Cloak of Flames', '50')],
    ["Soandso tells the raid,  'Cloak of Flames 50 Dkp!'", bid('Soandso', 'Cloak of Flames', '50')],
    ["Soandso tells the raid,  'Cloak of Flames - 50'", bid('Soandso', 'Cloak of Flames', '50')],
    ["Soandso tells the raid,  'Cloak of Flames: 12.5 dkp'", bid('Soandso', 'Cloak of Flames', '12.5')],
    ["Soandso tells the raid,  'cloak   of flames   50  dkp  '", bid('Soandso', 'cloak of flames', '50')],
    [
      "[Sun Jun 09 19:59:39 2024] Soandso tells the raid,  'Cloak of Flames 50 dkp'",
      bid('Soandso', 'Cloak of Flames', '50'),
    ],
    ["[Mon Jan  1 01:02:03 2024] Soandso tells the raid,  'Cloak of Flames 7'", bid('Soandso', 'Cloak of Flames', '7')],
    [
      "[Sun Jun 09 19:59:39 2024]Soandso tells the raid,  'Cloak of Flames 50'",
      bid('Soandso', 'Cloak of Flames', '50'),
    ],
    [
      "  [Sun Jun 09 19:59:39 2024] Soandso tells the raid,  'Cloak of Flames 50 dkp'  ",
      bid('Soandso', 'Cloak of Flames', '50'),
    ],
    [
      "`[Sun Jun 09 19:59:39 2024] Soandso tells the raid,  'Cloak of Flames 50 dkp'`",
      bid('Soandso', 'Cloak of Flames', '50'),
    ],
    ["Soandso tells the raid,  'Tolan's Longsword 75'", bid('Soandso', "Tolan's Longsword", '75')],
    ["Soandso tells the raid,  'Spell: Ice Comet 30 dkp'", bid('Soandso', 'Spell: Ice Comet', '30')],
    ["Soandso tells the raid,  'Gnome 2 Hander 30'", bid('Soandso', 'Gnome 2 Hander', '30')],
    ["Soandso tells the raid,  'Cloak of Flames 050'", bid('Soandso', 'Cloak of Flames', '50')],
    ["SOANDSO tells the raid,  'Cloak of Flames 50'", bid('Soandso', 'Cloak of Flames', '50')],
  ])('%s', (line, expected) => {
    expect(parseRaidChatLine(line)).toEqual(expected);
  });

  it.each([
    "Soandso tells the raid,  'grats'",
    "Soandso tells the raid,  '50'",
    "Soandso tells the raid,  '50 dkp'",
    "Soandso tells the raid,  'Cloak of Flames'",
    "Soandso tells the raid,  'Cloak of Flames 0'",
    "Soandso tells the raid,  'Cloak of Flames 50.123'",
    "Soandso tells the raid,  'Cloak of Flames -50'",
    "Soandso tells the guild, 'Cloak of Flames 50'",
    "Soandso tells you, 'Cloak of Flames 50'",
    "Soandso says, 'Cloak of Flames 50'",
    "Soandso shouts, 'Cloak of Flames 50'",
    "Soandso tells General:1, 'Cloak of Flames 50'",
    "Soandso tells the raid,  'Cloak of Flames 50",
    'Soandso tells the raid Cloak of Flames 50',
    '[Sun Jun 09 19:59:39 2024] You have been slain by a dragon!',
    '[Sun Jun 09 19:59:39 2024] Soandso has joined the raid.',
    "Soandso tells the raid,  '1 2 3 50'",
    "So and so tells the raid,  'Cloak of Flames 50'",
    "[garbage] Soandso tells the raid,  'Cloak of Flames 50'",
    '',
    '   ',
  ])('ignores %j', (line) => {
    expect(parseRaidChatLine(line)).toBeNull();
  });

  it("takes the relay's own lines only when it knows its character", () => {
    const line = "[Sun Jun 09 19:59:39 2024] You tell your raid, 'Cloak of Flames 40 dkp'";
    expect(parseRaidChatLine(line)).toBeNull();
    expect(parseRaidChatLine(line, { selfName: 'relaybot' })).toEqual(bid('Relaybot', 'Cloak of Flames', '40'));
    expect(parseRaidChatLine("You tells the raid,  'Cloak of Flames 40'", { selfName: 'Relaybot' })).toBeNull();
    expect(parseRaidChatLine("Soandso tell your raid, 'Cloak of Flames 40'", { selfName: 'Relaybot' })).toBeNull();
  });

  it('keys a relayed line by its text, org and auction', () => {
    const line = "Soandso tells the raid,  'Cloak 50'";
    const key = (org: string, session: string, text = line) => raidChatKey(org, session, text);
    expect(key('org', 's1')).toBe(key('org', 's1', `  ${line}\n`));
    expect(key('org', 's1')).not.toBe(key('other', 's1'));
    // The same line in a later auction of the same item is a new bid, not a replay.
    expect(key('org', 's1')).not.toBe(key('org', 's2'));
    expect(key('org', 's1')).toMatch(/^raidchat-[0-9a-f]{48}$/);
  });
});

describe('parseAmount', () => {
  it.each([
    ['50', '50'],
    [' 50 ', '50'],
    ['50dkp', '50'],
    ['50 DKP', '50'],
    ['12.5', '12.5'],
    ['12.25', '12.25'],
    ['007', '7'],
  ])('%j → %s', (input, out) => expect(parseAmount(input)).toBe(out));

  it.each(['', 'abc', '0', '0.00', '-5', '1.234', '5 points', '1e3', '12,5'])('rejects %j', (input) =>
    expect(parseAmount(input)).toBeNull(),
  );
});
