import { err, ok, type Result } from './result'

/** 爱心超市 rules as pure functions. */

export interface Eligibility {
  eligible: boolean
  reason: string | null
}

export function eligibility(quarterPoints: number, threshold: number, quarter: string, ineligible: boolean): Eligibility {
  if (ineligible) return { eligible: false, reason: '本年度因否决项目被取消兑换资格' }
  if (quarterPoints < threshold) return { eligible: false, reason: `${quarter.replace('-Q', '年第')}季度积分${quarterPoints}分，满${threshold}分才能兑换` }
  return { eligible: true, reason: null }
}

export function windowOpen(opensAt: Date, closesAt: Date, now: Date): boolean {
  return now >= opensAt && now < closesAt
}

export interface Line {
  goodsId: string
  qty: number
}

export interface GoodsState {
  _id: string
  name: string
  price: number
  stock: number
  active: boolean
  limitPerHousehold: number | null
}

/**
 * Checks one order against stock, per-household limits and the balance; returns the total and the new
 * stock and limit counters. Order of checks: goods, stock, limit, balance — so the loser of a race for
 * the last item hears "out of stock", not a balance problem.
 */
export function priceOrder(
  lines: Line[],
  goods: Map<string, GoodsState>,
  usedLimits: Map<string, number>,
  balance: number
): Result<{ total: number; stock: Map<string, number>; limits: Map<string, number> }> {
  let total = 0
  const stock = new Map<string, number>()
  const limits = new Map<string, number>()
  for (const l of lines) {
    const g = goods.get(l.goodsId)
    if (!g || !g.active) return err('MALL.GOODS_NOT_FOUND', { goodsId: l.goodsId })
    if (g.stock < l.qty) return err('MALL.OUT_OF_STOCK', { goodsId: l.goodsId, name: g.name, stock: g.stock })
    const used = usedLimits.get(l.goodsId) ?? 0
    if (g.limitPerHousehold !== null && used + l.qty > g.limitPerHousehold) {
      return err('MALL.LIMIT_EXCEEDED', { goodsId: l.goodsId, name: g.name, limit: g.limitPerHousehold, used })
    }
    total += g.price * l.qty
    stock.set(l.goodsId, g.stock - l.qty)
    limits.set(l.goodsId, used + l.qty)
  }
  if (total > balance) return err('LEDGER.INSUFFICIENT_BALANCE', { total, balance })
  return ok({ total, stock, limits })
}

/** 6-digit pickup code derived from the order id; a clash in the same window is retried with a salt. */
export function pickupCodeFor(orderId: string, salt: number, hash: (s: string) => string): string {
  const h = hash(`${orderId}:${salt}`)
  return String(parseInt(h.slice(0, 8), 16) % 1000000).padStart(6, '0')
}

export function yuan(points: number, pointsPerYuan: number): number {
  return Math.round((points / pointsPerYuan) * 100) / 100
}
