/**
 * E2E: the 爱心超市 path in headless Chromium against the local CloudBase with the demo data — a villager redeems
 * goods for points, the shop staff hands them over by the 6-digit pickup code, the order shows as picked up, and a
 * household below the quarter threshold cannot order. Which households are eligible is decided at run time.
 */
import type { Locator, Page } from 'playwright-core'
import { COLLECTIONS } from '../../cloudfunctions/_shared/data/collections'
import type { GoodsDoc, OrderDoc } from '../../cloudfunctions/_shared/data/mall-records'
import { HOUSEHOLDS } from '../../emulator/seed/roster'
import { UNBOUND_DEMO } from '../../emulator/seed/seed'
import { open, startE2E, type E2E } from './harness'

interface ShopState {
  eligible: boolean
  reason: string | null
  balance: number
  quarterPoints: number
  threshold: number
  window: { id: string } | null
}

interface Villager {
  name: string
  memberId: string
  householdId: string
  shop: ShopState
}

const VILLAGE = 'v-qj'
const SOAP = '香皂'
const TISSUE = '抽纸（一提）'
const TOTAL = 2 * 10 + 58

let e: E2E
let villagerPage: Page
let eligible: Villager
let ineligible: Villager
/** The order placed in the first test, as seen on the page. */
let placed: { id: string; code: string } | null = null

async function shopAs(memberId: string): Promise<ShopState> {
  const res = (await e.local.runner.invoke('mall', { action: 'shop', data: {} }, { openid: `demo-${memberId}` })) as
    | { ok: true; data: ShopState }
    | { ok: false; error: { code: string; message: string } }
  if (!res.ok) throw new Error(`mall.shop for ${memberId}: ${res.error.code} ${res.error.message}`)
  return res.data
}

function goodsStock(): Map<string, number> {
  const rows = e.local.emulator.engine.dump(COLLECTIONS.goods) as GoodsDoc[]
  return new Map(rows.filter((g) => g.villageId === VILLAGE).map((g) => [g.name, g.stock]))
}

function ordersOf(householdId: string): OrderDoc[] {
  return (e.local.emulator.engine.dump(COLLECTIONS.orders) as OrderDoc[]).filter((o) => o.householdId === householdId)
}

const visible = (page: Page, selector: string): Locator => page.locator(`${selector}:visible`).first()
const text = async (l: Locator): Promise<string> => ((await l.textContent()) ?? '').replace(/\s+/g, ' ').trim()
const num = async (l: Locator): Promise<number> => {
  const t = await text(l)
  const m = t.match(/-?\d+/)
  if (!m) throw new Error(`no number in "${t}"`)
  return Number(m[0])
}

/** Polls until `read` satisfies `ok` (or the time is up) and returns the last value read. */
async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 10000): Promise<T> {
  const end = Date.now() + ms
  let v = await read()
  while (!ok(v) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 200))
    v = await read()
  }
  return v
}

/**
 * Signs in on the local sign-in page as the person with exactly this name. (harness signIn matches the name as a
 * substring of the whole entry, whose description includes the household — e.g. "额尔敦" picks 宝音 of 额尔敦家.)
 */
async function signInAs(page: Page, name: string) {
  await page.goto(`${e.url}/#/dev/pages/sign-in/index`)
  await page
    .locator('.sign-in-person:visible')
    .filter({ has: page.locator('.sign-in-person__name', { hasText: new RegExp(`^\\s*${name}\\s*$`) }) })
    .first()
    .click()
  await page.waitForURL(/pages\/me\/index/)
  expect(await text(visible(page, '.me-name'))).toContain(name)
}

/** Opens a tile on 首页 or 工作台, as a user would. */
async function openTile(page: Page, tab: 'home' | 'work', key: string) {
  await open(page, e.url, `pages/${tab}/index`)
  await visible(page, `.cs-tile--${key}`).click()
}

function goodsCard(page: Page, name: string): Locator {
  return page.locator('.mall-goods:visible').filter({ has: page.locator('.mall-goods__name', { hasText: new RegExp(`^${name.replace(/[()（）]/g, '\\$&')}$`) }) })
}

async function lookUp(page: Page, code: string) {
  const input = visible(page, '.handover-code-input input')
  await input.fill('')
  await input.fill(code)
  await visible(page, '.handover-lookup').click()
}

