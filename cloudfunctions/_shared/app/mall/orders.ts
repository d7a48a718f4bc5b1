import type { Ctx } from '../../runtime/create-handler'
import { orderView } from './views'
import { COLLECTIONS } from '../../data/collections'
import type { GoodsDoc, LimitDoc, OrderDoc, WindowDoc } from '../../data/mall-records'
import { findAll, findPage, getById } from '../../data/repo'
import { AppError } from '../../runtime/app-error'
import type { Caller } from '../../runtime/caller'
import { db } from '../../runtime/cloud'
import { runTx, txGet, type Tx } from '../../runtime/tx'
import { postEntry } from '../ledger/post-entry'
import { scopedHousehold } from '../shared/households'
import { checkText } from '../content-check'


export async function myOrders(_input: { householdId?: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const h = scopedHousehold(ctx)
  const rows = await findPage<OrderDoc>(COLLECTIONS.orders, { householdId: h._id }, { orderBy: [['createdAt', 'desc']], limit: 50 })
  return Promise.all(rows.map((o) => orderView(o, caller, true)))
}

const QR_PAYLOAD = /^cunshe:order:([A-Za-z0-9_]+):(\d{6})$/

/** 核销 lookup: the scanned QR payload (cunshe:order:<id>:<code>) or the 6-digit code typed by staff. */
export async function lookupOrder(input: { villageId: string; code: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const villageId = ctx.access.targets[0].id
  const qr = input.code.match(QR_PAYLOAD)
  let order: OrderDoc | null = null
  if (qr) {
    const o = await getById<OrderDoc>(COLLECTIONS.orders, qr[1])
    order = o && o.pickupCode === qr[2] ? o : null
  } else if (/^\d{6}$/.test(input.code)) {
    const rows = await findPage<OrderDoc>(COLLECTIONS.orders, { villageId, pickupCode: input.code }, { orderBy: [['createdAt', 'desc']], limit: 10 })
    order = rows.find((o) => o.state === 'reserved') ?? rows[0] ?? null
  } else {
    throw new AppError('INPUT.INVALID', undefined, '取货码是6位数字，或扫描兑换单上的二维码')
  }
  if (!order || order.villageId !== villageId) throw new AppError('MALL.ORDER_NOT_FOUND')
  return orderView(order, caller)
}

/**
 * 核销: hands the goods over once, and only on the household's pickup code (typed, or the QR scanned): an
 * order id alone hands nothing over. A second hand-over of the same code is refused.
 */
export async function handOver(input: { orderId: string; code: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const qr = input.code.match(QR_PAYLOAD)
  const code = qr ? (qr[1] === input.orderId ? qr[2] : '') : input.code
  const done = await ctx.tx(async (tx) => {
    const cur = await txGet<OrderDoc>(tx, COLLECTIONS.orders, input.orderId)
    if (!cur) throw new AppError('MALL.ORDER_NOT_FOUND')
    if (cur.pickupCode !== code) throw new AppError('MALL.PICKUP_CODE_WRONG')
    if (cur.state === 'picked_up') throw new AppError('MALL.ALREADY_PICKED_UP')
    if (cur.state !== 'reserved') throw new AppError('MALL.ORDER_NOT_ACTIVE')
    const upd = { state: 'picked_up' as const, pickedUpAt: ctx.now, pickedUpBy: caller.memberId }
    await tx.collection(COLLECTIONS.orders).doc(cur._id).update(upd)
    return { ...cur, ...upd }
  })
  return orderView(done, caller)
}

/**
 * Returns an order's stock and points: the order's state, every line's stock and limit counter, a refund
 * ledger entry (id per order, so it refunds once) — one transaction.
 */
export async function refundOrder(tx: Tx, orderId: string, to: 'cancelled' | 'expired', reason: string, by: Caller | null, now: Date): Promise<OrderDoc> {
  const cur = await txGet<OrderDoc>(tx, COLLECTIONS.orders, orderId)
  if (!cur) throw new AppError('MALL.ORDER_NOT_FOUND')
  if (cur.state === 'picked_up') throw new AppError('MALL.ALREADY_PICKED_UP')
  if (cur.state !== 'reserved') throw new AppError('MALL.ORDER_NOT_ACTIVE')
  if (to === 'expired') {
    // The window as of now: if it was extended after this order was placed, the order is not due yet.
    const w = await txGet<WindowDoc>(tx, COLLECTIONS.windows, cur.windowId)
    if (w && new Date(w.closesAt) > now) throw new AppError('MALL.ORDER_NOT_ACTIVE', undefined, '兑换日还没有结束')
  }
  for (const l of cur.items) {
    const g = await txGet<GoodsDoc>(tx, COLLECTIONS.goods, l.goodsId)
    if (g) {
      await tx.collection(COLLECTIONS.goods).doc(g._id).update({ stock: g.stock + l.qty, updatedAt: now })
      await tx.collection(COLLECTIONS.stockMovements).add({
        _id: `${orderId}:${g._id}:back`,
        goodsId: g._id,
        villageId: g.villageId,
        windowId: cur.windowId,
        delta: l.qty,
        stockAfter: g.stock + l.qty,
        reason: to === 'expired' ? `过期未领退回 ${cur.householdName}` : `取消退回 ${cur.householdName}：${reason}`,
        kind: to === 'expired' ? 'expire' : 'cancel',
        orderId,
        by: by?.memberId ?? 'system',
        byName: by?.member.name ?? '系统',
        at: now
      })
    }
    const limId = `${cur.windowId}:${cur.householdId}:${l.goodsId}`
    const lim = await txGet<LimitDoc>(tx, COLLECTIONS.orderLimits, limId)
    if (lim) await tx.collection(COLLECTIONS.orderLimits).doc(limId).set({ qty: Math.max(0, lim.qty - l.qty) })
  }
  await postEntry(tx, {
    entryId: `refund_${orderId}`,
    householdId: cur.householdId,
    amount: cur.total,
    kind: 'refund',
    reason: to === 'expired' ? '爱心超市兑换单过期未领，积分退回' : `爱心超市兑换单取消，积分退回：${reason}`,
    orderId,
    earnedIn: null,
    by: by?.memberId ?? 'system',
    now
  })
  const upd = { state: to, cancelledAt: now, cancelReason: reason }
  await tx.collection(COLLECTIONS.orders).doc(orderId).update(upd)
  return { ...cur, ...upd }
}

/** Staff cancel any reserved order of their village; a household may cancel its own while it is reserved. */
export async function cancelOrder(input: { orderId: string; reason: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  await checkText(ctx, input.reason)
  const done = await ctx.tx((tx) => refundOrder(tx, input.orderId, 'cancelled', input.reason, caller, ctx.now))
  return orderView(done, caller)
}

/** Expires the unclaimed orders of every window that has closed (timer, or staff by hand). */
export async function expireOrders(input: { villageId?: string }, ctx: Ctx) {
  if (!ctx.system && !input.villageId) input = { villageId: ctx.access.targets[0]?.id }
  const _ = db().command
  // By order, not by window: an order committed a moment before its window closed, while a sweep was
  // already running, is still caught by the next sweep (each order carries its window's end).
  const orderWhere: Record<string, unknown> = { state: 'reserved', windowClosesAt: _.lte(ctx.now) }
  if (input.villageId) orderWhere.villageId = input.villageId
  const due = await findAll<OrderDoc>(COLLECTIONS.orders, orderWhere)
  let expired = 0
  let failures = 0
  for (const o of due) {
    try {
      await runTx((tx) => refundOrder(tx, o._id, 'expired', '兑换日结束未领取', null, ctx.now))
      expired++
    } catch (e) {
      if (!(e instanceof AppError)) throw e
      if (e.code !== 'MALL.ALREADY_PICKED_UP' && e.code !== 'MALL.ORDER_NOT_ACTIVE') failures++
    }
  }
  // Closed windows are marked settled (no more edits) once nothing of theirs is left reserved.
  const windowWhere: Record<string, unknown> = { swept: false, closesAt: _.lte(ctx.now) }
  if (input.villageId) windowWhere.villageId = input.villageId
  if (failures === 0) {
    for (const w of await findAll<WindowDoc>(COLLECTIONS.windows, windowWhere)) {
      await db().collection(COLLECTIONS.windows).doc(w._id).update({ swept: true })
    }
  }
  return { expired }
}

export async function windowOrders(_input: { windowId: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const w = ctx.access.targets[0].doc as WindowDoc
  const rows = await findAll<OrderDoc>(COLLECTIONS.orders, { windowId: w._id })
  rows.sort((a, b) => new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime())
  return Promise.all(rows.map((o) => orderView(o, caller)))
}
