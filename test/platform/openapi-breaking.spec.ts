import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCRIPT = join(__dirname, '../../scripts/openapi-breaking.mjs');

/** A small released contract: one list, one create with a body, the problem slugs. */
function released() {
  return {
    openapi: '3.0.0',
    info: { title: 'Fixture', version: '1.0.0' },
    paths: {
      '/raids': {
        get: {
          operationId: 'listRaids',
          parameters: [{ in: 'query', name: 'limit', required: false, schema: { type: 'number' } }],
          responses: {
            '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/RaidDto' } } } },
          },
        },
        post: {
          operationId: 'createRaid',
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateRaidDto' } } },
          },
          responses: {
            '201': { content: { 'application/json': { schema: { $ref: '#/components/schemas/RaidDto' } } } },
          },
        },
      },
      '/raids/{id}': { delete: { operationId: 'deleteRaid', responses: { '204': { description: '' } } } },
    },
    components: {
      schemas: {
        RaidDto: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            value: { type: 'string' },
            status: { $ref: '#/components/schemas/RaidStatus' },
          },
          required: ['id', 'value'],
        },
        CreateRaidDto: {
          type: 'object',
          properties: { name: { type: 'string' }, note: { type: 'string' } },
          required: ['name'],
        },
        RaidStatus: { type: 'string', enum: ['open', 'closed'] },
        ProblemSlug: { type: 'string', enum: ['bid-too-low', 'validation'] },
      },
    },
  };
}

function gate(current: object, changelog: string) {
  const dir = mkdtempSync(join(tmpdir(), 'qm-breaking-'));
  writeFileSync(join(dir, 'released.json'), JSON.stringify(released()));
  writeFileSync(join(dir, 'current.json'), JSON.stringify(current));
  writeFileSync(join(dir, 'CHANGELOG.md'), changelog);
  const args = [SCRIPT, join(dir, 'released.json'), join(dir, 'current.json'), join(dir, 'CHANGELOG.md')];
  const text = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const json = spawnSync(process.execPath, [...args, '--json'], { encoding: 'utf8' });
  const report = JSON.parse(json.stdout) as { changes: { subject: string; message: string }[]; undeclared: unknown[] };
  return { status: text.status, output: text.stdout + text.stderr, report };
}

/** The deliberate breaking change: every kind the gate knows, at once. */
function broken() {
  const spec = released() as ReturnType<typeof released> & { paths: Record<string, unknown> };
  delete (spec.paths as Record<string, unknown>)['/raids/{id}'];
  const schemas = spec.components.schemas;
  delete (schemas.RaidDto.properties as Record<string, unknown>).value;
  schemas.RaidDto.properties.id = { type: 'integer' } as never;
  schemas.CreateRaidDto.required.push('note');
  schemas.RaidStatus.enum = ['open'];
  schemas.ProblemSlug.enum = ['validation'];
  return spec;
}

const EMPTY_LOG = '# Changelog\n\n## Unreleased\n\n## 1.0.0\n- BREAKING: deleteRaid (an old release: does not count)\n';

describe('openapi breaking-change gate (scripts/openapi-breaking.mjs)', () => {
  it('passes an identical or only-added contract', () => {
    const added = released() as ReturnType<typeof released>;
    (added.components.schemas.RaidDto.properties as Record<string, unknown>).createdAt = { type: 'string' };
    added.components.schemas.ProblemSlug.enum.push('raid-not-empty');
    expect(gate(added, EMPTY_LOG)).toMatchObject({ status: 0, report: { changes: [] } });
  });

  it('fails on each kind of breaking change that the Unreleased section does not declare', () => {
    const { status, output, report } = gate(broken(), EMPTY_LOG);
    expect(status).toBe(1);
    expect(report.changes.map((c) => `${c.subject}: ${c.message}`)).toEqual(
      expect.arrayContaining([
        'deleteRaid: operation removed',
        'listRaids: response 200.value: removed from the response',
        'listRaids: response 200.id: type changed from string to integer',
        'createRaid: request body.note: new required request field',
        'RaidStatus: enum lost: closed',
        'ProblemSlug: problem slugs removed: bid-too-low',
      ]),
    );
    expect(output).toContain('BREAKING  deleteRaid (DELETE /raids/{id}): operation removed');
    expect(output).toMatch(/undeclared breaking change\(s\)/);
  });

  it('passes once every breaking change is declared under Unreleased', () => {
    const log =
      '# Changelog\n\n## Unreleased\n\n- BREAKING: deleteRaid\n- BREAKING: listRaids\n- BREAKING: createRaid\n' +
      '- BREAKING: RaidStatus\n- BREAKING: ProblemSlug\n\n## 1.0.0\n';
    const { status, output } = gate(broken(), log);
    expect({ status, output }).toEqual({ status: 0, output: expect.stringContaining('No undeclared breaking change') });
  });

  it('still fails when only some are declared', () => {
    const { status, report } = gate(broken(), '## Unreleased\n- BREAKING: deleteRaid\n');
    expect(status).toBe(1);
    expect(report.undeclared.length).toBeGreaterThan(0);
  });
});
