import { z } from 'zod'
import { mutation, query } from './define'
import { ROLE_GROUPS } from './access'
import { id, isoDate } from './common'

export const ORDER_STATES = ['reserved', 'picked_up', 'cancelled', 'expired'] as const
export const orderState = z.enum(ORDER_STATES)
export const ORDER_STATE_LABELS = { reserved: '待领取', picked_up: '已领取', cancelled: '已取消', expired: '过期未领，已退回' } as const

export const goodsView = z.object({
  id,
  villageId: id,
  name: z.string(),
  photoUrl: z.string().nullable(),
  photo: z.string().nullable(),
  price: z.number(),
  yuan: z.number(),
  stock: z.number(),
  limitPerHousehold: z.number().nullable(),
  active: z.boolean()
})
export type GoodsView = z.infer<typeof goodsView>

export const windowView = z.object({
  id,
  villageId: id,
  title: z.string(),
  opensAt: isoDate,
  closesAt: isoDate,
  quarter: z.string(),
  open: z.boolean(),
  swept: z.boolean()
})

export const orderView = z.object({
  id,
  windowId: id,
  householdId: id,
  householdName: z.string(),
  items: z.array(z.object({ goodsId: id, name: z.string(), price: z.number(), qty: z.number() })),
  total: z.number(),
  state: orderState,
  stateLabel: z.string(),
  /** Shown only to the household and the village's shop staff (null for anyone else, e.g. a grid worker's 代办). */
  pickupCode: z.string().nullable(),
  qr: z.string().nullable(),
  /** Pick up before this: the redemption window's end. */
  windowClosesAt: isoDate.nullable(),
  placedByName: z.string(),
  proxy: z.boolean(),
  createdAt: isoDate,
  pickedUpAt: isoDate.nullable(),
  cancelReason: z.string().nullable()
})
export type OrderView = z.infer<typeof orderView>

/** 爱心超市 settings of a village: eligibility and price, and the pickup place, opening hours and contact phone. */
export const mallSettingsView = z.object({
  threshold: z.number(),
  pointsPerYuan: z.number(),
  pickupPlace: z.string(),
  openHours: z.string(),
  contactPhone: z.string()
})

