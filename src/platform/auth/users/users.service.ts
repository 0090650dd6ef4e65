import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { EntityManager, Repository } from 'typeorm';
import { PG_UNIQUE_VIOLATION, pgCode, pgConstraint } from '../../database/pg-errors';
import { Problem } from '../../http/problem';
import { User } from './user.entity';

/** OWASP's argon2id baseline: 19 MiB, 2 passes. */
const ARGON2_OPTIONS: argon2.HashOptions = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };

/** A hash verified when the user does not exist, so timing does not reveal which usernames exist. */
let dummyHash: Promise<string> | undefined;

@Injectable()
export class UsersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  hashPassword(password: string): Promise<string> {
    return argon2.hash(password, ARGON2_OPTIONS);
  }

  async create(input: { username: string; email?: string | null; password?: string; displayName?: string | null }): Promise<User> {
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
        const field = { uq_users_username: 'username', uq_users_email: 'email', uq_users_discord_id: 'discordId' }[pgConstraint(error) ?? ''] ?? 'username';
        throw Problem.conflict(`That ${field} is already taken`, `${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}-taken`, { field });
      }
      throw error;
    }
  }

  /** Username or email plus password; null when they do not match an active user. */
  async verifyLogin(login: string, password: string): Promise<User | null> {
    const key = login.toLowerCase();
    const user = await this.users.findOne({ where: key.includes('@') ? { email: key } : { username: key } });
    if (!user?.passwordHash) {
      dummyHash ??= this.hashPassword('not-a-real-password');
      await argon2.verify(await dummyHash, password);
      return null;
    }
    const ok = await argon2.verify(user.passwordHash, password);
    return ok && !user.disabledAt ? user : null;
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
}
