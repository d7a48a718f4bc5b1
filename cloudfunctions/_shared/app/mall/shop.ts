import type { Ctx } from '../../runtime/create-handler'
import { goodsView, windowView } from './views'
import { COLLECTIONS } from '../../data/collections'
import type { GoodsDoc, LimitDoc, OrderDoc, StockMoveDoc, WindowDoc } from '../../data/mall-records'
import type { HouseholdPointsDoc, SettingsChangeDoc, VillageSettingsDoc } from '../../data/points-records'
import type { OrgNodeDoc } from '../../data/records'
import { findAll, findPage, getById, getByIds, iso } from '../../data/repo'
import { AppError } from '../../runtime/app-error'
import { runTx, txGet } from '../../runtime/tx'
import { db } from '../../runtime/cloud'
import { currentPeriods, formatCst } from '../../domain/china-time'
import { exportFileName, periodLabel } from '../../domain/file-names'
import { eligibility, windowOpen } from '../../domain/mall'
import { exportXlsx } from '../xlsx'
import { scopedHousehold } from '../shared/households'
import { checkText } from '../content-check'
import { DEFAULT_SETTINGS, loadSettings, loadVillage } from '../shared/village'
import { householdLabel } from '../shared/households'

import { requireOwnUpload, tempUrls } from '../files'

/** The shop as a household sees it: the open (or next) window, goods, balance and eligibility with reason. */
export async function shop(_input: { villageId?: string; householdId?: string }, ctx: Ctx) {
  const h = scopedHousehold(ctx)
  const village = await loadVillage(h.villageId)
  const settings = await loadSettings(village._id)
  const [windows, goods, points] = await Promise.all([
    findPage<WindowDoc>(COLLECTIONS.windows, { villageId: village._id }, { orderBy: [['opensAt', 'desc']], limit: 20 }),
    findPage<GoodsDoc>(COLLECTIONS.goods, { villageId: village._id, active: true }, { orderBy: [['price', 'asc']], limit: 200 }),
    h ? getById<HouseholdPointsDoc>(COLLECTIONS.householdPoints, h._id) : Promise.resolve(null)
  ])
  const open = windows.find((w) => windowOpen(new Date(w.opensAt), new Date(w.closesAt), ctx.now)) ?? null
  const next = windows.filter((w) => new Date(w.opensAt) > ctx.now).sort((a, b) => new Date(a.opensAt).getTime() - new Date(b.opensAt).getTime())[0] ?? null
  const quarter = open?.quarter ?? currentPeriods(ctx.now).quarter
  const quarterPoints = points?.earned?.[quarter] ?? 0
  const elig = eligibility(quarterPoints, settings.mall.threshold, quarter, (points?.ineligibleYears ?? []).includes(quarter.slice(0, 4)))
  const limited = open && h ? goods.filter((g) => g.limitPerHousehold !== null) : []
  const [urls, limits] = await Promise.all([
    tempUrls(goods.map((g) => g.photo)),
    limited.length ? getByIds<LimitDoc>(COLLECTIONS.orderLimits, limited.map((g) => `${open!._id}:${h!._id}:${g._id}`)) : Promise.resolve(new Map<string, LimitDoc>())
  ])
  const used: Record<string, number> = {}
  for (const g of limited) used[g._id] = limits.get(`${open!._id}:${h!._id}:${g._id}`)?.qty ?? 0
  const reason = !h
    ? '您还没有登记到某一户'
    : !open
      ? // Say both when both hold: a household short of points should know before the next window opens.
        ['现在不是兑换时间', elig.reason].filter(Boolean).join('；')
      : elig.reason
  return {
    villageId: village._id,
    householdId: h?._id ?? null,
    householdName: h ? `${householdLabel(h.code, h.headName)}（${h.code}）` : null,
    window: open ? windowView(open, ctx.now) : null,
    nextWindow: next ? windowView(next, ctx.now) : null,
    goods: goods.map((g) => goodsView(g, settings.mall.pointsPerYuan, urls)),
    used,
    balance: points?.balance ?? 0,
    quarterPoints,
    threshold: settings.mall.threshold,
    pointsPerYuan: settings.mall.pointsPerYuan,
    eligible: !!h && elig.eligible && !!open,
    reason,
    pickup: { place: settings.mall.pickupPlace ?? '', hours: settings.mall.openHours ?? '', phone: settings.mall.contactPhone ?? '' }
  }
}