beforeAll(async () => {
  e = await startE2E()
  // Pick the households at run time from the seeded data: heads in 前进嘎查 without roles, signed-in-able.
  const heads = HOUSEHOLDS.filter((h) => h.village === VILLAGE)
    .map((h) => ({ h, head: h.members[0] }))
    .filter(({ head }) => !head.roles && !UNBOUND_DEMO.includes(head.id))
  const all: Villager[] = []
  for (const { h, head } of heads) all.push({ name: head.name, memberId: head.id, householdId: h.id, shop: await shopAs(head.id) })
  const named = ['额尔敦', '那仁', '王桂荣', '乌兰']
  const byPreference = [...all].sort((a, b) => (named.includes(a.name) ? 0 : 1) - (named.includes(b.name) ? 0 : 1))
  const ok = byPreference.find((v) => v.shop.eligible && v.shop.window !== null && v.shop.balance >= TOTAL)
  const no = byPreference.find((v) => !v.shop.eligible && v.shop.window !== null && v.shop.quarterPoints < v.shop.threshold)
  if (!ok || !no) throw new Error(`demo data has no ${ok ? 'ineligible' : 'eligible'} household in 前进嘎查: ${JSON.stringify(all.map((v) => [v.name, v.shop.eligible, v.shop.balance, v.shop.quarterPoints]))}`)
  eligible = ok
  ineligible = no
  villagerPage = await e.newPage()
}, 420000)

afterAll(async () => {
  await e?.stop()
})

