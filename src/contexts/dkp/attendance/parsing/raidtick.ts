import { candidate, cleanClassName, parseLevel, parsePoints, skip, SKIP_REASONS, type FormatParser } from './common';

/**
 * RaidTick (the Windows helper that snapshots the raid window every tick) files:
 *   Player	Level	Class	Timestamp	Points
 *   Trident	60	Paladin	2024-06-09 19:59:39	10
 * Newer versions append columns, and the files are written with CRLF; both are tolerated.
 * The Points column is found by its header (each pasted file may have its own); rows pasted
 * without a header are read in the layout above.
 */
const HEADER = /^Player\tLevel\tClass(?:\t|$)/i;

export function isRaidTickHeader(text: string): boolean {
  return HEADER.test(text.trim());
}

/** A row as RaidTick writes it (name, numeric level, class...), used to spot a file pasted without its header. */
export function looksLikeRaidTickRow(text: string): boolean {
  const fields = text.split('\t');
  return fields.length >= 3 && /^[A-Za-z]+$/.test(fields[0].trim()) && /^\d{1,3}$/.test(fields[1].trim());
}

/** Where the Points column is in rows pasted without a header. */
const DEFAULT_POINTS_COLUMN = 4;

/** The Points column of a header line, or -1 when it has none. */
function pointsColumn(header: string): number {
  return header
    .trim()
    .split('\t')
    .findIndex((field) => field.trim().toLowerCase() === 'points');
}

export const parseRaidTick: FormatParser = (lines) => {
  const result: ReturnType<FormatParser> = { candidates: [], skipped: [] };
  let pointsAt = DEFAULT_POINTS_COLUMN;
  for (const { line, text } of lines) {
    // Not only the first line: leaders concatenate several tick files into one paste.
    if (isRaidTickHeader(text)) {
      pointsAt = pointsColumn(text);
      continue;
    }
    const fields = text.split('\t').map((field) => field.trim());
    if (fields.length < 3) {
      result.skipped.push(skip(line, text, SKIP_REASONS.notRaidTickRow));
      continue;
    }
    const [name, rawLevel, rawClass] = fields;
    const level = parseLevel(rawLevel);
    if (level === null) {
      result.skipped.push(skip(line, text, SKIP_REASONS.invalidLevel));
      continue;
    }
    const tickPoints = pointsAt >= 0 ? parsePoints(fields[pointsAt]) : undefined;
    result.candidates.push(candidate(line, text, name, level, cleanClassName(rawClass), tickPoints));
  }
  return result;
};
