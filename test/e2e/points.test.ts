/**
 * 积分制 in the browser, as real users signing in in turn: a grid worker scores a household, the claim goes
 * through 党小组初审 → 两委联席复审 → 大会审议 → 公示, the demo clock moves past the notice period, the 书记
 * posts what is due, and the household sees the points on 我家积分. Plus 扫码签到 with the organiser's code.
 */
import type { Locator, Page, Response } from 'playwright-core'
import { signIn, startE2E, type E2E } from './harness'

let e: E2E
let page: Page
beforeAll(async () => {
  e = await startE2E()
  page = await e.newPage()
}, 420000)
afterAll(async () => {
  if (e) await setClock(0).catch(() => undefined)
  await e?.stop()
})

const DAY_MS = 86400000
/** A note that tells the claim this test records from the seeded ones (same item, same household). */
const MARK = `e2e-${Date.now().toString(36)}`

interface Envelope {
  ok: boolean
  data?: unknown
  error?: { code: string; message: string }
}

async function setClock(days: number): Promise<{ offsetMs: number; now: string }> {
  const res = await fetch(`${e.url}/dev/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ days }) })
  return (await res.json()) as { offsetMs: number; now: string }
}

/** Loads a route in a fresh document, so no page of an earlier visit lingers in Taro's page stack. */
async function visit(route: string): Promise<void> {
  await page.goto('about:blank')
  await page.goto(`${e.url}/#/${route.replace(/^\//, '')}`)
  await page.waitForLoadState('domcontentloaded')
}

function shown(selector: string): Locator {
  return page.locator(`${selector}:visible`)
}

/** Resolves with the envelope of the next `points.<action>` call the page makes. */
function nextCall(action: string): Promise<Envelope> {
  return page
    .waitForResponse((r: Response) => {
      if (!r.url().endsWith('/api/points') || r.request().method() !== 'POST') return false
      try {
        return (JSON.parse(r.request().postData() ?? '{}') as { action?: string }).action === action
      } catch {
        return false
      }
    })
    .then(async (r) => (await r.json()) as Envelope)
}

/** Taps the confirm button of Taro.showModal (H5 renders its own dialog). */
async function confirmModal(): Promise<void> {
  await shown('.taro-model__confirm').click()
}

/** YYYY-MM-DD in China time, as the pages show dates. */
function chinaDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3600000).toISOString().slice(0, 10)
}

function numberIn(text: string | null): number {
  const m = /-?\d+/.exec(text ?? '')
  if (!m) throw new Error(`no number in ${JSON.stringify(text)}`)
  return Number(m[0])
}

async function balance(): Promise<number> {
  await visit('points/pages/my/index')
  return numberIn(await shown('.points-balance__value').first().textContent())
}

/** The claim card this test recorded, in a review queue. */
function ourCard(): Locator {
  return shown('.review-claim').filter({ hasText: MARK })
}

async function approveAs(name: string, step: 'first' | 'second'): Promise<void> {
  await signIn(page, e.url, name)
  await visit(`points/pages/review/index?step=${step}`)
  const card = ourCard()
  await card.waitFor()
  expect(await card.textContent()).toContain('王桂荣家')
  const reviewed = nextCall('review')
  await card.locator('.review-approve').click()
  const res = await reviewed
  expect(res.error).toBeUndefined()
  expect(res.ok).toBe(true)
  await page.getByText('已通过').first().waitFor()
}

