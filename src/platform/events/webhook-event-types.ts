/**
 * What a subscription's `eventTypes` may hold: an exact dotted type (`dkp.member.rank_changed`),
 * a prefix wildcard (`dkp.*`, `dkp.member.*`: every type under that prefix) or `*` (everything).
 */
export const EVENT_TYPE_PATTERN = /^(\*|[a-z0-9_-]+(\.[a-z0-9_-]+)*(\.\*)?)$/;

/** The event type of a ping; only the pinged subscription receives it. */
export const PING_EVENT_TYPE = 'webhook.ping';

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
