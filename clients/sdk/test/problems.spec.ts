import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isKnownProblemSlug, PROBLEM_STATUS, ProblemError, type ProblemSlug } from '../src';

const conflict = (slug: string, extensions: Record<string, unknown> = {}) =>
  new ProblemError(409, {
    type: `https://quartermaster.dev/problems/${slug}`,
    slug,
    title: 'Conflict',
    status: 409,
    detail: 'refused',
    ...extensions,
  });

/** What the bot does with a refused bid: the kind of answer depends on the problem type. */
function advice(error: ProblemError): string {
  switch (error.problem.slug) {
    case 'bid-too-low':
      return `bid at least ${error.problem.minimumBid}`;
    case 'bid-exceeds-balance':
      return `bid at most ${error.problem.maxBid}`;
    case 'auction-closed':
      return `too late (${error.problem.sessionStatus})`;
    case 'validation':
      return error.problem.errors.map((e) => e.path).join(',');
    default:
      return error.slug;
  }
}

describe('ProblemError slugs', () => {
  it('types the slug and the extensions of each problem type', () => {
    expect(advice(conflict('bid-too-low', { minimumBid: '25.00' }))).toBe('bid at least 25.00');
    expect(advice(conflict('bid-exceeds-balance', { maxBid: '10.00' }))).toBe('bid at most 10.00');
    const validation = new ProblemError(400, {
      type: 'https://quartermaster.dev/problems/validation',
      slug: 'validation',
      title: 'Validation failed',
      status: 400,
      errors: [{ path: 'amount', message: 'bad' }],
    });
    expect(advice(validation)).toBe('amount');
    const error = conflict('insufficient-points', { balance: '3.00' });
    if (!error.is('insufficient-points')) throw new Error('expected insufficient-points');
    expect(error.problem.balance).toBe('3.00');
    expect(error.is('bid-too-low')).toBe(false);
  });

  it('takes the slug from `type` when a server sends no slug member, and keeps unknown ones', () => {
    const old = new ProblemError(409, {
      type: 'https://quartermaster.dev/problems/bid-too-low',
      title: 'Conflict',
      status: 409,
    });
    expect(old.slug).toBe('bid-too-low');
    const newer = conflict('from-a-newer-server');
    expect(newer.slug).toBe('from-a-newer-server');
    expect(isKnownProblemSlug(newer.slug)).toBe(false);
    expect(advice(newer)).toBe('from-a-newer-server');
  });

  it('knows the status of every slug', () => {
    const statuses: Partial<Record<ProblemSlug, number>> = PROBLEM_STATUS;
    expect(statuses['bid-too-low']).toBe(409);
    expect(statuses['idempotency-key-reused']).toBe(422);
    expect(statuses['insufficient-tier']).toBe(403);
  });

  it('is generated from the spec: slugs, statuses and extension types', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qm-problems-'));
    const spec = {
      openapi: '3.0.0',
      components: {
        schemas: {
          ProblemSlug: {
            type: 'string',
            enum: ['zeta-gone', 'alpha-low'],
            'x-problems': {
              'alpha-low': {
                status: 409,
                extensions: { minimum: { type: 'string' }, seen: { type: 'integer', nullable: true } },
                required: ['minimum'],
              },
              'zeta-gone': { status: 410 },
            },
          },
        },
      },
    };
    writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
    const script = join(__dirname, '../scripts/generate-problems.mjs');
    execFileSync(process.execPath, [script, join(dir, 'spec.json'), join(dir, 'problems.ts')]);
    // Prettier finds no config in the scratch folder: compare without its quote and line choices.
    const out = readFileSync(join(dir, 'problems.ts'), 'utf8').replace(/"/g, "'").replace(/\s+/g, ' ');
    expect(out).toContain("export const PROBLEM_SLUGS = ['alpha-low', 'zeta-gone'] as const;");
    expect(out).toContain("'alpha-low': 409,");
    expect(out).toContain("'alpha-low': { minimum: string; seen?: number | null };");
    expect(out).toContain("'zeta-gone': Record<never, never>;");
  });
});
