import { ATTENDANCE_FORMATS } from './attendance-formats';
import { detectFormat, parseAttendance, unparsedCharacterLines, type ParsedAttendance } from './parse-attendance';
import { liveRaidDump } from './raid-dump.fixture';

/** Distinct, valid, letters-only names: Toonaa, Toonab, ... */
const toon = (i: number) => `Toon${String.fromCharCode(97 + Math.floor(i / 26), 97 + (i % 26))}`;
const reasons = (result: ParsedAttendance) => result.skipped.map((s) => s.reason);
const names = (result: ParsedAttendance) => result.attendees.map((a) => a.name);

describe('ATTENDANCE_FORMATS', () => {
  it('lists every format the dispatcher handles', () => {
    expect(ATTENDANCE_FORMATS).toEqual(['raid_dump', 'who', 'raidtick', 'names']);
    for (const format of ATTENDANCE_FORMATS) expect(() => parseAttendance('Trident', format)).not.toThrow();
  });
});

describe('raid_dump (Live client, 9 fields)', () => {
  // 72 slots across 12 groups; slots 41, 42 (group 7) and 72 (group 12) are vacant.
  const EMPTY = new Set([40, 41, 71]);
  const roster = Array.from({ length: 72 }, (_, i) => (EMPTY.has(i) ? '' : toon(i)));
  const text = liveRaidDump(roster);
  const result = parseAttendance(text);

  it('is built like the Live client writes it', () => {
    const rows = text.split('\r\n').filter(Boolean);
    expect(rows).toHaveLength(72);
    expect(rows.every((row) => row.split('\t').length === 9 && row.endsWith('\t'))).toBe(true);
    expect(rows[0]).toBe(`1\t${toon(0)}\t125\tWarrior\tRaid Leader\t\t\tYes\t`);
    expect(rows[6].split('\t').slice(0, 5)).toEqual(['2', toon(6), '119', 'Monk', 'Group Leader']);
    expect(rows[40]).toBe('7\t\t\t\t\t\t\t\t');
    expect(rows[71].startsWith('12\t')).toBe(true);
  });

  it('is auto-detected', () => {
    expect(detectFormat(text)).toBe('raid_dump');
    expect(result.format).toBe('raid_dump');
  });

  it('returns every occupied slot with level and class, in order', () => {
    expect(result.attendees).toHaveLength(69);
    expect(names(result)).toEqual(roster.filter(Boolean));
    expect(result.attendees[0]).toEqual({ name: 'Toonaa', line: 1, level: 125, className: 'Warrior' });
    // Two-word classes survive the tab split.
    expect(result.attendees[4]).toEqual({ name: 'Toonae', line: 5, level: 121, className: 'Shadow Knight' });
  });

  it('reports empty slots without counting them', () => {
    expect(result.skipped).toEqual([
      { line: 41, text: '7\t\t\t\t\t\t\t\t', reason: 'empty slot' },
      { line: 42, text: '7\t\t\t\t\t\t\t\t', reason: 'empty slot' },
      { line: 72, text: '12\t\t\t\t\t\t\t\t', reason: 'empty slot' },
    ]);
  });

  it('lists names beyond 72 as ungrouped (group 0) and still parses them', () => {
    const big = parseAttendance(liveRaidDump(Array.from({ length: 100 }, (_, i) => toon(i))));
    expect(big.format).toBe('raid_dump');
    expect(big.attendees).toHaveLength(100);
    expect(big.skipped).toEqual([]);
  });
});

