/**
 * E2E: 云支部 in headless Chromium on the H5 build, people signing in in turn: the 书记 schedules a session that is
 * running now and shows the rotating code → an in-village member types it and is checked in → the buddy relays to
 * their 流动党员 → the member opens the thread (read receipt) and writes a 心得 → the 书记's report counts the
 * attendance and the catch-up. The store holds the roster and the 云支部 demo data (seeded by the real functions).
 */
import { existsSync } from 'fs'
import { join } from 'path'
import { chromium, type Browser, type Locator, type Page } from 'playwright-core'
import { startLocalCloud, type LocalCloud } from '../../emulator/local-cloud'
import { seedRoster } from '../../emulator/seed/seed'
import { seedStudy } from '../../emulator/seed/study'
import { signIn } from './harness'

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p))
let local: LocalCloud
let browser: Browser
let page: Page
let base = ''
const problems: string[] = []

beforeAll(async () => {
  const h5 = join(__dirname, '..', '..', 'dist', 'h5')
  if (!existsSync(join(h5, 'index.html'))) throw new Error('dist/h5 is missing: run `npm run build:h5`')
  if (!CHROMIUM) throw new Error('Chromium not found')
  local = await startLocalCloud({ gateway: true, gatewayPort: 0, staticDir: h5 })
  const now = new Date()
  seedRoster(local.emulator.engine, now)
  await seedStudy(local.runner, now)
  base = local.gateway!.url
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
  })
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, locale: 'zh-CN' })
  // The privacy notice was agreed to on an earlier visit (the notice itself is tested in notice.test.ts).
  await ctx.addInitScript(() => {
    if (location.protocol.startsWith('http')) localStorage.setItem('cunshe.privacyAgreed', JSON.stringify({ data: '1' }))
  })
  page = await ctx.newPage()
  page.setDefaultTimeout(20000)
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`))
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`)
  })
}, 420000)

afterAll(async () => {
  await browser?.close()
  await local?.stop()
})

const shown = (selector: string): Locator => page.locator(`${selector}:visible`).first()
const text = async (l: Locator) => ((await l.textContent()) ?? '').replace(/\s+/g, ' ').trim()

async function visit(route: string) {
  await page.goto('about:blank')
  await page.goto(`${base}/#/${route.replace(/^\//, '')}`)
  await page.waitForLoadState('domcontentloaded')
}

async function fill(selector: string, value: string) {
  const el = shown(selector)
  const input = (await el.evaluate((n) => n.tagName === 'INPUT' || n.tagName === 'TEXTAREA')) ? el : el.locator('input, textarea').first()
  await input.fill(value)
}

describe('云支部 in the browser', () => {
  let sessionId = ''
  const TITLE = `党课：E2E ${Date.now().toString(36)}`

  it('the 书记 schedules a session running now; members see it on the home tab', async () => {
    await signIn(page, base, '巴特尔')
    await visit('study/pages/edit/index')
    await shown('.cs-choices--org .cs-choice:has-text("前进嘎查党支部")').click()
    await shown('.cs-choices--type .cs-choice:has-text("党课")').click()
    await fill('.cs-field--title', TITLE)
    await fill('.cs-field--place', '村党群服务中心')
    await shown('.study-save-session').click()
    await page.waitForURL(/study\/pages\/session\/index\?id=/)
    sessionId = new URL(page.url().replace('#/', '')).searchParams.get('id') ?? ''
    expect(sessionId).toMatch(/^ss_/)
    await shown('.cs-section__title:has-text("党课：E2E")').waitFor()
    expect(await text(shown('.study-session'))).toContain('进行中')

    await signIn(page, base, '孟和')
    await visit('pages/home/index')
    await shown(`.home-session:has-text("${TITLE}")`).waitFor()
  })

  it('the organiser shows the rotating code; a member types it and is checked in, once', async () => {
    await signIn(page, base, '巴特尔')
    await visit(`study/pages/code/index?id=${sessionId}`)
    const code = (await text(shown('.study-code__digits'))).replace(/\D/g, '')
    expect(code).toMatch(/^\d{6}$/)
    await page.waitForFunction(() => {
      const img = document.querySelector('.study-code__qr img, img.study-code__qr') as HTMLImageElement | null
      return !!img && img.complete && img.naturalWidth > 0
    })

    await signIn(page, base, '孟和')
    await visit(`study/pages/session/index?id=${sessionId}`)
    await shown('.study-go-checkin').click()
    await page.waitForURL(/study\/pages\/checkin\/index/)
    await fill('.study-code-input', code)
    await shown('.study-submit-code').click()
    await shown('.study-checkin-done').waitFor()
    expect(await text(shown('.study-checkin-done'))).toBe('签到成功：现场参加')

    // The same code again: already used by this member.
    await visit(`study/pages/checkin/index?id=${sessionId}`)
    await fill('.study-code-input', code)
    await shown('.study-submit-code').click()
    await shown('.study-checkin-error').waitFor()
    expect(await text(shown('.study-checkin-error'))).toContain('已经签到过了')
  })

  it('the buddy relays to the 流动党员, who reads it and writes a 心得; the buddy sees the read receipt', async () => {
    await signIn(page, base, '斯琴')
    await visit(`study/pages/session/index?id=${sessionId}`)
    await shown('.study-relay-target:has-text("宝音")').click()
    await page.waitForURL(/study\/pages\/thread\/index/)
    await fill('.study-relay-text', '今天的党课讲了乡村振兴，回来给你细说。')
    await shown('.study-send-text').click()
    await shown('.study-relay--text:has-text("今天的党课讲了乡村振兴")').waitFor()

    await signIn(page, base, '宝音')
    await visit('study/pages/threads/index')
    await shown(`.study-thread-row:has-text("${TITLE}")`).click()
    await shown('.study-relay--text:has-text("今天的党课讲了乡村振兴")').waitFor()
    await fill('.study-note-input', '在外地也要跟上支部的学习，把乡村振兴的政策讲给老乡听。')
    await shown('.study-submit-note').click()
    await shown('.study-note-text:has-text("在外地也要跟上支部的学习")').waitFor()
    await shown('.study-hint:has-text("已补学")').waitFor()

    await signIn(page, base, '斯琴')
    await visit(`study/pages/thread/index?sessionId=${sessionId}&memberId=m-baoyin`)
    await shown('.study-bubble__by:has-text("已读")').waitFor()
  })

  it('the 书记 sees the count on the code screen and the report: on site, caught up, and who has not caught up with their buddy', async () => {
    await signIn(page, base, '巴特尔')
    await visit(`study/pages/code/index?id=${sessionId}`)
    expect(await text(shown('.study-code__count'))).toContain('已签到 1 /')
    await visit('study/pages/report/index')
    const row = shown(`.study-report-session:has-text("${TITLE}")`)
    await row.waitFor()
    const t = await text(row)
    expect(t).toContain('现场 1')
    expect(t).toContain('已补学 1')
    // The seeded member who has not caught up (浩斯, buddy 敖其尔) is listed.
    expect(await text(shown('.study-not-caught-up'))).toContain('结对：敖其尔')
    expect(problems).toEqual([])
  })
})
