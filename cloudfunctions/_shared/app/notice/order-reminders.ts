import { COLLECTIONS } from '../../data/collections'
import type { OrderDoc } from '../../data/mall-records'
import { findAll } from '../../data/repo'
import { db } from '../../runtime/cloud'
import { isDuplicate } from '../../runtime/tx'
import { sendSubscribe, subscribeTime } from '../subscribe-send'

const REMIND_BEFORE_MS = 24 * 3600000

/**
 * Timer: one reminder to whoever placed an order that is still waiting when its pickup deadline is less than a day
 * away. A marker document per order (deterministic id) makes it once, however often the timer runs.
 */
export async function remindExpiringOrders(now: Date): Promise<number> {
  const _ = db().command
  let reminded = 0
  try {
    const due = await findAll<OrderDoc>(COLLECTIONS.orders, { state: 'reserved', windowClosesAt: _.gt(now).and(_.lte(new Date(now.getTime() + REMIND_BEFORE_MS))) }, 2000)
    for (const o of due) {
      try {
        await db().collection(COLLECTIONS.subscribeSends).add({ _id: `order-due:${o._id}`, kind: 'marker', memberId: null, openid: '', page: '', data: {}, ok: true, errcode: null, errmsg: null, templateId: '', at: now })
      } catch (e) {
        if (isDuplicate(e)) continue
        throw e
      }
      const r = await sendSubscribe(
        'orderPlaced',
        [o.placedBy],
        { thing1: `${o.householdName}的兑换快到期了`, character_string2: o.pickupCode, time3: subscribeTime(new Date(o.windowClosesAt!)) },
        { now, query: `id=${o._id}`, logId: `order-due:${o._id}` }
      )
      reminded += r.sent
    }
  } catch {
    // reminders never stop the timer's other work
  }
  return reminded
}
