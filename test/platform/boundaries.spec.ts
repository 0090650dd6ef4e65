import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The boundary rule (scripts/eslint/boundaries.mjs) run through the project's real ESLint config
 * on code fed through stdin, as if it were the named file: what it must refuse and what it must allow.
 */
const root = join(__dirname, '..', '..');

interface Case {
  filename: string;
  code: string;
}

/** Lints every case in one ESLint process (loading the config costs seconds); returns the rule's messages per case. */
function lintAll(cases: Case[]): string[][] {
  const script = `
    const { ESLint } = require('eslint');
    const cases = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const out = [];
      for (const c of cases) {
        const [result] = await eslint.lintText(c.code, { filePath: c.filename });
        out.push(result.messages.filter((m) => m.ruleId === 'quartermaster/boundaries').map((m) => m.message));
      }
      process.stdout.write(JSON.stringify(out));
    })().catch((error) => { console.error(error); process.exit(1); });
  `;
  return JSON.parse(
    execFileSync(process.execPath, ['-e', script], { cwd: root, input: JSON.stringify(cases), encoding: 'utf8' }),
  ) as string[][];
}

const importing = (specifier: string, name: string) =>
  `import { ${name} } from '${specifier}';\nexport const x = ${name};\n`;

describe('module boundaries lint rule', () => {
  const cases = {
    contextImportsPlatformEntity: {
      filename: 'src/contexts/dkp/roster/x.ts',
      code: importing('../../../platform/auth/users/user.entity', 'User'),
    },
    contextImportsApp: { filename: 'src/contexts/dkp/x.ts', code: importing('../../app.module', 'AppModule') },
    contextImportsRegistry: { filename: 'src/contexts/dkp/x.ts', code: importing('../index', 'CONTEXTS') },
    contextImportsOtherInternals: {
      filename: 'src/contexts/fbo/x.ts',
      code: importing('../dkp/points/ledger.service', 'LedgerService'),
    },
    contextImportsOtherIndex: { filename: 'src/contexts/fbo/x.ts', code: importing('../dkp/index', 'DkpModule') },
    platformImportsApp: { filename: 'src/platform/http/x.ts', code: importing('../../app.module', 'AppModule') },
    platformImportsContext: {
      filename: 'src/platform/http/x.ts',
      code: importing('../../contexts/dkp/dkp.module', 'DkpModule'),
    },
    contextOwnAndPlatformServices: {
      filename: 'src/contexts/dkp/roster/x.ts',
      code: [
        "import { MembersService } from '../../../platform/tenancy/members/members.service';",
        "import { OrgScopedEntity } from '../../../platform/database/base.entity';",
        "import { Pool } from '../pools/pool.entity';",
        'export const x = [MembersService, OrgScopedEntity, Pool];',
        '',
      ].join('\n'),
    },
  } satisfies Record<string, Case>;
  let messages: Record<keyof typeof cases, string[]>;

  beforeAll(() => {
    const names = Object.keys(cases) as (keyof typeof cases)[];
    const results = lintAll(names.map((name) => cases[name]));
    messages = Object.fromEntries(names.map((name, i) => [name, results[i]])) as typeof messages;
  }, 180_000);

  it('refuses a context importing a platform entity', () => {
    expect(messages.contextImportsPlatformEntity).toEqual([expect.stringContaining('platform entities')]);
  });

  it('refuses a context importing the app or the registry', () => {
    expect(messages.contextImportsApp).toEqual([expect.stringContaining('the app')]);
    expect(messages.contextImportsRegistry).toEqual([expect.stringContaining('registry')]);
  });

  it("refuses a context importing another context's internals, allows its public index", () => {
    expect(messages.contextImportsOtherInternals).toEqual([expect.stringContaining("another context's internals")]);
    expect(messages.contextImportsOtherIndex).toEqual([]);
  });

  it('refuses the platform importing the app or a context', () => {
    expect(messages.platformImportsApp).toEqual([expect.stringContaining('The platform never imports')]);
    expect(messages.platformImportsContext).toEqual([expect.stringContaining('The platform never imports')]);
  });

  it("allows platform services, base entities and the context's own files", () => {
    expect(messages.contextOwnAndPlatformServices).toEqual([]);
  });
});
