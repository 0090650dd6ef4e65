import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * Characters that make text display as something else, or that are not text at all. Names are
 * shown to other users (member lists, Discord messages, audit logs), so a name must not be able
 * to impersonate another or reorder what is printed around it.
 */
const RULES: { pattern: RegExp; what: string; inText: boolean }[] = [
  {
    // Embeddings, overrides, isolates and marks (U+202E can turn "exe.txt" into "txt.exe").
    pattern: /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u,
    what: 'bidirectional control characters',
    inText: true,
  },
  {
    // Invisible: two names differing only by these look the same. Free text keeps ZWJ/ZWNJ,
    // which emoji sequences and some scripts need.
    pattern: /[\u00AD\u180E\u200B\u2060-\u2064\uFEFF]/u,
    what: 'zero-width or invisible characters',
    inText: true,
  },
  { pattern: /[\u200C\u200D]/u, what: 'zero-width joiners', inText: false },
  {
    // A lone half of a surrogate pair is not a character; stored as UTF-8 it silently becomes U+FFFD.
    pattern: /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
    what: 'unpaired surrogates',
    inText: true,
  },
  // C0 (except tab and line breaks, below) and C1 controls: matching them is the point here.
  // eslint-disable-next-line no-control-regex
  { pattern: /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u, what: 'control characters', inText: true },
  { pattern: /[\t\n\r]/, what: 'tabs or line breaks', inText: false },
];

/** Why `value` is not safe (what it contains), or null when it is. Non-strings are left to @IsString. */
export function unsafeTextReason(value: unknown, kind: 'name' | 'text'): string | null {
  if (typeof value !== 'string') return null;
  // The surrogate rule must see the raw UTF-16, so it runs without the `u` flag.
  const rule = RULES.find((r) => (kind === 'name' || r.inText) && r.pattern.test(value));
  return rule ? rule.what : null;
}

function safeText(kind: 'name' | 'text', options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: kind === 'name' ? 'isSafeName' : 'isSafeText',
      validator: {
        validate: (value: unknown) => unsafeTextReason(value, kind) === null,
        defaultMessage: (args) => `${args?.property} must not contain ${unsafeTextReason(args?.value, kind)}`,
      },
    },
    options,
  );
}

/**
 * A name shown to others (org, display, key, item names): no bidirectional controls, zero-width
 * characters, unpaired surrogates, control characters or line breaks.
 */
export const IsSafeName = (options?: ValidationOptions): PropertyDecorator => safeText('name', options);

/** Free text (descriptions, notes): line breaks, tabs and emoji joiners allowed; the rest as names. */
export const IsSafeText = (options?: ValidationOptions): PropertyDecorator => safeText('text', options);
