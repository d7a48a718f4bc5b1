#!/usr/bin/env node
/**
 * `npm start`: builds the H5 app and the function bundles, then starts the local CloudBase (emulator +
 * functions + gateway), seeding demo data on an empty store, and prints the URL to open.
 *   --skip-build   reuse dist/h5        --reset   start from fresh demo data        --port N   gateway port
 */
const { spawn, spawnSync } = require('child_process')
const { existsSync } = require('fs')
const { join } = require('path')

const root = join(__dirname, '..')
const args = process.argv.slice(2)
const bin = (name) => join(root, 'node_modules', '.bin', name)

function run(cmd, cmdArgs, env = {}) {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  if (r.status !== 0) process.exit(r.status || 1)
}

if (!args.includes('--skip-build') || !existsSync(join(root, 'dist', 'h5', 'index.html'))) {
  process.stdout.write('Building the H5 app (about a minute on 2 cores)…\n')
  run(bin('taro'), ['build', '--type', 'h5'], { NODE_ENV: 'production' })
}
run(bin('tsx'), ['scripts/build-functions.ts'])
const passThrough = args.filter((a) => a !== '--skip-build')
const child = spawn(bin('tsx'), ['emulator/cli.ts', ...passThrough], { cwd: root, stdio: 'inherit' })
const forward = (sig) => child.kill(sig)
process.on('SIGINT', forward)
process.on('SIGTERM', forward)
child.on('exit', (code) => process.exit(code ?? 0))
