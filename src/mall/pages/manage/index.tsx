import Taro from '@tarojs/taro'
import { Image, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import { contract, type GoodsView, type Input } from '../../../../types/contract'
import { BigButton } from '@/components/big-button'
import { ChoiceField } from '@/components/choice-field'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { FormField } from '@/components/form-field'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { useQuery, useReloadOnShow } from '@/hooks/use-call'
import { useVillageScope } from '@/hooks/use-scope'
import { call, newRequestId } from '@/services/call'
import { fieldErrors } from '@/utils/form'
import { ConfirmDialog } from '@/components/confirm-dialog'
import { VillagePicker } from '../../components/village-picker'
import { useParam } from '@/hooks/use-param'
import { MALL_PAGES, MALL_SCOPE_KEY, SHOP_ROLES, fmtTime, pageUrl, quarterLabel, useSubmit, windowStateLabel } from '../../shared'
import '../mall.scss'
import './index.scss'

type Direction = 'in' | 'out'

interface Restocking {
  goods: GoodsView
  direction: Direction
  qty: string
  reason: string
}

function toInt(s: string): number {
  return /^\d+$/.test(s.trim()) ? Number(s.trim()) : NaN
}

/** 补货 / 减少 for one item, with a reason; confirmed before it is recorded. */
function RestockPanel({ r, onChange, onDone, onClose }: { r: Restocking; onChange: (r: Restocking) => void; onDone: () => void; onClose: () => void }) {
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [confirming, setConfirming] = useState(false)
  const intent = useRef(newRequestId())
  const save = useSubmit((input: { goodsId: string; delta: number; reason: string }) => call('mall', 'restock', input, { requestId: intent.current }))
  const qty = toInt(r.qty)
  const delta = r.direction === 'in' ? qty : -qty
  const input = { goodsId: r.goods.id, delta, reason: r.reason.trim() }

  const check = () => {
    const errs: Record<string, string> = {}
    if (!(qty > 0)) errs.qty = '请填写数量（大于0的整数）'
    else if (r.direction === 'out' && qty > r.goods.stock) errs.qty = `库存只有${r.goods.stock}件`
    Object.assign(errs, errs.qty ? {} : fieldErrors(contract.mall.restock.input, input))
    if (errs.delta) errs.qty = errs.delta
    setErrors(errs)
    if (Object.keys(errs).length === 0) setConfirming(true)
  }

  const submit = async () => {
    setConfirming(false)
    const res = await save.run(input)
    if (res?.ok) {
      void Taro.showToast({ title: '库存已更新', icon: 'success' })
      onDone()
    }
  }

  const set = (patch: Partial<Restocking>) => {
    intent.current = newRequestId()
    onChange({ ...r, ...patch })
  }

  return (
    <View className='mall-restock'>
      <ChoiceField
        name='restock-direction'
        options={[{ value: 'in', label: '补货（增加）' }, { value: 'out', label: '减少（损坏、过期等）' }]}
        value={r.direction}
        onChange={(direction) => set({ direction })}
      />
      <FormField label='数量（件）' name='restock-qty' required inputType='number' value={r.qty} onInput={(qtyText) => set({ qty: qtyText })} error={errors.qty} maxlength={6} />
      <FormField label='原因' name='restock-reason' required value={r.reason} onInput={(reason) => set({ reason })} error={errors.reason} placeholder={r.direction === 'in' ? '例如 镇里调拨' : '例如 包装破损'} maxlength={100} />
      <View className='mall-actions'>
        <BigButton type='default' onClick={onClose}>
          取消
        </BigButton>
        <BigButton className='mall-restock-save' loading={save.submitting} onClick={check}>
          确定
        </BigButton>
      </View>
      <ConfirmDialog
        block='mall-confirm'
        visible={confirming}
        danger={r.direction === 'out'}
        title={r.direction === 'in' ? '确认补货' : '确认减少库存'}
        content={`${r.goods.name}：${r.direction === 'in' ? '增加' : '减少'} ${qty} 件，库存变为 ${r.goods.stock + delta} 件。原因：${r.reason.trim()}`}
        onConfirm={() => void submit()}
        onCancel={() => setConfirming(false)}
      />
    </View>
  )
}

function GoodsSection({ villageId }: { villageId: string }) {
  const goods = useQuery(() => call('mall', 'listGoods', { villageId, includeInactive: true }), [villageId], Boolean(villageId))
  const [restocking, setRestocking] = useState<Restocking | null>(null)
  useReloadOnShow(goods.reload, Boolean(villageId))
  const items = goods.data ?? []
  return (
    <Section
      title='商品和库存'
      className='mall-manage-goods-section'
      extra={
        <BigButton size='small' className='mall-manage-add-goods' onClick={() => void Taro.navigateTo({ url: pageUrl(MALL_PAGES.goodsEdit, { villageId }) })}>
          新增商品
        </BigButton>
      }
    >
      {goods.loading && !goods.data ? <LoadingView /> : null}
      {goods.error ? <ErrorView error={goods.error} onRetry={() => void goods.reload()} /> : null}
      {goods.data && items.length === 0 ? <EmptyState text='还没有商品，点“新增商品”上架' /> : null}
      {items.map((g) => (
        <View key={g.id} className={`mall-manage-goods ${g.active ? '' : 'mall-manage-goods--inactive'}`}>
          <View className='mall-row'>
            {g.photoUrl ? <Image className='mall-thumb' src={g.photoUrl} mode='aspectFill' /> : <View className='mall-thumb mall-thumb--none'>{g.name.slice(0, 2)}</View>}
            <View className='mall-row__main'>
              <View className='mall-row__title'>
                {g.name}
                {g.active ? null : <View className='mall-badge'>已下架</View>}
              </View>
              <View className='mall-row__desc'>
                {g.price} 积分（约{g.yuan}元）{g.limitPerHousehold !== null ? ` · 每户限${g.limitPerHousehold}件` : ''}
              </View>
              <View className={`mall-row__desc mall-manage-goods__stock ${g.stock <= 0 ? 'cs-danger-text' : ''}`}>库存 {g.stock} 件</View>
            </View>
          </View>
          <View className='mall-actions'>
            <BigButton type='default' className='mall-manage-edit-goods' onClick={() => void Taro.navigateTo({ url: pageUrl(MALL_PAGES.goodsEdit, { villageId, id: g.id }) })}>
              编辑
            </BigButton>
            <BigButton type='plain' className='mall-manage-restock' onClick={() => setRestocking({ goods: g, direction: 'in', qty: '', reason: '' })}>
              补货/减少
            </BigButton>
          </View>
          {restocking?.goods.id === g.id ? (
            <RestockPanel r={restocking} onChange={setRestocking} onClose={() => setRestocking(null)} onDone={() => { setRestocking(null); void goods.reload() }} />
          ) : null}
        </View>
      ))}
    </Section>
  )
}

function WindowsSection({ villageId }: { villageId: string }) {
  const windows = useQuery(() => call('mall', 'listWindows', { villageId }), [villageId], Boolean(villageId))
  useReloadOnShow(windows.reload, Boolean(villageId))
  const items = windows.data ?? []
  return (
    <Section
      title='兑换日'
      className='mall-manage-windows'
      extra={
        <BigButton size='small' className='mall-manage-add-window' onClick={() => void Taro.navigateTo({ url: pageUrl(MALL_PAGES.windowEdit, { villageId }) })}>
          新增兑换日
        </BigButton>
      }
    >
      {windows.loading && !windows.data ? <LoadingView /> : null}
      {windows.error ? <ErrorView error={windows.error} onRetry={() => void windows.reload()} /> : null}
      {windows.data && items.length === 0 ? <EmptyState text='还没有安排兑换日' /> : null}
      {items.map((w) => (
        <View key={w.id} className={`mall-manage-window ${w.open ? 'mall-manage-window--open' : ''}`}>
          <View className='mall-row__title'>
            {w.title}
            <View className='mall-badge'>{windowStateLabel(w)}</View>
          </View>
          <View className='mall-row__desc'>
            {fmtTime(w.opensAt)} 到 {fmtTime(w.closesAt)} · 按{quarterLabel(w.quarter)}积分
          </View>
          <View className='mall-actions'>
            {!w.swept ? (
              <BigButton type='default' className='mall-manage-edit-window' onClick={() => void Taro.navigateTo({ url: pageUrl(MALL_PAGES.windowEdit, { villageId, id: w.id }) })}>
                修改
              </BigButton>
            ) : null}
            <BigButton type='plain' className='mall-manage-report' onClick={() => void Taro.navigateTo({ url: pageUrl(MALL_PAGES.report, { villageId, windowId: w.id }) })}>
              报表
            </BigButton>
          </View>
        </View>
      ))}
    </Section>
  )
}

function SettingsSection({ villageId }: { villageId: string }) {
  const settings = useQuery(() => call('mall', 'getMallSettings', { villageId }), [villageId], Boolean(villageId))
  const [threshold, setThreshold] = useState('')
  const [rate, setRate] = useState('')
  const [pickup, setPickup] = useState({ pickupPlace: '', openHours: '', contactPhone: '' })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [confirming, setConfirming] = useState(false)
  const intent = useRef(newRequestId())
  const save = useSubmit((input: Input<'mall', 'saveMallSettings'>) => call('mall', 'saveMallSettings', input, { requestId: intent.current }))

  useEffect(() => {
    if (settings.data) {
      setThreshold(String(settings.data.threshold))
      setRate(String(settings.data.pointsPerYuan))
      setPickup({ pickupPlace: settings.data.pickupPlace ?? '', openHours: settings.data.openHours ?? '', contactPhone: settings.data.contactPhone ?? '' })
    }
  }, [settings.data])

  const input = { villageId, threshold: toInt(threshold), pointsPerYuan: toInt(rate), ...pickup }
  const setInfo = (patch: Partial<typeof pickup>) => {
    intent.current = newRequestId()
    setPickup({ ...pickup, ...patch })
  }
  const check = () => {
    const errs = fieldErrors(contract.mall.saveMallSettings.input, input)
    if (Number.isNaN(input.threshold)) errs.threshold = '请填写整数'
    if (Number.isNaN(input.pointsPerYuan)) errs.pointsPerYuan = '请填写整数'
    setErrors(errs)
    if (Object.keys(errs).length === 0) setConfirming(true)
  }
  const submit = async () => {
    setConfirming(false)
    const res = await save.run(input)
    if (res?.ok) {
      intent.current = newRequestId()
      void Taro.showToast({ title: '已保存', icon: 'success' })
      void settings.reload()
    }
  }

  return (
    <Section title='兑换规则' className='mall-manage-settings'>
      {settings.loading && !settings.data ? <LoadingView /> : null}
      {settings.error ? <ErrorView error={settings.error} onRetry={() => void settings.reload()} /> : null}
      {settings.data ? (
        <View>
          <FormField label='每季度积分满多少分才能兑换' name='threshold' required inputType='number' value={threshold} onInput={(v) => { intent.current = newRequestId(); setThreshold(v) }} error={errors.threshold} maxlength={6} hint='默认 80 分' />
          <FormField label='多少积分折合 1 元' name='points-per-yuan' required inputType='number' value={rate} onInput={(v) => { intent.current = newRequestId(); setRate(v) }} error={errors.pointsPerYuan} maxlength={4} hint='默认 5 积分 = 1 元' />
          <FormField label='取货地点' name='pickup-place' value={pickup.pickupPlace} onInput={(v) => setInfo({ pickupPlace: v })} error={errors.pickupPlace} maxlength={40} placeholder='例如 村委会一楼爱心超市' />
          <FormField label='开放时间' name='open-hours' value={pickup.openHours} onInput={(v) => setInfo({ openHours: v })} error={errors.openHours} maxlength={40} placeholder='例如 每周二、周五 9:00–11:30' />
          <FormField label='联系电话' name='contact-phone' inputType='number' value={pickup.contactPhone} onInput={(v) => setInfo({ contactPhone: v })} error={errors.contactPhone} maxlength={20} />
          <BigButton className='mall-settings-save' loading={save.submitting} onClick={check}>
            保存规则
          </BigButton>
        </View>
      ) : null}
      <ConfirmDialog
        block='mall-confirm'
        visible={confirming}
        title='修改兑换规则'
        content={`改为：本季度满 ${input.threshold} 分可兑换，${input.pointsPerYuan} 积分折合 1 元。保存后马上对所有农户生效。`}
        onConfirm={() => void submit()}
        onCancel={() => setConfirming(false)}
      />
    </Section>
  )
}

type Tab = 'goods' | 'windows' | 'settings'

export default function ManagePage() {
  const { scopes, villages, current, choose } = useVillageScope(SHOP_ROLES, { storageKey: MALL_SCOPE_KEY, preferred: useParam('villageId') || undefined })
  const [tab, setTab] = useState<Tab>('goods')
  const villageId = current?.id ?? ''

  if (scopes.loading && !scopes.data) return <Page className='mall-manage'><LoadingView /></Page>
  if (scopes.error) return <Page className='mall-manage'><ErrorView error={scopes.error} onRetry={() => void scopes.reload()} /></Page>
  if (!current) return <Page className='mall-manage'><EmptyState text='只有村里的工作人员可以管理超市' /></Page>

  return (
    <Page className='mall-manage' title={`${current.name} 超市管理`}>
      <VillagePicker villages={villages} currentId={villageId} onChange={choose} />
      <View className='mall-links'>
        <BigButton type='default' size='small' className='mall-manage-go-handover' onClick={() => void Taro.navigateTo({ url: pageUrl(MALL_PAGES.handover, { villageId }) })}>
          核销发放
        </BigButton>
        <BigButton type='default' size='small' className='mall-manage-go-report' onClick={() => void Taro.navigateTo({ url: pageUrl(MALL_PAGES.report, { villageId }) })}>
          兑换报表
        </BigButton>
      </View>
      <ChoiceField
        name='manage-tab'
        options={[{ value: 'goods', label: '商品库存' }, { value: 'windows', label: '兑换日' }, { value: 'settings', label: '兑换规则' }]}
        value={tab}
        onChange={setTab}
      />
      {tab === 'goods' ? <GoodsSection key={villageId} villageId={villageId} /> : null}
      {tab === 'windows' ? <WindowsSection key={villageId} villageId={villageId} /> : null}
      {tab === 'settings' ? <SettingsSection key={villageId} villageId={villageId} /> : null}
    </Page>
  )
}
