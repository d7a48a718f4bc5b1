/**
 * 爱心超市 orders under retries and faults: a requestId places one order however often it arrives; a
 * fault anywhere inside the order's transaction leaves no trace; and the database work per order and per
 * hand-over is bounded.
 */
import { startTestCloud, uid, type TestCloud } from '../fixtures/cloud'
import { addGoods, books, footprint, grant, holdBackSlowSdkWarnings, openWindow, SHOP, stockOf } from './mall-setup'

let c: TestCloud
let win: any
let rice: any
let soap: any
let oil: any
const ERDUN = 'm-eerdun'

holdBackSlowSdkWarnings()

beforeAll(async () => {
  c = await startTestCloud()
  await grant(c, 'h-qj-06', 5000)
  await grant(c, 'h-qj-07', 5000)
  win = await openWindow(c)
  rice = await addGoods(c, { name: '大米', price: 50, stock: 500, limit: 100 })
  soap = await addGoods(c, { name: '肥皂', price: 5, stock: 500 })
  oil = await addGoods(c, { name: '豆油', price: 30, stock: 500 })
})
afterAll(() => c.stop())

const engine = () => c.local.emulator.engine

/**
 * Runs `work` while holding back the bundled function's "[cunshe] internal error" reports (the harness's
 * setInternalErrorReporter reaches only the test's copy of the runtime, not the bundle's) and returns them.
 */
async function catchInternalReports<T>(work: () => Promise<T>): Promise<{ result: T; reports: string[] }> {
  const reports: string[] = []
  const write = process.stderr.write.bind(process.stderr)
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
    if (String(chunk).startsWith('[cunshe] internal error')) {
      reports.push(String(chunk))
      return true
    }
    return (write as (...a: unknown[]) => boolean)(chunk, ...rest)
  }) as typeof process.stderr.write)
  try {
    return { result: await work(), reports }
  } finally {
    spy.mockRestore()
  }
}
const place = (items: Array<[any, number]>, requestId = uid(), who = ERDUN) =>
  c.call(who, 'mall', 'placeOrder', { windowId: win.id, items: items.map(([g, qty]) => ({ goodsId: g.id, qty })) }, { requestId })

describe('idempotency by requestId', () => {
  it('a request retried sequentially places one order and answers the same', async () => {
    const requestId = uid()
    const f0 = footprint(c)
    const a = await place([[rice, 1]], requestId)
    const b = await place([[rice, 1]], requestId)
    expect(a.ok && b.ok).toBe(true)
    expect((b as any).data).toEqual((a as any).data)
    const f1 = footprint(c)
    expect([f1.orders - f0.orders, f1.ledger - f0.ledger]).toEqual([1, 1])
    expect(stockOf(c, rice.id)).toBe(499)
    // a different requestId is a different order
    const d = await place([[rice, 1]])
    expect(d.ok && (d as any).data.id).not.toBe((a as any).data.id)
    expect(stockOf(c, rice.id)).toBe(498)
  })

  it('the same request arriving 10 times at once places one order; every copy gets it', async () => {
    const requestId = uid()
    const f0 = footprint(c)
    const bal0 = books(c, 'h-qj-06').balance
    const results = await Promise.all(Array.from({ length: 10 }, () => place([[rice, 2], [soap, 3]], requestId)))
    expect(results.map((r) => (r.ok ? 'OK' : r.error.code))).toEqual(Array(10).fill('OK'))
    const ids = new Set(results.map((r) => (r as any).data.id))
    expect(ids.size).toBe(1)
    const codes = new Set(results.map((r) => (r as any).data.pickupCode))
    expect(codes.size).toBe(1)
    const f1 = footprint(c)
    expect([f1.orders - f0.orders, f1.ledger - f0.ledger, f1.moves - f0.moves]).toEqual([1, 1, 2])
    expect(books(c, 'h-qj-06').balance).toBe(bal0 - 115)
    expect(c.dump('mall_limits').find((l) => l._id === `${win.id}:h-qj-06:${rice.id}`).qty).toBe(4)
    const b = books(c, 'h-qj-06')
    expect(b.sum).toBe(b.balance)
  })
})

