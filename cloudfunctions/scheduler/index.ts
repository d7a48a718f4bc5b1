import { createTimerHandler } from '../_shared/runtime/create-handler'
import { postDue } from '../_shared/app/points/publicity'
import { expireOrders } from '../_shared/app/mall/orders'
import { pruneRequests } from '../_shared/app/maintenance/prune-requests'
import { pruneExports } from '../_shared/app/files'
import { sendStudyReminders } from '../_shared/app/study/reminders'
import { remindExpiringOrders } from '../_shared/app/notice/order-reminders'

/**
 * scheduler: timer trigger (every 10 minutes). Posts claims whose 公示 period has ended and expires the
 * unclaimed orders of closed 爱心超市 windows, for every village, sends due 云支部 session reminders, reminds
 * orders about to expire, forgets old request ids and deletes exports older than 24 hours.
 */
export const main = createTimerHandler('scheduler', async (ctx) => {
  const points = await postDue({}, ctx)
  const mall = await expireOrders({}, ctx)
  const reminders = await sendStudyReminders(ctx.now)
  const pruned = await pruneRequests(ctx.now)
  const orderReminders = await remindExpiringOrders(ctx.now)
  const exportsDeleted = await pruneExports(ctx.now)
  return { posted: points.posted, postFailed: points.failed, expired: mall.expired, reminded: reminders.sent, orderReminders, pruned, exportsDeleted }
})
