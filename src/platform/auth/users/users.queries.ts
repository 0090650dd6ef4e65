import { EntityManager } from 'typeorm';
import { preparedQuery } from '../../database/prepared';
import type { UserSummary } from '../../tenancy/members/member-directory';
import { User } from './user.entity';

/**
 * Every query on `users` that is more than a lookup by one key (those stay on the repository in
 * UsersService). Functions take the caller's manager or transaction.
 */

/** Rows per INSERT in the bulk form. */
const BULK_CHUNK = 5000;

const SUMMARY_COLUMNS = 'u.id, u.username, u.display_name AS "displayName", u.discord_id AS "discordId"';

export function findUserByIdOrUsername(
  manager: EntityManager,
  key: { id: string } | { username: string },
): Promise<User | null> {
  return manager.findOne(User, { where: 'id' in key ? { id: key.id } : { username: key.username.toLowerCase() } });
}

export function lockUser(tx: EntityManager, userId: string): Promise<User | null> {
  return tx.findOne(User, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
}

export async function userSummaries(manager: EntityManager, userIds: string[]): Promise<UserSummary[]> {
  if (!userIds.length) return [];
  return preparedQuery(
    manager,
    'qm_user_summaries',
    `SELECT ${SUMMARY_COLUMNS} FROM users u WHERE u.id = ANY($1::uuid[])`,
    [[...new Set(userIds)]],
  );
}

/** Members of `orgId` among the users linked to these Discord ids. */
export async function membersWithDiscordIds(
  manager: EntityManager,
  orgId: string,
  discordIds: string[],
): Promise<UserSummary[]> {
  if (!discordIds.length) return [];
  return preparedQuery(
    manager,
    'qm_members_with_discord_ids',
    `SELECT ${SUMMARY_COLUMNS} FROM users u
       JOIN memberships m ON m.user_id = u.id AND m.org_id = $1
      WHERE u.discord_id = ANY($2::varchar[])`,
    [orgId, [...new Set(discordIds)]],
  );
}

export async function discordIdIsTaken(manager: EntityManager, discordId: string): Promise<boolean> {
  return manager.exists(User, { where: { discordId } });
}

export async function setDiscordLink(tx: EntityManager, userId: string, discordId: string | null): Promise<void> {
  await tx.update(User, { id: userId }, { discordId, discordUsername: null, discordAvatar: null });
}

/** Discord ids and avatar hashes of these users (unknown ids are absent). */
export function discordProfiles(
  manager: EntityManager,
  userIds: string[],
): Promise<{ id: string; discordId: string | null; discordAvatar: string | null }[]> {
  if (!userIds.length) return Promise.resolve([]);
  return manager.query(
    'SELECT id, discord_id AS "discordId", discord_avatar AS "discordAvatar" FROM users WHERE id = ANY($1::uuid[])',
    [[...new Set(userIds)]],
  );
}

/** True when the user is a platform admin or a member of any org other than `orgId`. */
export async function belongsToOtherOrgs(manager: EntityManager, userId: string, orgId: string): Promise<boolean> {
  const [row]: { other: boolean }[] = await manager.query(
    `SELECT u.is_platform_admin OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.org_id <> $2) AS other
       FROM users u WHERE u.id = $1`,
    [userId, orgId],
  );
  return row?.other ?? false;
}

/** Ids of the users with these (lower-case) usernames. */
export async function idsByUsername(manager: EntityManager, usernames: string[]): Promise<Map<string, string>> {
  if (!usernames.length) return new Map();
  const rows: { id: string; username: string }[] = await manager.query(
    'SELECT id, username FROM users WHERE username = ANY($1::text[])',
    [usernames],
  );
  return new Map(rows.map((row) => [row.username, row.id]));
}

/** Which of these Discord ids are linked to a user already. */
export async function takenDiscordIds(manager: EntityManager, discordIds: string[]): Promise<Set<string>> {
  if (!discordIds.length) return new Set();
  const rows: { discordId: string }[] = await manager.query(
    'SELECT discord_id AS "discordId" FROM users WHERE discord_id = ANY($1::varchar[])',
    [discordIds],
  );
  return new Set(rows.map((row) => row.discordId));
}

/** Inserts password-less users; a row clashing with an existing username or Discord id is skipped. */
export async function insertUsersIfMissing(
  tx: EntityManager,
  rows: { username: string; displayName: string | null; discordId: string | null }[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += BULK_CHUNK) {
    const part = rows.slice(start, start + BULK_CHUNK);
    await tx.query(
      `INSERT INTO users (username, display_name, discord_id)
       SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[])
       ON CONFLICT DO NOTHING`,
      [part.map((row) => row.username), part.map((row) => row.displayName), part.map((row) => row.discordId)],
    );
  }
}
