/**
 * SQL for a timestamptz column as the text JSON gives a JS Date (`toISOString`: UTC, milliseconds,
 * `Z`), whatever the session's time zone; null stays null. For hot list reads whose rows go
 * straight into a response: the driver would parse each timestamp into a Date (a regex per
 * value) and the response serializer would format it back, together about a fifth of a raid
 * page's Node CPU (0.68 → 0.45-0.54 ms per request measured, bench/RESULTS.md). The DTO field is then a `string` with format date-time.
 * Sub-millisecond digits are cut, as a Date cuts them.
 */
export const ISO_TIMESTAMP = (column: string): string =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
