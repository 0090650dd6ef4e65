import { decryptEqdkp, discordIdOf, eqdkpAesKey } from './eqdkp-crypto';
import { asciiUsername, importedUsername, uniqueCharacterName, uniqueUsername } from './eqdkp-names';
import { cleanText, decodeEntities, fixDoubleEncoding } from './eqdkp-text';
import { ImportTally } from './import-report';
import { raidRanges } from './eqdkp-source';
import { parsePoolNames } from './report-format';

describe('EQdkp text', () => {
  it('decodes the entities form input was stored with', () => {
    expect(decodeEntities('O&#39;Malley &#34;x&#34; &amp; &#x27;y&#x27; &bogus;')).toBe(`O'Malley "x" & 'y' &bogus;`);
  });

  it('undoes double encoding but leaves genuine accents alone', () => {
    expect(fixDoubleEncoding('BjÃ¶rn')).toBe('Björn');
    expect(fixDoubleEncoding('Zoë')).toBe('Zoë');
    expect(fixDoubleEncoding('Łucja')).toBe('Łucja');
    expect(cleanText('  Avatar&#39;s Fang ')).toBe("Avatar's Fang");
  });
});

describe('EQdkp encrypted columns', () => {
  // User 5 of the generator's default dump, key from its config.php.
  const key = eqdkpAesKey('2c75c3638729f0cced06aa5079acce55');

  it('decrypts an e-mail address with the installation key', () => {
    expect(decryptEqdkp('cAEyd3lTCmCxEBUZWtkgP1ZNChwmQQPQTBiHbVg=', key)).toBe('branaerah@example.net');
    expect(decryptEqdkp('', key)).toBe('');
  });

  it('finds the Discord id in a serialized auth_account', () => {
    expect(discordIdOf('a:1:{s:7:"discord";s:18:"802030893365894861";}')).toBe('802030893365894861');
    expect(discordIdOf('')).toBeNull();
  });
});

describe('EQdkp names', () => {
  it('spells usernames in the allowed alphabet', () => {
    expect(asciiUsername('Sir Lancelot du Lac')).toBe('sir_lancelot_du_lac');
    expect(asciiUsername('Ælfric')).toBe('aelfric');
    expect(asciiUsername('ðorvald_eq')).toBe('dorvald_eq');
    expect(asciiUsername('O&#39;Malley')).toBe('omalley');
  });

  it('makes usernames unique in lower case, 3 to 32 characters', () => {
    const taken = new Set<string>();
    expect(uniqueUsername('Zoë', taken, 'x')).toBe('zoe');
    expect(uniqueUsername('zoë', taken, 'x')).toBe('zoe-2');
    expect(uniqueUsername('Ed', taken, 'x')).toBe('ed_');
    const long = uniqueUsername('TheVeryLongUsernameOfOurGuildTreasurer42', taken, 'x');
    expect(long).toMatch(/^[a-z0-9_.-]{3,32}$/);
  });

  it('renames the second of two characters equal ignoring case, keeping the member id', () => {
    const taken = new Set<string>();
    expect(uniqueCharacterName('Kaelor', 81, taken)).toBe('Kaelor');
    expect(uniqueCharacterName('kaelor', 1, taken)).toBe('kaelor (EQdkp #1)');
  });
});

describe('import accounting', () => {
  it('reports tables whose rows do not add up', () => {
    const tally = new ImportTally({ raids: 2, items: 1 });
    tally.imported('raids');
    tally.skipped('raids', 7, 'gone');
    expect(tally.unbalanced()).toEqual(['items: source 1, imported 0, merged 0, skipped 0']);
  });

  it('parses --pools overrides', () => {
    expect([...parsePoolNames('1=Main, none=Outside')]).toEqual([
      ['1', 'Main'],
      ['none', 'Outside'],
    ]);
    expect(() => parsePoolNames('x=Main')).toThrow('Bad --pools');
  });
});

describe('usernames of imported users that collide with existing accounts', () => {
  it('get -eq, -eq2 ... and stay within 32 characters', () => {
    expect(importedUsername('branaerah', 1)).toBe('branaerah-eq');
    expect(importedUsername('branaerah', 2)).toBe('branaerah-eq2');
    const long = 'a'.repeat(32);
    expect(importedUsername(long, 12)).toBe(`${'a'.repeat(27)}-eq12`);
    expect(importedUsername(long, 12)).toHaveLength(32);
  });
});

describe('attendee pages', () => {
  it('cover every raid id once, in order, never splitting a raid', () => {
    const perRaid: [number, number][] = [
      [1, 30],
      [2, 5],
      [4, 40],
      [9, 1],
      [12, 10],
    ];
    expect(raidRanges(perRaid, 35)).toEqual([
      [1, 2],
      [4, 4],
      [9, 12],
    ]);
    expect(raidRanges(perRaid, 1000)).toEqual([[1, 12]]);
    expect(raidRanges([], 10)).toEqual([]);
  });
});
