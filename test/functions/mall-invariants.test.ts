/**
 * The core 爱心超市 invariants under contention, through the real SDK and the emulator's transactions:
 * stock and balance change together or not at all, no overselling, no negative balance, no double spend.
 */
import { NOW, QJ, startTestCloud, type TestCloud } from '../fixtures/cloud'
import { addGoods, addHouseholds, books, grant, holdBackSlowSdkWarnings, openWindow, stockOf } from './mall-setup'

let c: TestCloud
let win: any
let hot: any // stock 10, 150 points, limit 2 per household
let plenty: any // stock 1000, 150 points, limit 2 per household

type Kind = 'ineligible' | 'poor' | 'oneOnly' | 'rich'
const households: Array<{ householdId: string; memberId: string; kind: Kind; points: number }> = []
const POINTS: Record<Kind, number> = { ineligible: 50, poor: 100, oneOnly: 200, rich: 1000 }

const ALLOWED = ['MALL.OUT_OF_STOCK', 'LEDGER.INSUFFICIENT_BALANCE', 'MALL.NOT_ELIGIBLE', 'MALL.WINDOW_CLOSED', 'MALL.LIMIT_EXCEEDED']

holdBackSlowSdkWarnings()

beforeAll(async () => {
  c = await startTestCloud()
  // 30 households of 前进嘎查: the 15 seeded heads plus 15 added ones, each placing orders as itself.
  const seeded = c
    .dump('households')
    .filter((h) => h.villageId === QJ.village)
    .map((h) => ({ householdId: h._id as string, memberId: h.headMemberId as string }))
    .filter((h) => c.dump('bindings').some((b) => b.memberId === h.memberId))
  const added = addHouseholds(c, 30 - seeded.length)
  const all = [...seeded, ...added]
  expect(all).toHaveLength(30)
  all.forEach((h, i) => {
    const kind: Kind = i < 4 ? 'ineligible' : i < 8 ? 'poor' : i < 14 ? 'oneOnly' : 'rich'
    households.push({ ...h, kind, points: POINTS[kind] })
  })
  for (const h of households) await grant(c, h.householdId, h.points)
  win = await openWindow(c)
  hot = await addGoods(c, { name: '电饭煲', price: 150, stock: 10, limit: 2 })
  plenty = await addGoods(c, { name: '大米', price: 150, stock: 1000, limit: 2 })
}, 120000)
afterAll(() => c.stop())

const CLOSED = new Date(NOW.getTime() + 7 * 3600000) // the window closes NOW + 6 h

