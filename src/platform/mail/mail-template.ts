/**
 * Mail templates: a subject, a plain-text part and an HTML part, each a function of the data.
 * HTML parts are built with the `html` tag, which escapes every interpolated value, so data
 * (a user's display name, an org's name) can never inject markup; `trusted()` marks the few
 * values that are markup on purpose (a fragment built with `html` itself).
 */
export interface MailTemplate<Data extends object = Record<string, unknown>> {
  subject(data: Data): string;
  text(data: Data): string;
  html(data: Data): SafeHtml;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Markup that is already safe to put into an HTML part as is. */
export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

/** Marks a string as markup (never pass data from a user through it). */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** Tagged template for HTML parts: every `${value}` is escaped unless it is `SafeHtml`; arrays are joined. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  const piece = (value: unknown): string =>
    value instanceof SafeHtml ? value.value : Array.isArray(value) ? value.map(piece).join('') : escapeHtml(value);
  return new SafeHtml(strings.reduce((out, part, i) => out + part + (i < values.length ? piece(values[i]) : ''), ''));
}

/** A subject is one line: line breaks in data must not start a new header. */
function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').trim();
}

export function renderMail<Data extends object>(template: MailTemplate<Data>, data: Data): RenderedMail {
  return { subject: oneLine(template.subject(data)), text: template.text(data), html: template.html(data).value };
}
