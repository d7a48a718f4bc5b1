/** Bad input for every 爱心超市 action: INPUT.INVALID with a Chinese message, and nothing written. */
import { mallContract } from '../../types/contract/mall.contract'
import { NOW, QJ, startTestCloud, type TestCloud } from '../fixtures/cloud'
import { addGoods, grant, openWindow, SHOP } from './mall-setup'

let c: TestCloud
let win: any
let goods: any
let orderId: string

beforeAll(async () => {
  c = await startTestCloud()
  await grant(c, 'h-qj-06', 500)
  win = await openWindow(c)
  goods = await addGoods(c, { name: '大米', price: 50, stock: 10 })
  orderId = (await c.ok('m-eerdun', 'mall', 'placeOrder', { windowId: win.id, items: [{ goodsId: goods.id, qty: 1 }] })).id
})
afterAll(() => c.stop())

const iso = (ms: number) => new Date(NOW.getTime() + ms).toISOString()

/** [action, who, input, message expected (exact Chinese text, or a pattern)] */
const CASES: Array<[string, string, () => unknown, RegExp]> = [
  ['shop', 'm-eerdun', () => ({ householdId: '' }), /填写的内容有误/],
  ['placeOrder', 'm-eerdun', () => ({ windowId: win.id, items: [] }), /^请至少选一件商品$/],
  ['placeOrder', 'm-eerdun', () => ({ windowId: win.id, items: [{ goodsId: goods.id, qty: 1 }, { goodsId: goods.id, qty: 2 }] }), /^同一商品请合并数量$/],
  ['placeOrder', 'm-eerdun', () => ({ windowId: win.id, items: [{ goodsId: goods.id, qty: 0 }] }), /填写的内容有误/],
  ['placeOrder', 'm-eerdun', () => ({ windowId: win.id, items: [{ goodsId: goods.id, qty: 1.5 }] }), /填写的内容有误/],
  ['placeOrder', 'm-eerdun', () => ({ windowId: win.id, items: Array.from({ length: 11 }, (_, i) => ({ goodsId: `g${i}`, qty: 1 })) }), /^一次最多10种商品$/],
  ['myOrders', 'm-eerdun', () => ({ householdId: 42 }), /填写的内容有误/],
  ['lookupOrder', SHOP, () => ({ villageId: QJ.village, code: '1234' }), /填写的内容有误/],
  ['lookupOrder', SHOP, () => ({ villageId: QJ.village, code: 'abc-123-xyz' }), /^取货码是6位数字，或扫描兑换单上的二维码$/],
  ['handOver', SHOP, () => ({}), /填写的内容有误/],
  ['cancelOrder', SHOP, () => ({ orderId, reason: ' ' }), /^请写明取消原因$/],
  ['listGoods', SHOP, () => ({ villageId: QJ.village, includeInactive: 'yes' }), /填写的内容有误/],
  ['saveGoods', SHOP, () => ({ villageId: QJ.village, name: '  ', price: 10 }), /^请填写商品名称$/],
  ['saveGoods', SHOP, () => ({ villageId: QJ.village, name: '酱油', price: 0 }), /^兑换积分至少为1$/],
  ['saveGoods', SHOP, () => ({ villageId: QJ.village, name: '酱油', price: 10, initialStock: -5 }), /填写的内容有误/],
  ['restock', SHOP, () => ({ goodsId: goods.id, delta: 0, reason: '盘点' }), /^数量不能为0$/],
  ['restock', SHOP, () => ({ goodsId: goods.id, delta: 5, reason: '' }), /^请写明原因$/],
  ['listWindows', SHOP, () => ({}), /填写的内容有误/],
  ['saveWindow', SHOP, () => ({ villageId: QJ.village, title: '倒过来', opensAt: iso(30 * 86400000), closesAt: iso(29 * 86400000) }), /^结束时间要晚于开始时间$/],
  ['saveWindow', SHOP, () => ({ villageId: QJ.village, title: '坏季度', opensAt: iso(30 * 86400000), closesAt: iso(31 * 86400000), quarter: '2026Q4' }), /填写的内容有误/],
  ['saveWindow', SHOP, () => ({ villageId: QJ.village, title: '坏日期', opensAt: '2026-12-01', closesAt: '2026-12-02' }), /填写的内容有误/],
  ['getMallSettings', 'm-eerdun', () => ({}), /填写的内容有误/],
  ['saveMallSettings', SHOP, () => ({ villageId: QJ.village, threshold: 80, pointsPerYuan: 0 }), /填写的内容有误/],
  ['saveMallSettings', SHOP, () => ({ villageId: QJ.village, threshold: -1, pointsPerYuan: 5 }), /填写的内容有误/],
  ['windowOrders', SHOP, () => ({ windowId: '' }), /填写的内容有误/],
  ['expireOrders', SHOP, () => ({ villageId: ['v-qj'] }), /填写的内容有误/],
  ['report', SHOP, () => ({ windowId: 'w'.repeat(65) }), /填写的内容有误/],
  ['exportReport', SHOP, () => ({ windowId: null }), /填写的内容有误/]
]

const WRITES = ['database.insertDocument', 'database.modifyDocument', 'database.removeDocument', 'database.commitTransaction', 'database.startTransaction']

it('covers every mall action', () => {
  expect(new Set(CASES.map(([a]) => a))).toEqual(new Set(Object.keys(mallContract)))
})

it.each(CASES.map(([action, who, input, msg], i) => [`${action} #${i}`, action, who, input, msg] as const))('%s → INPUT.INVALID, nothing written', async (_name, action, who, input, msg) => {
  const engine = c.local.emulator.engine
  const before = ['mall_goods', 'mall_orders', 'mall_windows', 'mall_stock_moves', 'ledger_entries', 'household_points', 'village_settings', 'requests'].map((x) => JSON.stringify(c.dump(x)))
  engine.resetCounters()
  const r = await c.call(who, 'mall', action, input())
  const ops = engine.counters()
  expect(r).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
  if (r.ok) return
  expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/)
  expect(r.error.message).toMatch(msg)
  expect(WRITES.filter((w) => ops[w])).toEqual([])
  const after = ['mall_goods', 'mall_orders', 'mall_windows', 'mall_stock_moves', 'ledger_entries', 'household_points', 'village_settings', 'requests'].map((x) => JSON.stringify(c.dump(x)))
  expect(after).toEqual(before)
})
