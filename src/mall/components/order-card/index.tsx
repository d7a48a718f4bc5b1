import { Image, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { OrderView } from '../../../../types/contract'
import { fmtTime } from '../../shared'

export interface OrderCardProps {
  order: OrderView
  highlight?: boolean
  /** Show the pickup code and QR (the household's own view). */
  showCode?: boolean
  /** Show which household it is (staff views). */
  showHousehold?: boolean
  children?: ReactNode
}

/**
 * One redemption order: state, items, total; while it waits to be picked up, the deadline (the window's end, China
 * time) and, for the household, the big pickup code and QR.
 */
export function OrderCard({ order, highlight, showCode, showHousehold, children }: OrderCardProps) {
  const reserved = order.state === 'reserved'
  return (
    <View className={`mall-order mall-order--${order.state} ${highlight ? 'mall-order--highlight' : ''}`}>
      <View className='mall-order__head'>
        <View className='mall-order__state'>{order.stateLabel}</View>
        <View className='mall-order__time'>{fmtTime(order.createdAt)}</View>
      </View>
      {showHousehold ? <View className='mall-order__household'>{order.householdName}</View> : null}
      {highlight && reserved ? <View className='mall-order__new'>兑换成功！请凭下面的取货码领取</View> : null}
      <View className='mall-order__items'>
        {order.items.map((l) => (
          <View key={l.goodsId} className='mall-order__item'>
            <View className='mall-order__item-name'>{l.name}</View>
            <View className='mall-order__item-qty'>
              {l.qty} 件 × {l.price} 积分
            </View>
          </View>
        ))}
      </View>
      <View className='mall-order__total'>共 {order.total} 积分</View>
      {order.proxy ? <View className='mall-order__proxy'>由 {order.placedByName} 代办</View> : null}
      {reserved && order.windowClosesAt ? <View className='mall-order__deadline'>请在 {fmtTime(order.windowClosesAt)} 前领取</View> : null}
      {showCode && reserved && !order.pickupCode ? (
        <View className='mall-order__hint mall-order__code-hidden'>取货码只给本户看，请农户自己在“我的兑换”里出示</View>
      ) : null}
      {showCode && reserved && order.pickupCode ? (
        <View className='mall-order__pickup'>
          <View className='mall-order__code-label'>取货码</View>
          <View className='mall-order__code'>{order.pickupCode}</View>
          {order.qr ? <Image className='mall-order__qr' src={order.qr} mode='aspectFit' showMenuByLongpress /> : null}
          <View className='mall-order__hint'>
            {order.windowClosesAt ? '到村里领取时' : '请在兑换日结束前到村里领取'}，把取货码或二维码给工作人员看。过期没领，积分会自动退回。
          </View>
        </View>
      ) : null}
      {order.state === 'picked_up' && order.pickedUpAt ? <View className='mall-order__note'>领取时间：{fmtTime(order.pickedUpAt)}</View> : null}
      {order.state === 'cancelled' && order.cancelReason ? <View className='mall-order__note'>取消原因：{order.cancelReason}，积分已退回</View> : null}
      {children}
    </View>
  )
}

export default OrderCard
