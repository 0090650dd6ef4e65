import { candidate, cleanClassName, skip, SKIP_REASONS, type FormatParser } from './common';

/**
 * `/who` results as the client writes them to eqlog_<Name>_<server>.txt, e.g.
 *   [Sun Jun 09 19:59:39 2024] [50 Paladin] Trident (Half Elf) <Guild>
 *   [Sun Jun 09 19:59:39 2024]  AFK [60 Shadow Knight] Name (Dark Elf) <Guild>
 *   [Sun Jun 09 19:59:39 2024] <LINKDEAD>[ANONYMOUS] Name <Guild>
 *   [Sun Jun 09 19:59:39 2024] [60 Warrior] Name (Ogre) <Guild> LFG ZONE: qeynos
 *   [Mon Mar 02 20:01:12 2026] [105 Huntmaster (Ranger)] Name (Halfling)  ZONE: kattacastrumb
 * A raid leader pastes a chunk of log, so headers, separators and chat are mixed in and skipped.
 */

/** The client's log timestamp. Optional: a /who block copied out of a log viewer may lack it. */
const TIMESTAMP = /^\[[A-Za-z]{3} [A-Za-z]{3} {1,2}\d{1,2} \d{2}:\d{2}:\d{2} \d{4}\]\s*/;
/** Status markers the client prints before the bracket; "LFG" after the name is ignored anyway. */
const MARKERS = /^(?:<?(?:AFK|LINKDEAD|LFG)>?\s*)+/;
/** A class name: one word, or two ("Shadow Knight"). */
const CLASS = String.raw`[A-Za-z]+(?: [A-Za-z]+)?`;
/**
 * `[ANONYMOUS]`, `[level Class]`, or Live's `[level Title (Class)]` (a class title of one to three
 * words, e.g. "Huntmaster (Ranger)", "Grave Lord (Shadow Knight)"), then the name. Everything after
 * the name (race, guild, LFG, ZONE: ...) is irrelevant to attendance.
 */
const ENTRY = new RegExp(
  String.raw`^\[(?:ANONYMOUS|(\d{1,3}) (?:(${CLASS})|[A-Za-z'-]+(?: [A-Za-z'-]+){0,2} \((${CLASS})\)))\]\s*([^\s(<]+)`,
);

/** For auto-detection: a timestamped line whose message starts with a /who bracket, or any [ANONYMOUS]. */
export function looksLikeWhoLine(text: string): boolean {
  if (text.includes('[ANONYMOUS]')) return true;
  return namesACharacter(text);
}

/** Timestamp, then (after status markers) a bracket: the client only writes that for a /who entry. */
function namesACharacter(text: string): boolean {
  const stamp = TIMESTAMP.exec(text);
  return stamp !== null && text.slice(stamp[0].length).replace(MARKERS, '').startsWith('[');
}

export const parseWhoLog: FormatParser = (lines) => {
  const result: ReturnType<FormatParser> = { candidates: [], skipped: [] };
  for (const { line, text } of lines) {
    const message = text.trim().replace(TIMESTAMP, '').replace(MARKERS, '');
    const entry = ENTRY.exec(message);
    if (!entry) {
      // A /who entry we cannot read is a raider who would go unpaid: report it apart from chat.
      const reason = namesACharacter(text.trim()) ? SKIP_REASONS.unparsedWhoLine : SKIP_REASONS.notWhoLine;
      result.skipped.push(skip(line, text, reason));
      continue;
    }
    const [, level, className, titledClassName, name] = entry;
    const levelNumber = level === undefined ? undefined : Number(level);
    result.candidates.push(candidate(line, text, name, levelNumber, cleanClassName(className ?? titledClassName)));
  }
  return result;
};