describe('H5: 积分制 from scoring to posting', () => {
  afterEach(async () => {
    await setClock(0)
  })

  it('a grid worker scores 王桂荣家; review, assembly, 公示 and posting put exactly the claim on the balance', async () => {
    // 1. 王桂荣 notes her balance.
    await signIn(page, e.url, '王桂荣')
    const before = await balance()
    expect(Number.isInteger(before)).toBe(true)

    // 2. 高娃 scores 庭院绿化美化 (+5/次, no photo needed) for 王桂荣家 (QJ-007).
    await signIn(page, e.url, '高娃')
    await visit('points/pages/record/index')
    const option = shown('.record-item-option').filter({ hasText: '庭院绿化美化' }).first()
    await option.click()
    await expect(option.getAttribute('class')).resolves.toContain('record-item-option--on')
    await shown('.record-note textarea').first().fill(MARK)
    const household = shown('.record-household').filter({ hasText: 'QJ-007' }).first()
    await household.click()
    await expect(household.getAttribute('class')).resolves.toContain('record-household--on')
    expect(await shown('.record-summary').first().textContent()).toContain('将为 1 户各记「庭院绿化美化」1次，每户 +5 分')
    const recorded = nextCall('recordClaims')
    await shown('.record-submit').first().click()
    expect((await recorded).ok).toBe(true)
    const success = shown('.record-success').first()
    await success.waitFor()
    expect(await success.textContent()).toContain('已提交 1 户的积分，等待党小组初审')

    // 3. 党小组初审 by 乌云, 两委联席复审 by 其其格 and 孟和.
    await approveAs('乌云', 'first')
    await ourCard().waitFor({ state: 'detached' })
    await approveAs('其其格', 'second')
    await approveAs('孟和', 'second')
    await ourCard().waitFor({ state: 'detached' })

    // … then 巴特尔 records the assembly's vote on it alone.
    await signIn(page, e.url, '巴特尔')
    await visit('points/pages/review/index?step=assembly')
    const card = ourCard()
    await card.waitFor()
    expect(await shown('.review-claim').count()).toBeGreaterThan(1) // seeded claims wait here too
    await card.locator('.points-claim__check').click()
    await expect(card.getAttribute('class')).resolves.toContain('points-claim--selected')
    const meeting = `${MARK} 党员（村民代表）大会`
    await shown('.cs-field--assembly-title input').fill(meeting)
    const today = (await shown('.assembly-date').textContent())?.trim() ?? ''
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    // attendance: 33 of 40 representatives present (two thirds needed), then the votes
    await shown('.cs-field--members-total input').fill('40')
    await shown('.cs-field--members-present input').fill('33')
    await shown('.cs-field--votes-for input').fill('30')
    await shown('.cs-field--votes-against input').fill('1')
    await shown('.cs-field--votes-abstain input').fill('2')
    const submit = shown('.assembly-submit')
    expect(await submit.textContent()).toContain('1 条')
    await submit.click()
    const decided = nextCall('decideAssembly')
    await confirmModal()
    const decision = await decided
    expect(decision.ok).toBe(true)
    const result = shown('.assembly-result--passed')
    await result.waitFor()
    expect(await result.textContent()).toContain('大会通过，1 条积分进入公示')
    const ends = await shown('.assembly-result__ends').textContent()
    expect(ends).toMatch(/公示截止 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/)
    const endsAt = (decision.data as { publicityEndsAt?: string | null }).publicityEndsAt ?? ''
    expect(new Date(endsAt).getTime()).toBeGreaterThan(Date.now() + 4 * DAY_MS)
    expect(new Date(endsAt).getTime()).toBeLessThan(Date.now() + 6 * DAY_MS)

    // 4. 王桂荣 sees it on 公示栏 under a masked name, and as 公示中 on 我家积分.
    await signIn(page, e.url, '王桂荣')
    await visit('points/pages/publicity/index')
    const notice = shown('.publicity-item').filter({ hasText: '王*荣家' }).filter({ hasText: '庭院绿化美化' }).filter({ hasText: today })
    await notice.first().waitFor()
    expect(await notice.count()).toBe(1)
    expect(await notice.first().textContent()).toContain('+5')
    expect(await page.locator('.publicity-item:visible', { hasText: '王桂荣' }).count()).toBe(0)

    expect(await balance()).toBe(before) // nothing posts before the notice period ends
    const inPublicity = shown('.points-claim-item').filter({ has: page.locator('.points-claim__state', { hasText: '公示中' }) })
    const ours = inPublicity.filter({ hasText: '庭院绿化美化' }).filter({ hasText: today })
    await ours.first().waitFor()
    expect(await ours.count()).toBe(1)
    expect(numberIn(await ours.locator('.points-claim__amount').textContent())).toBe(5)
    // The demo seed also has an earlier 公示 for this household (人居环境整治 two days ago); it ends first and posts too.
    let othersInPublicity = 0
    const amounts = await inPublicity.locator('.points-claim__amount').allTextContents()
    for (const a of amounts) othersInPublicity += numberIn(a)
    othersInPublicity -= 5

    // 5. Six days later 巴特尔 posts what is due from 公示栏.
    const clock = await setClock(6)
    expect(clock.offsetMs).toBe(6 * DAY_MS)
    await signIn(page, e.url, '巴特尔')
    await visit('points/pages/publicity/index')
    const posting = nextCall('postDue')
    await shown('.publicity-post-due').click()
    await confirmModal()
    expect((await posting).ok).toBe(true)
    const postedText = await shown('.publicity-post-result').textContent()
    expect(postedText).toMatch(/已入账 \d+ 条/)
    expect(numberIn(postedText)).toBeGreaterThanOrEqual(1)
    expect(postedText).not.toContain('没有入账')
    await shown('.publicity-item').filter({ hasText: '王*荣家' }).first().waitFor({ state: 'detached' })

    // 6. 王桂荣's balance went up by our +5 (plus the seeded 公示 that ended too), with a 庭院绿化美化 +5 entry.
    await signIn(page, e.url, '王桂荣')
    const after = await balance()
    expect(after - before - othersInPublicity).toBe(5)
    // The entries posted today (on the demo clock) are exactly the rise of the balance.
    const postedOn = chinaDay(new Date(clock.now))
    const fresh = shown('.points-ledger-item').filter({ hasText: `${postedOn} ` })
    await fresh.first().waitFor()
    let sum = 0
    for (const a of await fresh.locator('.points-ledger-item__amount').allTextContents()) sum += numberIn(a)
    expect(sum).toBe(after - before)
    const greening = fresh.filter({ has: page.locator('.points-ledger-item__reason', { hasText: /^庭院绿化美化/ }) })
    expect(await greening.count()).toBe(1)
    expect(numberIn(await greening.locator('.points-ledger-item__amount').textContent())).toBe(5)
    expect(await greening.textContent()).toContain(`余额 `)
    // … and the claim has left 正在审核的积分.
    expect(await shown('.points-claim-item').filter({ hasText: '庭院绿化美化' }).filter({ hasText: today }).count()).toBe(0)
  })
})