describe('an injected fault mid-order leaves no trace', () => {
  const cases: Array<[string, { action: string; collection?: string }]> = [
    ['the commit', { action: 'database.commitTransaction' }],
    ['the stock update (first write)', { action: 'database.modifyDocument', collection: 'mall_goods' }],
    ['the stock movement insert', { action: 'database.insertDocument', collection: 'mall_stock_moves' }],
    ['the limit counter', { action: 'database.insertDocument', collection: 'mall_limits' }],
    ['the ledger entry', { action: 'database.insertDocument', collection: 'ledger_entries' }],
    ['the balance update', { action: 'database.modifyDocument', collection: 'household_points' }],
    ['the order insert (last write)', { action: 'database.insertDocument', collection: 'mall_orders' }],
    ['the transaction’s read of the points', { action: 'database.getDocument', collection: 'household_points' }]
  ]
  it.each(cases)('fault on %s: nothing taken, nothing written; the same request then succeeds once', async (_label, filter) => {
    const requestId = uid()
    // 王桂荣's household; a new limited item each time, so the limit counter is created in the transaction
    const item = await addGoods(c, { name: `测试商品${uid().slice(0, 6)}`, price: 20, stock: 3, limit: 2 })
    const f0 = footprint(c)
    engine().failNth(1, filter)
    const { result: r, reports } = await catchInternalReports(() =>
      c.call('m-wangguirong', 'mall', 'placeOrder', { windowId: win.id, items: [{ goodsId: item.id, qty: 2 }, { goodsId: soap.id, qty: 1 }] }, { requestId })
    )
    engine().clearFaults()
    expect(r).toMatchObject({ ok: false, error: { code: 'SYS.INTERNAL' } })
    expect(reports).toHaveLength(1)
    expect(reports[0]).toMatch(/injected fault/)
    expect(footprint(c)).toEqual(f0)
    expect(engine().openTransactions()).toBe(0)
    const again = await c.call('m-wangguirong', 'mall', 'placeOrder', { windowId: win.id, items: [{ goodsId: item.id, qty: 2 }, { goodsId: soap.id, qty: 1 }] }, { requestId })
    expect(again).toMatchObject({ ok: true, data: { state: 'reserved', total: 45 } })
    const f1 = footprint(c)
    expect([f1.orders - f0.orders, f1.ledger - f0.ledger, f1.moves - f0.moves, f1.limits - f0.limits]).toEqual([1, 1, 2, 1])
    expect(stockOf(c, item.id)).toBe(1)
    const b = books(c, 'h-qj-07')
    expect(b.sum).toBe(b.balance)
  })

  it('a fault after the commit (the answer is not recorded): the retry returns the placed order, not a second one', async () => {
    const requestId = uid()
    const f0 = footprint(c)
    engine().failNth(1, { action: 'database.modifyDocument', collection: 'requests' })
    const { result: r, reports } = await catchInternalReports(() => place([[oil, 1]], requestId))
    engine().clearFaults()
    expect(reports).toHaveLength(1)
    expect(r).toMatchObject({ ok: false, error: { code: 'SYS.INTERNAL' } })
    const f1 = footprint(c)
    expect([f1.orders - f0.orders, f1.ledger - f0.ledger]).toEqual([1, 1])
    const again = await place([[oil, 1]], requestId)
    expect(again.ok).toBe(true)
    const placed = c.dump('mall_orders').filter((o) => o.items.some((l: any) => l.goodsId === oil.id))
    expect(placed).toHaveLength(1)
    expect((again as any).data.id).toBe(placed[0]._id)
    expect(footprint(c)).toEqual(f1)
    expect(stockOf(c, oil.id)).toBe(499)
  })
})

describe('database work per call is bounded', () => {
  it('one order (1 item with a limit, 3 items) and one hand-over', async () => {
    await place([[soap, 1]]) // warm: the household's points document and the caller exist already
    engine().resetCounters()
    const one = await place([[rice, 1]])
    const opsOne = engine().counters()
    engine().resetCounters()
    const three = await place([[rice, 1], [soap, 1], [oil, 1]])
    const opsThree = engine().counters()
    engine().resetCounters()
    const handed = await c.call(SHOP, 'mall', 'handOver', { orderId: (one as any).data.id, code: (one as any).data.pickupCode })
    const opsHand = engine().counters()
    expect(one.ok && three.ok && handed.ok).toBe(true)
    // one transaction each, committed at the first attempt
    for (const ops of [opsOne, opsThree, opsHand]) {
      expect(ops['database.startTransaction']).toBe(1)
      expect(ops['database.commitTransaction']).toBe(1)
    }
    expect(opsOne.total).toBeLessThanOrEqual(25)
    expect(opsThree.total).toBeLessThanOrEqual(35)
    expect(opsHand.total).toBeLessThanOrEqual(15)
    // reads do not grow with the number of lines beyond one goods (and one limit) read per line
    expect(opsThree['database.getDocument'] - opsOne['database.getDocument']).toBeLessThanOrEqual(2)
  })
})
