/**
 * The client's tests, run as a project of the root `jest`: components in
 * jsdom; the server and browser tests opt into Node with a
 * `@jest-environment node` docblock. ts-jest only transpiles: `npm run build`
 * type-checks the sources and tests.
 * @type {import('jest').Config}
 */
module.exports = {
  displayName: 'client',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.tsx?$': [
      'ts-jest',
      { tsconfig: { module: 'commonjs', jsx: 'react-jsx', esModuleInterop: true, isolatedModules: true } },
    ],
  },
  moduleNameMapper: {
    '^@blog/(events|service-kit)$': '<rootDir>/../packages/$1/src',
    '\\.css$': '<rootDir>/test/support/style-stub.js',
  },
  setupFilesAfterEnv: ['<rootDir>/test/support/setup.ts'],
};