export const mallContract = {
  /** What a household sees: open window, goods, its balance and eligibility, and why not if ineligible. */
  shop: query(
    z.object({ villageId: id.optional(), householdId: id.optional() }),
    z.object({
      villageId: id,
      householdId: id.nullable(),
      /** 户主家 (户号), for a grid worker redeeming 代办. */
      householdName: z.string().nullable(),
      window: windowView.nullable(),
      nextWindow: windowView.nullable(),
      goods: z.array(goodsView),
      /** Units of each goods this household already holds in the open window (for per-household limits). */
      used: z.record(z.string(), z.number()),
      balance: z.number(),
      quarterPoints: z.number(),
      threshold: z.number(),
      pointsPerYuan: z.number(),
      eligible: z.boolean(),
      reason: z.string().nullable(),
      /** Where and when goods are picked up, and whom to call (village settings; '' when not set). */
      pickup: z.object({ place: z.string(), hours: z.string(), phone: z.string() })
    }),
    { who: ['grid_worker'], scope: { kind: 'household', field: 'householdId', whenAbsent: 'own' }, self: true, note: '网格员代办本网格农户' }
  ),
  placeOrder: mutation(
    z.object({
      householdId: id.optional(),
      windowId: id,
      items: z
        .array(z.object({ goodsId: id, qty: z.number().int().min(1).max(20) }))
        .min(1, '请至少选一件商品')
        .max(10, '一次最多10种商品')
        .refine((a) => new Set(a.map((i) => i.goodsId)).size === a.length, '同一商品请合并数量')
    }),
    orderView,
    { who: ['grid_worker'], scope: { kind: 'household', field: 'householdId', whenAbsent: 'own' }, self: true, sod: ['notOwnHousehold'], note: '本户成员，或网格员代办本网格农户' }
  ),
  myOrders: query(z.object({ householdId: id.optional() }), z.array(orderView), { who: ['grid_worker', 'staff', 'committee'], scope: { kind: 'household', field: 'householdId', whenAbsent: 'own' }, self: true }),
  /** Staff: 核销 by the QR payload or the 6-digit code. */
  lookupOrder: query(z.object({ villageId: id, code: z.string().trim().min(6).max(80) }), orderView, { who: ROLE_GROUPS.shop, scope: { kind: 'village', field: 'villageId' } }),
  handOver: mutation(z.object({ orderId: id, code: z.string().trim().min(6, '请输入或扫描农户的取货码').max(80) }), orderView, { who: ROLE_GROUPS.shop, scope: { kind: 'order', field: 'orderId' }, sod: ['notOwnHousehold'], note: '凭农户的取货码' }),
  cancelOrder: mutation(z.object({ orderId: id, reason: z.string().trim().min(2, '请写明取消原因').max(100) }), orderView, { who: ROLE_GROUPS.shop, scope: { kind: 'order', field: 'orderId' }, self: true, sod: ['notOwnHousehold'], note: '工作人员，或本户自己取消' }),
  listGoods: query(z.object({ villageId: id, includeInactive: z.boolean().default(true) }), z.array(goodsView), { who: ROLE_GROUPS.shop, scope: { kind: 'village', field: 'villageId' } }),
  saveGoods: mutation(
    z.object({
      goodsId: id.optional(),
      villageId: id,
      name: z.string().trim().min(1, '请填写商品名称').max(30),
      photo: z.string().max(300).nullable().default(null),
      price: z.number().int().min(1, '兑换积分至少为1').max(100000),
      limitPerHousehold: z.number().int().min(1).max(100).nullable().default(null),
      active: z.boolean().default(true),
      /** Only for a new item: opening stock. Later changes go through restock. */
      initialStock: z.number().int().min(0).max(100000).default(0)
    }),
    goodsView,
    { who: ROLE_GROUPS.shop, scope: { kind: 'village', field: 'villageId' } }
  ),
  restock: mutation(
    z.object({ goodsId: id, delta: z.number().int().min(-100000).max(100000).refine((v) => v !== 0, '数量不能为0'), reason: z.string().trim().min(1, '请写明原因').max(100) }),
    goodsView,
    { who: ROLE_GROUPS.shop, scope: { kind: 'goods', field: 'goodsId' } }
  ),
  listWindows: query(z.object({ villageId: id }), z.array(windowView), { who: ROLE_GROUPS.shop, scope: { kind: 'village', field: 'villageId' } }),
  saveWindow: mutation(
    z
      .object({ windowId: id.optional(), villageId: id, title: z.string().trim().min(1).max(40), opensAt: isoDate, closesAt: isoDate, quarter: z.string().regex(/^\d{4}-Q[1-4]$/).optional() })
      .refine((w) => new Date(w.opensAt) < new Date(w.closesAt), { message: '结束时间要晚于开始时间', path: ['closesAt'] }),
    windowView,
    { who: ROLE_GROUPS.shop, scope: { kind: 'village', field: 'villageId' } }
  ),
  getMallSettings: query(
    z.object({ villageId: id }),
    mallSettingsView.extend({
      /** Who changed the threshold or rate, when, from what to what. */
      changes: z.array(z.object({ at: isoDate, byName: z.string(), old: z.object({ threshold: z.number(), pointsPerYuan: z.number() }), new: z.object({ threshold: z.number(), pointsPerYuan: z.number() }) }))
    }),
    { who: ROLE_GROUPS.shop, scope: { kind: 'village', field: 'villageId' } }
  ),
  saveMallSettings: mutation(
    z.object({
      villageId: id,
      threshold: z.number().int().min(0).max(100000),
      pointsPerYuan: z.number().int().min(1).max(1000),
      // Omitted = unchanged (older callers send only the two numbers).
      pickupPlace: z.string().trim().max(40).optional(),
      openHours: z.string().trim().max(40).optional(),
      contactPhone: z.string().trim().regex(/^[0-9-]{0,20}$/, '电话只能填数字和“-”').optional()
    }),
    mallSettingsView,
    { who: ['committee'], scope: { kind: 'village', field: 'villageId' }, note: '改门槛和比例须两委成员，留记录' }
  ),
  windowOrders: query(z.object({ windowId: id }), z.array(orderView), { who: ROLE_GROUPS.shop, scope: { kind: 'window', field: 'windowId' } }),
  /** Cancels unclaimed orders of windows that have closed, returning stock and points. Timer-driven too. */
  expireOrders: mutation(z.object({ villageId: id.optional() }), z.object({ expired: z.number() }), { who: ROLE_GROUPS.shop, scope: { kind: 'village', field: 'villageId', whenAbsent: 'own' } }),
  report: query(
    z.object({ windowId: id }),
    z.object({
      window: windowView,
      orders: z.object({ total: z.number(), reserved: z.number(), pickedUp: z.number(), cancelled: z.number(), expired: z.number(), points: z.number() }),
      goods: z.array(z.object({ goodsId: id, name: z.string(), ordered: z.number(), pickedUp: z.number(), stock: z.number() })),
      movements: z.array(z.object({ goodsId: id, name: z.string(), delta: z.number(), reason: z.string(), byName: z.string(), at: isoDate, stockAfter: z.number() }))
    }),
    { who: ROLE_GROUPS.shop, scope: { kind: 'window', field: 'windowId' } }
  ),
  exportReport: query(z.object({ windowId: id }), z.object({ fileId: z.string(), url: z.string(), rows: z.number(), fileName: z.string() }), { who: ROLE_GROUPS.shop, scope: { kind: 'window', field: 'windowId' } })
}
