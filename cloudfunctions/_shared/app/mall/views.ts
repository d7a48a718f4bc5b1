import QRCode from 'qrcode'
import { ORDER_STATE_LABELS, type GoodsView, type OrderView } from '../../../../types/contract/mall.contract'
import type { GoodsDoc, OrderDoc, WindowDoc } from '../../data/mall-records'
import { iso } from '../../data/repo'
import { yuan } from '../../domain/mall'
import { windowOpen } from '../../domain/mall'
import type { Caller } from '../../runtime/caller'
import { ROLE_GROUPS } from '../../../../types/contract/access'

export function windowView(w: WindowDoc, now: Date) {
  return {
    id: w._id,
    villageId: w.villageId,
    title: w.title,
    opensAt: iso(w.opensAt),
    closesAt: iso(w.closesAt),
    quarter: w.quarter,
    open: windowOpen(new Date(w.opensAt), new Date(w.closesAt), now),
    swept: w.swept
  }
}

export function goodsView(g: GoodsDoc, pointsPerYuan: number, urls: Map<string, string>): GoodsView {
  return {
    id: g._id,
    villageId: g.villageId,
    name: g.name,
    photo: g.photo,
    photoUrl: g.photo ? urls.get(g.photo) ?? null : null,
    price: g.price,
    yuan: yuan(g.price, pointsPerYuan),
    stock: g.stock,
    limitPerHousehold: g.limitPerHousehold,
    active: g.active
  }
}

export function orderPayload(o: Pick<OrderDoc, '_id' | 'pickupCode'>): string {
  return `cunshe:order:${o._id}:${o.pickupCode}`
}

/** Pickup codes are for the household itself and the shop staff of the order's village, nobody else. */
export function maySeePickupCode(caller: Caller, o: Pick<OrderDoc, 'householdId' | 'villageId'>): boolean {
  return caller.member.householdId === o.householdId || caller.grants.some((g) => ROLE_GROUPS.shop.includes(g.role as never) && g.villageId === o.villageId)
}

/** An order as shown to `caller`: the pickup code (and its QR, when asked for) only to those who may see it. */
export async function orderView(o: OrderDoc, caller: Caller, withQr = false): Promise<OrderView> {
  const code = maySeePickupCode(caller, o)
  return {
    id: o._id,
    windowId: o.windowId,
    householdId: o.householdId,
    householdName: o.householdName,
    items: o.items,
    total: o.total,
    state: o.state,
    stateLabel: ORDER_STATE_LABELS[o.state],
    pickupCode: code ? o.pickupCode : null,
    qr: code && withQr && o.state === 'reserved' ? await QRCode.toDataURL(orderPayload(o), { margin: 1, width: 320 }) : null,
    windowClosesAt: o.windowClosesAt ? iso(o.windowClosesAt) : null,
    placedByName: o.placedByName,
    proxy: o.proxy,
    createdAt: iso(o.createdAt),
    pickedUpAt: o.pickedUpAt ? iso(o.pickedUpAt) : null,
    cancelReason: o.cancelReason
  }
}
