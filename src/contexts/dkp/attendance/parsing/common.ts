/** Shapes and helpers shared by the per-format attendance parsers. */

export interface ParsedAttendee {
  /** Canonical capitalization ("Trident"), unique within one parse. */
  name: string;
  /** 1-based line in the submitted text, counting blank lines, so it matches the raid leader's editor. */
  line: number;
  level?: number;
  className?: string;
  /** RaidTick's Points column ("10.00"), when the file has one. */
  points?: string;
}

export interface SkippedLine {
  line: number;
  text: string;
  reason: string;
}

/** A non-blank input line and its 1-based position in the submitted text. */
export interface SourceLine {
  line: number;
  text: string;
}

/**
 * A name a format parser found. Format parsers only know their layout; name validation,
 * capitalization and de-duplication happen once, in the dispatcher, so every format agrees.
 */
export interface Candidate {
  line: number;
  /** What to echo back if the candidate is rejected (the row, or the token for name lists). */
  text: string;
  name: string;
  level?: number;
  className?: string;
  points?: string;
}

export interface FormatResult {
  candidates: Candidate[];
  skipped: SkippedLine[];
}

export type FormatParser = (lines: readonly SourceLine[]) => FormatResult;

export const SKIP_REASONS = {
  duplicate: 'duplicate',
  emptySlot: 'empty slot',
  invalidName: 'invalid name',
  invalidLevel: 'invalid level',
  notRaidDumpRow: 'not a raid dump row',
  notWhoLine: 'not a /who line',
  /** Timestamp and a /who bracket, so it names a character, but the bracket is not one we can read. */
  unparsedWhoLine: 'unreadable /who line',
  notRaidTickRow: 'not a RaidTick row',
  unreadable: 'unreadable characters',
} as const;

/** Skipped text is echoed back to the client; a pasted binary blob must not balloon the response. */
const MAX_SKIPPED_TEXT = 200;

export function skip(line: number, text: string, reason: string): SkippedLine {
  const clipped = text.length > MAX_SKIPPED_TEXT ? `${text.slice(0, MAX_SKIPPED_TEXT)}…` : text;
  return { line, text: clipped, reason };
}

/** EverQuest names are one word of letters; 2-20 is looser than the client (4-15) to admit legacy/emulator names. */
const CHARACTER_NAME = /^[A-Za-z]{2,20}$/;

/** "tRIDENT" → "Trident", or null when it cannot be a character name. */
export function normalizeName(raw: string): string | null {
  const name = raw.trim();
  if (!CHARACTER_NAME.test(name)) return null;
  return name[0].toUpperCase() + name.slice(1).toLowerCase();
}

/** undefined when the field is absent or empty, null when present but not a level. */
export function parseLevel(raw: string | undefined): number | undefined | null {
  const value = raw?.trim() ?? '';
  if (value === '') return undefined;
  if (!/^\d{1,3}$/.test(value)) return null;
  const level = Number(value);
  return level >= 1 ? level : null;
}

/** Points as RaidTick writes them ("10", "2.5") → "10.00"; undefined when absent or not a non-negative amount. */
export function parsePoints(raw: string | undefined): string | undefined {
  const value = raw?.trim() ?? '';
  return /^\d{1,9}(\.\d{1,2})?$/.test(value) ? Number(value).toFixed(2) : undefined;
}

/** "Shadow  Knight " → "Shadow Knight"; empty → undefined. */
export function cleanClassName(raw: string | undefined): string | undefined {
  const value = raw?.trim().replace(/\s+/g, ' ');
  return value ? value : undefined;
}

/** Builds a candidate without `undefined` keys, so results serialize and compare cleanly. */
export function candidate(
  line: number,
  text: string,
  name: string,
  level?: number,
  className?: string,
  points?: string,
): Candidate {
  return {
    line,
    text,
    name,
    ...(level !== undefined && { level }),
    ...(className !== undefined && { className }),
    ...(points !== undefined && { points }),
  };
}