it('100 concurrent orders from 30 households for 10 in stock (plus 20 crafted losers): exactly 10 succeed, books balance', async () => {
  const ledger0 = c.dump('ledger_entries').length
  // 100 orders for the hot item: round robin over the 30 households; 5 of them arrive after closing,
  // 6 ask for 3 (over the limit of 2).
  const hotOrders = Array.from({ length: 100 }, (_, i) => ({
    h: households[i % 30],
    goodsId: hot.id,
    qty: i % 17 === 5 ? 3 : 1,
    now: i % 20 === 7 ? CLOSED : NOW
  }))
  // 20 orders for the plentiful item whose outcome is decided by the household alone, mixed in.
  const pick = (kind: Kind, n: number) => households.filter((h) => h.kind === kind).slice(0, n)
  const plentyOrders = [
    ...pick('ineligible', 4).map((h) => ({ h, goodsId: plenty.id, qty: 1, now: NOW, expect: 'MALL.NOT_ELIGIBLE' })),
    ...pick('poor', 4).map((h) => ({ h, goodsId: plenty.id, qty: 1, now: NOW, expect: 'LEDGER.INSUFFICIENT_BALANCE' })),
    ...pick('rich', 4).map((h) => ({ h, goodsId: plenty.id, qty: 3, now: NOW, expect: 'MALL.LIMIT_EXCEEDED' })),
    ...pick('rich', 4).map((h) => ({ h, goodsId: plenty.id, qty: 1, now: CLOSED, expect: 'MALL.WINDOW_CLOSED' })),
    // 一次性 households race their single affordable order across both items
    ...pick('oneOnly', 4).map((h) => ({ h, goodsId: plenty.id, qty: 1, now: NOW, expect: null }))
  ]
  const all = [...hotOrders.map((o) => ({ ...o, expect: undefined as string | null | undefined })), ...plentyOrders]
  // interleave so both kinds are in flight together
  all.sort((a, b) => (a.h.householdId + a.goodsId + a.qty).localeCompare(b.h.householdId + b.goodsId + b.qty))

  const t0 = Date.now()
  const results = await Promise.all(
    all.map((o) => c.call(o.h.memberId, 'mall', 'placeOrder', { windowId: win.id, items: [{ goodsId: o.goodsId, qty: o.qty }] }, { now: o.now }))
  )
  const elapsed = Date.now() - t0
  expect(elapsed).toBeLessThan(60000)

  const codes = results.map((r) => (r.ok ? 'OK' : r.error.code))
  expect(codes.filter((x) => x.startsWith('SYS.'))).toEqual([])
  for (const code of codes) if (code !== 'OK') expect(ALLOWED).toContain(code)

  // the hot item: exactly 10 sold, stock 0, never negative
  const hotIdx = all.map((o, i) => (o.goodsId === hot.id ? i : -1)).filter((i) => i >= 0)
  expect(hotIdx).toHaveLength(100)
  const hotWins = hotIdx.filter((i) => results[i].ok)
  expect(hotWins).toHaveLength(10)
  expect(stockOf(c, hot.id)).toBe(0)
  const hotMoves = c.dump('mall_stock_moves').filter((m) => m.goodsId === hot.id && m.kind === 'order')
  expect(hotMoves).toHaveLength(10)
  expect(hotMoves.map((m) => m.stockAfter).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
  // winners: eligible households that could pay, qty 1, before closing
  for (const i of hotWins) {
    expect(['oneOnly', 'rich']).toContain(all[i].h.kind)
    expect(all[i].qty).toBe(1)
    expect(all[i].now).toBe(NOW)
  }
  // losers' codes fit their situation
  for (const i of hotIdx.filter((k) => !results[k].ok)) {
    const o = all[i]
    const code = codes[i]
    if (o.now === CLOSED) expect(code).toBe('MALL.WINDOW_CLOSED')
    else if (o.h.kind === 'ineligible') expect(['MALL.NOT_ELIGIBLE', 'MALL.OUT_OF_STOCK']).toContain(code)
    else if (o.qty === 3) expect(['MALL.LIMIT_EXCEEDED', 'MALL.OUT_OF_STOCK']).toContain(code) // limit is checked before the balance
    else if (o.h.kind === 'poor') expect(['LEDGER.INSUFFICIENT_BALANCE', 'MALL.OUT_OF_STOCK']).toContain(code)
    else expect(['MALL.OUT_OF_STOCK', 'MALL.LIMIT_EXCEEDED', 'LEDGER.INSUFFICIENT_BALANCE']).toContain(code)
  }

  // the crafted orders get exactly their code
  all.forEach((o, i) => {
    if (o.expect) expect([o.h.householdId, codes[i]]).toEqual([o.h.householdId, o.expect])
  })
  expect(new Set(codes.filter((x) => x !== 'OK')).size).toBe(5)

  // 一次性 households (200 points) never get two 150-point orders, whichever items they raced for
  for (const h of households.filter((x) => x.kind === 'oneOnly')) {
    const theirs = all.map((o, i) => (o.h === h && results[i].ok ? 1 : 0)).reduce((s: number, v) => s + v, 0)
    expect([h.householdId, theirs <= 1]).toEqual([h.householdId, true])
  }

  // every household: balance = Σ ledger, never negative; one redeem entry per successful order
  const wins = results.filter((r) => r.ok).map((r) => (r as any).data)
  for (const h of households) {
    const b = books(c, h.householdId)
    expect([h.householdId, b.balance]).toEqual([h.householdId, b.sum])
    expect(b.balance).toBeGreaterThanOrEqual(0)
    expect(b.minBalanceAfter).toBeGreaterThanOrEqual(0)
    const spent = wins.filter((o) => o.householdId === h.householdId).reduce((s, o) => s + o.total, 0)
    expect([h.householdId, b.balance]).toEqual([h.householdId, h.points - spent])
    // seq is gapless: no lost update of the cached document
    expect(b.entries.map((e) => e.seq)).toEqual(b.entries.map((_, k) => k + 1))
  }
  const redeems = c.dump('ledger_entries').filter((e) => e.kind === 'redeem')
  expect(redeems).toHaveLength(wins.length)
  expect(c.dump('ledger_entries').length - ledger0).toBe(wins.length)
  expect(new Set(redeems.map((e) => e.orderId))).toEqual(new Set(wins.map((o) => o.id)))
  const orders = c.dump('mall_orders')
  expect(orders).toHaveLength(wins.length)
  expect(new Set(orders.map((o) => `${o.windowId}:${o.pickupCode}`)).size).toBe(orders.length)
  // plentiful item: stock and movements agree with the orders
  const plentyQty = wins.filter((o) => o.items[0].goodsId === plenty.id).reduce((s, o) => s + o.items[0].qty, 0)
  expect(stockOf(c, plenty.id)).toBe(1000 - plentyQty)
  // per-household limit counters equal what each household holds, never above the limit
  for (const lim of c.dump('mall_limits')) {
    const [, householdId, goodsId] = lim._id.split(':')
    const held = wins.filter((o) => o.householdId === householdId && o.items[0].goodsId === goodsId).reduce((s, o) => s + o.items[0].qty, 0)
    expect([lim._id, lim.qty]).toEqual([lim._id, held])
    expect(lim.qty).toBeLessThanOrEqual(2)
  }
  expect(c.local.emulator.engine.openTransactions()).toBe(0)
}, 120000)

it('after the rush: restock lets the next household in, and a sell-out is reported as out of stock', async () => {
  const rich = households.filter((h) => h.kind === 'rich' && c.dump('mall_limits').every((l) => l._id !== `${win.id}:${h.householdId}:${hot.id}`))[0]
  expect(rich).toBeDefined()
  const none = await c.call(rich.memberId, 'mall', 'placeOrder', { windowId: win.id, items: [{ goodsId: hot.id, qty: 1 }] })
  expect(none).toMatchObject({ ok: false, error: { code: 'MALL.OUT_OF_STOCK' } })
  expect((none as any).error.message).toMatch(/电饭煲/)
  await c.ok(QJ.shop, 'mall', 'restock', { goodsId: hot.id, delta: 1, reason: '追加' })
  const got = await c.call(rich.memberId, 'mall', 'placeOrder', { windowId: win.id, items: [{ goodsId: hot.id, qty: 1 }] })
  expect(got.ok).toBe(true)
  expect(stockOf(c, hot.id)).toBe(0)
})

it('concurrent orders of one household for different items never overspend its balance', async () => {
  const h = addHouseholds(c, 1, 'solo')[0]
  await grant(c, h.householdId, 300)
  const items = await Promise.all(['牙膏', '毛巾', '洗发水', '香皂', '牙刷', '拖鞋'].map((name) => addGoods(c, { name, price: 100, stock: 5 })))
  const results = await Promise.all(items.map((g) => c.call(h.memberId, 'mall', 'placeOrder', { windowId: win.id, items: [{ goodsId: g.id, qty: 1 }] })))
  const codes = results.map((r) => (r.ok ? 'OK' : r.error.code))
  expect(codes.filter((x) => x === 'OK')).toHaveLength(3)
  expect(codes.filter((x) => x !== 'OK')).toEqual(Array(3).fill('LEDGER.INSUFFICIENT_BALANCE'))
  const b = books(c, h.householdId)
  expect(b.balance).toBe(0)
  expect(b.sum).toBe(0)
  expect(items.reduce((s, g) => s + stockOf(c, g.id), 0)).toBe(27)
})

it('10 concurrent orders of one household for an item limited to 5: exactly 5 succeed, the rest hear the limit', async () => {
  const h = addHouseholds(c, 1, 'lim')[0]
  await grant(c, h.householdId, 1000)
  const g = await addGoods(c, { name: '鸡蛋', price: 10, stock: 100, limit: 5 })
  const results = await Promise.all(Array.from({ length: 10 }, () => c.call(h.memberId, 'mall', 'placeOrder', { windowId: win.id, items: [{ goodsId: g.id, qty: 1 }] })))
  const codes = results.map((r) => (r.ok ? 'OK' : r.error.code)).sort()
  expect(codes.filter((x) => x === 'OK')).toHaveLength(5)
  expect(codes.filter((x) => x !== 'OK')).toEqual(Array(5).fill('MALL.LIMIT_EXCEEDED'))
  expect(stockOf(c, g.id)).toBe(95)
  expect(c.dump('mall_limits').find((l) => l._id === `${win.id}:${h.householdId}:${g.id}`).qty).toBe(5)
  const b = books(c, h.householdId)
  expect([b.balance, b.sum]).toEqual([950, 950])
})

it('hand-over racing the expiry sweep and a cancellation: each order ends in one state, refunded at most once', async () => {
  const opensAt = new Date(NOW.getTime() + 3 * 86400000)
  const closesAt = new Date(opensAt.getTime() + 2 * 3600000)
  // first let the timer sweep the earlier (closed) window, so only this window's orders are in play
  expect(await c.timer(new Date(opensAt.getTime() - 60000))).toMatchObject({ ok: true })
  expect(c.dump('mall_orders').filter((o) => o.state === 'reserved')).toHaveLength(0)
  const w = await openWindow(c, { opensAt, closesAt, title: '加开兑换日' })
  const g = await addGoods(c, { name: '挂面', price: 10, stock: 50 })
  const buyers = households.filter((h) => h.kind === 'rich').slice(0, 8)
  const during = new Date(opensAt.getTime() + 3600000)
  const placed = []
  for (const h of buyers) placed.push(await c.ok(h.memberId, 'mall', 'placeOrder', { windowId: w.id, items: [{ goodsId: g.id, qty: 2 }] }, { now: during }))
  const afterClose = new Date(closesAt.getTime() + 60000)
  const before = new Map(buyers.map((h) => [h.householdId, books(c, h.householdId).balance]))
  const races = await Promise.all([
    c.timer(afterClose),
    ...placed.map((o) => c.call(QJ.shop, 'mall', 'handOver', { orderId: o.id, code: o.pickupCode }, { now: afterClose })),
    ...placed.slice(0, 4).map((o) => c.call('m-qiqige', 'mall', 'cancelOrder', { orderId: o.id, reason: '重复下单' }, { now: afterClose }))
  ])
  expect(races[0].ok).toBe(true)
  for (const r of races.slice(1)) {
    if (!r.ok) expect(['MALL.ALREADY_PICKED_UP', 'MALL.ORDER_NOT_ACTIVE']).toContain(r.error.code)
  }
  let stockBack = 0
  for (const o of placed) {
    const doc = c.dump('mall_orders').find((x) => x._id === o.id)
    const refunds = c.dump('ledger_entries').filter((e) => e.orderId === o.id && e.kind === 'refund')
    const backs = c.dump('mall_stock_moves').filter((m) => m.orderId === o.id && m.delta > 0)
    if (doc.state === 'picked_up') {
      expect([o.id, refunds.length, backs.length]).toEqual([o.id, 0, 0])
      expect(books(c, o.householdId).balance).toBe(before.get(o.householdId))
    } else {
      expect(['expired', 'cancelled']).toContain(doc.state)
      expect([o.id, refunds.length, backs.length]).toEqual([o.id, 1, 1])
      expect(books(c, o.householdId).balance).toBe(before.get(o.householdId)! + 20)
      stockBack += 2
    }
    const b = books(c, o.householdId)
    expect(b.sum).toBe(b.balance)
  }
  expect(stockOf(c, g.id)).toBe(50 - 16 + stockBack)
  // the handOver successes are exactly the picked-up orders
  const handed = races.slice(1, 1 + placed.length).filter((r) => r.ok).length
  expect(c.dump('mall_orders').filter((x) => x.windowId === w.id && x.state === 'picked_up')).toHaveLength(handed)
})
