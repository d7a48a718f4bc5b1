import { createTimerHandler } from '../_shared/runtime/create-handler'
import { postDue } from '../_shared/app/points/publicity'
import { expireOrders } from '../_shared/app/mall/orders'
import { pruneRequests } from '../_shared/app/maintenance/prune-requests'
import { remindExpiringOrders } from '../_shared/app/notice/order-reminders'

/**
 * scheduler: timer trigger (every 10 minutes). Posts claims whose 公示 period has ended and expires the
 * unclaimed orders of closed 爱心超市 windows, for every village, reminds orders about to expire, and forgets
 * old request ids.
 */
export const main = createTimerHandler('scheduler', async (ctx) => {
  const points = await postDue({}, ctx)
  const mall = await expireOrders({}, ctx)
  const pruned = await pruneRequests(ctx.now)
  const orderReminders = await remindExpiringOrders(ctx.now)
  return { posted: points.posted, postFailed: points.failed, expired: mall.expired, pruned, orderReminders }
})
