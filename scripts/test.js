#!/usr/bin/env node
/**
 * `npm test`: builds what the tests run against (function bundles, the weapp build for the
 * miniprogram-simulate tests, the H5 build for the browser tests), then runs every jest project.
 * The last line printed is `N passed, N failed`.
 *   --no-build   reuse existing dist/ builds
 *   other args   passed to jest (e.g. --selectProjects unit)
 */
const { spawnSync } = require('child_process')
const { existsSync } = require('fs')
const { join } = require('path')

const root = join(__dirname, '..')
const args = process.argv.slice(2)
const noBuild = args.includes('--no-build')
const jestArgs = args.filter((a) => a !== '--no-build')
const bin = (name) => join(root, 'node_modules', '.bin', name)

function run(cmd, cmdArgs, env = {}) {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  if (r.status !== 0) {
    process.stdout.write(`\n0 passed, 1 failed\n`)
    process.exit(r.status || 1)
  }
}

if (!noBuild || !existsSync(join(root, 'dist', 'h5', 'index.html'))) {
  run(bin('taro'), ['build', '--type', 'weapp'], { NODE_ENV: 'production' })
  run(bin('taro'), ['build', '--type', 'h5'], { NODE_ENV: 'production' })
}
// Types are checked once for the whole tree (tests themselves are transpiled without type checks).
run(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json'])
run(bin('tsx'), ['scripts/build-functions.ts'])
const r = spawnSync(bin('jest'), ['--ci', ...jestArgs], { cwd: root, stdio: 'inherit', env: process.env })
process.exit(r.status === null ? 1 : r.status)
