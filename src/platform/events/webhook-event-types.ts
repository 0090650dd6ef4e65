import { MEMBER_EVENT_TYPES } from '../tenancy/members/member-directory';

/**
 * What a subscription's `eventTypes` may hold: an exact dotted type (`dkp.member.rank_changed`),
 * a prefix wildcard (`dkp.*`, `dkp.member.*`: every type under that prefix) or `*` (everything).
 */
export const EVENT_TYPE_PATTERN = /^(\*|[a-z0-9_-]+(\.[a-z0-9_-]+)*(\.\*)?)$/;

/** The event type of a ping; only the pinged subscription receives it. */
export const PING_EVENT_TYPE = 'webhook.ping';

/**
 * The event types the platform itself records, all under `platform.` (contexts record theirs
 * under their own name). Membership changes: subscribe to `platform.member.*` for all four.
 */
export const PLATFORM_EVENT_TYPES: readonly string[] = Object.values(MEMBER_EVENT_TYPES);

/** Whether `type` is selected by `pattern` (same rule as the dispatcher's SQL below). */
export function eventTypeMatches(pattern: string, type: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}

/**
 * SQL condition: subscription alias `s` selects the event type expression `type`. Mirrors
 * `eventTypeMatches`: `dkp.*` is stored as is and matches types starting with `dkp.`.
 */
export function eventTypeMatchesSql(subscription: string, type: string): string {
  return `EXISTS (SELECT 1 FROM unnest(${subscription}.event_types) AS p(pattern)
    WHERE p.pattern = '*' OR p.pattern = ${type}
       OR (right(p.pattern, 2) = '.*' AND starts_with(${type}, left(p.pattern, -1))))`;
}

/**
 * The patterns under `platform.` that select no platform event type: a typo such as
 * `platform.members.*` would otherwise subscribe to nothing, silently.
 */
export function unknownPlatformEventTypes(patterns: string[]): string[] {
  return patterns.filter(
    (pattern) =>
      pattern.startsWith('platform.') && !PLATFORM_EVENT_TYPES.some((type) => eventTypeMatches(pattern, type)),
  );
}
