import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { EntityManager, Repository } from 'typeorm';
import { PG_UNIQUE_VIOLATION, pgCode, pgConstraint } from '../../database/pg-errors';
import { Problem } from '../../http/problem';
import type { UserSummary } from '../../tenancy/members/member-directory';
import { User } from './user.entity';
import { USER_SQL } from './user-sql';
import * as queries from './users.queries';

/** OWASP's argon2id baseline: 19 MiB, 2 passes. */
const ARGON2_OPTIONS: argon2.HashOptions = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };

/** A hash verified when the user does not exist, so timing does not reveal which usernames exist. */
let dummyHash: Promise<string> | undefined;

@Injectable()
export class UsersService {
  /**
   * Platform-owned SQL fragments (`user-sql.ts`) a context statement may embed to read a user
   * with its own rows in one statement, instead of a second round trip to this service.
   */
  static readonly sql = USER_SQL;

  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  hashPassword(password: string): Promise<string> {
    return argon2.hash(password, ARGON2_OPTIONS);
  }

  async create(input: {
    username: string;
    email?: string | null;
    password?: string;
    displayName?: string | null;
  }): Promise<User> {
    const user = this.users.create({
      username: input.username.toLowerCase(),
      email: input.email?.toLowerCase() ?? null,
      displayName: input.displayName ?? null,
      passwordHash: input.password ? await this.hashPassword(input.password) : null,
    });
    return this.save(user);
  }

  save(user: User): Promise<User> {
    return this.saveUnique(this.users.manager, user);
  }

  /** Saves a user, turning a clash on username, email or Discord id into a 409 that names it. */
  async saveUnique(manager: EntityManager, user: User): Promise<User> {
    try {
      return await manager.save(User, user);
    } catch (error) {
      if (pgCode(error) === PG_UNIQUE_VIOLATION) {
        const field =
          { uq_users_username: 'username', uq_users_email: 'email', uq_users_discord_id: 'discordId' }[
            pgConstraint(error) ?? ''
          ] ?? 'username';
        throw Problem.conflict(
          `That ${field} is already taken`,
          `${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}-taken`,
          { field },
        );
      }
      throw error;
    }
  }

  /** Username or email plus password; null when they do not match an active user. */
  async verifyLogin(login: string, password: string): Promise<User | null> {
    const user = await this.findByLogin(login);
    return (await this.passwordMatches(user, password)) ? user : null;
  }

  /** The user a login name (username, or email when it has an `@`) designates, active or not. */
  findByLogin(login: string): Promise<User | null> {
    const key = login.toLowerCase();
    return this.users.findOne({ where: key.includes('@') ? { email: key } : { username: key } });
  }

  /** Whether `password` is the password of this active user; takes as long when there is no user. */
  async passwordMatches(user: User | null, password: string): Promise<boolean> {
    if (!user?.passwordHash) {
      // Timing must not reveal which usernames exist.
      dummyHash ??= this.hashPassword('not-a-real-password');
      await argon2.verify(await dummyHash, password);
      return false;
    }
    return (await argon2.verify(user.passwordHash, password)) && !user.disabledAt;
  }

  findActive(id: string): Promise<User | null> {
    return this.users.findOne({ where: { id } }).then((u) => (u && !u.disabledAt ? u : null));
  }

  findByUsername(username: string): Promise<User | null> {
    return this.users.findOne({ where: { username: username.toLowerCase() } });
  }

  findByDiscordId(discordId: string): Promise<User | null> {
    return this.users.findOne({ where: { discordId } });
  }

  // --- For contexts: users by id or Discord id, and the Discord link -------------------------

