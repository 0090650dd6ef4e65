import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the fake answers: like the real API, or one of the outages the sync must survive. */
export type FakeMode = 'ok' | 'error-500' | 'slow' | 'malformed' | 'success-0' | 'redirect' | 'huge' | 'wrong-shape';

export interface FakeOrg {
  /** The organization object (`data`), string numbers and all. */
  org: Record<string, unknown>;
  /** The member list (`data`). */
  members: Record<string, unknown>[];
}

/**
 * A local Star Citizen API (starcitizen-api.com style) on 127.0.0.1: `/{key}/v1/live/organization/{sid}`,
 * `/organization_members/{sid}?page=n` (32 to a page) and `/user/{handle}`, with numbers as strings
 * like the real one.
 * `mode` switches all answers to an outage; `modeFor` only the answers of one path kind.
 */
export class FakeScApi {
  readonly key = 'test-sc-key';
  mode: FakeMode = 'ok';
  /** An outage of one endpoint only (e.g. the member list), the others answering normally. */
  modeFor: Partial<Record<'organization' | 'organization_members' | 'user', FakeMode>> = {};
  /** A member list page (from 1) that answers 500 while the others answer normally. */
  failMembersPage: number | null = null;
  readonly orgs = new Map<string, FakeOrg>();
  /** Bios by handle (lower case). */
  readonly bios = new Map<string, string>();
  readonly requests: string[] = [];
  private server?: Server;
  private port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this.url;
  }

  /** Stops listening (calls then meet a refused connection); `start` again reuses the port. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    this.requests.push(req.url ?? '');
    const match = /^\/([^/]+)\/v1\/live\/(organization|organization_members|user)\/([^/?]+)(?:\?page=(\d+))?$/.exec(
      req.url ?? '',
    );
    if (!match || match[1] !== this.key) return this.send(res, 404, { success: 0, message: 'not found' });
    const kind = match[2] as keyof FakeScApi['modeFor'];
    const id = decodeURIComponent(match[3]);
    const page = Number(match[4] ?? 1);
    const mode =
      kind === 'organization_members' && page === this.failMembersPage
        ? 'error-500'
        : (this.modeFor[kind] ?? this.mode);
    if (mode === 'error-500') return this.send(res, 500, { success: 0, message: 'upstream exploded' });
    if (mode === 'malformed') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end('{"success": 1, "data": {"sid": "FAR');
    }
    if (mode === 'success-0') return this.send(res, 200, { success: 0, data: null, message: 'RSI is down' });
    if (mode === 'wrong-shape') return this.send(res, 200, { success: 1, data: 'nope' });
    if (mode === 'redirect') {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' });
      return void res.end();
    }
    if (mode === 'huge') return this.send(res, 200, { success: 1, data: { padding: 'x'.repeat(300_000) } });
    if (mode === 'slow') {
      const timer = setTimeout(() => this.answer(kind, id, page, res), 3_000);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    this.answer(kind, id, page, res);
  }

  private answer(kind: string, id: string, page: number, res: ServerResponse): void {
    if (kind === 'user') {
      const bio = this.bios.get(id.toLowerCase());
      if (bio === undefined) return this.send(res, 200, { success: 0, data: null, message: 'unknown citizen' });
      return this.send(res, 200, { success: 1, data: { profile: { handle: id, bio } } });
    }
    const org = this.orgs.get(id.toUpperCase());
    if (!org) return this.send(res, 200, { success: 0, data: null, message: 'unknown organization' });
    // The member list comes 32 to a page, like RSI's.
    const members = org.members.slice((page - 1) * 32, page * 32);
    this.send(res, 200, { success: 1, data: kind === 'organization' ? org.org : members });
  }

  private send(res: ServerResponse, status: number, body: unknown): void {
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }
}

/** An organization as the API sends it: numbers as strings, texts as { html, plaintext }. */
export function fakeOrganization(sid: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sid,
    name: 'Far Out Corporation',
    href: `/orgs/${sid}`,
    url: `https://robertsspaceindustries.com/orgs/${sid}`,
    archetype: 'Corporation',
    banner: '/media/banner.jpg',
    logo: 'https://robertsspaceindustries.com/media/logo.png',
    commitment: 'Regular',
    focus: { primary: { name: 'Exploration' }, secondary: { name: 'Trading' } },
    lang: 'English',
    members: '123',
    recruiting: '1',
    role_play: '0',
    headline: { html: '<p>Far <b>out</b>!</p>', plaintext: 'Far out!' },
    history: { html: '<p>Founded in 2950.</p>', plaintext: '' },
    manifesto: { plaintext: 'Fly together.' },
    charter: { html: '<script>alert(1)</script><p>Be civil.</p>', plaintext: 'Be civil.' },
    ...overrides,
  };
}

/** A member list entry: stars as a string. */
export function fakeCitizen(handle: string, stars = '3', rank = 'Officer'): Record<string, unknown> {
  return { handle, display: `${handle} Display`, rank, stars, image: `/media/${handle}.jpg`, roles: [] };
}