export async function listGoods(input: { villageId: string; includeInactive: boolean }, ctx: Ctx) {
  const village = ctx.access.targets[0].doc as OrgNodeDoc
  const settings = await loadSettings(village._id)
  const rows = await findAll<GoodsDoc>(COLLECTIONS.goods, input.includeInactive ? { villageId: village._id } : { villageId: village._id, active: true })
  rows.sort((a, b) => a.price - b.price || a.name.localeCompare(b.name, 'zh'))
  const urls = await tempUrls(rows.map((g) => g.photo))
  return rows.map((g) => goodsView(g, settings.mall.pointsPerYuan, urls))
}

export async function saveGoods(
  input: { goodsId?: string; villageId: string; name: string; photo: string | null; price: number; limitPerHousehold: number | null; active: boolean; initialStock: number },
  ctx: Ctx
) {
  const caller = await ctx.caller()
  const village = ctx.access.targets[0].doc as OrgNodeDoc
  await checkText(ctx, input.name)
  const settings = await loadSettings(village._id)
  const id = input.goodsId ?? ctx.stableId('g_')
  const before = input.goodsId ? await getById<GoodsDoc>(COLLECTIONS.goods, input.goodsId) : null
  // A goods photo is one this caller uploaded for goods (or the one the item already has).
  await requireOwnUpload(caller.memberId, [input.photo], 'goods_photo', [before?.photo])
  const saved = await ctx.tx(async (tx) => {
    const cur = await txGet<GoodsDoc>(tx, COLLECTIONS.goods, id)
    const fields = { name: input.name, photo: input.photo, price: input.price, limitPerHousehold: input.limitPerHousehold, active: input.active, updatedAt: ctx.now }
    if (input.goodsId) {
      if (!cur || cur.villageId !== village._id) throw new AppError('MALL.GOODS_NOT_FOUND')
      await tx.collection(COLLECTIONS.goods).doc(id).update(fields)
      return { ...cur, ...fields }
    }
    const doc: GoodsDoc = { _id: id, villageId: village._id, villagePath: village.path, ...fields, stock: input.initialStock, createdAt: ctx.now }
    await tx.collection(COLLECTIONS.goods).add(doc)
    if (input.initialStock > 0) {
      const move: StockMoveDoc = { _id: `${id}:init`, goodsId: id, villageId: village._id, windowId: null, delta: input.initialStock, stockAfter: input.initialStock, reason: '上架入库', kind: 'initial', orderId: null, by: caller.memberId, byName: caller.member.name, at: ctx.now }
      await tx.collection(COLLECTIONS.stockMovements).add(move)
    }
    return doc
  })
  return goodsView(saved, settings.mall.pointsPerYuan, await tempUrls([saved.photo]))
}