describe('raid_dump (older and emulated clients, fewer fields)', () => {
  const text = [
    '1\tTrident\t50\tPaladin\tGroup Leader', // 5 fields
    '1\tMoonbeam\t49\tDruid\t\t', // 6 fields
    '1\tgrimnak\t50\tShadow Knight\t\t\t', // 7 fields, lower-case name
    '1\tDurgin\t\tWarrior', // 4 fields, no level
    '1', // a vacant slot with no fields at all
    '2\t\t\t\t',
    '2\tBadlevel\tfifty\tCleric\t',
    '2\tBad Name1\t50\tCleric\t',
    '0\tOutsider\t45\tBard\t', // ungrouped raid member
    '2\tTRIDENT\t50\tPaladin\t', // same character, other capitalization
    'Raid leader notes go here',
  ].join('\n');
  const result = parseAttendance(text);

  it('is auto-detected', () => expect(result.format).toBe('raid_dump'));

  it('parses the rows it can', () => {
    expect(result.attendees).toEqual([
      { name: 'Trident', line: 1, level: 50, className: 'Paladin' },
      { name: 'Moonbeam', line: 2, level: 49, className: 'Druid' },
      { name: 'Grimnak', line: 3, level: 50, className: 'Shadow Knight' },
      { name: 'Durgin', line: 4, className: 'Warrior' },
      { name: 'Outsider', line: 9, level: 45, className: 'Bard' },
    ]);
  });

  it('explains every other line', () => {
    expect(result.skipped.map(({ line, reason }) => ({ line, reason }))).toEqual([
      { line: 5, reason: 'empty slot' },
      { line: 6, reason: 'empty slot' },
      { line: 7, reason: 'invalid level' },
      { line: 8, reason: 'invalid name' },
      { line: 10, reason: 'duplicate' },
      { line: 11, reason: 'not a raid dump row' },
    ]);
    expect(result.skipped[3].text).toBe('2\tBad Name1\t50\tCleric\t');
  });
});

