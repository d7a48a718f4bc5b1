#!/usr/bin/env node
/**
 * Runs after `npm install`: makes sure the headless browser the e2e tests use is on the machine.
 * Installs Debian's chromium with apt-get when running as root and it is missing; otherwise says how.
 * Never fails the install.
 */
const { existsSync } = require('fs')
const { spawnSync } = require('child_process')

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser']
if (process.env.CUNSHE_SKIP_BROWSER === '1' || CHROMIUM.some((p) => existsSync(p))) process.exit(0)
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
if (isRoot && existsSync('/usr/bin/apt-get')) {
  process.stdout.write('cunshe: installing chromium for the browser tests (apt-get)…\n')
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  spawnSync('apt-get', ['update'], { stdio: 'inherit', env })
  const r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env })
  if (r.status !== 0) process.stdout.write('cunshe: could not install chromium; e2e tests will fail until it is installed\n')
} else {
  process.stdout.write('cunshe: chromium not found; install it (e.g. `sudo apt-get install -y chromium`) to run the browser tests\n')
}
