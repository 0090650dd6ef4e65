/**
 * One jest run covers the API e2e tests (test/, src/**), the SDK and the Discord bot. Tests
 * talk HTTP to a real app on a real database: DATABASE_URL when set (one database per worker),
 * the embedded PGlite otherwise.
 *
 * NestJS 12 and openapi-fetch ship only ES modules, which jest's CommonJS runtime cannot
 * require, so swc compiles them to CommonJS along with our TypeScript (decorator metadata on).
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test', '<rootDir>/clients'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  transform: { '^.+\\.(ts|js|mjs)$': swc },
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|openapi-fetch|content-disposition|cookie|file-type|strtok3|token-types|@tokenizer|uint8array-extras|@borewit)/)',
  ],
  moduleNameMapper: {
    '^@quartermaster/sdk$': '<rootDir>/clients/sdk/src/index.ts',
  },
  // Embedded database: migrate once per run, then every test file starts from that template.
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  maxWorkers: 2,
  // A worker that has grown past this after a test file is replaced by a fresh one: each file's
  // apps (embedded databases above all) leave memory behind, and a worker near V8's heap limit
  // spends most of its time collecting garbage (the embedded run slowed 3x before this).
  workerIdleMemoryLimit: '1200MB',
  // Generous: app start-ups (several embedded databases per file) crawl on a busy 2-core machine.
  testTimeout: 180000,
  ci: true,
};
