import Taro from '@tarojs/taro'
import { eventValue } from '@/utils/form'
import { Input, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import type { OrderView } from '../../../../types/contract'
import { BigButton } from '@/components/big-button'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { useVillageScope } from '@/hooks/use-scope'
import { call, errorText, isCallError, newRequestId } from '@/services/call'
import { isH5 } from '@/utils/env'
import { ConfirmDialog } from '@/components/confirm-dialog'
import { OrderCard } from '../../components/order-card'
import { VillagePicker } from '../../components/village-picker'
import { useParam } from '@/hooks/use-param'
import { MALL_SCOPE_KEY, SHOP_ROLES, fmtTime, normalizeCode, useSubmit } from '../../shared'
import '../mall.scss'
import './index.scss'

/** Why an order found by its code can't be handed over (shown big and red). */
function blockedText(o: OrderView): string | null {
  if (o.state === 'picked_up') return `这个兑换单已经领取过了${o.pickedUpAt ? `（${fmtTime(o.pickedUpAt)}）` : ''}，不能再发放`
  if (o.state === 'cancelled') return '这个兑换单已经取消，积分已退回，不能发放'
  if (o.state === 'expired') return '这个兑换单已经过期，积分已退回，不能发放'
  return null
}

export default function HandoverPage() {
  const { scopes, villages, current, choose } = useVillageScope(SHOP_ROLES, { storageKey: MALL_SCOPE_KEY, preferred: useParam('villageId') || undefined })
  const villageId = current?.id ?? ''
  const [typed, setTyped] = useState('')
  const [inputError, setInputError] = useState('')
  const [order, setOrder] = useState<OrderView | null>(null)
  const [warning, setWarning] = useState<string | null>(null)
  const [done, setDone] = useState<OrderView | null>(null)
  const [confirming, setConfirming] = useState(false)
  const intent = useRef(newRequestId())
  const lookup = useSubmit((code: string) => call('mall', 'lookupOrder', { villageId, code }))
  // 核销 hands over on the household's code: the one typed or scanned to find the order.
  const [code, setCode] = useState('')
  const handOver = useSubmit((orderId: string) => call('mall', 'handOver', { orderId, code }, { requestId: intent.current }))

  const find = async (raw: string) => {
    const parsed = normalizeCode(raw)
    setDone(null)
    setWarning(null)
    if ('error' in parsed) {
      setInputError(parsed.error)
      return
    }
    setInputError('')
    setOrder(null)
    setCode(parsed.code)
    const res = await lookup.run(parsed.code)
    if (!res) return
    if (res.ok) {
      intent.current = newRequestId()
      setOrder(res.value)
      setWarning(blockedText(res.value))
    } else {
      setInputError(errorText(res.error))
    }
  }

  const scan = async () => {
    let result = ''
    try {
      const res = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] })
      result = res.result
    } catch {
      return // cancelled
    }
    setTyped(result.startsWith('cunshe:order:') ? result.split(':').pop() ?? '' : result)
    await find(result)
  }

  const confirm = async () => {
    setConfirming(false)
    if (!order) return
    const res = await handOver.run(order.id)
    if (!res) return
    if (res.ok) {
      setDone(res.value)
      setOrder(res.value)
      setWarning(null)
      setTyped('')
      void Taro.showToast({ title: '已发放', icon: 'success' })
      return
    }
    const errorCode = isCallError(res.error) ? res.error.code : ''
    setWarning(errorText(res.error))
    if (errorCode === 'MALL.ALREADY_PICKED_UP' || errorCode === 'MALL.ORDER_NOT_ACTIVE') {
      // Someone else handed it over (or it was cancelled) meanwhile: show the order as it is now, keep the message.
      const again = await lookup.run(code)
      if (again?.ok) setOrder(again.value)
    }
  }

  if (scopes.loading && !scopes.data) return <Page className='mall-handover'><LoadingView /></Page>
  if (scopes.error) return <Page className='mall-handover'><ErrorView error={scopes.error} onRetry={() => void scopes.reload()} /></Page>
  if (!current) return <Page className='mall-handover'><EmptyState text='只有村里的工作人员可以核销发放' /></Page>

  const canHandOver = order !== null && order.state === 'reserved' && !done

  return (
    <Page className='mall-handover' title={`${current.name} 核销发放`}>
      <VillagePicker villages={villages} currentId={villageId} onChange={(id) => { choose(id); setOrder(null); setDone(null); setWarning(null) }} />
      <Section title='找到兑换单'>
        {!isH5() ? (
          <BigButton className='handover-scan' loading={lookup.submitting} onClick={() => void scan()}>
            扫码
          </BigButton>
        ) : null}
        <View className='cs-muted handover-tip'>{isH5() ? '输入农户给您看的6位取货码' : '或者输入农户给您看的6位取货码'}</View>
        <Input
          className='cs-input handover-code-input'
          type='text'
          value={typed}
          placeholder='6位取货码'
          maxlength={80}
          confirmType='search'
          onInput={(e) => { setTyped(eventValue(e)); setInputError('') }}
          onConfirm={(e) => void find(eventValue(e))}
        />
        {inputError ? <View className='cs-danger-text handover-error'>{inputError}</View> : null}
        <BigButton type='plain' className='handover-lookup' loading={lookup.submitting} onClick={() => void find(typed)}>
          查找
        </BigButton>
      </Section>

      {order ? (
        <View className={`handover-result handover-result--${order.state}`}>
          {done ? <View className='handover-done'>已发放给 {done.householdName}，请把商品交给农户</View> : null}
          {warning ? <View className='handover-warning'>{warning}</View> : null}
          <OrderCard order={order} showHousehold>
            <View className='mall-order__code-line'>取货码 {order.pickupCode}</View>
          </OrderCard>
          {canHandOver ? (
            <BigButton className='handover-confirm' loading={handOver.submitting} onClick={() => setConfirming(true)}>
              确认发放
            </BigButton>
          ) : null}
        </View>
      ) : null}

      <ConfirmDialog
        block='mall-confirm'
        visible={confirming}
        className='handover-dialog'
        title='确认发放'
        content={
          order ? (
            <View>
              <View className='mall-confirm-line'>{order.householdName}</View>
              {order.items.map((l) => (
                <View key={l.goodsId} className='mall-confirm-line'>
                  {l.name} × {l.qty}
                </View>
              ))}
              <View className='mall-confirm-line mall-confirm-line--total'>请核对商品后再确认，发放后不能撤回</View>
            </View>
          ) : null
        }
        confirmText='确认发放'
        onConfirm={() => void confirm()}
        onCancel={() => setConfirming(false)}
      />
    </Page>
  )
}
