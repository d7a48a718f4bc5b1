import type { GoodsView, Role } from '../../types/contract'
import { useMutation, type Attempt } from '../hooks/use-call'
import { rolesOf } from '@/features/tiles'

/** Roles that run the shop (goods, windows, 核销, reports), from the declared access of 核销. */
export const SHOP_ROLES: readonly Role[] = rolesOf('mall.handOver')
/** Roles that may redeem on behalf of a household in their grid (代办). */
export const PROXY_ROLES: readonly Role[] = rolesOf('mall.placeOrder')

export const MALL_PAGES = {
  shop: '/mall/pages/shop/index',
  orders: '/mall/pages/orders/index',
  handover: '/mall/pages/handover/index',
  manage: '/mall/pages/manage/index',
  goodsEdit: '/mall/pages/goods-edit/index',
  windowEdit: '/mall/pages/window-edit/index',
  report: '/mall/pages/report/index'
} as const

/** Builds a page URL with only the non-empty query parameters. */
export { pageUrl } from '@/utils/page-url'

/** Remembers the village chosen on the mall pages (useVillageScope in src/hooks/use-scope.ts). */
export const MALL_SCOPE_KEY = 'cunshe.mallVillage'

export type SubmitResult<T> = Attempt<T>

/** The shared mutation hook (hooks/use-call useMutation) in the shape the mall pages read: `run` tells ok from failed. */
export function useSubmit<A extends unknown[], T>(fn: (...args: A) => Promise<T>) {
  const m = useMutation(fn)
  return { submitting: m.submitting, run: m.attempt }
}

// ---- time: the app's one China-time formatter (src/utils/china-time.ts) ----
export { cstParts, fmtDay, fmtTime, quarterLabel, quartersAround, chinaIso as toIso } from '@/utils/china-time'

export interface WindowLike {
  opensAt: string
  closesAt: string
  open: boolean
  swept: boolean
}

export function windowStateLabel(w: WindowLike, now = Date.now()): string {
  if (w.swept) return '已结算'
  if (w.open) return '兑换中'
  return new Date(w.closesAt).getTime() <= now ? '已结束' : '未开始'
}

// ---- money and cart ----

/** Points → yuan, two decimals at most: 4, 2.5, 0.33. */
export function yuanOf(points: number, pointsPerYuan: number): number {
  return pointsPerYuan > 0 ? Math.round((points / pointsPerYuan) * 100) / 100 : 0
}

export function yuanText(yuan: number): string {
  return `约${yuan}元`
}

export type Cart = Record<string, number>

export interface CartLine {
  goods: GoodsView
  qty: number
}

export function cartLines(cart: Cart, goods: GoodsView[]): CartLine[] {
  return goods.filter((g) => (cart[g.id] ?? 0) > 0).map((g) => ({ goods: g, qty: cart[g.id] ?? 0 }))
}

export function cartTotal(cart: Cart, goods: GoodsView[]): number {
  return cartLines(cart, goods).reduce((s, l) => s + l.goods.price * l.qty, 0)
}

/**
 * Most of one item a household may put in the cart: stock, what is left of its per-household limit after the
 * `used` units it already holds in this window, and the contract's 20 per line.
 */
export function maxQty(g: GoodsView, used = 0): number {
  const left = g.limitPerHousehold === null ? 20 : g.limitPerHousehold - used
  return Math.max(0, Math.min(g.stock, left, 20))
}

/** 每户限4件 / 每户限4件，本次兑换日已兑2件 */
export function limitText(g: GoodsView, used = 0): string {
  if (g.limitPerHousehold === null) return ''
  return used > 0 ? `每户限${g.limitPerHousehold}件，本次兑换日已兑${used}件` : `每户限${g.limitPerHousehold}件`
}

/** A scanned or typed pickup code: the QR payload (cunshe:order:<id>:<code>) or 6 digits. */
export function normalizeCode(raw: string): { code: string } | { error: string } {
  const s = raw.trim().replace(/\s+/g, '')
  if (/^cunshe:order:[A-Za-z0-9_]+:\d{6}$/.test(s)) return { code: s }
  if (/^\d{6}$/.test(s)) return { code: s }
  if (s === '') return { error: '请输入6位取货码，或点“扫码”' }
  return { error: '取货码是6位数字，请核对后再输' }
}
