import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AppModule } from '../app.module';
import { loadConfig } from '../platform/config/app-config';
import { createApp } from '../platform/http/create-app';
import { buildOpenApiDocument } from '../platform/http/openapi';

/**
 * `npm run openapi`: writes openapi/openapi.json from the compiled app (so the Swagger plugin's
 * metadata is there), in preview mode: no database, nothing listens.
 */
async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? 'openapi/openapi.json');
  const app = await createApp(AppModule, loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'error' }), {
    preview: true,
  });
  await app.init();
  const document = buildOpenApiDocument(app);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(document, null, 2) + '\n');
  await app.close();
  console.log(`wrote ${out}: ${Object.keys(document.paths).length} paths`);
}

void main();