describe('who (eqlog)', () => {
  const text = [
    "[Sun Jun 09 19:59:30 2024] Trident tells the guild, 'inc raid, /who in 5'",
    '[Sun Jun 09 19:59:39 2024] Players on EverQuest:',
    '[Sun Jun 09 19:59:39 2024] ---------------------------',
    '[Sun Jun 09 19:59:39 2024] [50 Paladin] Trident (Half Elf) <Seekers of Souls>',
    '[Sun Jun 09 19:59:39 2024] [ANONYMOUS] Sneakypete  <Seekers of Souls>',
    '[Sun Jun 09 19:59:39 2024] [ANONYMOUS] Hermit',
    '[Sun Jun 09 19:59:39 2024]  AFK [60 Shadow Knight] Grimnak (Dark Elf) <Seekers of Souls>',
    '[Sun Jun 09 19:59:39 2024] <LINKDEAD>[55 Warrior] Durgin (Dwarf) <Seekers of Souls>',
    '[Sun Jun 09 19:59:39 2024] [60 Warrior] Bigbonk (Ogre) <Seekers of Souls> LFG',
    '[Sun Jun 09 19:59:39 2024] [58 Cleric] moonbeam (Wood Elf) <Seekers of Souls> ZONE: The Plane of Fear',
    '[Sun Jun 09 19:59:39 2024] [44 Wizard] Zapper (Erudite) ZONE: qeynos',
    '[Sun Jun 09 19:59:39 2024] There are 7 players in The Plane of Fear.',
    '',
    "[Sun Jun 09 20:10:02 2024] You say, '[50 Paladin] is not a who line'",
    '[Sun Jun 09 20:10:05 2024] [50 Paladin] Trident (Half Elf) <Seekers of Souls>', // second /who
  ].join('\r\n');
  const result = parseAttendance(text);

  it('is auto-detected', () => {
    expect(detectFormat(text)).toBe('who');
    expect(detectFormat('[ANONYMOUS] Hermit')).toBe('who');
    expect(result.format).toBe('who');
  });

  it('reads names, levels and classes through markers, anonymity and zone suffixes', () => {
    expect(result.attendees).toEqual([
      { name: 'Trident', line: 4, level: 50, className: 'Paladin' },
      { name: 'Sneakypete', line: 5 },
      { name: 'Hermit', line: 6 },
      { name: 'Grimnak', line: 7, level: 60, className: 'Shadow Knight' },
      { name: 'Durgin', line: 8, level: 55, className: 'Warrior' },
      { name: 'Bigbonk', line: 9, level: 60, className: 'Warrior' },
      { name: 'Moonbeam', line: 10, level: 58, className: 'Cleric' },
      { name: 'Zapper', line: 11, level: 44, className: 'Wizard' },
    ]);
  });

  it('skips chat, headers and repeats with a reason', () => {
    expect(result.skipped.map(({ line, reason }) => ({ line, reason }))).toEqual([
      { line: 1, reason: 'not a /who line' },
      { line: 2, reason: 'not a /who line' },
      { line: 3, reason: 'not a /who line' },
      { line: 12, reason: 'not a /who line' },
      { line: 14, reason: 'not a /who line' },
      { line: 15, reason: 'duplicate' },
    ]);
  });

  it('reads Live class titles of one to three words, the class being the word(s) in parentheses', () => {
    const live = [
      '[Mon Mar 02 20:01:12 2026] [105 Huntmaster (Ranger)] Moth (Halfling)  ZONE: kattacastrumb',
      '[Mon Mar 02 20:01:12 2026] [110 Grave Lord (Shadow Knight)] Grimnak (Dark Elf) <Seekers of Souls>',
      '[Mon Mar 02 20:01:12 2026]  AFK [120 Master of Arcana (Wizard)] Zapper (Erudite) LFG',
      '[Mon Mar 02 20:01:12 2026] <LINKDEAD>[115 Beast-Lord (Beastlord)] Furry (Vah Shir) <Guild>',
      '[Mon Mar 02 20:01:12 2026] [ANONYMOUS] Hermit  <Seekers of Souls>',
      '[Mon Mar 02 20:01:12 2026] [125 Warrior] Bigbonk (Ogre)',
    ].join('\r\n');
    expect(detectFormat(live.split('\r\n')[0])).toBe('who');
    const result = parseAttendance(live);
    expect(result.format).toBe('who');
    expect(result.attendees).toEqual([
      { name: 'Moth', line: 1, level: 105, className: 'Ranger' },
      { name: 'Grimnak', line: 2, level: 110, className: 'Shadow Knight' },
      { name: 'Zapper', line: 3, level: 120, className: 'Wizard' },
      { name: 'Furry', line: 4, level: 115, className: 'Beastlord' },
      { name: 'Hermit', line: 5 },
      { name: 'Bigbonk', line: 6, level: 125, className: 'Warrior' },
    ]);
    expect(result.skipped).toEqual([]);
  });

  it('reports /who entries it cannot read apart from chat, so no raider goes silently unpaid', () => {
    const text = [
      '[Mon Mar 02 20:01:12 2026] Players on EverQuest:',
      '[Mon Mar 02 20:01:12 2026] [105 Huntmaster (Ranger)] Moth (Halfling)',
      '[Mon Mar 02 20:01:12 2026] [105 A Very Long Title Here (Ranger)] Toolong (Halfling)', // four-word title
      '[Mon Mar 02 20:01:12 2026]  AFK [Huntmaster Ranger] Odd (Halfling)', // no level
      "[Mon Mar 02 20:01:12 2026] You say, '[50 Paladin]'",
      '[Mon Mar 02 20:01:12 2026] There are 3 players in Katta Castrum.',
    ].join('\n');
    const result = parseAttendance(text);
    expect(names(result)).toEqual(['Moth']);
    expect(result.skipped.map(({ line, reason }) => ({ line, reason }))).toEqual([
      { line: 1, reason: 'not a /who line' },
      { line: 3, reason: 'unreadable /who line' },
      { line: 4, reason: 'unreadable /who line' },
      { line: 5, reason: 'not a /who line' },
      { line: 6, reason: 'not a /who line' },
    ]);
    expect(unparsedCharacterLines(result.skipped).map((s) => s.line)).toEqual([3, 4]);
  });

  it('accepts /who lines copied without timestamps and AFK after the timestamp without double space', () => {
    const result = parseAttendance('[60 Shadow Knight] Grimnak (Dark Elf)\nAFK [ANONYMOUS] Hermit', 'who');
    expect(names(result)).toEqual(['Grimnak', 'Hermit']);
  });
});

