import type { OpenAPIObject } from '@nestjs/swagger';
import { writeFileSync } from 'node:fs';
import { CONTEXTS } from '../../src/contexts';
import { buildOpenApiDocument } from '../../src/platform/http/openapi';
import { problemCatalogue } from '../../src/platform/http/problem-catalogue';
import { startTestApp, TestApp } from '../support/test-app';

interface ProblemMedia {
  schema: { allOf: [{ $ref: string }, { properties: { slug: { enum: string[] } } }] };
  examples: Record<string, { value: Record<string, unknown> }>;
}
type Operation = {
  operationId: string;
  responses: Record<string, { description: string; content?: Record<string, ProblemMedia> }>;
  [key: string]: unknown;
};

/** The problem catalogue as published in the contract (ProblemSlug, ProblemDto.slug, each operation's problems). */
describe('problems in the OpenAPI document (e2e)', () => {
  let t: TestApp;
  let document: OpenAPIObject;
  const operations = new Map<string, Operation>();
  beforeAll(async () => {
    t = await startTestApp();
    document = buildOpenApiDocument(t.app);
    if (process.env.QM_DUMP_OPENAPI) writeFileSync(process.env.QM_DUMP_OPENAPI, JSON.stringify(document, null, 2));
    for (const item of Object.values(document.paths))
      for (const op of Object.values(item) as Operation[]) if (op?.operationId) operations.set(op.operationId, op);
  });
  afterAll(() => t.close());

  const slugsOf = (operationId: string, status: number): string[] =>
    operations.get(operationId)!.responses[String(status)]?.content?.['application/problem+json']?.schema.allOf[1]
      .properties.slug.enum ?? [];

  it('publishes every slug of the catalogue, platform and contexts, as the ProblemSlug enum', () => {
    const schema = document.components!.schemas!.ProblemSlug as { enum: string[]; 'x-problems': object };
    expect(schema.enum).toEqual([...problemCatalogue(CONTEXTS).keys()].sort());
    expect(schema.enum).toEqual(expect.arrayContaining(['insufficient-tier', 'idempotency-key-reused', 'bid-too-low']));
    expect(schema['x-problems']).toMatchObject({
      'bid-too-low': { status: 409, extensions: { minimumBid: { type: 'string' } }, required: ['minimumBid'] },
    });
    const problem = document.components!.schemas!.ProblemDto as {
      properties: Record<string, object>;
      required: string[];
    };
    expect(problem.properties.slug).toEqual(
      expect.objectContaining({ allOf: [{ $ref: '#/components/schemas/ProblemSlug' }] }),
    );
    expect(problem.required).toEqual(expect.arrayContaining(['type', 'slug', 'title', 'status']));
  });

  it("lists on placeBid the generic problems of its shape and the handler's own", () => {
    expect(slugsOf('placeBid', 400)).toEqual(['bad-request', 'body-too-deep', 'validation']);
    expect(slugsOf('placeBid', 401)).toEqual(['invalid-api-key', 'session-ended', 'token-expired', 'unauthenticated']);
    expect(slugsOf('placeBid', 403)).toEqual(['forbidden', 'insufficient-scope', 'insufficient-tier']);
    expect(slugsOf('placeBid', 404)).toEqual(['not-found']);
    expect(slugsOf('placeBid', 409)).toEqual(
      expect.arrayContaining(['auction-closed', 'bid-exceeds-balance', 'bid-too-low', 'idempotency-in-progress']),
    );
    expect(slugsOf('placeBid', 422)).toEqual(['idempotency-key-reused']);
    expect(slugsOf('placeBid', 429)).toEqual(['rate-limited']);
    expect(slugsOf('placeBid', 503)).toEqual(['database-unavailable']);
    const media = operations.get('placeBid')!.responses['409'].content!['application/problem+json'];
    expect(media.examples['bid-too-low'].value).toEqual(
      expect.objectContaining({
        type: 'https://quartermaster.dev/problems/bid-too-low',
        slug: 'bid-too-low',
        status: 409,
        minimumBid: '25.00',
      }),
    );
  });

  it('documents the DKP roster, loot, attendance and recruitment problems on their handlers', () => {
    expect(slugsOf('deleteCharacter', 409)).toContain('character-has-history');
    expect(slugsOf('reverseLoot', 409)).toContain('loot-already-reversed');
    expect(slugsOf('importAttendance', 422)).toEqual(
      expect.arrayContaining([
        'no-attendees',
        'raid-value-missing',
        'raidtick-points-differ',
        'idempotency-key-reused',
      ]),
    );
    expect(slugsOf('approveApplication', 409)).toEqual(
      expect.arrayContaining(['illegal-application-transition', 'vote-not-passed']),
    );
    expect(slugsOf('login', 401)).toEqual(['invalid-credentials']);
    expect(slugsOf('login', 429)).toEqual(['login-locked', 'rate-limited']);
  });

  it('gives every problem response its slugs and one valid example per slug, and leaves no declaration behind', () => {
    const slugs = new Set((document.components!.schemas!.ProblemSlug as { enum: string[] }).enum);
    for (const op of operations.values()) {
      expect(Object.keys(op).filter((key) => key.startsWith('x-qm-'))).toEqual([]);
      for (const [status, response] of Object.entries(op.responses)) {
        const media = response.content?.['application/problem+json'];
        if (!media) continue;
        const listed = media.schema.allOf[1].properties.slug.enum;
        expect({ op: op.operationId, status, listed: listed.length > 0 }).toEqual({
          op: op.operationId,
          status,
          listed: true,
        });
        for (const slug of listed) {
          expect(slugs.has(slug)).toBe(true);
          expect(media.examples[slug].value).toEqual(expect.objectContaining({ slug, status: Number(status) }));
        }
      }
    }
  });

  it('does not document 401 or 403 on public routes', () => {
    expect(operations.get('login')!.responses['403']).toBeUndefined();
    expect(slugsOf('register', 403)).toEqual(['registration-closed']);
  });
});
