import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import type { AppConfig } from '../../config/app-config';
import { Problem } from '../../http/problem';
import { TokensService } from './tokens.service';

/** Access-token verification, remembered per token string: same answers, one HMAC per token. */
describe('TokensService.verifyAccessToken', () => {
  const jwt = new JwtService({ secret: 'unit-test-secret-0123456789-abcdefghijklmnop' });
  const tokens = new TokensService(jwt, {} as AppConfig, {} as never);
  const sign = (claims: object, expiresIn = 600) => jwt.sign(claims, { expiresIn, algorithm: 'HS256' });
  /** The problem body `fn` throws. */
  const problemOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return (error as Problem).getResponse();
    }
    throw new Error('expected a problem');
  };

  afterEach(() => jest.restoreAllMocks());

  it('verifies a token once and answers the same from memory after', () => {
    const [sub, sid] = [randomUUID(), randomUUID()];
    const token = sign({ sub, sid, typ: 'access' });
    const verify = jest.spyOn(jwt, 'verify');
    expect(tokens.verifyAccessToken(token)).toEqual({ userId: sub, sessionId: sid });
    expect(tokens.verifyAccessToken(token)).toEqual({ userId: sub, sessionId: sid });
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it('still refuses a remembered token once it expires', () => {
    const now = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(now);
    const token = sign({ sub: randomUUID(), sid: randomUUID(), typ: 'access' }, 60);
    expect(tokens.verifyAccessToken(token).userId).toEqual(expect.any(String));
    jest.spyOn(Date, 'now').mockReturnValue(now + 61_000);
    expect(problemOf(() => tokens.verifyAccessToken(token))).toMatchObject({ status: 401, slug: 'token-expired' });
    // Forgotten, and refused again by the full check.
    expect(problemOf(() => tokens.verifyAccessToken(token))).toMatchObject({ status: 401 });
  });

  it('remembers nothing it refused: a bad signature or claims stay refused', () => {
    const good = sign({ sub: randomUUID(), sid: randomUUID(), typ: 'access' });
    const forged = `${good.slice(0, good.lastIndexOf('.'))}.AAAA`;
    for (const token of [forged, sign({ sub: randomUUID(), sid: randomUUID(), typ: 'refresh' }), sign({ sub: 'x' })]) {
      expect(problemOf(() => tokens.verifyAccessToken(token))).toMatchObject({ status: 401, slug: 'unauthenticated' });
      expect(problemOf(() => tokens.verifyAccessToken(token))).toMatchObject({ status: 401, slug: 'unauthenticated' });
    }
  });
});
