import type { ApiKey } from './api-keys/api-key.entity';
import type { User } from './users/user.entity';

/** Who is calling: a user, possibly through one of their API keys or an org's bot key. */
export interface Principal {
  user: User;
  /** Set when the call authenticated with an API key rather than a login token. */
  apiKey?: Pick<ApiKey, 'id' | 'kind' | 'orgId' | 'scopes' | 'rateLimitTier'>;
  /** Set when the call authenticated with a login token: its session (refresh-token family). */
  sessionId?: string;
}

/** A credential limited to scopes: every bot key, and personal keys created with scopes. */
export function isScopeLimited(principal: Principal): boolean {
  return Boolean(principal.apiKey && (principal.apiKey.kind === 'bot' || principal.apiKey.scopes.length > 0));
}

/** Stable identity for rate limits and idempotency scopes. */
export function principalKey(principal: Principal): string {
  return principal.apiKey ? `key:${principal.apiKey.id}` : `user:${principal.user.id}`;
}
