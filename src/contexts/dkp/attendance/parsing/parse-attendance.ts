import { ATTENDANCE_FORMATS, type AttendanceFormat } from './attendance-formats';
import {
  normalizeName,
  skip,
  SKIP_REASONS,
  type Candidate,
  type FormatParser,
  type ParsedAttendee,
  type SkippedLine,
  type SourceLine,
} from './common';
import { parseNameList } from './name-list';
import { isGroupNumber, parseRaidDump } from './raid-dump';
import { isRaidTickHeader, looksLikeRaidTickRow, parseRaidTick } from './raidtick';
import { looksLikeWhoLine, parseWhoLog } from './who-log';

/**
 * Turns the raw text a raid leader has at hand into character names for
 * `POST raids/{id}/attendance/import`. Pure and total: whatever the input, it returns every line
 * it could not use in `skipped` (with a reason) instead of throwing, so the client can show them.
 * Matching names to characters (and reporting unknown ones) is the caller's job.
 */

export type { ParsedAttendee, SkippedLine } from './common';
export { ATTENDANCE_FORMATS, type AttendanceFormat } from './attendance-formats';

export interface ParsedAttendance {
  format: AttendanceFormat;
  attendees: ParsedAttendee[];
  /** Ordered by line. */
  skipped: SkippedLine[];
  /**
   * The distinct values of RaidTick's Points column over every row read, lowest first: empty when
   * the text has no such column, one value for a normal file, several when ticks disagree.
   */
  filePoints: string[];
}

const PARSERS: Record<AttendanceFormat, FormatParser> = {
  raid_dump: parseRaidDump,
  who: parseWhoLog,
  raidtick: parseRaidTick,
  names: parseNameList,
};

export function detectFormat(text: string): AttendanceFormat {
  return detect(readLines(text).lines);
}

/** `format` undefined means auto-detect. */
export function parseAttendance(text: string, format?: AttendanceFormat): ParsedAttendance {
  // The DTO should validate `format`; this guards against a raw string reaching us (and `toString`).
  if (format !== undefined && !ATTENDANCE_FORMATS.includes(format)) {
    throw new RangeError(`Unknown attendance format: ${String(format)}`);
  }
  const { lines, unreadable } = readLines(text);
  const chosen = format ?? detect(lines);
  const { candidates, skipped } = PARSERS[chosen](lines);
  const { attendees, rejected } = acceptNames(candidates);
  // Sort is stable, and a line is either skipped by its format parser or yields candidates, so
  // tokens of one name-list line keep their order.
  const allSkipped = [...unreadable, ...skipped, ...rejected].sort((a, b) => a.line - b.line);
  return { format: chosen, attendees, skipped: allSkipped, filePoints: distinctPoints(candidates) };
}

/** Splits into non-blank lines numbered as in the original text; lines of binary junk are set aside. */
/**
 * Skipped lines that name a character but could not be read (a /who entry in a layout we do not
 * know): each is a raider who would go unpaid, so the import response counts them apart from chat.
 */
export function unparsedCharacterLines(skipped: readonly SkippedLine[]): SkippedLine[] {
  return skipped.filter((s) => s.reason === SKIP_REASONS.unparsedWhoLine);
}

function readLines(text: string): { lines: SourceLine[]; unreadable: SkippedLine[] } {
  const source = (typeof text === 'string' ? text : '').replace(/^\uFEFF/, '');
  const lines: SourceLine[] = [];
  const unreadable: SkippedLine[] = [];
  source.split(/\r\n|\r|\n/).forEach((raw, index) => {
    if (raw.trim() === '') return;
    if (hasControlCharacters(raw)) unreadable.push(skip(index + 1, raw, SKIP_REASONS.unreadable));
    else lines.push({ line: index + 1, text: raw });
  });
  return { lines, unreadable };
}

/**
 * Control characters (other than tab) or U+FFFD (what a UTF-8 decoder makes of binary) never occur in
 * the text formats, and letting them through could turn random letters of a binary file into "names".
 */
function hasControlCharacters(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09) || code === 0x7f || code === 0xfffd) return true;
  }
  return false;
}

function detect(lines: readonly SourceLine[]): AttendanceFormat {
  if (lines.length === 0) return 'names';
  if (isRaidTickHeader(lines[0].text)) return 'raidtick';
  // One /who line is enough: logs are mostly chat and headers around a few /who results.
  if (lines.some((l) => looksLikeWhoLine(l.text))) return 'who';
  const isMost = (test: (text: string) => boolean) => lines.filter((l) => test(l.text)).length * 2 > lines.length;
  if (isMost((text) => text.split('\t').length >= 3 && isGroupNumber(text.split('\t')[0]))) return 'raid_dump';
  // A RaidTick file copied without its header would otherwise be read as names ("Warrior", "60"...).
  if (isMost(looksLikeRaidTickRow)) return 'raidtick';
  return 'names';
}

function distinctPoints(candidates: readonly Candidate[]): string[] {
  const values = new Set(candidates.flatMap((c) => (c.points === undefined ? [] : [c.points])));
  return [...values].sort((a, b) => Number(a) - Number(b));
}

/** Validates and capitalizes names and keeps the first occurrence of each, case-insensitively. */
function acceptNames(candidates: readonly Candidate[]): { attendees: ParsedAttendee[]; rejected: SkippedLine[] } {
  const attendees: ParsedAttendee[] = [];
  const rejected: SkippedLine[] = [];
  const seen = new Set<string>();
  for (const { line, text, name: raw, ...details } of candidates) {
    const name = normalizeName(raw);
    if (name === null) {
      rejected.push(skip(line, text, SKIP_REASONS.invalidName));
    } else if (seen.has(name)) {
      // Normalized capitalization makes the name itself the case-insensitive key.
      rejected.push(skip(line, text, SKIP_REASONS.duplicate));
    } else {
      seen.add(name);
      attendees.push({ name, line, ...details });
    }
  }
  return { attendees, rejected };
}
