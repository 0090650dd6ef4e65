/**
 * SQL fragments of the platform's user and membership tables, for a context statement that must
 * read a user with its own rows in one round trip (the hot bot and leaderboard reads: every
 * statement costs a socket write and a round trip, the largest share of their CPU in
 * bench/RESULTS.md). Contexts get them from `UsersService.sql`, never write `users` or
 * `memberships` SQL themselves.
 *
 * Why this keeps the boundary of ARCHITECTURE.md ("a context reaches users and memberships only
 * through platform services, never their tables"): the platform owns and versions these texts
 * with its tables and migrations, exactly as it owns `userSummaries`; a context embeds the
 * fragment as an opaque subquery and reads only the columns documented here, so a change of the
 * platform's tables changes the fragment and no context code. They are read-only, and they apply
 * the same rules as the matching `UsersService` methods (`memberByDiscordId`, `summariesOf`).
 *
 * The arguments are SQL expressions written by the calling code (a column or a `$n` parameter),
 * never user input: values always travel as statement parameters. Each function returns the same
 * text for the same arguments, so the embedding statement can be a named (prepared) one.
 */
export const USER_SQL = {
  /**
   * A `SELECT` of at most one row: the member of org `orgId` linked to Discord id `discordId`,
   * with columns `id`, `username` and `"discordId"` (as `UsersService.memberByDiscordId`).
   * For a CTE or a FROM subquery.
   */
  memberByDiscordId: (orgId: string, discordId: string): string =>
    `SELECT u.id, u.username, u.discord_id AS "discordId" FROM users u
       JOIN memberships m ON m.user_id = u.id AND m.org_id = ${orgId}
      WHERE u.discord_id = ${discordId} LIMIT 1`,

  /** A scalar subquery: the username of the user `userId` (null for an unknown id, as `summariesOf` omits it). */
  username: (userId: string): string => `(SELECT u.username FROM users u WHERE u.id = ${userId})`,
} as const;
