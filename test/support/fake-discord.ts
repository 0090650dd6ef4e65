import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** What Discord's `/users/@me` returns for the tests' purposes. */
export interface FakeDiscordUser {
  /** A snowflake: 17-19 digits. */
  id: string;
  username: string;
  global_name?: string | null;
  /** Avatar hash (`a_` prefix: animated); none by default. */
  avatar?: string | null;
}

export interface FakeDiscordOptions {
  clientId: string;
  clientSecret: string;
  /** The redirect_uri the app must send with the code exchange. */
  redirectUri: string;
}

export interface FakeDiscord {
  /** Origin of the fake, to use as DISCORD_BASE_URL. */
  url: string;
  /** Registers a one-time authorization code that resolves to `user`; returns the code. */
  code(user: FakeDiscordUser): string;
  /** Every token exchange the fake received, for asserting on what the app sent. */
  tokenRequests: Record<string, string>[];
  /**
   * `up` answers normally; `down` drops every connection without an answer (as if Discord
   * were unreachable); `error` answers 500 to everything.
   */
  mode: 'up' | 'down' | 'error';
  close(): Promise<void>;
}

let snowflakeCounter = 0;

/** A fresh Discord-like id (18 digits), unique within a run and very likely across runs. */
export function snowflake(): string {
  snowflakeCounter += 1;
  const random = BigInt(`0x${randomBytes(6).toString('hex')}`) % 1_000_000_000_000n;
  return `1${random.toString().padStart(12, '0')}${String(snowflakeCounter % 100_000).padStart(5, '0')}`;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A minimal stand-in for Discord's OAuth2 API on 127.0.0.1: the code exchange and `/users/@me`.
 * Codes are single-use, like Discord's; access tokens map to the code's user.
 */
export async function startFakeDiscord(options: FakeDiscordOptions): Promise<FakeDiscord> {
  const codes = new Map<string, FakeDiscordUser>();
  const accessTokens = new Map<string, FakeDiscordUser>();
  const tokenRequests: Record<string, string>[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (fake.mode === 'down') return void req.socket.destroy();
    if (fake.mode === 'error') return send(res, 500, { message: 'Internal Server Error', code: 0 });
    const url = new URL(req.url ?? '/', 'http://fake');
    if (req.method === 'POST' && url.pathname === '/api/v10/oauth2/token') {
      if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) {
        return send(res, 415, { error: 'unsupported_media_type' });
      }
      const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
      tokenRequests.push(form);
      if (form.client_id !== options.clientId || form.client_secret !== options.clientSecret) {
        return send(res, 401, { error: 'invalid_client' });
      }
      if (form.grant_type !== 'authorization_code') return send(res, 400, { error: 'unsupported_grant_type' });
      if (form.redirect_uri !== options.redirectUri)
        return send(res, 400, { error: 'invalid_grant', error_description: 'Invalid "redirect_uri" in request.' });
      const user = codes.get(form.code ?? '');
      if (!user) return send(res, 400, { error: 'invalid_grant', error_description: 'Invalid "code" in request.' });
      codes.delete(form.code);
      const accessToken = randomBytes(16).toString('hex');
      accessTokens.set(accessToken, user);
      return send(res, 200, {
        access_token: accessToken,
        token_type: 'Bearer',
        expires_in: 604800,
        refresh_token: randomBytes(16).toString('hex'),
        scope: 'identify',
      });
    }
    if (req.method === 'GET' && url.pathname === '/api/v10/users/@me') {
      const [scheme, token] = (req.headers.authorization ?? '').split(' ');
      const user = scheme === 'Bearer' ? accessTokens.get(token ?? '') : undefined;
      if (!user) return send(res, 401, { message: '401: Unauthorized', code: 0 });
      return send(res, 200, {
        id: user.id,
        username: user.username,
        global_name: user.global_name ?? null,
        discriminator: '0',
        avatar: user.avatar ?? null,
      });
    }
    return send(res, 404, { message: '404: Not Found', code: 0 });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, { message: 'fake discord crashed' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const fake: FakeDiscord = {
    url: `http://127.0.0.1:${port}`,
    tokenRequests,
    mode: 'up',
    code(user) {
      const code = randomBytes(12).toString('hex');
      codes.set(code, user);
      return code;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  return fake;
}