describe('raidtick', () => {
  const text = [
    'Player\tLevel\tClass\tTimestamp\tPoints\tRank', // an extra column
    'Trident\t60\tPaladin\t2024-06-09 19:59:39\t10\tOfficer',
    'grimnak\t60\tShadow Knight\t2024-06-09 19:59:39\t10\tMember',
    'Durgin\t??\tWarrior\t2024-06-09 19:59:39\t10\tMember',
    'Lonely',
    'Player\tLevel\tClass\tTimestamp\tPoints', // a second file pasted below the first
    'Trident\t60\tPaladin\t2024-06-09 20:59:39\t10',
    'Moonbeam\t58\tDruid\t2024-06-09 20:59:39\t10',
    '',
  ].join('\r\n');
  const result = parseAttendance(text);

  it('is auto-detected, with or without a BOM or header', () => {
    expect(detectFormat(text)).toBe('raidtick');
    expect(detectFormat(`\uFEFF${text}`)).toBe('raidtick');
    expect(detectFormat(text.split('\r\n').slice(1, 3).join('\r\n'))).toBe('raidtick');
  });

  it('reads name, level, class and points and ignores header lines', () => {
    expect(result.attendees).toEqual([
      { name: 'Trident', line: 2, level: 60, className: 'Paladin', points: '10.00' },
      { name: 'Grimnak', line: 3, level: 60, className: 'Shadow Knight', points: '10.00' },
      { name: 'Moonbeam', line: 8, level: 58, className: 'Druid', points: '10.00' },
    ]);
    expect(result.filePoints).toEqual(['10.00']);
    expect(result.skipped.map(({ line, reason }) => ({ line, reason }))).toEqual([
      { line: 4, reason: 'invalid level' },
      { line: 5, reason: 'not a RaidTick row' },
      { line: 7, reason: 'duplicate' },
    ]);
  });
});

describe('raidtick points', () => {
  it('finds the Points column by its header, per pasted file', () => {
    const text = [
      'Player\tLevel\tClass\tPoints\tTimestamp', // Points moved
      'Trident\t60\tPaladin\t2.5\t2024-06-09 19:59:39',
      'Player\tLevel\tClass\tTimestamp\tPoints',
      'Moonbeam\t58\tDruid\t2024-06-09 20:59:39\t5',
    ].join('\n');
    const result = parseAttendance(text);
    expect(result.attendees.map((a) => [a.name, a.points])).toEqual([
      ['Trident', '2.50'],
      ['Moonbeam', '5.00'],
    ]);
    expect(result.filePoints).toEqual(['2.50', '5.00']);
  });

  it('reads rows without a header in the usual layout, and nothing without a Points column', () => {
    const headerless = parseAttendance('Trident\t60\tPaladin\t2024-06-09 19:59:39\t10\n', 'raidtick');
    expect(headerless.filePoints).toEqual(['10.00']);
    const noPoints = parseAttendance('Player\tLevel\tClass\tTimestamp\nTrident\t60\tPaladin\t2024-06-09 19:59:39\n');
    expect(noPoints.attendees).toEqual([{ name: 'Trident', line: 2, level: 60, className: 'Paladin' }]);
    expect(noPoints.filePoints).toEqual([]);
  });

  it('ignores a Points value that is not an amount (the row still counts)', () => {
    const result = parseAttendance('Player\tLevel\tClass\tTimestamp\tPoints\nTrident\t60\tPaladin\tx\t-5\n');
    expect(result.attendees.map((a) => a.name)).toEqual(['Trident']);
    expect(result.filePoints).toEqual([]);
  });

  it('other formats have no points', () => {
    expect(parseAttendance('Trident\nMoonbeam\n').filePoints).toEqual([]);
  });
});

describe('names', () => {
  const text = [
    '# Sunday raid, late joiners at the bottom',
    'Trident',
    '  moonbeam  ',
    'GRIMNAK',
    '',
    'Durgin, Zapper; Bigbonk',
    'Hermit Sneakypete',
    'trident',
    'Bob_the_Great',
    'X',
  ].join('\n');
  const result = parseAttendance(text);

  it('is auto-detected', () => expect(result.format).toBe('names'));

  it('normalizes capitalization and splits pasted lists', () => {
    expect(names(result)).toEqual([
      'Trident',
      'Moonbeam',
      'Grimnak',
      'Durgin',
      'Zapper',
      'Bigbonk',
      'Hermit',
      'Sneakypete',
    ]);
    expect(result.attendees.slice(3, 6).map((a) => a.line)).toEqual([6, 6, 6]);
    expect(result.attendees[0]).toEqual({ name: 'Trident', line: 2 });
  });

  it('reports duplicates and invalid names, ignores comments and blank lines', () => {
    expect(result.skipped).toEqual([
      { line: 8, text: 'trident', reason: 'duplicate' },
      { line: 9, text: 'Bob_the_Great', reason: 'invalid name' },
      { line: 10, text: 'X', reason: 'invalid name' },
    ]);
  });

  it('accepts names of 2 to 20 letters only', () => {
    const result = parseAttendance(
      ['Al', 'A'.repeat(20), 'A'.repeat(21), 'Zoë', "O'Brien", 'Dev1'].join('\n'),
      'names',
    );
    expect(names(result)).toEqual(['Al', `A${'a'.repeat(19)}`]);
    expect(reasons(result)).toEqual(Array(4).fill('invalid name'));
  });
});

