import { StateMachine } from '../../../../platform/domain/state-machine';

export const CONTACT_STATUSES = ['new', 'read', 'replied', 'archived'] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];

/**
 * The triage of a submission (seed 3.7): read it, reply, archive it. An archived one can be taken
 * up again (back to read). Reaching `replied` takes a reply (`POST .../reply`), which mails it.
 */
export const contactLifecycle = new StateMachine<ContactStatus>('contact submission', {
  new: ['read', 'archived'],
  read: ['replied', 'archived'],
  replied: ['archived'],
  archived: ['read'],
});

export interface ContactMessage {
  name: string;
  email: string;
  subject: string;
  message: string;
  /** The honeypot: a field the form hides from people, so only bots fill it in. */
  website?: string;
}

export const SPAM_REASONS = ['honeypot', 'too-many-links', 'shouting', 'link-in-name', 'spam-phrases'] as const;
export type SpamReason = (typeof SPAM_REASONS)[number];

/** More links than a person writing to a corporation needs. */
export const MAX_LINKS = 2;
const LINK = /\bhttps?:\/\/|\bwww\.|\[url=|<a\s/gi;
const PHRASES =
  /\b(viagra|cialis|casino|crypto ?currency|bitcoin investment|seo services|backlinks|payday loan|buy followers|work from home)\b/i;

/** True when most letters of a long enough text are capitals ("BUY NOW CHEAP CREDITS"). */
export function isShouting(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length < 20) return false;
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
  return upper / letters.length > 0.7;
}

export function countLinks(text: string): number {
  return text.match(LINK)?.length ?? 0;
}

/**
 * Why a submission looks like spam (empty: it does not). Cheap rules that catch form bots: the
 * honeypot, link stuffing, a link as the name, all capitals, and well-known spam phrases. A
 * flagged submission is kept (officers can still see it), just not announced.
 */
export function spamReasons(input: ContactMessage): SpamReason[] {
  const reasons: SpamReason[] = [];
  const text = `${input.subject}\n${input.message}`;
  if (input.website?.trim()) reasons.push('honeypot');
  if (countLinks(text) > MAX_LINKS) reasons.push('too-many-links');
  if (isShouting(text)) reasons.push('shouting');
  if (countLinks(input.name) > 0) reasons.push('link-in-name');
  if (PHRASES.test(text)) reasons.push('spam-phrases');
  return reasons;
}
