/**
 * Text as EQdkp Plus stores it, made readable: form input is HTML-escaped when stored
 * (`&#39;`, `&#34;`, `&amp;` ...), and databases once moved from latin1 can hold UTF-8 read as
 * latin1 ("BjÃ¶rn" for "Björn").
 */

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes numeric (`&#39;`, `&#x27;`) and the common named entities; unknown ones stay as they are. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[body.toLowerCase()] ?? whole;
  });
}

/**
 * Undoes one level of double encoding: when every character fits in a byte and those bytes are
 * valid UTF-8 holding something other than plain ASCII, the text was UTF-8 read as latin1.
 * Text that is genuinely latin1-looking but not valid UTF-8 ("Zoë") is left alone.
 */
export function fixDoubleEncoding(text: string): string {
  if (!/[\u00c2-\u00f4][\u0080-\u00bf]/.test(text)) return text;
  if ([...text].some((ch) => ch.codePointAt(0)! > 0xff)) return text;
  const decoded = Buffer.from(text, 'latin1').toString('utf8');
  return decoded.includes('\ufffd') ? text : decoded;
}

/** A stored EQdkp string as a person typed it. */
export function cleanText(text: string | null | undefined): string {
  return fixDoubleEncoding(decodeEntities(text ?? '')).trim();
}
