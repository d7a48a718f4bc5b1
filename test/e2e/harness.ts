/**
 * E2E harness: the local CloudBase with the gateway serving the H5 build (dist/h5), the full demo data
 * seeded through the real functions, and headless Chromium (Debian's /usr/bin/chromium via playwright-core).
 */
import { existsSync } from 'fs'
import { join } from 'path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { startLocalCloud, type LocalCloud } from '../../emulator/local-cloud'
import { seedFeatures, seedRoster } from '../../emulator/seed/seed'

export interface E2E {
  local: LocalCloud
  url: string
  browser: Browser
  /** A fresh browser profile; the privacy notice is already agreed to unless `privacyAgreed: false`. */
  newPage(opts?: { privacyAgreed?: boolean }): Promise<Page>
  stop(): Promise<void>
}

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p))

/** Console errors and uncaught page errors of every page opened through the harness since the last test. */
const browserErrors: string[] = []

/** Records console errors and uncaught exceptions of a page; any of them fails the running test. */
export function watchErrors(page: Page): void {
  page.on('console', (m) => {
    if (m.type() === 'error') browserErrors.push(`console.error on ${page.url()}: ${m.text()}`)
  })
  page.on('pageerror', (err) => browserErrors.push(`page error on ${page.url()}: ${err.message}`))
}

/** Empties the list of browser errors seen so far and returns them. */
export function takeBrowserErrors(): string[] {
  return browserErrors.splice(0, browserErrors.length)
}

// Every e2e test file imports this module, so this hook runs after each of their tests.
afterEach(() => {
  const errors = takeBrowserErrors()
  if (errors.length) throw new Error(`The browser reported ${errors.length} error(s):\n${errors.join('\n')}`)
})

/** `seed` replaces the full demo (seedFeatures) when a test needs only its own feature's data. */
export async function startE2E(opts: { seed?: (runner: LocalCloud['runner'], now: Date) => Promise<unknown> } = {}): Promise<E2E> {
  const h5 = join(__dirname, '..', '..', 'dist', 'h5')
  if (!existsSync(join(h5, 'index.html'))) throw new Error('dist/h5 is missing: run `npm run build:h5` (npm test builds it)')
  if (!CHROMIUM) throw new Error('Chromium not found: apt-get install -y chromium (npm install does it as root)')
  const local = await startLocalCloud({ gateway: true, gatewayPort: 0, staticDir: h5 })
  let browser: Browser
  try {
    const now = new Date()
    seedRoster(local.emulator.engine, now)
    await (opts.seed ?? seedFeatures)(local.runner, now)
    // playwright gives every launch a fresh temporary profile (the equivalent of a new --user-data-dir).
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
    })
  } catch (e) {
    await local.stop()
    throw e
  }
  const url = local.gateway!.url
  return {
    local,
    url,
    browser,
    async newPage(opts = {}) {
      const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, locale: 'zh-CN' })
      // Taro's H5 storage format ({ data }) for the first-use privacy consent (src/services/privacy.ts).
      if (opts.privacyAgreed !== false) await ctx.addInitScript(() => {
          // about:blank (a new page before its first navigation) has no storage: only the app's origin gets it.
          if (location.protocol.startsWith('http')) localStorage.setItem('cunshe.privacyAgreed', JSON.stringify({ data: '1' }))
        })
      const page = await ctx.newPage()
      page.setDefaultTimeout(20000)
      watchErrors(page)
      return page
    },
    async stop() {
      await browser.close()
      await local.stop()
    }
  }
}

/** Signs in on the local sign-in page as the demo person with this name; lands on 我的. */
export async function signIn(page: Page, base: string, name: string) {
  await page.goto(`${base}/#/dev/pages/sign-in/index`)
  // Match the person's own name exactly: family members' entries mention the household (e.g. 额尔敦家).
  const exact = new RegExp(`^\\s*${name}\\s*$`)
  await page.locator('.sign-in-person:visible').filter({ has: page.locator('.sign-in-person__name', { hasText: exact }) }).first().click()
  await page.waitForURL(/pages\/me\/index/)
  await page.locator('.me-name:visible', { hasText: name }).first().waitFor()
}

/** Opens a page by route (hash router) and waits for its root to show. */
export async function open(page: Page, base: string, route: string) {
  await page.goto(`${base}/#/${route.replace(/^\//, '')}`)
  await page.waitForLoadState('domcontentloaded')
}