describe('detectFormat', () => {
  it.each([
    ['', 'names'],
    ['\n\n  \n', 'names'],
    ['Trident\nMoonbeam', 'names'],
    ['Player\tLevel\tClass\tTimestamp\tPoints\n', 'raidtick'],
    ['1\tTrident\t50\tPaladin\tGroup Leader\t\t\tYes\t', 'raid_dump'],
    ['[Sun Jun 09 19:59:39 2024]  AFK [60 Shadow Knight] Grimnak (Dark Elf) <Guild>', 'who'],
    // A chat line quoting a /who bracket is not enough.
    ["[Sun Jun 09 19:59:39 2024] You say, '[60 Warrior]'", 'names'],
  ] as const)('%j → %s', (text, format) => expect(detectFormat(text)).toBe(format));

  it('lets an explicit format win over detection', () => {
    const result = parseAttendance('Trident\nMoonbeam', 'raid_dump');
    expect(result).toMatchObject({ format: 'raid_dump', attendees: [] });
    expect(reasons(result)).toEqual(['not a raid dump row', 'not a raid dump row']);
  });

  it('rejects an unknown format (a DTO validation gap) loudly', () => {
    expect(() => parseAttendance('Trident', 'csv' as never)).toThrow(RangeError);
    expect(() => parseAttendance('Trident', 'toString' as never)).toThrow(RangeError);
  });
});

describe('bad input', () => {
  it('returns nothing for empty text', () => {
    expect(parseAttendance('')).toEqual({ format: 'names', attendees: [], skipped: [], filePoints: [] });
    expect(parseAttendance('\uFEFF\r\n\r\n')).toEqual({ format: 'names', attendees: [], skipped: [], filePoints: [] });
  });

  it('handles every line ending and a BOM', () => {
    const result = parseAttendance('\uFEFFTrident\r\nMoonbeam\rGrimnak\nDurgin');
    expect(result.attendees.map(({ name, line }) => `${line}:${name}`)).toEqual([
      '1:Trident',
      '2:Moonbeam',
      '3:Grimnak',
      '4:Durgin',
    ]);
  });

  it('sets binary garbage aside instead of throwing', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const bytes = Buffer.from(Array.from({ length: 4096 }, () => Math.floor(random() * 256)));
    const garbage = bytes.toString('utf8');
    for (const format of [undefined, ...ATTENDANCE_FORMATS]) {
      const result = parseAttendance(garbage, format);
      expect(result.attendees).toEqual([]);
      expect(result.skipped.length).toBeGreaterThan(0);
      expect(result.skipped.every((s) => s.reason === 'unreadable characters' && s.text.length <= 201)).toBe(true);
    }
  });

  it('clips the echoed text of very long lines', () => {
    const [skipped] = parseAttendance(`1\t${'x'.repeat(100_000)}`, 'raid_dump').skipped;
    expect(skipped.reason).toBe('invalid name');
    expect(skipped.text).toHaveLength(201);
  });

  it('gets through a 10,000-line file quickly, reporting what it skips', () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => (i % 10 === 9 ? `${i} not-a-name!` : toon(i % 676)));
    const started = performance.now();
    const result = parseAttendance(lines.join('\n'));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.format).toBe('names');
    expect(result.attendees).toHaveLength(676);
    // Both tokens of the 1,000 noise lines are invalid; the rest are repeats of the 676 names.
    expect(reasons(result).filter((r) => r === 'invalid name')).toHaveLength(2_000);
    expect(result.skipped.length + result.attendees.length).toBe(11_000);
    expect(result.skipped.map((s) => s.line)).toEqual([...result.skipped.map((s) => s.line)].sort((a, b) => a - b));
  });

  it('never throws on hostile /who-like input', () => {
    const nasty = `[Sun Jun 09 19:59:39 2024] ${'AFK '.repeat(5_000)}[${'A '.repeat(5_000)}`;
    const started = performance.now();
    expect(parseAttendance(nasty).skipped).toEqual([
      expect.objectContaining({ line: 1, reason: 'unreadable /who line' }),
    ]);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
