export interface GoodsDoc {
  _id: string
  villageId: string
  villagePath: string[]
  name: string
  photo: string | null
  price: number
  stock: number
  limitPerHousehold: number | null
  active: boolean
  createdAt: Date
  updatedAt: Date
}

export interface WindowDoc {
  _id: string
  villageId: string
  villagePath: string[]
  title: string
  opensAt: Date
  closesAt: Date
  /** The quarter whose earned points decide eligibility (季评议). */
  quarter: string
  /** Set once the unclaimed orders of a closed window have been expired. */
  swept: boolean
  createdBy: string
  createdAt: Date
}

export type OrderState = 'reserved' | 'picked_up' | 'cancelled' | 'expired'

export interface OrderDoc {
  _id: string
  villageId: string
  windowId: string
  householdId: string
  householdName: string
  items: Array<{ goodsId: string; name: string; price: number; qty: number }>
  total: number
  state: OrderState
  pickupCode: string
  /** The window's end when the order was placed: pick up before it. */
  windowClosesAt: Date | null
  placedBy: string
  placedByName: string
  proxy: boolean
  createdAt: Date
  pickedUpAt: Date | null
  pickedUpBy: string | null
  cancelledAt: Date | null
  cancelReason: string | null
}

export interface LimitDoc {
  _id: string // `${windowId}:${householdId}:${goodsId}`
  qty: number
}

export interface StockMoveDoc {
  _id: string
  goodsId: string
  villageId: string
  windowId: string | null
  delta: number
  stockAfter: number
  reason: string
  kind: 'restock' | 'adjust' | 'order' | 'cancel' | 'expire' | 'initial'
  orderId: string | null
  by: string
  byName: string
  at: Date
}
