import { SwaggerModule } from '@nestjs/swagger';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Loads what the Swagger CLI plugin adds at `nest build` (summaries from handlers' JSDoc, DTO
 * properties without `@ApiProperty`), so a test sees the document production serves. Jest
 * compiles with swc, which runs no TypeScript plugin; generate-swagger-metadata.mjs runs the
 * plugin's read-only visitor over the sources in a child process (about 20 s: it needs the type
 * checker) with nest-cli.json's options, without type-checking or building anything.
 */
export async function loadSwaggerPluginMetadata(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'qm-swagger-meta-'));
  try {
    const file = join(dir, 'metadata.ts');
    execFileSync(process.execPath, [join(__dirname, 'generate-swagger-metadata.mjs'), file], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    const metadata = (await import(file)) as { default: () => Promise<Record<string, unknown>> };
    await SwaggerModule.loadPluginMetadata(metadata.default);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
