import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Not, Repository } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { Problem } from '../../http/problem';
import { hashSecret, randomSecret, secretMatches } from '../secrets';
import { User } from '../users/user.entity';
import { RefreshToken } from './refresh-token.entity';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  tokenType: 'Bearer';
}

interface AccessClaims {
  sub: string;
  typ: 'access';
  /** The session: the refresh-token family the token was issued with. */
  sid: string;
  exp?: number;
}

/** What a valid access token claims: its user and session, still to be checked against the database. */
export interface AccessTokenClaims {
  userId: string;
  sessionId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const unauthenticated = (detail: string, slug = 'unauthenticated') => new Problem(401, detail, { slug });
const expired = () => unauthenticated('The access token has expired; refresh it', 'token-expired');

/** How many verified access tokens are remembered (a client sends the same one for minutes). */
const VERIFIED_TOKENS_MAX = 10_000;

/**
 * Short-lived JWT access tokens and opaque, rotating refresh tokens (`<id>.<secret>`, stored as
 * a hash). Refreshing marks the old token rotated in one conditional UPDATE, so two concurrent
 * refreshes with the same token cannot both succeed: the loser is treated as reuse.
 */
@Injectable()
export class TokensService {
  /**
   * Access tokens whose signature and claims were already checked, with their expiry (ms): a
   * token is an immutable string, so checking it again would only repeat the HMAC and the JSON
   * parsing (a measured share of every request's CPU). The expiry is still checked on each use;
   * whether the session is open is not a property of the token (CredentialAuthenticator reads it).
   * Oldest first out when full.
   */
  private readonly verified = new Map<string, { claims: AccessTokenClaims; expiresAtMs: number }>();

  constructor(
    private readonly jwt: JwtService,
    @Inject(AppConfig) private readonly config: AppConfig,
    @InjectRepository(RefreshToken) private readonly refreshTokens: Repository<RefreshToken>,
  ) {}

  async issue(user: User, familyId: string = randomUUID()): Promise<TokenPair> {
    const secret = randomSecret();
    const row = await this.refreshTokens.save(
      this.refreshTokens.create({
        userId: user.id,
        familyId,
        secretHash: hashSecret(secret),
        expiresAt: new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000),
      }),
    );
    const claims: AccessClaims = { sub: user.id, typ: 'access', sid: familyId };
    return {
      accessToken: await this.jwt.signAsync(claims, { expiresIn: this.config.JWT_ACCESS_TTL_SECONDS }),
      refreshToken: `${row.id}.${secret}`,
      expiresIn: this.config.JWT_ACCESS_TTL_SECONDS,
      tokenType: 'Bearer',
    };
  }

  /**
   * The user and session a well-formed, unexpired access token names; 401 for anything else.
   * Synchronous and without I/O: the signing key is a KeyObject made once (AuthModule), so
   * jsonwebtoken does not rebuild a key from the secret string on every request. Whether the
   * user is active and the session still open is checked by the caller's one lookup
   * (CredentialAuthenticator), so logout and a password change take effect at once.
   */
  verifyAccessToken(token: string): AccessTokenClaims {
    const known = this.verified.get(token);
    if (known) {
      // jsonwebtoken's rule: expired from the second of `exp` on.
      if (Math.floor(Date.now() / 1000) * 1000 < known.expiresAtMs) return known.claims;
      this.verified.delete(token);
      throw expired();
    }
    const claims = this.verifyUnseen(token);
    if (this.verified.size >= VERIFIED_TOKENS_MAX) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, claims);
    return claims.claims;
  }

  private verifyUnseen(token: string): { claims: AccessTokenClaims; expiresAtMs: number } {
    try {
      const claims = this.jwt.verify<AccessClaims>(token, { algorithms: ['HS256'] });
      if (claims.typ !== 'access' || typeof claims.sub !== 'string') throw new Error('not an access token');
      // A token without an expiry would be valid forever; one without a session cannot be revoked.
      if (typeof claims.exp !== 'number' || typeof claims.sid !== 'string') throw new Error('missing exp or sid');
      if (!UUID.test(claims.sub) || !UUID.test(claims.sid)) throw new Error('malformed sub or sid');
      return { claims: { userId: claims.sub, sessionId: claims.sid }, expiresAtMs: claims.exp * 1000 };
    } catch (error) {
      if (error instanceof TokenExpiredError) throw expired();
      throw unauthenticated('The access token is invalid');
    }
  }

  /** Rotates a refresh token; presenting a rotated one revokes its whole family. */
  async rotate(presented: string, loadUser: (id: string) => Promise<User | null>): Promise<TokenPair> {
    const token = await this.find(presented);
    if (!token || token.revokedAt || token.expiresAt <= new Date()) {
      throw unauthenticated('The refresh token is invalid, expired or revoked');
    }
    const claimed = await this.refreshTokens.update(
      { id: token.id, rotatedAt: IsNull(), revokedAt: IsNull() },
      { rotatedAt: new Date() },
    );
    if (!claimed.affected) {
      await this.revokeFamily(token.familyId);
      throw unauthenticated(
        'This refresh token was already used; the session has been revoked',
        'refresh-token-reused',
      );
    }
    const user = await loadUser(token.userId);
    if (!user) {
      await this.revokeFamily(token.familyId);
      throw unauthenticated('The account is disabled');
    }
    return this.issue(user, token.familyId);
  }

  /** Logout: ends the session the token belongs to. Unknown tokens are ignored (idempotent). */
  async revoke(presented: string): Promise<void> {
    const token = await this.find(presented);
    if (token) await this.revokeFamily(token.familyId);
  }

  /** Ends every session of a user (after a password change), except `keepSessionId` if given. */
  async revokeAllForUser(userId: string, keepSessionId?: string): Promise<void> {
    await this.refreshTokens.update(
      { userId, revokedAt: IsNull(), ...(keepSessionId ? { familyId: Not(keepSessionId) } : {}) },
      { revokedAt: new Date() },
    );
  }

  private async find(presented: string): Promise<RefreshToken | null> {
    const [id, secret] = presented.split('.');
    if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) return null;
    const token = await this.refreshTokens.findOne({ where: { id } });
    return token && secretMatches(secret, token.secretHash) ? token : null;
  }

  private async revokeFamily(familyId: string): Promise<void> {
    await this.refreshTokens.update({ familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
