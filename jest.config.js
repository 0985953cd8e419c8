/**
 * One `jest` run for the whole repo. Node-side tests run TypeScript through
 * ts-jest (transpile only: `tsc -b` type-checks the sources), with the
 * workspace packages mapped to their sources.
 * @type {import('jest').Config}
 */
const nodeProject = {
  displayName: 'node',
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/services', '<rootDir>/tools', '<rootDir>/infra'],
  testMatch: ['**/test/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: { module: 'commonjs', esModuleInterop: true, isolatedModules: true } }] },
  moduleNameMapper: { '^@blog/(events|service-kit)$': '<rootDir>/packages/$1/src' },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};

module.exports = {
  projects: [nodeProject, '<rootDir>/client'],
  testTimeout: 20_000,
};
