import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import { ORDER_STATE_LABELS, type OrderView } from '../../../../types/contract'
import { BigButton } from '@/components/big-button'
import { ChoiceField } from '@/components/choice-field'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { useQuery } from '@/hooks/use-call'
import { useVillageScope } from '@/hooks/use-scope'
import { call, newRequestId } from '@/services/call'
import { openDownload } from '@/services/upload'
import { isH5 } from '@/utils/env'
import { ConfirmDialog } from '@/components/confirm-dialog'
import { VillagePicker } from '../../components/village-picker'
import { useParam } from '@/hooks/use-param'
import { MALL_SCOPE_KEY, SHOP_ROLES, fmtDay, fmtTime, quarterLabel, useSubmit, windowStateLabel } from '../../shared'
import '../mall.scss'
import './index.scss'

type StateFilter = 'all' | OrderView['state']

function Stat({ label, value, name }: { label: string; value: number | string; name: string }) {
  return (
    <View className={`mall-stat mall-stat--${name}`}>
      <View className='mall-stat__value'>{value}</View>
      <View className='mall-stat__label'>{label}</View>
    </View>
  )
}

function WindowReport({ windowId }: { windowId: string }) {
  const report = useQuery(() => call('mall', 'report', { windowId }), [windowId])
  const orders = useQuery(() => call('mall', 'windowOrders', { windowId }), [windowId])
  const [filter, setFilter] = useState<StateFilter>('all')
  const [exported, setExported] = useState<{ url: string; rows: number } | null>(null)
  const [expireAsk, setExpireAsk] = useState(false)
  const [expired, setExpired] = useState<number | null>(null)
  const exporter = useSubmit(async () => {
    const res = await call('mall', 'exportReport', { windowId })
    setExported({ url: res.url, rows: res.rows })
    await openDownload(res.url, res.fileName)
    return res
  })
  const expire = useSubmit((villageId: string) => call('mall', 'expireOrders', { villageId }, { requestId: newRequestId() }))

  if (report.loading && !report.data) return <LoadingView />
  if (report.error && !report.data) return <ErrorView error={report.error} onRetry={() => void report.reload()} />
  const r = report.data
  if (!r) return <LoadingView />
  const ended = !r.window.open && new Date(r.window.closesAt).getTime() <= Date.now()
  const list = (orders.data ?? []).filter((o) => filter === 'all' || o.state === filter)

  const runExpire = async () => {
    setExpireAsk(false)
    const res = await expire.run(r.window.villageId)
    if (res?.ok) {
      setExpired(res.value.expired)
      void Taro.showToast({ title: `已结算 ${res.value.expired} 单`, icon: 'none' })
      void report.reload()
      void orders.reload()
    }
  }

  return (
    <View className='mall-report-body'>
      <Section title={r.window.title} className='mall-report-window'>
        <View className='mall-row__desc'>
          {fmtTime(r.window.opensAt)} 到 {fmtTime(r.window.closesAt)} · {windowStateLabel(r.window)} · 按{quarterLabel(r.window.quarter)}积分
        </View>
      </Section>
      <Section title='兑换单' className='mall-report-summary'>
        <View className='mall-stats'>
          <Stat name='total' label='全部' value={r.orders.total} />
          <Stat name='reserved' label='待领取' value={r.orders.reserved} />
          <Stat name='picked-up' label='已领取' value={r.orders.pickedUp} />
          <Stat name='cancelled' label='已取消' value={r.orders.cancelled} />
          <Stat name='expired' label='过期退回' value={r.orders.expired} />
          <Stat name='points' label='兑换积分' value={r.orders.points} />
        </View>
      </Section>
      <Section title='商品' className='mall-report-goods'>
        {r.goods.length === 0 ? <EmptyState text='这个兑换日还没有商品兑出' /> : null}
        {r.goods.map((g) => (
          <View key={g.goodsId} className='mall-row mall-report-goods__row'>
            <View className='mall-row__main'>
              <View className='mall-row__title'>{g.name}</View>
              <View className='mall-row__desc'>
                兑出 {g.ordered} 件 · 已领 {g.pickedUp} 件 · 库存 {g.stock} 件
              </View>
            </View>
          </View>
        ))}
      </Section>
      <Section title='库存变动' className='mall-report-movements'>
        {r.movements.length === 0 ? <EmptyState text='没有库存变动' /> : null}
        {r.movements.map((m, i) => (
          <View key={`${m.goodsId}-${m.at}-${i}`} className='mall-row mall-report-movement'>
            <View className='mall-row__main'>
              <View className='mall-row__title'>
                {m.name} <View className={m.delta > 0 ? 'mall-delta mall-delta--in' : 'mall-delta mall-delta--out'}>{m.delta > 0 ? `+${m.delta}` : m.delta}</View>
              </View>
              <View className='mall-row__desc'>
                {m.reason} · {m.byName} · {fmtTime(m.at)} · 变动后 {m.stockAfter} 件
              </View>
            </View>
          </View>
        ))}
      </Section>
      <Section title='兑换单明细' className='mall-report-orders'>
        <ChoiceField
          name='report-filter'
          options={[{ value: 'all', label: '全部' }, ...(['reserved', 'picked_up', 'cancelled', 'expired'] as const).map((s) => ({ value: s, label: ORDER_STATE_LABELS[s] }))]}
          value={filter}
          onChange={setFilter}
        />
        {orders.loading && !orders.data ? <LoadingView /> : null}
        {orders.error ? <ErrorView error={orders.error} onRetry={() => void orders.reload()} /> : null}
        {orders.data && list.length === 0 ? <EmptyState text='没有兑换单' /> : null}
        {list.map((o) => (
          <View key={o.id} className={`mall-row mall-report-order mall-report-order--${o.state}`}>
            <View className='mall-row__main'>
              <View className='mall-row__title'>
                {o.householdName}
                <View className='mall-badge'>{o.stateLabel}</View>
              </View>
              <View className='mall-row__desc'>
                {o.items.map((l) => `${l.name}×${l.qty}`).join('、')} · {o.total} 积分
              </View>
              <View className='mall-row__desc'>
                {o.pickupCode ? `取货码 ${o.pickupCode} · ` : ''}{fmtDay(o.createdAt)} {o.proxy ? `· ${o.placedByName}代办` : ''}
              </View>
            </View>
          </View>
        ))}
      </Section>
      <Section title='导出和结算'>
        <BigButton type='plain' className='mall-report-export' loading={exporter.submitting} onClick={() => void exporter.run()}>
          {exporter.submitting ? '正在导出…' : '导出Excel'}
        </BigButton>
        {exported ? (
          <View className='cs-muted mall-report-exported'>
            已导出 {exported.rows} 单。{isH5() ? '' : '如果没有自动打开，请再点一次。'}
          </View>
        ) : null}
        <View className='cs-muted'>兑换日结束后，没领取的兑换单作废，积分和商品退回。系统每天会自动结算，也可以现在手动结算。</View>
        <BigButton type='danger' className='mall-report-expire' disabled={!ended} reason='兑换日结束后才能结算' loading={expire.submitting} onClick={() => setExpireAsk(true)}>
          结算过期订单
        </BigButton>
        {expired !== null ? <View className='mall-result mall-report-expired'>已结算：{expired} 单过期，积分已退回</View> : null}
      </Section>
      <ConfirmDialog
        block='mall-confirm'
        visible={expireAsk}
        danger
        title='结算过期订单'
        content='已结束的兑换日里没领取的兑换单会作废，积分退回农户，商品放回库存。确定结算吗？'
        confirmText='结算'
        onConfirm={() => void runExpire()}
        onCancel={() => setExpireAsk(false)}
      />
    </View>
  )
}