describe('H5: 扫码签到 with the organiser\'s code', () => {
  it('那仁 checks in to today\'s activity with the code 高娃 shows; a wrong code is refused', async () => {
    expect((await setClock(0)).offsetMs).toBe(0)

    // The organiser opens the venue screen of today's activity.
    await signIn(page, e.url, '高娃')
    await visit('points/pages/activities/index')
    const activity = shown('.activity-item--open').filter({ hasText: '人居环境整治' }).first()
    await activity.waitFor()
    const title = (await activity.locator('.points-list-item__title').textContent())?.replace('签到中', '').trim() ?? ''
    const checkinsBefore = numberIn(await activity.locator('.points-list-item__side').textContent())
    await activity.click()
    await page.waitForURL(/activity-code\/index\?id=/)
    const digits = shown('.activity-code__digits')
    await digits.waitFor()
    const code = (await digits.textContent())?.trim() ?? ''
    expect(code).toMatch(/^\d{6}$/)
    expect(await shown('.activity-code__title').textContent()).toBe(title)
    const wrong = String((Number(code) + 500000) % 1000000).padStart(6, '0')

    // A villager of 前进嘎查 types it in.
    await signIn(page, e.url, '那仁')
    await visit('points/pages/checkin/index')
    const chosen = shown('.checkin-activity').filter({ hasText: title }).first()
    await chosen.click()
    await expect(chosen.getAttribute('class')).resolves.toContain('checkin-activity--on')
    const input = shown('.checkin-code-input input')

    await input.fill(wrong)
    const refused = nextCall('checkin')
    await shown('.checkin-submit').click()
    const no = await refused
    expect(no.ok).toBe(false)
    expect(no.error?.code).toBe('CHECKIN.CODE_INVALID')
    await page.getByText('签到码不对或已过期，请看现场屏幕上最新的签到码再试').first().waitFor()
    expect(await shown('.checkin-result').count()).toBe(0)

    await input.fill(code)
    const accepted = nextCall('checkin')
    await shown('.checkin-submit').click()
    expect((await accepted).ok).toBe(true)
    const result = shown('.checkin-result')
    await result.waitFor()
    const text = await result.textContent()
    expect(text).toContain(`「${title}」签到成功`)
    expect(text).toContain('待党小组初审')

    // The organiser's screen counts one more household.
    await signIn(page, e.url, '高娃')
    await visit('points/pages/activities/index')
    const again = shown('.activity-item--open').filter({ hasText: title }).first()
    await again.waitFor()
    expect(numberIn(await again.locator('.points-list-item__side').textContent())).toBe(checkinsBefore + 1)
  })
})
