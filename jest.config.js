// Jest runs TypeScript and the ESM-only @nestjs/* packages through SWC to CommonJS
// (Jest's runtime cannot require() ES modules on Node 20; see README, "Dependency choices").
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

const moduleNameMapper = {
  '^@nf/config$': '<rootDir>/config/index.ts',
  '^@nf/workflow-jobs$': '<rootDir>/libs/workflow/src/jobs/index.ts',
  '^@nf/meetings-jobs$': '<rootDir>/libs/meetings/src/jobs/index.ts',
  '^@nf/protocols-jobs$': '<rootDir>/libs/protocols/src/jobs/index.ts',
  '^@nf/followups-jobs$': '<rootDir>/libs/followups/src/jobs/index.ts',
  '^@nf/publication-jobs$': '<rootDir>/libs/publication/src/jobs/index.ts',
  '^@nf/records-jobs$': '<rootDir>/libs/records/src/jobs/index.ts',
  '^@nf/(common|database|queue|audit|tenancy|identity|access|registry|workflow|documents|meetings|notifications|protocols|followups|plans|publication|records|demo)$':
    '<rootDir>/libs/$1/src/index.ts',
};

const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|file-type|token-types|strtok3|uint8array-extras|@tokenizer)/)',
  ],
  moduleNameMapper,
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
};

/** @type {import('jest').Config} */
module.exports = {
  maxWorkers: 2,
  // A test that fails to boot the app can leave a connection open; never let that hang CI.
  forceExit: true,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/{apps,libs,config}/**/*.spec.ts',
        '<rootDir>/test/architecture/**/*.spec.ts',
      ],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/setup/after-env.ts'],
      slowTestThreshold: 20,
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/setup/after-env.ts'],
      slowTestThreshold: 30,
    },
    {
      // Load checks with latency bounds: `npm test` runs them last and alone (scripts/test.js).
      ...shared,
      displayName: 'load',
      testMatch: ['<rootDir>/test/load/**/*.load-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/setup/after-env.ts'],
      slowTestThreshold: 60,
    },
    {
      // A real three-node MariaDB Galera cluster (`npm run test:galera`; `.ci/run` with CI_GALERA=1).
      ...shared,
      displayName: 'galera',
      testMatch: ['<rootDir>/test/galera/**/*.galera-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/setup/after-env.ts'],
      slowTestThreshold: 120,
    },
    {
      // Browser tests: Chromium against the built api and worker as real processes
      // (`npm test` runs them last, one file at a time).
      ...shared,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/setup/after-env.ts'],
      slowTestThreshold: 60,
    },
  ],
};
