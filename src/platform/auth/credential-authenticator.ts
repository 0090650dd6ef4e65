import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { Problem } from '../http/problem';
import { ApiKeysService } from './api-keys/api-keys.service';
import { CallerCache } from './caller-cache';
import { OrgLookup, primaryPool, sessionCaller } from './caller.queries';
import type { Principal } from './principal';
import { TokensService } from './tokens/tokens.service';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * Set by the credential strategy on requests with an `{org}` parameter: the org and the
     * caller's membership, fetched in the caller's lookup; the access guard decides on it.
     */
    prefetchedOrg?: OrgLookup;
  }
}

const unauthenticated = (detail: string, slug = 'unauthenticated') => new Problem(401, detail, { slug });

/** The raw credential of a request: `Authorization: Bearer <jwt|key>` or `X-API-Key: <key>`. */
export function presentedCredential(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header) {
    const [scheme, value] = header.split(' ');
    if (scheme?.toLowerCase() === 'bearer' && value) return value.trim();
    throw new Problem(401, 'Authorization must be "Bearer <token or API key>"');
  }
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' && apiKey ? apiKey.trim() : undefined;
}

/** The lower-cased `{org}` parameter of the route, if it has one. */
function orgSlugOf(request: FastifyRequest): string | null {
  const slug = (request.params as Record<string, string> | undefined)?.org;
  return typeof slug === 'string' && slug ? slug.toLowerCase() : null;
}

/**
 * Who is calling, for every credential: login JWTs and API keys. The user, the session or key,
 * and on org routes the org and the caller's membership are read in one statement, or served by
 * the CallerCache, which drops its entries on any change to them: a disabled account, an ended
 * session, a revoked key, a lowered tier or a removed member stops working at once, on every
 * instance.
 *
 * The access guard calls it directly. It used to be a passport strategy behind @nestjs/passport's
 * AuthGuard, which added nothing here (one strategy, no sessions, no redirects) but cost a
 * measured ~0.08 ms of CPU per request (a strategy object, callbacks and promises per call:
 * bench/RESULTS.md), and kept its strategies in a process-global registry, so that of two apps
 * in one process (tests) only the one built last authenticated.
 */
@Injectable()
export class CredentialAuthenticator {
  constructor(
    private readonly tokens: TokensService,
    private readonly apiKeys: ApiKeysService,
    private readonly dataSource: DataSource,
    private readonly cache: CallerCache,
  ) {}

  /** The caller's principal; a 401 problem when the credential is missing, malformed, unknown or ended. */
  async authenticate(request: FastifyRequest): Promise<Principal> {
    const credential = presentedCredential(request);
    if (!credential) throw new Problem(401, 'This route needs a bearer token or an API key');
    const slug = orgSlugOf(request);
    if (credential.split('.').length === 3) {
      const { userId, sessionId } = this.tokens.verifyAccessToken(credential);
      const caller = await this.cache.get(
        `session|${userId}|${sessionId}|${slug ?? ''}`,
        () => sessionCaller(primaryPool(this.dataSource), userId, sessionId, slug),
        (found) => !!found && !found.user.disabledAt && found.sessionOpen,
      );
      if (!caller || caller.user.disabledAt) throw unauthenticated('The account no longer exists or is disabled');
      if (!caller.sessionOpen)
        throw unauthenticated('The session of this token has ended (logout or password change)', 'session-ended');
      request.prefetchedOrg = caller.orgLookup;
      return { user: caller.user, sessionId };
    }
    const found = await this.apiKeys.authenticate(credential, slug);
    if (!found) throw new Problem(401, 'The API key is unknown, revoked or expired', { slug: 'invalid-api-key' });
    request.prefetchedOrg = found.orgLookup;
    return found.principal;
  }
}
