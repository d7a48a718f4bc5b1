import { createHash } from 'crypto'
import type { Ctx } from '../../runtime/create-handler'
import { orderView } from './views'
import { COLLECTIONS } from '../../data/collections'
import type { GoodsDoc, LimitDoc, OrderDoc, WindowDoc } from '../../data/mall-records'
import { getById, getByIds } from '../../data/repo'
import { AppError } from '../../runtime/app-error'
import { isDuplicate, txGet } from '../../runtime/tx'
import { eligibility, pickupCodeFor, priceOrder, windowOpen, type GoodsState } from '../../domain/mall'
import { postEntry, readPoints } from '../ledger/post-entry'
import { loadSettings } from '../shared/village'
import { scopedHousehold } from '../shared/households'
import { householdLabel } from '../shared/households'


const sha = (s: string) => createHash('sha1').update(s).digest('hex')

/**
 * One order, one transaction: stock of every line, the household's limit counters, the points ledger and
 * the order itself change together or not at all. A cheap read first turns most losers of a sell-out away
 * without touching the hot stock document.
 */
export async function placeOrder(input: { householdId?: string; windowId: string; items: Array<{ goodsId: string; qty: number }> }, ctx: Ctx) {
  const caller = await ctx.caller()
  // The runtime resolved the household: the caller's own, or one their grid covers (代办).
  const h = scopedHousehold(ctx)
  const proxy = h._id !== caller.member.householdId
  const w = await getById<WindowDoc>(COLLECTIONS.windows, input.windowId)
  if (!w || w.villageId !== h.villageId) throw new AppError('MALL.WINDOW_CLOSED')
  // A replay of an order that already committed is answered from its record, even after the window closed.
  if (!ctx.replay && !windowOpen(new Date(w.opensAt), new Date(w.closesAt), ctx.now)) throw new AppError('MALL.WINDOW_CLOSED')
  const settings = await loadSettings(h.villageId)
  const glance = await getByIds<GoodsDoc>(COLLECTIONS.goods, input.items.map((i) => i.goodsId))
  for (const l of ctx.replay ? [] : input.items) {
    const g = glance.get(l.goodsId)
    if (!g || !g.active || g.villageId !== h.villageId) throw new AppError('MALL.GOODS_NOT_FOUND')
    if (g.stock < l.qty) throw new AppError('MALL.OUT_OF_STOCK', { goodsId: g._id, stock: g.stock }, `“${g.name}”库存不够了`)
  }
  const orderId = ctx.stableId('o_', h._id)
  // A veto cancels redemption for the year the window's quarter belongs to (a Q4 window may be held in January).
  const year = w.quarter.slice(0, 4)

  for (let salt = 0; ; salt++) {
    const pickupCode = pickupCodeFor(orderId, salt, sha)
    try {
      const order = await ctx.tx(async (tx) => {
        // The window as of this transaction: a sweep that closed it meanwhile stops the order here.
        const wNow = await txGet<WindowDoc>(tx, COLLECTIONS.windows, w._id)
        if (!wNow || wNow.swept || !windowOpen(new Date(wNow.opensAt), new Date(wNow.closesAt), ctx.now)) throw new AppError('MALL.WINDOW_CLOSED')
        const points = await readPoints(tx, h._id)
        const elig = eligibility(points.doc.earned[w.quarter] ?? 0, settings.mall.threshold, w.quarter, (points.doc.ineligibleYears ?? []).includes(year))
        if (!elig.eligible) throw new AppError('MALL.NOT_ELIGIBLE', undefined, elig.reason ?? undefined)
        const goods = new Map<string, GoodsState & GoodsDoc>()
        const used = new Map<string, number>()
        const limitExists = new Map<string, boolean>()
        for (const l of input.items) {
          const g = await txGet<GoodsDoc>(tx, COLLECTIONS.goods, l.goodsId)
          if (g && g.villageId === h.villageId) goods.set(g._id, g)
          if (g?.limitPerHousehold !== null && g?.limitPerHousehold !== undefined) {
            const lim = await txGet<LimitDoc>(tx, COLLECTIONS.orderLimits, `${w._id}:${h._id}:${l.goodsId}`)
            used.set(l.goodsId, lim?.qty ?? 0)
            limitExists.set(l.goodsId, !!lim)
          }
        }
        const priced = priceOrder(input.items, goods, used, points.doc.balance)
        if (!priced.ok) {
          const name = (priced.details as { name?: string } | undefined)?.name
          throw new AppError(priced.code, priced.details, priced.code === 'MALL.OUT_OF_STOCK' && name ? `“${name}”库存不够了` : undefined)
        }
        const { total, stock, limits } = priced.value
        for (const l of input.items) {
          const g = goods.get(l.goodsId)!
          await tx.collection(COLLECTIONS.goods).doc(g._id).update({ stock: stock.get(g._id), updatedAt: ctx.now })
          await tx.collection(COLLECTIONS.stockMovements).add({
            _id: `${orderId}:${g._id}`,
            goodsId: g._id,
            villageId: g.villageId,
            windowId: w._id,
            delta: -l.qty,
            stockAfter: stock.get(g._id),
            reason: `兑换 ${householdLabel(h.code, h.headName)}`,
            kind: 'order',
            orderId,
            by: caller.memberId,
            byName: caller.member.name,
            at: ctx.now
          })
          if (used.has(g._id)) {
            const limId = `${w._id}:${h._id}:${g._id}`
            if (limitExists.get(g._id)) await tx.collection(COLLECTIONS.orderLimits).doc(limId).set({ qty: limits.get(g._id) })
            else await tx.collection(COLLECTIONS.orderLimits).add({ _id: limId, qty: limits.get(g._id) })
          }
        }
        const lines = input.items.map((l) => {
          const g = goods.get(l.goodsId)!
          return { goodsId: g._id, name: g.name, price: g.price, qty: l.qty }
        })
        await postEntry(
          tx,
          {
            entryId: `redeem_${orderId}`,
            householdId: h._id,
            amount: -total,
            kind: 'redeem',
            reason: `爱心超市兑换：${lines.map((x) => `${x.name}×${x.qty}`).join('、')}`,
            orderId,
            earnedIn: null,
            by: caller.memberId,
            now: ctx.now,
            forbidNegative: true
          },
          points
        )
        const doc: OrderDoc = {
          _id: orderId,
          villageId: h.villageId,
          windowId: w._id,
          householdId: h._id,
          householdName: householdLabel(h.code, h.headName),
          items: lines,
          total,
          state: 'reserved',
          pickupCode,
          windowClosesAt: wNow.closesAt,
          placedBy: caller.memberId,
          placedByName: caller.member.name,
          proxy,
          createdAt: ctx.now,
          pickedUpAt: null,
          pickedUpBy: null,
          cancelledAt: null,
          cancelReason: null
        }
        await tx.collection(COLLECTIONS.orders).add(doc)
        return doc
      })
      return orderView(order as OrderDoc, caller, true)
    } catch (e) {
      // A pickup-code clash in this window (unique index): try the next salt.
      if (isDuplicate(e) && salt < 5 && !(e instanceof AppError)) {
        const existing = await getById<OrderDoc>(COLLECTIONS.orders, orderId)
        if (existing) return orderView(existing, caller, true)
        continue
      }
      throw e
    }
  }
}
