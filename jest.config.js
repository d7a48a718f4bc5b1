/**
 * One jest run, five projects (layers). `npm test` runs all of them; `--selectProjects X` runs one.
 * The e2e and native projects need builds (scripts/test.js does them first).
 */
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json', diagnostics: { warnOnly: false } }]

const base = {
  rootDir: __dirname,
  transform: { '^.+\\.(ts|tsx)$': tsJest },
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
  setupFiles: ['<rootDir>/test/setup/fixed-env.ts']
}

module.exports = {
  reporters: ['default', '<rootDir>/test/setup/count-reporter.js'],
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  testTimeout: 60000,
  projects: [
    { ...base, displayName: 'unit', testEnvironment: 'node', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...base,
      displayName: 'functions',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/functions/**/*.test.ts', '<rootDir>/test/emulator/**/*.test.ts']
    },
    {
      ...base,
      displayName: 'ui',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/ui/**/*.test.tsx'],
      moduleNameMapper: {
        // Styles first: `@/components/x/index.scss` must reach the style mock, not the file.
        '\\.(css|scss)$': '<rootDir>/test/ui/mocks/style.ts',
        ...base.moduleNameMapper,
        '^@tarojs/components$': '<rootDir>/test/ui/mocks/taro-components.tsx',
        '^@tarojs/taro$': '<rootDir>/test/ui/mocks/taro.ts',
        '^@nutui/nutui-react-taro$': '<rootDir>/test/ui/mocks/nutui.tsx'
      }
    },
    {
      ...base,
      displayName: 'native',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/native/**/*.test.ts'],
      snapshotSerializers: ['miniprogram-simulate/jest-snapshot-plugin']
    },
    { ...base, displayName: 'e2e', testEnvironment: 'node', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] }
  ]
}