describe('H5: 爱心超市 — redeem, hand over, picked up', () => {
  it('an eligible villager redeems 香皂 ×2 and 抽纸（一提） ×1 for 78 points and gets a pickup code and QR', async () => {
    const page = villagerPage
    const stockBefore = goodsStock()
    const ordersBefore = ordersOf(eligible.householdId).length
    await signInAs(page, eligible.name)
    await openTile(page, 'home', 'mall-shop')
    await page.waitForURL(/mall\/pages\/shop\/index/)

    // header: balance and eligibility
    const balance = visible(page, '.mall-balance__value')
    await balance.waitFor()
    const before = await num(balance)
    expect(before).toBe(eligible.shop.balance)
    expect(before).toBeGreaterThanOrEqual(TOTAL)
    await visible(page, '.mall-eligibility--ok').waitFor()
    expect(await page.locator('.mall-eligibility--no:visible').count()).toBe(0)
    expect(await text(visible(page, '.mall-eligibility'))).toContain('可以兑换')

    // cart: 香皂 ×2, 抽纸 ×1
    const soap = goodsCard(page, SOAP)
    const tissue = goodsCard(page, TISSUE)
    expect(await soap.count()).toBe(1)
    expect(await tissue.count()).toBe(1)
    await soap.locator('.mall-goods__add').click()
    await soap.locator('.mall-goods__plus').click()
    await tissue.locator('.mall-goods__add').click()
    expect(await text(soap.locator('.mall-goods__qty'))).toBe('2')
    expect(await text(tissue.locator('.mall-goods__qty'))).toBe('1')
    expect(await num(visible(page, '.mall-cart-total'))).toBe(TOTAL)
    expect(await text(visible(page, '.mall-cart-left'))).toContain(`兑换后剩 ${before - TOTAL} 积分`)

    // confirm in the dialog
    await visible(page, '.mall-order-submit').click()
    const dialog = visible(page, '.mall-order-confirm')
    await dialog.waitFor()
    const summary = await text(dialog)
    expect(summary).toContain(`${SOAP} × 2`)
    expect(summary).toContain(`${TISSUE} × 1`)
    expect(summary).toContain(`共 ${TOTAL} 积分`)
    await dialog.locator('.nut-dialog-footer-ok').click()

    // lands on 我的兑换 with the new order on top: 待领取, 6-digit code, QR image
    await page.waitForURL(/mall\/pages\/orders\/index\?.*id=/)
    const orderId = decodeURIComponent(new URL(page.url().replace('/#/', '/')).searchParams.get('id') ?? '')
    expect(orderId).not.toBe('')
    const order = visible(page, '.mall-order--highlight')
    await order.waitFor()
    expect(await order.evaluate((el) => el.className)).toContain('mall-order--reserved')
    expect(await text(order.locator('.mall-order__state'))).toBe('待领取')
    expect(await num(order.locator('.mall-order__total'))).toBe(TOTAL)
    const code = await text(order.locator('.mall-order__code'))
    expect(code).toMatch(/^\d{6}$/)
    const qr = order.locator('.mall-order__qr img')
    await qr.waitFor()
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/)
    await page.waitForFunction((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0, await qr.elementHandle())
    placed = { id: orderId, code }

    // the server has exactly this order, and the shelves lost what was taken
    const orders = ordersOf(eligible.householdId)
    expect(orders.length).toBe(ordersBefore + 1)
    const doc = orders.find((o) => o._id === orderId)
    expect(doc?.state).toBe('reserved')
    expect(doc?.pickupCode).toBe(code)
    expect(doc?.total).toBe(TOTAL)
    const stockAfter = goodsStock()
    expect(stockAfter.get(SOAP)).toBe((stockBefore.get(SOAP) ?? NaN) - 2)
    expect(stockAfter.get(TISSUE)).toBe((stockBefore.get(TISSUE) ?? NaN) - 1)

    // back on the shop page the balance dropped by exactly 78
    await page.goBack()
    await page.waitForURL(/mall\/pages\/shop\/index/)
    const after = await until(() => num(visible(page, '.mall-balance__value')), (v) => v !== before)
    expect(after).toBe(before - TOTAL)
    expect((await shopAs(eligible.memberId)).balance).toBe(before - TOTAL)
    // the cart was emptied after ordering
    expect(await num(visible(page, '.mall-cart-total'))).toBe(0)
  })

  it('staff 李秀兰 hands the order over by its code; the same code again shows it as already picked up', async () => {
    if (!placed) throw new Error('no order was placed by the previous test')
    const staff = await e.newPage()
    await signInAs(staff, '李秀兰')
    await openTile(staff, 'work', 'mall-handover')
    await staff.waitForURL(/mall\/pages\/handover\/index/)
    await visible(staff, '.handover-code-input').waitFor()

    // another counter (其其格) has the same order open, to hand over after 李秀兰 did
    const other = await e.newPage()
    await signInAs(other, '其其格')
    await openTile(other, 'work', 'mall-handover')
    await visible(other, '.handover-code-input').waitFor()
    await lookUp(other, placed.code)
    await visible(other, '.handover-result--reserved').waitFor()

    // look up: household and items
    await lookUp(staff, placed.code)
    const result = visible(staff, '.handover-result')
    await result.waitFor()
    const found = await text(result)
    expect(await result.evaluate((el) => el.className)).toContain('handover-result--reserved')
    expect(found).toContain(`${eligible.name}家`)
    expect(found).toContain(SOAP)
    expect(found).toContain(TISSUE)
    expect(found).toContain(`共 ${TOTAL} 积分`)
    expect(found).toContain(`取货码 ${placed.code}`)
    expect(await staff.locator('.handover-warning:visible').count()).toBe(0)

    // confirm hand-over (dialog lists what to hand out)
    await visible(staff, '.handover-confirm').click()
    const dialog = visible(staff, '.handover-dialog')
    await dialog.waitFor()
    const summary = await text(dialog)
    expect(summary).toContain(`${eligible.name}家`)
    expect(summary).toContain(`${SOAP} × 2`)
    await dialog.locator('.nut-dialog-footer-ok').click()
    const done = visible(staff, '.handover-done')
    await done.waitFor()
    expect(await text(done)).toContain(`已发放给 ${eligible.name}家`)
    await visible(staff, '.handover-result--picked_up').waitFor()
    expect(await staff.locator('.handover-confirm:visible').count()).toBe(0)
    expect(ordersOf(eligible.householdId).find((o) => o._id === placed!.id)?.state).toBe('picked_up')

    // the same code again: shown as already picked up, no way to hand it over again
    await lookUp(staff, placed.code)
    const warning = visible(staff, '.handover-warning')
    await warning.waitFor()
    expect(await text(warning)).toContain('这个兑换单已经领取过了')
    await visible(staff, '.handover-result--picked_up').waitFor()
    expect(await staff.locator('.handover-done:visible').count()).toBe(0)
    expect(await staff.locator('.handover-confirm:visible').count()).toBe(0)
    expect(await text(visible(staff, '.handover-result .mall-order__state'))).toBe('已领取')

    // the other counter still shows 确认发放 from before; confirming is refused with ALREADY_PICKED_UP
    await visible(other, '.handover-confirm').click()
    const otherDialog = visible(other, '.handover-dialog')
    await otherDialog.waitFor()
    await otherDialog.locator('.nut-dialog-footer-ok').click()
    const refused = visible(other, '.handover-warning')
    await refused.waitFor()
    expect(await text(refused)).toContain('这个兑换单已经领取过了')
    await visible(other, '.handover-result--picked_up').waitFor()
    expect(await other.locator('.handover-done:visible').count()).toBe(0)
    expect(await other.locator('.handover-confirm:visible').count()).toBe(0)
    expect(ordersOf(eligible.householdId).filter((o) => o._id === placed!.id).map((o) => o.state)).toEqual(['picked_up'])

    await staff.context().close()
    await other.context().close()
  })

  it('the villager’s 我的兑换 shows the order as 已领取', async () => {
    if (!placed) throw new Error('no order was placed by the first test')
    const page = villagerPage
    // still on the shop page from the first test
    await visible(page, '.mall-go-orders').click()
    await page.waitForURL(/mall\/pages\/orders\/index/)
    await visible(page, '.mall-order').waitFor()
    const mine = page.locator('.mall-order:visible').filter({ has: page.locator('.mall-order__total', { hasText: `共 ${TOTAL} 积分` }) })
    expect(await mine.count()).toBe(1)
    expect(await mine.evaluate((el) => el.className)).toContain('mall-order--picked_up')
    expect(await text(mine.locator('.mall-order__state'))).toBe('已领取')
    expect(await text(mine.locator('.mall-order__note'))).toContain('领取时间')
    const items = await mine.locator('.mall-order__item').evaluateAll((els) =>
      els.map((el) => [el.querySelector('.mall-order__item-name')?.textContent?.trim(), el.querySelector('.mall-order__item-qty')?.textContent?.replace(/\s+/g, ' ').trim()])
    )
    expect(items).toEqual(expect.arrayContaining([[SOAP, '2 件 × 10 积分'], [TISSUE, '1 件 × 58 积分']]))
    expect(items).toHaveLength(2)
    // no pickup code or QR any more, and it can no longer be cancelled
    expect(await mine.locator('.mall-order__code').count()).toBe(0)
    expect(await mine.locator('.mall-order__qr').count()).toBe(0)
    expect(await mine.locator('.mall-order__cancel').count()).toBe(0)
  })

  it('a villager below the quarter threshold sees why and cannot place an order', async () => {
    const page = await e.newPage()
    const ordersBefore = ordersOf(ineligible.householdId).length
    const stockBefore = goodsStock()
    await signInAs(page, ineligible.name)
    await openTile(page, 'home', 'mall-shop')
    await page.waitForURL(/mall\/pages\/shop\/index/)

    const no = visible(page, '.mall-eligibility--no')
    await no.waitFor()
    expect(await page.locator('.mall-eligibility--ok:visible').count()).toBe(0)
    const reason = await text(no)
    expect(reason).toBe(ineligible.shop.reason)
    expect(reason).toContain(`满${ineligible.shop.threshold}分才能兑换`)
    const quarterLine = await text(visible(page, '.mall-quarter'))
    const m = quarterLine.match(/积分 (\d+) 分，满 (\d+) 分可以兑换/)
    expect(m).not.toBeNull()
    expect(Number(m![1])).toBeLessThan(Number(m![2]))
    expect(await num(visible(page, '.mall-balance__value'))).toBe(ineligible.shop.balance)

    // every 加入 is disabled; tapping one puts nothing in the cart, and 确认兑换 opens nothing
    const adds = page.locator('.mall-goods:visible .mall-goods__add')
    expect(await adds.count()).toBeGreaterThan(0)
    for (const cls of await adds.evaluateAll((els) => els.map((el) => el.className))) expect(cls).toContain('cs-button--disabled')
    expect(await page.locator('.mall-goods:visible .mall-goods__plus').count()).toBe(0)
    await goodsCard(page, SOAP).locator('.mall-goods__add').click({ force: true })
    expect(await page.locator('.mall-goods:visible .mall-goods__qty').count()).toBe(0)
    expect(await num(visible(page, '.mall-cart-total'))).toBe(0)
    expect(await text(visible(page, '.mall-cart-left'))).toBe('现在不能兑换')
    const submit = visible(page, '.mall-order-submit')
    expect(await submit.evaluate((el) => el.className)).toContain('cs-button--disabled')
    await submit.click({ force: true })
    await page.waitForTimeout(500)
    expect(await page.locator('.mall-order-confirm:visible').count()).toBe(0)
    expect(ordersOf(ineligible.householdId).length).toBe(ordersBefore)
    expect(goodsStock()).toEqual(stockBefore)
    await page.context().close()
  })
})
