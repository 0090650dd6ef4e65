import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { PG_UNIQUE_VIOLATION, pgCode } from '../../database/pg-errors';
import { Problem } from '../../http/problem';
import { hashSecret, randomSecret, secretMatches } from '../secrets';
import { TokenPair, TokensService } from '../tokens/tokens.service';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { DiscordOAuthClient, DiscordUser } from './discord-oauth.client';
import { OAuthState } from './oauth-state.entity';

const STATE_TTL_MS = 10 * 60_000;

/**
 * Discord login and account linking (authorization-code flow). The `state` is stored hashed and
 * consumed with one conditional UPDATE, so it works across instances and only once.
 */
@Injectable()
export class DiscordAuthService {
  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly discord: DiscordOAuthClient,
    private readonly users: UsersService,
    private readonly tokens: TokensService,
  ) {}

  /** Opens a flow: the URL to send the browser to, and the state to bind to that browser. */
  async start(
    purpose: 'login' | 'link',
    userId: string | null = null,
  ): Promise<{ authorizeUrl: string; state: string }> {
    if (!this.config.discordConfigured) {
      throw new Problem(503, 'Discord login is not configured on this server', { slug: 'discord-not-configured' });
    }
    const state = randomSecret();
    await this.db
      .getRepository(OAuthState)
      .insert({ stateHash: hashSecret(state), purpose, userId, expiresAt: new Date(Date.now() + STATE_TTL_MS) });
    return { authorizeUrl: this.discord.authorizeUrl(state), state };
  }

  /** `browserState` is the state cookie of the browser completing the flow; it must be the same state. */
  async complete(code: string, state: string, browserState: string | undefined): Promise<TokenPair> {
    if (!browserState || !secretMatches(browserState, hashSecret(state))) {
      throw new Problem(400, 'This sign-in was started in another browser (or its cookie expired); start again here', {
        slug: 'oauth-state-mismatch',
      });
    }
    const claimed = await this.db
      .createQueryBuilder()
      .update(OAuthState)
      .set({ consumedAt: () => 'now()' })
      .where('state_hash = :hash AND consumed_at IS NULL AND expires_at > now()', { hash: hashSecret(state) })
      .returning(['purpose', 'userId'])
      .execute();
    const row = claimed.raw[0] as { purpose: 'login' | 'link'; user_id: string | null } | undefined;
    if (!row)
      throw new Problem(400, 'The OAuth state is unknown, expired or already used; start again', {
        slug: 'oauth-state-invalid',
      });

    const discordUser = await this.discord.fetchUser(code);
    const user =
      row.purpose === 'link' ? await this.link(row.user_id!, discordUser) : await this.loginOrCreate(discordUser);
    if (user.disabledAt) throw new Problem(401, 'The account is disabled');
    return this.tokens.issue(user);
  }

  async unlink(user: User): Promise<void> {
    if (!user.passwordHash) {
      throw Problem.conflict(
        'Set a password before unlinking Discord, or you could not log in any more',
        'would-lock-out',
      );
    }
    user.discordId = null;
    user.discordUsername = null;
    user.discordAvatar = null;
    await this.users.save(user);
  }

  private async link(userId: string, discordUser: DiscordUser): Promise<User> {
    const owner = await this.users.findByDiscordId(discordUser.id);
    if (owner && owner.id !== userId)
      throw Problem.conflict('This Discord account is linked to another user', 'discord-id-taken');
    const user = await this.users.findActive(userId);
    if (!user) throw new Problem(401, 'The account no longer exists or is disabled');
    user.discordId = discordUser.id;
    user.discordUsername = discordUser.username;
    user.discordAvatar = avatarHashOf(discordUser);
    return this.users.save(user);
  }

  private async loginOrCreate(discordUser: DiscordUser): Promise<User> {
    const existing = await this.users.findByDiscordId(discordUser.id);
    if (existing) {
      // Each login refreshes the avatar hash, as the user may have changed it on Discord.
      const avatar = avatarHashOf(discordUser);
      if (existing.discordAvatar !== avatar) await this.users.setDiscordAvatar(existing.id, avatar);
      return existing;
    }
    const base = discordUser.username
      .toLowerCase()
      .replace(/[^a-z0-9_.-]/g, '')
      .slice(0, 24)
      .padEnd(3, '_');
    for (const candidate of [base, `${base}-${discordUser.id.slice(-4)}`, `${base}-${discordUser.id.slice(-8)}`]) {
      try {
        return await this.db.transaction(async (tx) => {
          const user = tx.create(User, {
            username: candidate,
            discordId: discordUser.id,
            discordUsername: discordUser.username,
            discordAvatar: avatarHashOf(discordUser),
            displayName: discordUser.global_name ?? null,
          });
          return tx.save(User, user);
        });
      } catch (error) {
        if (pgCode(error) !== PG_UNIQUE_VIOLATION) throw error;
        const raced = await this.users.findByDiscordId(discordUser.id);
        if (raced) return raced;
      }
    }
    throw Problem.conflict('Could not choose a free username for this Discord account', 'username-taken');
  }
}

/** Discord's avatar hash when it looks like one (hex, `a_` for animated), else null. */
function avatarHashOf(discordUser: DiscordUser): string | null {
  const hash = discordUser.avatar;
  return typeof hash === 'string' && /^(a_)?[0-9a-f]{1,62}$/i.test(hash) ? hash : null;
}