/** Restock (or write off) goods with a reason; every change is a stock movement record. */
export async function restock(input: { goodsId: string; delta: number; reason: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const g0 = ctx.access.targets[0].doc as GoodsDoc
  await checkText(ctx, input.reason)
  const settings = await loadSettings(g0.villageId)
  const moveId = ctx.stableId('mv_')
  const saved = await ctx.tx(async (tx) => {
    const g = await txGet<GoodsDoc>(tx, COLLECTIONS.goods, input.goodsId)
    if (!g) throw new AppError('MALL.GOODS_NOT_FOUND')
    const stock = g.stock + input.delta
    if (stock < 0) throw new AppError('MALL.OUT_OF_STOCK', { stock: g.stock }, `库存只有${g.stock}件，不能减少${-input.delta}件`)
    await tx.collection(COLLECTIONS.goods).doc(g._id).update({ stock, updatedAt: ctx.now })
    const move: StockMoveDoc = { _id: moveId, goodsId: g._id, villageId: g.villageId, windowId: null, delta: input.delta, stockAfter: stock, reason: input.reason, kind: input.delta > 0 ? 'restock' : 'adjust', orderId: null, by: caller.memberId, byName: caller.member.name, at: ctx.now }
    await tx.collection(COLLECTIONS.stockMovements).add(move)
    return { ...g, stock }
  })
  return goodsView(saved, settings.mall.pointsPerYuan, await tempUrls([saved.photo]))
}

export async function listWindows(_input: { villageId: string }, ctx: Ctx) {
  const village = ctx.access.targets[0].doc as OrgNodeDoc
  const rows = await findPage<WindowDoc>(COLLECTIONS.windows, { villageId: village._id }, { orderBy: [['opensAt', 'desc']], limit: 100 })
  return rows.map((w) => windowView(w, ctx.now))
}

/**
 * Opens a redemption window (兑换日), or edits one; windows of one village never overlap. Editing a window
 * moves the pickup deadline of its open orders with it (no order expires while its window is open).
 */
export async function saveWindow(input: { windowId?: string; villageId: string; title: string; opensAt: string; closesAt: string; quarter?: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const village = ctx.access.targets[0].doc as OrgNodeDoc
  await checkText(ctx, input.title)
  const opensAt = new Date(input.opensAt)
  const closesAt = new Date(input.closesAt)
  const id = input.windowId ?? ctx.stableId('w_')
  const quarter = input.quarter ?? currentPeriods(opensAt).quarter
  const saved = await ctx.tx(async (tx) => {
    // Window saves of one village are serialised by writing its settings document first (a concurrent save
    // conflicts and retries), so the overlap check below sees every window committed before this one.
    const settings = await txGet<VillageSettingsDoc>(tx, COLLECTIONS.villageSettings, village._id)
    if (settings) await tx.collection(COLLECTIONS.villageSettings).doc(village._id).update({ updatedAt: ctx.now })
    else await tx.collection(COLLECTIONS.villageSettings).add({ _id: village._id, villageId: village._id, ...DEFAULT_SETTINGS, updatedAt: ctx.now })
    const others = await findAll<WindowDoc>(COLLECTIONS.windows, { villageId: village._id })
    if (others.some((w) => w._id !== id && new Date(w.opensAt) < closesAt && opensAt < new Date(w.closesAt))) throw new AppError('MALL.WINDOW_OVERLAP')
    const cur = await txGet<WindowDoc>(tx, COLLECTIONS.windows, id)
    const fields = { title: input.title, opensAt, closesAt, quarter, updatedAt: ctx.now }
    if (input.windowId) {
      if (!cur || cur.villageId !== village._id) throw new AppError('NOT_FOUND')
      if (cur.swept) throw new AppError('MALL.WINDOW_CLOSED', undefined, '这个兑换日已经结束结算，不能再修改')
      await tx.collection(COLLECTIONS.windows).doc(id).update(fields)
      return { ...cur, ...fields }
    }
    const doc: WindowDoc = { _id: id, villageId: village._id, villagePath: village.path, title: input.title, opensAt, closesAt, quarter, swept: false, createdBy: caller.memberId, createdAt: ctx.now }
    await tx.collection(COLLECTIONS.windows).add(doc)
    return doc
  })
  if (input.windowId) {
    // Open orders carry their window's end (the expiry sweep goes by it): move it to the window's new end.
    // The sweep also re-reads the window before expiring an order, so an order not yet moved is safe.
    const open = await findAll<OrderDoc>(COLLECTIONS.orders, { windowId: saved._id, state: 'reserved' })
    for (const o of open) {
      if (new Date(o.windowClosesAt ?? 0).getTime() === closesAt.getTime()) continue
      await runTx(async (tx) => {
        const cur = await txGet<OrderDoc>(tx, COLLECTIONS.orders, o._id)
        if (cur && cur.state === 'reserved') await tx.collection(COLLECTIONS.orders).doc(o._id).update({ windowClosesAt: closesAt })
      })
    }
  }
  return windowView(saved, ctx.now)
}

export async function getMallSettings(_input: { villageId: string }, ctx: Ctx) {
  const villageId = ctx.access.targets[0].id
  const [s, changes] = await Promise.all([
    loadSettings(villageId),
    findPage<SettingsChangeDoc>(COLLECTIONS.settingsChanges, { villageId, what: 'mall' }, { orderBy: [['at', 'desc']], limit: 20 })
  ])
  return { ...mallSettings(s.mall), changes: changes.map((c) => ({ at: iso(c.at), byName: c.byName, old: c.old, new: c.new })) }
}

function mallSettings(m: VillageSettingsDoc['mall']) {
  return { threshold: m.threshold, pointsPerYuan: m.pointsPerYuan, pickupPlace: m.pickupPlace ?? '', openHours: m.openHours ?? '', contactPhone: m.contactPhone ?? '' }
}

/**
 * The shop's threshold and rate (and where, when and whom to ask about pickup): changed by a 两委 member only, and
 * every change is recorded (who, when, old, new).
 */
export async function saveMallSettings(
  input: { villageId: string; threshold: number; pointsPerYuan: number; pickupPlace?: string; openHours?: string; contactPhone?: string },
  ctx: Ctx
) {
  const caller = await ctx.caller()
  const villageId = ctx.access.targets[0].id
  const before = (await loadSettings(villageId)).mall
  const mall = {
    threshold: input.threshold,
    pointsPerYuan: input.pointsPerYuan,
    pickupPlace: input.pickupPlace ?? before.pickupPlace ?? '',
    openHours: input.openHours ?? before.openHours ?? '',
    contactPhone: input.contactPhone ?? before.contactPhone ?? ''
  }
  const changeId = ctx.stableId('sc_')
  await ctx.tx(async (tx) => {
    const cur = await txGet<VillageSettingsDoc>(tx, COLLECTIONS.villageSettings, villageId)
    const old = { ...DEFAULT_SETTINGS.mall, ...(cur?.mall ?? {}) }
    if (cur) await tx.collection(COLLECTIONS.villageSettings).doc(villageId).update({ mall, updatedAt: ctx.now })
    else await tx.collection(COLLECTIONS.villageSettings).add({ _id: villageId, villageId, ...DEFAULT_SETTINGS, mall, updatedAt: ctx.now })
    const change: SettingsChangeDoc = { _id: changeId, villageId, what: 'mall', old, new: mall, by: caller.memberId, byName: caller.member.name, at: ctx.now }
    await tx.collection(COLLECTIONS.settingsChanges).add(change)
  })
  return mallSettings(mall)
}

async function buildReport(_windowId: string, ctx: Ctx) {
  const w = ctx.access.targets[0].doc as WindowDoc
  const [orders, goods, moves] = await Promise.all([
    findAll<OrderDoc>(COLLECTIONS.orders, { windowId: w._id }),
    findAll<GoodsDoc>(COLLECTIONS.goods, { villageId: w.villageId }),
    // The window's own movements, and restocks/adjustments made while it was open.
    findAll<StockMoveDoc>(COLLECTIONS.stockMovements, db().command.or([{ windowId: w._id }, { villageId: w.villageId, at: db().command.gte(new Date(w.opensAt)).and(db().command.lt(new Date(w.closesAt))) }]))
  ])
  const inWindow = moves
  const names = new Map(goods.map((g) => [g._id, g.name]))
  const count = (s: OrderDoc['state']) => orders.filter((o) => o.state === s).length
  const per = goods.map((g) => {
    let ordered = 0
    let pickedUp = 0
    for (const o of orders) {
      for (const l of o.items) {
        if (l.goodsId !== g._id) continue
        if (o.state === 'reserved' || o.state === 'picked_up') ordered += l.qty
        if (o.state === 'picked_up') pickedUp += l.qty
      }
    }
    return { goodsId: g._id, name: g.name, ordered, pickedUp, stock: g.stock }
  })
  return {
    window: windowView(w, ctx.now),
    orders: {
      total: orders.length,
      reserved: count('reserved'),
      pickedUp: count('picked_up'),
      cancelled: count('cancelled'),
      expired: count('expired'),
      points: orders.filter((o) => o.state === 'reserved' || o.state === 'picked_up').reduce((s, o) => s + o.total, 0)
    },
    goods: per.filter((p) => p.ordered > 0 || inWindow.some((m) => m.goodsId === p.goodsId)),
    movements: inWindow
      .sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime())
      .map((m) => ({ goodsId: m.goodsId, name: names.get(m.goodsId) ?? '', delta: m.delta, reason: m.reason, byName: m.byName, at: iso(m.at), stockAfter: m.stockAfter })),
    orderRows: orders
  }
}

export async function report(input: { windowId: string }, ctx: Ctx) {
  const { orderRows: _rows, ...r } = await buildReport(input.windowId, ctx)
  return r
}

export async function exportReport(input: { windowId: string }, ctx: Ctx) {
  const r = await buildReport(input.windowId, ctx)
  const file = await exportXlsx(ctx, `兑换报表-${formatCst(ctx.now, 'YYYYMMDDHHmm')}`, [
    {
      name: '兑换单',
      columns: [
        { header: '取货码', key: 'pickupCode' },
        { header: '农户', key: 'householdName' },
        { header: '商品', key: 'items' },
        { header: '积分', key: 'total' },
        { header: '状态', key: 'state' },
        { header: '下单人', key: 'placedByName' },
        { header: '下单时间', key: 'at', width: 20 }
      ],
      rows: r.orderRows.map((o) => ({
        pickupCode: o.pickupCode,
        householdName: o.householdName,
        items: o.items.map((l) => `${l.name}×${l.qty}`).join('、'),
        total: o.total,
        state: { reserved: '待领取', picked_up: '已领取', cancelled: '已取消', expired: '过期退回' }[o.state],
        placedByName: o.placedByName + (o.proxy ? '（代办）' : ''),
        at: formatCst(new Date(o.createdAt))
      }))
    },
    {
      name: '库存变动',
      columns: [
        { header: '商品', key: 'name' },
        { header: '变动', key: 'delta' },
        { header: '变动后库存', key: 'stockAfter' },
        { header: '原因', key: 'reason', width: 30 },
        { header: '经办人', key: 'byName' },
        { header: '时间', key: 'at', width: 20 }
      ],
      rows: r.movements.map((m) => ({ ...m, at: formatCst(new Date(m.at)) }))
    }
  ], exportFileName([(await loadVillage(r.window.villageId)).name, periodLabel(r.window.quarter), r.window.title, '兑换单']))
  return { ...file, rows: r.orderRows.length }
}
