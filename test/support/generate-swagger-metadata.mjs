// Writes the Swagger CLI plugin's metadata for src/ to the file named by argv[2] (see
// swagger-plugin-metadata.ts). Plain Node ESM: @nestjs/cli loads ES-only packages jest cannot.
import { PluginMetadataGenerator } from '@nestjs/cli/lib/compiler/plugins/plugin-metadata-generator.js';
import { ReadonlyVisitor } from '@nestjs/swagger/plugin';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '../..');
const src = join(root, 'src');
const out = resolve(process.argv[2]);
const nestCli = JSON.parse(readFileSync(join(root, 'nest-cli.json'), 'utf8'));
const options = nestCli.compilerOptions.plugins.find((p) => p.name === '@nestjs/swagger')?.options ?? {};
const config = ts.getParsedCommandLineOfConfigFile(
  join(root, 'tsconfig.build.json'),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  },
);
// A program without type-checking it: the visitor needs types, not a clean build.
const program = ts.createProgram(config.fileNames, config.options);
new PluginMetadataGenerator().generate({
  visitors: [new ReadonlyVisitor({ ...options, pathToSource: src })],
  outputDir: dirname(out),
  tsProgramRef: program,
  filename: basename(out),
});
// The generated imports are relative to src/; make them absolute so the file loads from anywhere.
writeFileSync(out, readFileSync(out, 'utf8').replace(/import\("\.\//g, `import("${src}/`));
