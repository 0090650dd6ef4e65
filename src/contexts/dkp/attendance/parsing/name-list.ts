import { candidate, type FormatParser } from './common';

/**
 * A plain list: one name per line, or names separated by commas/semicolons/whitespace on a line
 * (lists pasted from Discord or a spreadsheet row). Lines starting with '#' are comments.
 */
const SEPARATORS = /[\s,;]+/;

export const parseNameList: FormatParser = (lines) => {
  const result: ReturnType<FormatParser> = { candidates: [], skipped: [] };
  for (const { line, text } of lines) {
    const trimmed = text.trim();
    if (trimmed.startsWith('#')) continue;
    for (const token of trimmed.split(SEPARATORS)) {
      // Each token is its own candidate, so a bad token is reported alone and its neighbours survive.
      if (token !== '') result.candidates.push(candidate(line, token, token));
    }
  }
  return result;
};
