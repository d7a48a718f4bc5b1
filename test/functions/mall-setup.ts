/** Shared set-up for the 爱心超市 (mall) function tests: points, goods, windows, extra households, invariants. */
import { randomUUID } from 'crypto'
import { demoOpenid } from '../../emulator/seed/roster'
import { currentPeriods } from '../../cloudfunctions/_shared/domain/china-time'
import { applyEntry, emptyPoints } from '../../cloudfunctions/_shared/domain/ledger'
import { NOW, QJ, type TestCloud } from '../fixtures/cloud'

export const SHOP = QJ.shop // 李秀兰, staff of 前进嘎查

/**
 * Gives a household points as posted claims would (earned in the quarter of `now`), written straight into the
 * ledger and the cached totals: the shop's tests start from a balance, not from the audit chain (which
 * corrections now go through; see governance-corrections.test.ts).
 */
export async function grant(c: TestCloud, householdId: string, amount: number, now = NOW) {
  const engine = c.local.emulator.engine
  const per = currentPeriods(now)
  const h = engine.dump('households').find((x) => x._id === householdId)
  const cur = engine.dump('household_points').find((x) => x._id === householdId) ?? { _id: householdId, villageId: h.villageId, gridId: h.gridId, code: h.code, headName: h.headName, ...emptyPoints(), updatedAt: now }
  const next = { ...cur, ...applyEntry(cur, amount, per, per.year), updatedAt: now }
  const entryId = `grant_${randomUUID().slice(0, 12)}`
  engine.insertRaw('ledger_entries', [{ _id: entryId, householdId, villageId: h.villageId, seq: next.seq, amount, earnedAmount: amount, notTaken: 0, balanceAfter: next.balance, kind: 'correction', reason: '测试发放积分', claimId: null, orderId: null, ruleItemName: null, periods: per, evidence: [], approvals: [], by: 'test', at: now }])
  engine.putRaw('household_points', [next])
  return { entryId, balance: next.balance }
}

export async function addGoods(
  c: TestCloud,
  g: { name: string; price: number; stock?: number; limit?: number | null; photo?: string | null; active?: boolean },
  who = SHOP,
  villageId = QJ.village
) {
  return c.ok(who, 'mall', 'saveGoods', {
    villageId,
    name: g.name,
    photo: g.photo ?? null,
    price: g.price,
    limitPerHousehold: g.limit ?? null,
    active: g.active ?? true,
    initialStock: g.stock ?? 0
  })
}

/** A redemption window around NOW (default: opened 2 hours ago, closes in 6 hours). */
export async function openWindow(c: TestCloud, opts: { opensAt?: Date; closesAt?: Date; title?: string } = {}, who = SHOP, villageId = QJ.village) {
  return c.ok(who, 'mall', 'saveWindow', {
    villageId,
    title: opts.title ?? '第四季度兑换日',
    opensAt: (opts.opensAt ?? new Date(NOW.getTime() - 2 * 3600000)).toISOString(),
    closesAt: (opts.closesAt ?? new Date(NOW.getTime() + 6 * 3600000)).toISOString()
  })
}

/**
 * Adds `n` households (each with one bound head) to a grid of 前进嘎查 by bulk insert, shaped like the
 * seeded roster. Returns [householdId, memberId] pairs; call as the member id.
 */
export function addHouseholds(c: TestCloud, n: number, prefix = 'x', grid = QJ.gridEast): Array<{ householdId: string; memberId: string }> {
  const engine = c.local.emulator.engine
  const template = engine.dump('households').find((h) => h.gridId === grid)
  const memberTemplate = engine.dump('members').find((m) => m.householdId === template._id && !m.roles?.length)
  const out: Array<{ householdId: string; memberId: string }> = []
  const households = []
  const members = []
  const bindings = []
  for (let i = 1; i <= n; i++) {
    const householdId = `h-qj-${prefix}${i}`
    const memberId = `m-${prefix}${i}`
    households.push({ ...template, _id: householdId, code: `QJ-${prefix.toUpperCase()}${String(i).padStart(2, '0')}`, address: `测试户${i}号`, headMemberId: memberId, headName: `测试户主${prefix}${i}`, memberCount: 1 })
    members.push({ ...memberTemplate, _id: memberId, name: `测试户主${prefix}${i}`, householdId, isHead: true, relation: '户主', openid: demoOpenid(memberId), roles: [], phone: null })
    bindings.push({ _id: demoOpenid(memberId), memberId, via: 'demo', at: NOW })
    out.push({ householdId, memberId })
  }
  engine.insertRaw('households', households)
  engine.insertRaw('members', members)
  engine.insertRaw('bindings', bindings)
  return out
}

export interface HouseholdBooks {
  balance: number
  sum: number
  entries: any[]
  minBalanceAfter: number
}

/** The household's cached balance and its ledger, read straight from the store. */
export function books(c: TestCloud, householdId: string): HouseholdBooks {
  const doc = c.dump('household_points').find((d) => d._id === householdId)
  const entries = c.dump('ledger_entries').filter((e) => e.householdId === householdId).sort((a, b) => a.seq - b.seq)
  return {
    balance: doc?.balance ?? 0,
    sum: entries.reduce((s, e) => s + e.amount, 0),
    entries,
    minBalanceAfter: entries.length ? Math.min(...entries.map((e) => e.balanceAfter)) : 0
  }
}

export function stockOf(c: TestCloud, goodsId: string): number {
  return c.dump('mall_goods').find((g) => g._id === goodsId).stock
}

/** Everything that a placed order writes, for "no trace" checks. */
export function footprint(c: TestCloud) {
  return {
    orders: c.dump('mall_orders').length,
    moves: c.dump('mall_stock_moves').length,
    ledger: c.dump('ledger_entries').length,
    limits: c.dump('mall_limits').length,
    requests: c.dump('requests').length,
    goods: JSON.stringify(c.dump('mall_goods').map((g) => [g._id, g.stock]).sort()),
    points: JSON.stringify(c.dump('household_points').map((p) => [p._id, p.balance, p.seq]).sort())
  }
}

/**
 * Under jest, rendering an order's 320 px QR PNG blocks the event loop for ~0.7–0.9 s (about 15 ms in plain
 * Node: jest's sandbox makes pngjs slow), so while many orders are in flight the SDK warns that requests
 * took over 3 s. Only that warning is held back (and counted); anything else still reaches the console.
 */
export function holdBackSlowSdkWarnings(): string[] {
  const held: string[] = []
  const passWarn = console.warn.bind(console)
  jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    if (/^\[TCB\]\[WARN\] .* is longer than 3s/.test(String(args[0]))) held.push(String(args[0]))
    else passWarn(...args)
  })
  return held
}
