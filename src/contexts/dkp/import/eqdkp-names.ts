import { cleanText } from './eqdkp-text';

/**
 * Names that Quartermaster's rules refuse, made acceptable: usernames must match
 * `^[a-zA-Z0-9_.-]{3,32}$` and be unique in lower case; character names are unique per org in
 * lower case and at most 32 characters. The original is kept as the display name (users) or in
 * the report (characters).
 */

/** Letters NFD does not split into a base letter and a mark. */
const LETTERS: Record<string, string> = {
  Æ: 'AE',
  æ: 'ae',
  Ø: 'O',
  ø: 'o',
  Þ: 'Th',
  þ: 'th',
  Ð: 'D',
  ð: 'd',
  Ł: 'L',
  ł: 'l',
  ß: 'ss',
  Œ: 'OE',
  œ: 'oe',
};

/** ASCII spelling: accents dropped, special letters spelled out, spaces to `_`, the rest removed. */
export function asciiUsername(original: string): string {
  const spelled = [...cleanText(original)].map((ch) => LETTERS[ch] ?? ch).join('');
  return spelled
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/\s+/g, '_')
    .replace(/[^a-zA-Z0-9_.-]/g, '')
    .toLowerCase();
}

/**
 * Gives each name a unique username (in call order: the first of two case twins keeps the plain
 * form, the next gets `-2`, `-3` ...). `taken` holds lower-case usernames already used.
 */
export function uniqueUsername(original: string, taken: Set<string>, fallback: string): string {
  let base = asciiUsername(original) || fallback;
  if (base.length < 3) base = base.padEnd(3, '_');
  base = base.slice(0, 32);
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base.slice(0, 32 - String(n).length - 1)}-${n}`;
  taken.add(candidate);
  return candidate;
}

/**
 * A character name unique in lower case among `taken`: the cleaned name when free, otherwise the
 * name with the EQdkp member id, e.g. `Kaelor (EQdkp #81)`.
 */
export function uniqueCharacterName(cleaned: string, memberId: number, taken: Set<string>): string {
  const plain = (cleaned || `Member${memberId}`).slice(0, 32);
  if (!taken.has(plain.toLowerCase())) {
    taken.add(plain.toLowerCase());
    return plain;
  }
  const suffix = ` (EQdkp #${memberId})`;
  const renamed = `${plain.slice(0, 32 - suffix.length)}${suffix}`;
  taken.add(renamed.toLowerCase());
  return renamed;
}

/**
 * The next username to try for an imported user whose name an existing platform user already
 * holds: imported users are never matched to existing accounts by name, so they get a suffix:
 * `name-eq`, then `name-eq2`, `name-eq3` ... (`attempt` 1, 2, 3 ...), at most 32 characters.
 */
export function importedUsername(base: string, attempt: number): string {
  const suffix = attempt <= 1 ? '-eq' : `-eq${attempt}`;
  return `${base.slice(0, 32 - suffix.length)}${suffix}`;
}
