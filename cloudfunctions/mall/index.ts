import { createHandler } from '../_shared/runtime/create-handler'
import { placeOrder } from '../_shared/app/mall/place-order'
import { cancelOrder, expireOrders, handOver, lookupOrder, myOrders, windowOrders } from '../_shared/app/mall/orders'
import { exportReport, getMallSettings, listGoods, listWindows, report, restock, saveGoods, saveMallSettings, saveWindow, shop } from '../_shared/app/mall/shop'

/** mall (爱心超市): goods, redemption windows, orders, hand-over and reports. */
export const main = createHandler('mall', {
  shop,
  placeOrder,
  myOrders,
  lookupOrder,
  handOver,
  cancelOrder,
  listGoods,
  saveGoods,
  restock,
  listWindows,
  saveWindow,
  getMallSettings,
  saveMallSettings,
  windowOrders,
  expireOrders,
  report,
  exportReport
})
