import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FILE_STORE, FileStore } from '../../src/platform/files/file-store';
import { JobQueue } from '../../src/platform/jobs/job-queue';
import { http } from '../support/http';
import { MiB, PDF, PNG } from '../support/sample-files';
import { addMember, createOrg, registerUser, startTestApp, TestApp, TestUser } from '../support/test-app';

const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(510, 0x90)]);
const ZIP = Buffer.concat([
  Buffer.from('504b0304140000000000', 'hex'),
  Buffer.alloc(20, 0),
  Buffer.from('a.txt'),
  Buffer.from('hello'),
]);
/** A PNG padded past `size` bytes: still a PNG by its magic bytes. */
const pngOfSize = (size: number) => Buffer.concat([PNG, Buffer.alloc(size - PNG.length, 0)]);

interface Upload {
  status: number;
  body: { id: string; contentType: string; sizeBytes: number; [member: string]: unknown };
}

async function upload(t: TestApp, who: TestUser, org: string, purpose: string, bytes: Buffer, name: string) {
  const response = await fetch(`${t.baseUrl}/api/v1/orgs/${org}/files?purpose=${purpose}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${who.token}`,
      'content-type': 'application/octet-stream',
      'x-file-name': name,
    },
    body: bytes,
  });
  return { status: response.status, body: await response.json() } as Upload;
}

async function download(t: TestApp, who: TestUser, org: string, id: string) {
  const response = await fetch(`${t.baseUrl}/api/v1/orgs/${org}/files/${id}`, {
    headers: { authorization: `Bearer ${who.token}` },
  });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The same behaviour whatever the store: `env` chooses it, as in a deployment. */
function describeFiles(storeName: string, env: () => Promise<Record<string, string>>, cleanup: () => Promise<void>) {
  describe(`files on the ${storeName} store (e2e)`, () => {
    let t: TestApp;
    let owner: TestUser;
    let member: TestUser;
    let stranger: TestUser;
    let org: string;
    let otherOrg: string;

    beforeAll(async () => {
      t = await startTestApp(await env());
      [owner, member, stranger] = await Promise.all([
        registerUser(t, 'fown'),
        registerUser(t, 'fmem'),
        registerUser(t, 'fstr'),
      ]);
      org = (await createOrg(owner)).slug;
      otherOrg = (await createOrg(stranger)).slug;
      await addMember(owner, org, member, 'member');
    });
    afterAll(async () => {
      await t?.close();
      await cleanup();
    });

    it('stores a file under a random key with its sha256, size, type, uploader and org, and serves it back', async () => {
      const created = await upload(t, member, org, 'document', PDF, 'receipt.pdf');
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        purpose: 'document',
        contentType: 'application/pdf',
        sizeBytes: PDF.length,
        sha256: sha256(PDF),
        declaredName: 'receipt.pdf',
        uploaderId: member.id,
      });
      const [row] = await t.db.query('SELECT org_id, storage_key FROM files WHERE id = $1', [created.body.id]);
      expect(row.storage_key).not.toContain('receipt');
      expect(row.storage_key.startsWith(`${row.org_id}/`)).toBe(true);

      const got = await download(t, member, org, created.body.id);
      expect(got.status).toBe(200);
      expect(got.headers.get('content-type')).toBe('application/pdf');
      expect(got.headers.get('content-disposition')).toContain('receipt.pdf');
      expect(got.bytes.equals(PDF)).toBe(true);
    });

    it('judges the type by the content, never by the name', async () => {
      const pngAsPdf = await upload(t, member, org, 'document', PNG, 'scan.pdf');
      expect(pngAsPdf.status).toBe(201);
      expect(pngAsPdf.body.contentType).toBe('image/png');

      const pdfAsPng = await upload(t, member, org, 'avatar', PDF, 'me.png');
      expect(pdfAsPng.status).toBe(415);
      expect(pdfAsPng.body).toMatchObject({ slug: 'unsupported-media-type', allowedTypes: expect.any(Array) });
      for (const bytes of [EXE, ZIP, Buffer.from('just some text, no magic bytes')]) {
        const refused = await upload(t, member, org, 'document', bytes, 'photo.png');
        expect(refused.status).toBe(415);
      }
      const [{ count }] = await t.db.query(
        `SELECT count(*)::int AS count FROM files WHERE declared_name = 'photo.png'`,
      );
      expect(count).toBe(0);
    });

    it('refuses a file over the purpose limit (413), and accepts one at the limit', async () => {
      const over = await upload(t, member, org, 'avatar', pngOfSize(2 * MiB + 1), 'big.png');
      expect(over.status).toBe(413);
      expect(over.body).toMatchObject({ slug: 'payload-too-large', maxBytes: 2 * MiB });
      const atLimit = await upload(t, member, org, 'avatar', pngOfSize(2 * MiB), 'fits.png');
      expect(atLimit.status).toBe(201);
      expect(atLimit.body.sizeBytes).toBe(2 * MiB);
    });

    it('refuses an unknown purpose (400) and a body that is not raw bytes (415)', async () => {
      expect((await upload(t, member, org, 'tarball', PDF, 'x.pdf')).status).toBe(400);
      const json = await http(t, member, 'POST', `/api/v1/orgs/${org}/files`, {
        query: { purpose: 'document' },
        body: { file: 'x' },
      });
      expect(json.status).toBe(415);
      // Raw bytes go to the upload route only: elsewhere they stay a 415.
      const elsewhere = await http(t, owner, 'POST', '/api/v1/orgs', {
        rawBody: 'abc',
        headers: { 'content-type': 'application/octet-stream' },
      });
      expect(elsewhere.status).toBe(415);
    });

    it("hides one org's files from another (404) and from non-members", async () => {
      const created = await upload(t, member, org, 'document', PDF, 'secret.pdf');
      expect((await download(t, stranger, otherOrg, created.body.id)).status).toBe(404);
      expect((await download(t, stranger, org, created.body.id)).status).toBe(404);
      expect((await http(t, stranger, 'DELETE', `/api/v1/orgs/${otherOrg}/files/${created.body.id}`)).status).toBe(404);
      expect((await upload(t, stranger, org, 'document', PDF, 'x.pdf')).status).toBe(404);
    });

    it('deletes the record at once (officer) and the bytes by a job; a member may not delete (403)', async () => {
      const created = await upload(t, member, org, 'document', PDF, 'old.pdf');
      const [{ storage_key: key }] = await t.db.query('SELECT storage_key FROM files WHERE id = $1', [created.body.id]);
      const path = `/api/v1/orgs/${org}/files/${created.body.id}`;
      expect((await http(t, member, 'DELETE', path)).status).toBe(403);

      expect((await http(t, owner, 'DELETE', path)).status).toBe(204);
      expect((await download(t, member, org, created.body.id)).status).toBe(404);
      const store = t.app.get<FileStore>(FILE_STORE);
      await expect(store.open(key)).resolves.toBeDefined();

      // The queue is the worker database's: other files' deletions (avatars replaced by other
      // suites) may be drained with this one.
      const drained = await t.app.get(JobQueue).drain(['platform.files.delete']);
      expect(drained.failed).toBe(0);
      expect(drained.completed).toBeGreaterThanOrEqual(1);
      await expect(store.open(key)).rejects.toThrow();
    });
  });
}

