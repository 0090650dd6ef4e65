/**
 * Reads the community Star Citizen API's answers (starcitizen-api.com style) defensively: numbers
 * come as strings, any field may be missing (null here), texts come as `{ html, plaintext }` (the
 * plain text is kept, never the HTML), and `success: 0` or a wrong shape is an upstream failure.
 */

/** The org as the mirror stores it. */
export interface RsiOrganization {
  sid: string | null;
  name: string | null;
  archetype: string | null;
  commitment: string | null;
  primaryLanguage: string | null;
  recruiting: boolean | null;
  memberCount: number | null;
  headline: string | null;
  description: string | null;
  history: string | null;
  manifesto: string | null;
  charter: string | null;
  logoUrl: string | null;
  bannerUrl: string | null;
  /** The organization object as sent. */
  raw: Record<string, unknown>;
}

export interface RsiCitizenListing {
  handle: string;
  displayName: string | null;
  rank: string | null;
  stars: number | null;
  avatarUrl: string | null;
}

/** Why an answer is not usable (the caller turns it into a 502 `upstream-unavailable`). */
export class RsiUpstreamError extends Error {}

/** Where RSI's relative media paths live. */
const RSI_ORIGIN = 'https://robertsspaceindustries.com';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The `data` of a successful answer (`success` 1 or "1"), else an upstream error. */
export function dataOf(body: unknown): unknown {
  if (!isObject(body)) throw new RsiUpstreamError('the answer is not a JSON object');
  if (Number(body.success) !== 1) throw new RsiUpstreamError('the API answered success: 0');
  if (body.data === undefined || body.data === null) throw new RsiUpstreamError('the answer has no data');
  return body.data;
}

/** A trimmed string of at most `max` characters, or null (numbers are accepted as text). */
export function text(value: unknown, max: number): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) value = String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed ? trimmed.slice(0, max) : null;
}

/** A long text: a string, or `{ plaintext, html }` (plain text preferred, else the HTML's text). */
export function richText(value: unknown, max = 20_000): string | null {
  if (isObject(value)) return text(value.plaintext, max) ?? text(stripTags(value.html), max);
  return text(value, max);
}

function stripTags(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return value
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/[ \t]+/g, ' ');
}

/** A whole number in [min, max] from a number or a numeric string ("123", " 3 "), else null. */
export function integer(value: unknown, min: number, max: number): number | null {
  const n =
    typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) && n >= min && n <= max ? n : null;
}

/** true/false from a boolean, 1/0, "1"/"0", "true"/"false", "yes"/"no"; else null. */
export function flag(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  const s = String(value ?? '')
    .trim()
    .toLowerCase();
  if (['1', 'true', 'yes'].includes(s)) return true;
  if (['0', 'false', 'no'].includes(s)) return false;
  return null;
}

/** An http(s) URL (RSI's relative media paths made absolute), at most 500 characters; else null. */
export function url(value: unknown): string | null {
  const s = typeof value === 'string' ? text(value, 1000) : null;
  if (!s || !(s.startsWith('/') || /^https?:\/\//i.test(s))) return null;
  try {
    const parsed = new URL(s, RSI_ORIGIN);
    if (!['http:', 'https:'].includes(parsed.protocol)) return null;
    const href = parsed.href;
    return href.length <= 500 ? href : null;
  } catch {
    return null;
  }
}

/** GET /v1/live/organization/{sid}. */
export function parseOrganization(body: unknown): RsiOrganization {
  const data = dataOf(body);
  if (!isObject(data)) throw new RsiUpstreamError('the organization is not an object');
  return {
    sid: text(data.sid, 16)?.toUpperCase() ?? null,
    name: text(data.name, 120),
    archetype: text(data.archetype, 64),
    commitment: text(data.commitment, 64),
    primaryLanguage: text(data.lang ?? data.language, 64),
    recruiting: flag(data.recruiting),
    memberCount: integer(data.members, 0, 2_000_000_000),
    headline: richText(data.headline),
    description: richText(data.description),
    history: richText(data.history),
    manifesto: richText(data.manifesto),
    charter: richText(data.charter),
    logoUrl: url(data.logo),
    bannerUrl: url(data.banner),
    raw: data,
  };
}

/** RSI lists an org's members a page at a time, this many to a page (`?page=n`, from 1). */
export const RSI_MEMBERS_PAGE_SIZE = 32;

/** One page of the member list: its citizens and how many entries it had (hidden ones included). */
export interface RsiMembersPage {
  citizens: RsiCitizenListing[];
  entries: number;
}

/**
 * GET /v1/live/organization_members/{sid}?page=n: the page's listed citizens; entries without a
 * handle (hidden members) are skipped but counted, since a full page means another may follow.
 */
export function parseOrganizationMembersPage(body: unknown): RsiMembersPage {
  const data = dataOf(body);
  if (!Array.isArray(data)) throw new RsiUpstreamError('the member list is not an array');
  const citizens: RsiCitizenListing[] = [];
  for (const entry of data) {
    if (!isObject(entry)) continue;
    const handle = text(entry.handle, 64);
    if (!handle) continue;
    citizens.push({
      handle,
      displayName: text(entry.display ?? entry.display_name, 120),
      rank: text(entry.rank, 120),
      stars: integer(entry.stars, 0, 5),
      avatarUrl: url(entry.image),
    });
  }
  return { citizens, entries: data.length };
}

/** The pages' citizens, one per handle (the first listing of a repeated handle wins, case-insensitively). */
export function mergeMemberPages(pages: readonly RsiMembersPage[]): RsiCitizenListing[] {
  const byHandle = new Map<string, RsiCitizenListing>();
  for (const page of pages)
    for (const citizen of page.citizens)
      if (!byHandle.has(citizen.handle.toLowerCase())) byHandle.set(citizen.handle.toLowerCase(), citizen);
  return [...byHandle.values()];
}

/** GET /v1/live/user/{handle}: the citizen's bio (data.profile.bio), or null when they have none. */
export function parseCitizenBio(body: unknown): string | null {
  const data = dataOf(body);
  if (!isObject(data)) throw new RsiUpstreamError('the citizen is not an object');
  const profile = isObject(data.profile) ? data.profile : {};
  return richText(profile.bio);
}

/** Whether the bio carries the claim code (case-insensitive; RSI may reflow the text around it). */
export function bioHasCode(bio: string | null, code: string): boolean {
  return !!bio && bio.toUpperCase().includes(code.toUpperCase());
}