/** Without a windowId: choose the village and one of its redemption windows. */
function WindowChooser({ onPick }: { onPick: (id: string) => void }) {
  const { scopes, villages, current, choose } = useVillageScope(SHOP_ROLES, { storageKey: MALL_SCOPE_KEY, preferred: useParam('villageId') || undefined })
  const villageId = current?.id ?? ''
  const windows = useQuery(() => call('mall', 'listWindows', { villageId }), [villageId], Boolean(villageId))
  if (scopes.loading && !scopes.data) return <LoadingView />
  if (scopes.error) return <ErrorView error={scopes.error} onRetry={() => void scopes.reload()} />
  if (!current) return <EmptyState text='只有村里的工作人员可以查看报表' />
  return (
    <View>
      <VillagePicker villages={villages} currentId={villageId} onChange={choose} />
      <Section title='选择兑换日' className='mall-report-windows'>
        {windows.loading && !windows.data ? <LoadingView /> : null}
        {windows.error ? <ErrorView error={windows.error} onRetry={() => void windows.reload()} /> : null}
        {windows.data && windows.data.length === 0 ? <EmptyState text='还没有安排兑换日' /> : null}
        {(windows.data ?? []).map((w) => (
          <View key={w.id} className='mall-row mall-report-window-item' onClick={() => onPick(w.id)}>
            <View className='mall-row__main'>
              <View className='mall-row__title'>
                {w.title}
                <View className='mall-badge'>{windowStateLabel(w)}</View>
              </View>
              <View className='mall-row__desc'>
                {fmtTime(w.opensAt)} 到 {fmtTime(w.closesAt)}
              </View>
            </View>
            <View className='mall-row__side'>看报表 ›</View>
          </View>
        ))}
      </Section>
    </View>
  )
}

export default function ReportPage() {
  const param = useParam('windowId')
  const [windowId, setWindowId] = useState(param)
  return (
    <Page className='mall-report' title='兑换报表'>
      {windowId ? (
        <View>
          {!param ? (
            <View className='mall-links'>
              <BigButton type='default' size='small' className='mall-report-back' onClick={() => setWindowId('')}>
                换一个兑换日
              </BigButton>
            </View>
          ) : null}
          <WindowReport key={windowId} windowId={windowId} />
        </View>
      ) : (
        <WindowChooser onPick={setWindowId} />
      )}
    </Page>
  )
}