const localDir = mkdtempSync(join(tmpdir(), 'qm-files-'));
describeFiles(
  'local',
  async () => ({ QM_FILES_DIR: localDir }),
  async () => rmSync(localDir, { recursive: true, force: true }),
);

/** s3rver (a devDependency) is an S3-compatible server in this process; without it the S3 run is skipped. */
function loadS3rver(): (new (options: object) => { run(): Promise<{ port: number }>; close(): Promise<void> }) | null {
  try {
    // Loaded lazily so that a machine without it skips the S3 run instead of failing the file.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('s3rver');
  } catch {
    return null;
  }
}

const S3rver = loadS3rver();
if (!S3rver) {
  describe('files on an S3-compatible store (e2e)', () => {
    it.skip('skipped: the s3rver package is not installed (npm install), so there is no local S3 server', () => {});
  });
} else {
  const s3Dir = mkdtempSync(join(tmpdir(), 'qm-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: s3Dir,
    configureBuckets: [{ name: 'qm-files' }],
  });
  describeFiles(
    'S3',
    async () => {
      const { port } = await server.run();
      return {
        S3_ENDPOINT: `http://127.0.0.1:${port}`,
        S3_BUCKET: 'qm-files',
        S3_ACCESS_KEY_ID: 'S3RVER',
        S3_SECRET_ACCESS_KEY: 'S3RVER',
        S3_FORCE_PATH_STYLE: 'true',
      };
    },
    async () => {
      await server.close();
      rmSync(s3Dir, { recursive: true, force: true });
    },
  );
}
