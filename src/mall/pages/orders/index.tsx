import Taro from '@tarojs/taro'
import { eventValue } from '@/utils/form'
import { Input, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import type { OrderView } from '../../../../types/contract'
import { BigButton } from '@/components/big-button'
import { ChoiceField } from '@/components/choice-field'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { useQuery, useReloadOnShow } from '@/hooks/use-call'
import { call, newRequestId } from '@/services/call'
import { ConfirmDialog } from '@/components/confirm-dialog'
import { SubscribeAsk } from '@/components/subscribe-ask'
import { OrderCard } from '../../components/order-card'
import { useParam } from '@/hooks/use-param'
import { MALL_PAGES, pageUrl, useSubmit } from '../../shared'
import '../mall.scss'
import './index.scss'

const REASONS = ['不想要了', '想换别的商品', '没空去领'] as const
const OTHER = '其他'

interface Cancelling {
  order: OrderView
  choice: string
  other: string
}

function reasonOf(c: Cancelling): string {
  return (c.choice === OTHER ? c.other : c.choice).trim()
}

export default function OrdersPage() {
  const highlightId = useParam('id')
  const householdId = useParam('householdId')
  const orders = useQuery(() => call('mall', 'myOrders', { householdId: householdId || undefined }), [householdId])
  const [cancelling, setCancelling] = useState<Cancelling | null>(null)
  const [reasonError, setReasonError] = useState('')
  const [confirming, setConfirming] = useState(false)
  const intent = useRef(newRequestId())
  const cancel = useSubmit((orderId: string, reason: string) => call('mall', 'cancelOrder', { orderId, reason }, { requestId: intent.current }))
  useReloadOnShow(orders.reload)

  const startCancel = (order: OrderView) => {
    intent.current = newRequestId()
    setReasonError('')
    setCancelling({ order, choice: REASONS[0], other: '' })
  }

  const askConfirm = () => {
    if (!cancelling) return
    if (reasonOf(cancelling).length < 2) {
      setReasonError('请写明取消原因')
      return
    }
    setConfirming(true)
  }

  const doCancel = async () => {
    setConfirming(false)
    if (!cancelling) return
    const res = await cancel.run(cancelling.order.id, reasonOf(cancelling))
    if (res?.ok) {
      setCancelling(null)
      void Taro.showToast({ title: '已取消，积分已退回', icon: 'none' })
    }
    // Whatever happened (e.g. just picked up at the counter), show the order as it is now.
    if (res) void orders.reload()
  }

  if (orders.loading && !orders.data) return <Page className='mall-orders'><LoadingView /></Page>
  if (orders.error && !orders.data) return <Page className='mall-orders'><ErrorView error={orders.error} onRetry={() => void orders.reload()} /></Page>
  const list = [...(orders.data ?? [])].sort((a, b) => (a.id === highlightId ? -1 : b.id === highlightId ? 1 : 0))

  return (
    <Page className='mall-orders' title={householdId ? '这一户的兑换单' : '我的兑换'}>
      {highlightId && !householdId ? <SubscribeAsk moment='afterOrder' label='领取前微信提醒我' className='mall-subscribe' /> : null}
      {list.length === 0 ? (
        <EmptyState
          text='还没有兑换过商品'
          action={
            <BigButton className='mall-go-shop' onClick={() => void Taro.navigateTo({ url: pageUrl(MALL_PAGES.shop, { householdId: householdId || undefined }) })}>
              去爱心超市
            </BigButton>
          }
        />
      ) : null}
      {list.map((o) => (
        <OrderCard key={o.id} order={o} highlight={o.id === highlightId} showCode>
          {o.state === 'reserved' && cancelling?.order.id !== o.id ? (
            <BigButton type='danger' className='mall-order__cancel' onClick={() => startCancel(o)}>
              取消兑换
            </BigButton>
          ) : null}
          {cancelling?.order.id === o.id ? (
            <View className='mall-cancel'>
              <View className='mall-cancel__title'>为什么取消？</View>
              <ChoiceField
                name='cancel-reason'
                options={[...REASONS, OTHER].map((r) => ({ value: r, label: r }))}
                value={cancelling.choice}
                onChange={(choice) => { setReasonError(''); setCancelling({ ...cancelling, choice }) }}
              />
              {cancelling.choice === OTHER ? (
                <Input
                  className='cs-input mall-cancel-reason'
                  value={cancelling.other}
                  placeholder='请写明原因'
                  maxlength={100}
                  onInput={(e) => { setReasonError(''); setCancelling({ ...cancelling, other: eventValue(e) }) }}
                />
              ) : null}
              {reasonError ? <View className='cs-danger-text mall-cancel__error'>{reasonError}</View> : null}
              <View className='mall-actions'>
                <BigButton type='default' className='mall-cancel-back' onClick={() => setCancelling(null)}>
                  不取消了
                </BigButton>
                <BigButton type='danger' className='mall-cancel-confirm' loading={cancel.submitting} onClick={askConfirm}>
                  确定取消
                </BigButton>
              </View>
            </View>
          ) : null}
        </OrderCard>
      ))}
      <ConfirmDialog
        block='mall-confirm'
        visible={confirming}
        danger
        title='取消兑换'
        content='取消后积分会退回，商品放回货架。确定取消吗？'
        confirmText='确定取消'
        onConfirm={() => void doCancel()}
        onCancel={() => setConfirming(false)}
      />
    </Page>
  )
}
