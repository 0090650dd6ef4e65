import { candidate, cleanClassName, parseLevel, skip, SKIP_REASONS, type FormatParser } from './common';

/**
 * EverQuest `/outputfile raid` (or the Raid window's dump button) rows, tab-separated:
 *   group, name, level, class, leader text ("Group Leader" / "Raid Leader" / ""), ...
 * The Live client writes 9 fields ending in an empty one; older and emulated clients write
 * fewer (4-7). Only the first four carry attendance, so the rest are ignored whatever their count.
 */

/** Groups 1-12; 0 is how ungrouped raid members are listed. */
const GROUP = /^\d{1,2}$/;
const MAX_GROUP = 12;

export function isGroupNumber(field: string | undefined): boolean {
  const value = field?.trim() ?? '';
  return GROUP.test(value) && Number(value) <= MAX_GROUP;
}

export const parseRaidDump: FormatParser = (lines) => {
  const result: ReturnType<FormatParser> = { candidates: [], skipped: [] };
  for (const { line, text } of lines) {
    const [group, name = '', rawLevel, rawClass] = text.split('\t').map((field) => field.trim());
    if (!isGroupNumber(group)) {
      result.skipped.push(skip(line, text, SKIP_REASONS.notRaidDumpRow));
      continue;
    }
    // The dump lists all six slots of every group; a vacant one is a group number and empty fields.
    // Reported (not an error) so the client can show the whole dump was read.
    if (name === '') {
      result.skipped.push(skip(line, text, SKIP_REASONS.emptySlot));
      continue;
    }
    const level = parseLevel(rawLevel);
    if (level === null) {
      result.skipped.push(skip(line, text, SKIP_REASONS.invalidLevel));
      continue;
    }
    result.candidates.push(candidate(line, text, name, level, cleanClassName(rawClass)));
  }
  return result;
};
