import Taro, { useDidShow } from '@tarojs/taro'
import { isH5 } from '@/utils/env'
import { Image, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import type { GoodsView, Output } from '../../../../types/contract'
import { BigButton } from '@/components/big-button'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { useQuery } from '@/hooks/use-call'
import { call, errorText, newRequestId } from '@/services/call'
import { ConfirmDialog } from '@/components/confirm-dialog'
import { HouseholdPicker, type PickedHousehold } from '../../components/household-picker'
import { Stepper } from '@/components/stepper'
import { useParam } from '@/hooks/use-param'
import { MALL_PAGES, cartLines, cartTotal, fmtDay, fmtTime, limitText, maxQty, pageUrl, quarterLabel, useSubmit, yuanOf, yuanText, type Cart } from '../../shared'
import '../mall.scss'
import './index.scss'

type Shop = Output<'mall', 'shop'>

/** Most of each goods the cart may hold: stock and what is left of the per-household limit in this window. */
function maxima(data: Shop): Record<string, number> {
  return Object.fromEntries(data.goods.map((g) => [g.id, maxQty(g, data.used[g.id] ?? 0)]))
}

interface GoodsCardProps {
  g: GoodsView
  qty: number
  /** Units this household already holds in the open window (counts against the per-household limit). */
  used: number
  balance: number
  canOrder: boolean
  onQty: (n: number) => void
}

function GoodsCard({ g, qty, used, balance, canOrder, onQty }: GoodsCardProps) {
  const soldOut = g.stock <= 0
  const unaffordable = g.price > balance
  const max = maxQty(g, used)
  const limitReached = g.limitPerHousehold !== null && used >= g.limitPerHousehold
  const classes = ['mall-goods', soldOut ? 'mall-goods--soldout' : '', unaffordable ? 'mall-goods--unaffordable' : '', qty > 0 ? 'mall-goods--in-cart' : '']
  return (
    <View className={classes.filter(Boolean).join(' ')}>
      {g.photoUrl ? <Image className='mall-goods__photo' src={g.photoUrl} mode='aspectFill' lazyLoad /> : <View className='mall-goods__photo mall-goods__photo--none'>{g.name.slice(0, 2)}</View>}
      <View className='mall-goods__name'>{g.name}</View>
      <View className='mall-goods__price'>
        {g.price} 积分 <View className='mall-goods__yuan'>{yuanText(g.yuan)}</View>
      </View>
      <View className='mall-goods__stock'>{soldOut ? '已兑完' : `还剩 ${g.stock} 件`}</View>
      {g.limitPerHousehold !== null ? (
        <View className={`mall-goods__limit ${limitReached ? 'mall-goods__limit--reached' : ''}`}>{limitText(g, used)}</View>
      ) : null}
      {unaffordable && !soldOut ? <View className='mall-goods__tag'>积分不够</View> : null}
      {qty > 0 ? (
        <Stepper value={qty} min={0} max={max} disabled={!canOrder} onChange={onQty} look='filled' partPrefix='mall-goods' />
      ) : (
        <BigButton
          size='small'
          type='plain'
          className='mall-goods__add'
          disabled={!canOrder || soldOut || unaffordable || max < 1}
          reason={soldOut || limitReached || unaffordable ? undefined : !canOrder ? '现在不能兑换' : '已到每户限量'}
          onClick={() => onQty(1)}
        >
          {soldOut ? '已兑完' : limitReached ? '已兑满' : unaffordable ? '积分不够' : '加入'}
        </BigButton>
      )}
    </View>
  )
}

/** Where and when to pick up, and whom to call (village settings); each line only when it is set. */
function PickupInfo({ pickup }: { pickup: Shop['pickup'] | undefined }) {
  if (!pickup || (!pickup.place && !pickup.hours && !pickup.phone)) return null
  const callPhone = () => {
    if (isH5()) return
    void Taro.makePhoneCall({ phoneNumber: pickup.phone }).catch(() => undefined)
  }
  return (
    <View className='mall-pickup'>
      {pickup.place ? <View className='mall-pickup__line mall-pickup__place'>取货地点：{pickup.place}</View> : null}
      {pickup.hours ? <View className='mall-pickup__line mall-pickup__hours'>开放时间：{pickup.hours}</View> : null}
      {pickup.phone ? (
        <View className='mall-pickup__line mall-pickup__phone' onClick={callPhone}>
          联系电话：<View className='mall-pickup__number'>{pickup.phone}</View>
        </View>
      ) : null}
    </View>
  )
}

function ShopHeader({ data, proxyFor, onChangeHousehold }: { data: Shop; proxyFor: string | null; onChangeHousehold?: () => void }) {
  const quarter = data.window?.quarter
  return (
    <Section className='mall-header'>
      {proxyFor !== null ? (
        <View className='mall-proxy-banner'>
          <View className='mall-proxy-banner__text'>{`正在为 ${proxyFor || '这一户'} 代办兑换`}</View>
          {onChangeHousehold ? (
            <BigButton size='small' type='default' className='mall-proxy-change' onClick={onChangeHousehold}>
              换一户
            </BigButton>
          ) : null}
        </View>
      ) : null}
      <View className='mall-balance'>
        <View className='mall-balance__label'>{proxyFor !== null ? '这一户可用积分' : '我家可用积分'}</View>
        <View className='mall-balance__value'>{data.balance}</View>
      </View>
      <View className='mall-rate'>
        {data.pointsPerYuan}积分 = 1元，{data.balance}积分{yuanText(yuanOf(data.balance, data.pointsPerYuan))}
      </View>
      <View className='mall-quarter'>
        {quarter ? quarterLabel(quarter) : '本季度'}积分 {data.quarterPoints} 分，满 {data.threshold} 分可以兑换
      </View>
      <View className={`mall-eligibility ${data.eligible ? 'mall-eligibility--ok' : 'mall-eligibility--no'}`}>
        {data.eligible ? '可以兑换，请挑选商品' : data.reason ?? '现在不能兑换'}
      </View>
      <View className='mall-window'>
        {data.window
          ? `兑换日：${data.window.title}，${fmtTime(data.window.opensAt)} 到 ${fmtTime(data.window.closesAt)}`
          : data.nextWindow
            ? `下次兑换日：${fmtDay(data.nextWindow.opensAt)}（${data.nextWindow.title}）`
            : '还没有安排兑换日，请留意村里通知'}
      </View>
      <PickupInfo pickup={data.pickup} />
    </Section>
  )
}

export default function ShopPage() {
  const householdParam = useParam('householdId')
  const villageParam = useParam('villageId')
  const proxyMode = useParam('proxy') === '1' || Boolean(householdParam)
  const [picked, setPicked] = useState<PickedHousehold | null>(householdParam ? { id: householdParam, name: '', code: '' } : null)
  const householdId = picked?.id ?? ''
  const ready = !proxyMode || Boolean(householdId)

  const shop = useQuery(
    () => call('mall', 'shop', { householdId: householdId || undefined, villageId: villageParam || undefined }),
    [householdId, villageParam],
    ready
  )

  const [cart, setCart] = useState<Cart>({})
  // One requestId per user intent: kept across double taps and retries, renewed when the cart changes or an order is placed.
  const intent = useRef(newRequestId())
  const [confirming, setConfirming] = useState(false)
  const [orderError, setOrderError] = useState<string | null>(null)
  const place = useSubmit((input: { householdId?: string; windowId: string; items: Array<{ goodsId: string; qty: number }> }) =>
    call('mall', 'placeOrder', input, { requestId: intent.current })
  )

  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current && ready) void shop.reload()
    shown.current = true
  })

  // A reload (after an order elsewhere or a refused order) may lower what is left: keep the cart within it.
  useEffect(() => {
    if (!shop.data) return
    const max = maxima(shop.data)
    const over = Object.keys(cart).filter((id) => (cart[id] ?? 0) > (max[id] ?? 0))
    if (over.length === 0) return
    intent.current = newRequestId()
    const next = { ...cart }
    for (const id of over) {
      const m = max[id] ?? 0
      if (m > 0) next[id] = m
      else delete next[id]
    }
    setCart(next)
  }, [shop.data, cart])

  const setQty = (goodsId: string, qty: number) => {
    intent.current = newRequestId()
    setOrderError(null)
    setCart((c) => {
      const next = { ...c }
      if (qty > 0) next[goodsId] = qty
      else delete next[goodsId]
      return next
    })
  }

  const changeHousehold = () => {
    intent.current = newRequestId()
    setCart({})
    setOrderError(null)
    setPicked(null)
  }

  if (proxyMode && !householdId) {
    return (
      <Page className='mall-shop mall-shop--pick' title='代办兑换'>
        <HouseholdPicker onPick={(h) => { setPicked(h); setCart({}) }} />
      </Page>
    )
  }
  if (shop.loading && !shop.data) return <Page className='mall-shop'><LoadingView /></Page>
  if (shop.error && !shop.data) return <Page className='mall-shop'><ErrorView error={shop.error} onRetry={() => void shop.reload()} /></Page>
  const data = shop.data
  if (!data) return <Page className='mall-shop'><LoadingView /></Page>

  // 代办: the server names the household (户主家（户号）), also when the page was opened with only its id.
  const proxyFor = proxyMode ? data.householdName ?? (picked?.name ? `${picked.name}${picked.code ? `（户号 ${picked.code}）` : ''}` : '') : null
  const canOrder = data.eligible && data.window !== null
  const lines = cartLines(cart, data.goods)
  const total = cartTotal(cart, data.goods)
  const over = total > data.balance
  const submittable = canOrder && lines.length > 0 && !over

  const submit = async () => {
    setConfirming(false)
    if (!data.window || !submittable) return
    setOrderError(null)
    const res = await place.run({
      householdId: proxyMode ? householdId : undefined,
      windowId: data.window.id,
      items: lines.map((l) => ({ goodsId: l.goods.id, qty: l.qty }))
    })
    if (!res) return
    if (res.ok) {
      intent.current = newRequestId()
      setCart({})
      void Taro.showToast({ title: '兑换成功', icon: 'success' })
      void Taro.navigateTo({ url: pageUrl(MALL_PAGES.orders, { id: res.value.id, householdId: proxyMode ? householdId : undefined }) })
    } else {
      setOrderError(errorText(res.error))
      void shop.reload()
    }
  }

  return (
    <Page className='mall-shop' title={proxyMode ? '代办兑换' : '爱心超市'}>
      <ShopHeader data={data} proxyFor={proxyFor} onChangeHousehold={proxyMode ? changeHousehold : undefined} />
      <View className='mall-links'>
        <BigButton
          type='default'
          size='small'
          className='mall-go-orders'
          onClick={() => void Taro.navigateTo({ url: pageUrl(MALL_PAGES.orders, { householdId: proxyMode ? householdId : undefined }) })}
        >
          {proxyMode ? '这一户的兑换单' : '我的兑换'}
        </BigButton>
      </View>
      {shop.error ? <View className='cs-danger-text mall-refresh-error'>{errorText(shop.error)}</View> : null}
      {data.goods.length === 0 ? (
        <EmptyState text='货架上还没有商品' />
      ) : (
        <View className='mall-goods-list'>
          {data.goods.map((g) => (
            <GoodsCard key={g.id} g={g} qty={cart[g.id] ?? 0} used={data.used[g.id] ?? 0} balance={data.balance} canOrder={canOrder} onQty={(n) => setQty(g.id, n)} />
          ))}
        </View>
      )}

      <View className='mall-cart'>
        <View className='mall-cart__info'>
          <View className='mall-cart-total'>
            合计 {total} 积分（{yuanText(yuanOf(total, data.pointsPerYuan))}）
          </View>
          {over ? (
            <View className='mall-cart-warning'>积分不够：还差 {total - data.balance} 分，请减少商品</View>
          ) : (
            <View className='mall-cart-left'>
              {lines.length > 0 ? `兑换后剩 ${data.balance - total} 积分` : canOrder ? '点商品下面的“加入”来挑选' : '现在不能兑换'}
            </View>
          )}
          {orderError ? <View className='mall-order-error'>{orderError}</View> : null}
        </View>
        <BigButton className='mall-order-submit' disabled={!submittable}
          reason={!canOrder ? '现在不能兑换' : lines.length === 0 ? '先点商品下面的“加入”' : '积分不够，请减少商品'}
          loading={place.submitting} onClick={() => setConfirming(true)}>
          {place.submitting ? '正在兑换…' : '确认兑换'}
        </BigButton>
      </View>

      <ConfirmDialog
        block='mall-confirm'
        visible={confirming}
        className='mall-order-confirm'
        title='确认兑换'
        confirmText='确认兑换'
        content={
          <View>
            {proxyFor !== null ? <View className='mall-confirm-line'>代办：{proxyFor || '这一户'}</View> : null}
            {lines.map((l) => (
              <View key={l.goods.id} className='mall-confirm-line'>
                {l.goods.name} × {l.qty}
              </View>
            ))}
            <View className='mall-confirm-line mall-confirm-line--total'>共 {total} 积分，确认后马上扣除积分</View>
          </View>
        }
        onConfirm={() => void submit()}
        onCancel={() => setConfirming(false)}
      />
    </Page>
  )
}