  /** Usernames and Discord ids of these users, by id (unknown ids are absent). */
  async summariesOf(userIds: string[], tx?: EntityManager): Promise<Map<string, UserSummary>> {
    const rows = await queries.userSummaries(this.manager(tx), userIds);
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** Discord id and avatar hash by user id, for avatars (unknown ids are absent). */
  async discordProfilesOf(
    userIds: string[],
    tx?: EntityManager,
  ): Promise<Map<string, { discordId: string | null; discordAvatar: string | null }>> {
    const rows = await queries.discordProfiles(this.manager(tx), userIds);
    return new Map(rows.map((row) => [row.id, { discordId: row.discordId, discordAvatar: row.discordAvatar }]));
  }

  /** Refreshes the Discord avatar hash of a user (at each Discord login). */
  async setDiscordAvatar(userId: string, discordAvatar: string | null): Promise<void> {
    await this.users.update({ id: userId }, { discordAvatar });
  }

  /** The member of `orgId` linked to this Discord id, or null. */
  async memberByDiscordId(orgId: string, discordId: string, tx?: EntityManager): Promise<UserSummary | null> {
    const [member] = await queries.membersWithDiscordIds(this.manager(tx), orgId, [discordId]);
    return member ?? null;
  }

  /** Discord id -> user id, for the members of `orgId` among these Discord ids. */
  async membersByDiscordIds(orgId: string, discordIds: string[], tx?: EntityManager): Promise<Map<string, string>> {
    const rows = await queries.membersWithDiscordIds(this.manager(tx), orgId, discordIds);
    return new Map(rows.map((row) => [row.discordId!, row.id]));
  }

  /**
   * Links the user to a Discord account, locking the user. 409 `user-disabled`, `already-linked`
   * (another Discord id; unlink first) or `discord-id-taken` (also when a concurrent link wins the
   * unique index: the caller's transaction is then aborted, as the Problem rolls it back anyway).
   */
  async linkDiscord(tx: EntityManager, userId: string, discordId: string): Promise<{ changed: boolean }> {
    const user = await queries.lockUser(tx, userId);
    if (!user) throw Problem.notFound('User');
    if (user.disabledAt) throw Problem.conflict('The user is disabled', 'user-disabled');
    if (user.discordId === discordId) return { changed: false };
    if (user.discordId)
      throw Problem.conflict('The user is linked to another Discord account; unlink it first', 'already-linked', {
        discordId: user.discordId,
      });
    const taken = () => Problem.conflict('That Discord account is linked to another user', 'discord-id-taken');
    if (await queries.discordIdIsTaken(tx, discordId)) throw taken();
    try {
      await queries.setDiscordLink(tx, userId, discordId);
    } catch (error) {
      if (pgCode(error) === PG_UNIQUE_VIOLATION) throw taken();
      throw error;
    }
    return { changed: true };
  }

  /** Removes the user's Discord link. 404 when not linked; 409 `would-lock-out` without a password. */
  async unlinkDiscord(tx: EntityManager, userId: string): Promise<{ previousDiscordId: string }> {
    const user = await queries.lockUser(tx, userId);
    if (!user?.discordId) throw Problem.notFound('Discord link of that user');
    if (!user.passwordHash)
      throw Problem.conflict('The user logs in only through Discord; unlinking would lock them out', 'would-lock-out');
    await queries.setDiscordLink(tx, userId, null);
    return { previousDiscordId: user.discordId };
  }

  /** Whether the user is a member of another org than `orgId`, or a platform admin. */
  belongsToOtherOrgs(userId: string, orgId: string, tx?: EntityManager): Promise<boolean> {
    return queries.belongsToOtherOrgs(this.manager(tx), userId, orgId);
  }

  /**
   * Bulk form for loaders and demo data: creates the password-less users that do not exist (by
   * lower-cased username) and returns username -> id for every row. A Discord id already linked
   * to another user (or given twice) is left unset on the new user.
   */
  async ensureUsers(
    tx: EntityManager,
    rows: { username: string; displayName?: string | null; discordId?: string | null }[],
  ): Promise<Map<string, string>> {
    const usernames = [...new Set(rows.map((row) => row.username.toLowerCase()))];
    const existing = await queries.idsByUsername(tx, usernames);
    const taken = await queries.takenDiscordIds(
      tx,
      rows.flatMap((row) => (row.discordId ? [row.discordId] : [])),
    );
    const created = new Set<string>();
    const missing = rows.flatMap((row) => {
      const username = row.username.toLowerCase();
      if (existing.has(username) || created.has(username)) return [];
      created.add(username);
      const discordId = row.discordId && !taken.has(row.discordId) ? row.discordId : null;
      if (discordId) taken.add(discordId);
      return [{ username, displayName: row.displayName ?? null, discordId }];
    });
    await queries.insertUsersIfMissing(tx, missing);
    const ids = created.size ? await queries.idsByUsername(tx, usernames) : existing;
    return new Map(
      rows.flatMap((row) => {
        const id = ids.get(row.username.toLowerCase());
        return id ? [[row.username, id] as const] : [];
      }),
    );
  }

  /**
   * Import form, for users the caller has just created: sets their (lower-cased) e-mail and
   * disables those marked `disabled`. An e-mail another user already has is left unset (never
   * used to match accounts); the refused addresses are returned.
   */
  async setImportedDetails(
    tx: EntityManager,
    rows: { userId: string; email?: string | null; disabled?: boolean }[],
  ): Promise<Set<string>> {
    const wanted = rows.flatMap((row) => (row.email ? [row.email.toLowerCase()] : []));
    const usedRows: { email: string }[] = wanted.length
      ? await tx.query('SELECT email FROM users WHERE email = ANY($1::varchar[])', [wanted])
      : [];
    const refused = new Set(usedRows.map((row) => row.email));
    const emails = rows.map((row) => {
      const email = row.email?.toLowerCase() ?? null;
      return email && !refused.has(email) ? email : null;
    });
    await tx.query(
      `UPDATE users SET email = COALESCE(d.email, users.email),
              disabled_at = CASE WHEN d.disabled THEN now() ELSE users.disabled_at END
       FROM unnest($1::uuid[], $2::varchar[], $3::boolean[]) AS d(id, email, disabled)
       WHERE users.id = d.id`,
      [rows.map((row) => row.userId), emails, rows.map((row) => row.disabled ?? false)],
    );
    return refused;
  }

  private manager(tx?: EntityManager): EntityManager {
    return tx ?? this.users.manager;
  }
}
