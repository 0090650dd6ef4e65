import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The SDK as an outsider gets it: `npm pack` (which builds it), installed from the tarball into
 * a fresh project outside the monorepo, typechecked in strict mode as ES modules (nodenext)
 * with the repository's TypeScript, then run with node through `import` and through `require`.
 */
const sdkDir = resolve(__dirname, '..');
const tsc = require.resolve('typescript/bin/tsc');
// Children get a plain environment: jest's NODE_OPTIONS and the workspace's npm settings stay out.
const env = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => k !== 'NODE_OPTIONS' && !k.toLowerCase().startsWith('npm_')),
);

function run(cmd: string, args: string[], cwd: string): string {
  try {
    return execFileSync(cmd, args, { cwd, env, encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}\n${e.stdout ?? ''}\n${e.stderr ?? ''}\n${e.message}`, {
      cause: error,
    });
  }
}

/** A strict ESM program: every call below is checked against the contract. */
const program = `
import {
  createQuartermasterClient, paginate, unwrap, ProblemError, withTimeout, signWebhookPayload,
  constructWebhookEvent, isWebhookEvent, biddingEvents, type Schema, type BiddingEvent,
} from '@quartermaster/sdk';

const answers: Record<string, unknown> = {
  '/api/v1/me': { id: 'u1', username: 'tarball' },
  '/api/v1/orgs/guild/members': { items: [{ userId: 'u1' }, { userId: 'u2' }], nextCursor: null },
  '/api/v1/orgs/guild/dkp/items': { items: [{ name: 'Cloak' }], total: 1 },
};
const fakeFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
  const request = new Request(input, init);
  const path = new URL(request.url).pathname;
  if (!(path in answers)) {
    const problem = { type: 'https://quartermaster.dev/problems/not-found', title: 'Not found', status: 404 };
    return new Response(JSON.stringify(problem), { status: 404, headers: { 'Content-Type': 'application/problem+json' } });
  }
  return Response.json(answers[path]);
};

const api = createQuartermasterClient({ baseUrl: 'http://api.test', apiKey: 'qm_test', fetch: fakeFetch });
const me: Schema<'UserDto'> = await unwrap(api.GET('/api/v1/me', { middleware: [withTimeout(5_000)] }));

const members: string[] = [];
for await (const m of paginate((cursor) =>
  api.GET('/api/v1/orgs/{org}/members', { params: { path: { org: 'guild' }, query: { cursor, limit: 50 } } }),
)) {
  members.push(m.userId);
}
const items: string[] = [];
for await (const item of paginate((_cursor, offset) =>
  api.GET('/api/v1/orgs/{org}/dkp/items', { params: { path: { org: 'guild' }, query: { offset } } }),
)) {
  items.push(item.name);
}

let slug = '';
try {
  await unwrap(api.GET('/api/v1/orgs/{org}', { params: { path: { org: 'nowhere' } } }));
} catch (error) {
  if (error instanceof ProblemError) slug = error.slug;
}

// @ts-expect-error: not a path of the contract, so the client is really typed
void api.GET('/api/v1/not-a-path');

const body = JSON.stringify({ id: 'e1', type: 'webhook.ping', orgId: 'o1', createdAt: '', data: { webhookId: 'w1', url: 'x' } });
const event = await constructWebhookEvent('secret', await signWebhookPayload('secret', body), body);
const pinged = isWebhookEvent(event, 'webhook.ping') ? event.data.webhookId : '';

const describe = (e: BiddingEvent): string => (e.type === 'outbid' ? e.data.userId : e.type);
void describe;
void biddingEvents;

const resolved = import.meta.resolve('@quartermaster/sdk').includes('/dist/esm/');
console.log(JSON.stringify({ me: me.username, members, items, slug, pinged, resolved }));
`;

const requireCheck = `
const sdk = require('@quartermaster/sdk');
const api = sdk.createQuartermasterClient({ baseUrl: 'http://api.test' });
const problem = new sdk.ProblemError(409, { type: 'x/bid-too-low', title: 'Too low' });
console.log(JSON.stringify({
  client: typeof api.GET,
  slug: problem.slug,
  exports: ['paginate', 'unwrap', 'verifyWebhookSignature', 'openEventStream', 'newIdempotencyKey'].every((k) => typeof sdk[k] === 'function'),
  resolved: require.resolve('@quartermaster/sdk').includes('dist/cjs'),
}));
`;

describe('@quartermaster/sdk tarball', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'qm-sdk-pack-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('installs into a fresh project, typechecks strictly and runs as ESM and CommonJS', () => {
    run('npm', ['pack', '--pack-destination', work, '--silent'], sdkDir);
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
    expect(tarball).toBeDefined();
    const listing = run('tar', ['-tzf', join(work, tarball!)], work).split('\n');
    expect(listing).toEqual(
      expect.arrayContaining([
        'package/dist/esm/index.js',
        'package/dist/cjs/index.d.ts',
        'package/LICENSE',
        'package/README.md',
      ]),
    );
    expect(listing.some((f) => f.startsWith('package/src/') || f.startsWith('package/test/'))).toBe(false);

    const app = join(work, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'scratch', version: '1.0.0', private: true }));
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(work, tarball!)], app);

    writeFileSync(join(app, 'main.mts'), program);
    writeFileSync(join(app, 'check.cjs'), requireCheck);
    // A CommonJS TypeScript module resolves the `require` types of the exports map.
    writeFileSync(
      join(app, 'types.cts'),
      "import { createQuartermasterClient, type Schema } from '@quartermaster/sdk';\n" +
        "export const id: Schema<'UserDto'>['id'] = 'u1';\n" +
        "export const api = createQuartermasterClient({ baseUrl: 'http://api.test', token: () => undefined });\n",
    );
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'ES2022',
          lib: ['ES2022', 'DOM', 'DOM.Iterable'],
          types: [],
          strict: true,
          noUncheckedIndexedAccess: true,
          skipLibCheck: false,
          outDir: 'out',
        },
        files: ['main.mts', 'types.cts'],
      }),
    );
    run(process.execPath, [tsc, '-p', 'tsconfig.json'], app);

    const esm = JSON.parse(run(process.execPath, ['out/main.mjs'], app));
    expect(esm).toEqual({
      me: 'tarball',
      members: ['u1', 'u2'],
      items: ['Cloak'],
      slug: 'not-found',
      pinged: 'w1',
      resolved: true,
    });
    const cjs = JSON.parse(run(process.execPath, ['check.cjs'], app));
    expect(cjs).toEqual({ client: 'function', slug: 'bid-too-low', exports: true, resolved: true });
  }, 300_000);
});
