import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { Problem } from '../../http/problem';

export interface DiscordUser {
  id: string;
  username: string;
  global_name?: string | null;
  /** Avatar hash (`a_` prefix: animated); null when the user has none. */
  avatar?: string | null;
}

/** Talks to Discord's OAuth2 endpoints at the configured base URL (a local fake in tests). */
@Injectable()
export class DiscordOAuthClient {
  constructor(@Inject(AppConfig) private readonly config: AppConfig) {}

  get redirectUri(): string {
    const base = this.config.PUBLIC_URL ?? `http://localhost:${this.config.PORT}`;
    return this.config.DISCORD_REDIRECT_URI ?? `${base.replace(/\/$/, '')}/api/v1/auth/discord/callback`;
  }

  authorizeUrl(state: string): string {
    const url = new URL('/oauth2/authorize', this.config.DISCORD_BASE_URL);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: this.config.DISCORD_CLIENT_ID!,
      scope: 'identify',
      state,
      redirect_uri: this.redirectUri,
      prompt: 'none',
    }).toString();
    return url.toString();
  }

  /** Exchanges an authorization code and reads the Discord user it belongs to. */
  async fetchUser(code: string): Promise<DiscordUser> {
    const token = await this.call<{ access_token: string }>('/api/v10/oauth2/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: this.redirectUri,
        client_id: this.config.DISCORD_CLIENT_ID!,
        client_secret: this.config.DISCORD_CLIENT_SECRET!,
      }).toString(),
    });
    const user = await this.call<DiscordUser>('/api/v10/users/@me', {
      headers: { Authorization: `Bearer ${token.access_token}` },
    });
    if (!/^\d{15,20}$/.test(user.id ?? ''))
      throw new Problem(502, 'Discord returned an invalid user', { slug: 'discord-error' });
    return user;
  }

  private async call<T>(path: string, init: RequestInit): Promise<T> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.config.DISCORD_BASE_URL), {
        ...init,
        signal: AbortSignal.timeout(10_000),
      });
    } catch {
      throw new Problem(502, 'Discord could not be reached', { slug: 'discord-unreachable' });
    }
    if (response.status === 400 || response.status === 401) {
      throw new Problem(400, 'Discord refused the authorization code', { slug: 'discord-code-rejected' });
    }
    if (!response.ok) throw new Problem(502, `Discord answered ${response.status}`, { slug: 'discord-error' });
    return (await response.json()) as T;
  }
}
