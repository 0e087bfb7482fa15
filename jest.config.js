// Three projects: fast unit tests of the pure logic; end-to-end tests that run the bundled dist/ entries against
// the real Docker engine (one at a time, long time-outs); and the registry client's tests against a real registry
// (Debian's docker-registry, started per suite on 127.0.0.1; no engine).
const shared = {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  resolver: 'ts-jest-resolver',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  extensionsToTreatAsEsm: ['.ts'],
};

export default {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/__tests__/unit/**/*.test.ts'] },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/__tests__/e2e/**/*.test.ts'],
    },
    { ...shared, displayName: 'registry', testMatch: ['<rootDir>/__tests__/registry/**/*.test.ts'] },
  ],
};
