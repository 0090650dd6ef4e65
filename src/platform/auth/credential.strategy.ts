import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-custom';
import { Problem } from '../http/problem';
import { ApiKeysService } from './api-keys/api-keys.service';
import type { Principal } from './principal';
import { TokensService } from './tokens/tokens.service';

export const CREDENTIAL_STRATEGY = 'credential';

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

/**
 * One passport strategy for every credential: login JWTs and API keys. The user is loaded on
 * every request, so a disabled account, an ended session or a revoked key stops working at once.
 */
@Injectable()
export class CredentialStrategy extends PassportStrategy(Strategy, CREDENTIAL_STRATEGY) {
  constructor(
    private readonly tokens: TokensService,
    private readonly apiKeys: ApiKeysService,
  ) {
    super();
  }

  async validate(request: FastifyRequest): Promise<Principal> {
    const credential = presentedCredential(request);
    if (!credential) throw new Problem(401, 'This route needs a bearer token or an API key');
    if (credential.split('.').length === 3) {
      const { user, sessionId } = await this.tokens.authenticate(credential);
      return { user, sessionId };
    }
    const principal = await this.apiKeys.authenticate(credential);
    if (!principal) throw new Problem(401, 'The API key is unknown, revoked or expired', { slug: 'invalid-api-key' });
    return principal;
  }
}
