import { Input as TextInput, View } from '@tarojs/components'
import { eventValue } from '@/utils/form'
import { useMemo, useState } from 'react'
import { RULE_CATEGORIES, RULE_CATEGORY_LABELS, CAP_CYCLE_LABELS, type Input, type Output, type RuleItemView } from '../../../../types/contract'
import { BigButton } from '@/components/big-button'
import { ChoiceField } from '@/components/choice-field'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { FormField } from '@/components/form-field'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { useMutation, useQuery } from '@/hooks/use-call'
import { useVillageScope } from '@/hooks/use-scope'
import { call, newRequestId } from '@/services/call'
import { POINTS_ROLES, POINTS_SCOPE_KEY, chinaToday, go, signed } from '../../shared'
import { DateField } from '../../components/date-field'
import { PhotoField, usePhotoUploads } from '../../components/photos'
import { ReasonBox } from '../../components/reason-box'
import { ScopeGate, VillagePicker } from '../../components/scope'
import { Stepper } from '@/components/stepper'
import '../../points.scss'
import './index.scss'
import { SubscribeAsk } from '@/components/subscribe-ask'

type HouseholdRow = Output<'identity', 'listHouseholds'>['items'][number]
type RecordInput = Input<'points', 'recordClaims'>

export function isItemActive(item: RuleItemView, day: string): boolean {
  return (!item.activeFrom || item.activeFrom <= day) && (!item.activeTo || item.activeTo >= day)
}

export interface RecordForm {
  item: RuleItemView | undefined
  households: string[]
  photos: string[]
  uploading: boolean
  proxy: boolean
  onBehalfOf: string
}

/** Client checks before sending (the server checks again); returns the first problem in plain words. */
export function recordFormError(f: RecordForm): string | undefined {
  if (!f.item) return '请选择积分项目'
  if (f.households.length === 0) return '请至少选择一户'
  if (f.households.length > 100) return '一次最多100户'
  if (f.uploading) return '照片还在上传，请稍等'
  if (f.item.evidenceRequired && f.photos.length === 0) return '这一项需要上传照片作证明'
  if (f.proxy && !f.onBehalfOf) return '请选择代办的村民'
  return undefined
}

function ItemOption({ item, on, active, onPick }: { item: RuleItemView; on: boolean; active: boolean; onPick: () => void }) {
  return (
    <View
      className={`record-item-option ${on ? 'record-item-option--on' : ''} ${active ? '' : 'record-item-option--inactive'}`}
      onClick={active ? onPick : undefined}
    >
      <View className='record-item-option__name'>{item.name}</View>
      <View className='record-item-option__meta'>
        <View className={item.points >= 0 ? 'points-plus' : 'points-minus'}>
          {signed(item.points)} 分/{item.unit}
        </View>
        {item.cap ? <View className='record-item-option__cap'>{CAP_CYCLE_LABELS[item.capCycle]}最多 {item.cap} 分</View> : null}
        {item.evidenceRequired ? <View className='record-item-option__photo'>需要照片</View> : null}
        {!active ? <View className='cs-danger-text'>不在有效期</View> : null}
      </View>
    </View>
  )
}

/** 网格员打分: one rule item for one or many households (a whole activity), with photos; optionally 代办. */
export default function RecordPage() {
  const { scopes, villages, current, choose } = useVillageScope(POINTS_ROLES.record, { storageKey: POINTS_SCOPE_KEY })
  const villageId = current?.id ?? ''
  const rules = useQuery(() => call('points', 'getRules', { villageId }), [villageId], Boolean(villageId))
  const [typed, setTyped] = useState('')
  const [q, setQ] = useState('')
  const households = useQuery(
    () => call('identity', 'listHouseholds', { villageId, q: q || undefined, offset: 0, limit: 200 }),
    [villageId, q],
    Boolean(villageId)
  )

  const [itemId, setItemId] = useState('')
  const [quantity, setQuantity] = useState(1)
  const [occurredOn, setOccurredOn] = useState(chinaToday)
  const [note, setNote] = useState('')
  const photos = usePhotoUploads()
  const [selected, setSelected] = useState<Map<string, HouseholdRow>>(new Map())
  const [proxy, setProxy] = useState(false)
  const [proxyHousehold, setProxyHousehold] = useState('')
  const [onBehalfOf, setOnBehalfOf] = useState('')
  const [formError, setFormError] = useState('')
  /** One id per user intent: a double tap or a retry after an error cannot record twice. */
  const [requestId, setRequestId] = useState(newRequestId)
  const [done, setDone] = useState<{ count: number } | null>(null)
  const save = useMutation((input: RecordInput) => call('points', 'recordClaims', input, { requestId }))

  const proxyHouseholdId = proxyHousehold && selected.has(proxyHousehold) ? proxyHousehold : selected.size === 1 ? [...selected.keys()][0] ?? '' : ''
  const proxyMembers = useQuery(
    () => call('identity', 'getHousehold', { householdId: proxyHouseholdId }),
    [proxyHouseholdId],
    proxy && Boolean(proxyHouseholdId)
  )

  const ruleSet = rules.data?.current ?? null
  const item = ruleSet?.items.find((i) => i.id === itemId)
  const grouped = useMemo(
    () => RULE_CATEGORIES.map((c) => ({ category: c, items: (ruleSet?.items ?? []).filter((i) => i.category === c) })).filter((g) => g.items.length > 0),
    [ruleSet]
  )
  const rows = households.data?.items ?? []

  const toggle = (h: HouseholdRow) => {
    setFormError('')
    setSelected((m) => {
      const next = new Map(m)
      if (next.has(h.id)) next.delete(h.id)
      else next.set(h.id, h)
      return next
    })
  }
  const allOnPage = rows.length > 0 && rows.every((h) => selected.has(h.id))
  const toggleAll = () => {
    setFormError('')
    setSelected((m) => {
      const next = new Map(m)
      if (allOnPage) rows.forEach((h) => next.delete(h.id))
      else rows.forEach((h) => next.set(h.id, h))
      return next
    })
  }

  const submit = async () => {
    const problem = recordFormError({
      item,
      households: [...selected.keys()],
      photos: photos.fileIds,
      uploading: photos.uploading,
      proxy,
      onBehalfOf
    })
    setFormError(problem ?? '')
    if (problem || !item) return
    const input: RecordInput = {
      villageId,
      ruleItemId: item.id,
      quantity,
      note: note.trim(),
      photos: photos.fileIds,
      occurredOn,
      entries: [...selected.keys()].map((householdId) => ({ householdId })),
      ...(proxy && onBehalfOf ? { onBehalfOf } : {})
    }
    const res = await save.run(input)
    if (res) {
      setDone({ count: res.claimIds.length })
      setRequestId(newRequestId())
    }
  }

  const again = () => {
    setDone(null)
    setSelected(new Map())
    setNote('')
    setQuantity(1)
    setProxy(false)
    setOnBehalfOf('')
    photos.reset()
  }

  return (
    <ScopeGate scopes={scopes} hasVillage={Boolean(current)} className='points-record' noAccessText='您不是网格员，不能录入积分'>
      {() => {
        if (done) {
          return (
            <Page className='points-record' title='网格员打分'>
              <Section className='record-success'>
                <View className='points-result record-success__text'>已提交 {done.count} 户的积分，等待党小组初审</View>
                <SubscribeAsk moment='afterClaim' label='审核有结果时微信提醒我' className='record-subscribe' />
                <BigButton className='record-go-recorded' onClick={() => go('/points/pages/recorded/index')}>
                  查看我录入的
                </BigButton>
                <BigButton type='plain' className='record-again' onClick={again}>
                  继续录入
                </BigButton>
              </Section>
            </Page>
          )
        }
        return (
          <Page className='points-record' title={`${current?.name ?? ''} 网格员打分`}>
            <VillagePicker villages={villages} currentId={villageId} onChange={(id) => { choose(id); setItemId(''); setSelected(new Map()) }} />

            <Section title='1. 选择积分项目' className='record-items'>
              {rules.loading && !rules.data ? <LoadingView /> : null}
              {rules.error ? <ErrorView error={rules.error} onRetry={() => void rules.reload()} /> : null}
              {rules.data && !ruleSet ? <EmptyState text='积分标准还没有经村民代表大会通过，暂时不能录入' /> : null}
              {ruleSet
                ? grouped.map((g) => (
                  <View key={g.category} className={`record-category record-category--${g.category}`}>
                    <View className='record-category__title'>{RULE_CATEGORY_LABELS[g.category]}</View>
                    {g.items.map((i) => (
                      <ItemOption key={i.id} item={i} on={i.id === itemId} active={isItemActive(i, occurredOn)} onPick={() => { setItemId(i.id); setFormError('') }} />
                    ))}
                  </View>
                ))
                : null}
            </Section>

            <Section title='2. 数量、日期和说明' className='record-details'>
              <FormField label={`数量${item ? `（${item.unit}）` : ''}`} name='quantity'>
                <Stepper value={quantity} onChange={setQuantity} partPrefix='points-stepper' className='record-quantity' />
              </FormField>
              {item ? (
                <View className='record-total'>
                  每户 {signed(item.points * quantity)} 分
                </View>
              ) : null}
              <FormField label='发生日期' name='occurredOn'>
                <DateField value={occurredOn} end={chinaToday()} onChange={setOccurredOn} className='record-date' />
              </FormField>
              <FormField label='说明（可不填）' name='note'>
                <ReasonBox value={note} onInput={setNote} placeholder='例如：清理村口垃圾' className='record-note' />
              </FormField>
              <FormField label={item?.evidenceRequired ? '照片（这一项必须有照片）' : '照片（最多9张）'} name='photos' required={item?.evidenceRequired}>
                <PhotoField photos={photos} className='record-photos' />
              </FormField>
            </Section>

            <Section title={`3. 选择农户（已选 ${selected.size} 户）`} className='record-households'>
              <View className='points-search'>
                <TextInput
                  className='cs-input record-search'
                  value={typed}
                  placeholder='输入户主姓名或户号'
                  confirmType='search'
                  onInput={(e) => setTyped(eventValue(e))}
                  onConfirm={() => setQ(typed.trim())}
                />
                <BigButton size='small' className='record-search-go' onClick={() => setQ(typed.trim())}>
                  搜索
                </BigButton>
              </View>
              {households.loading && !households.data ? <LoadingView /> : null}
              {households.error ? <ErrorView error={households.error} onRetry={() => void households.reload()} /> : null}
              {households.data && rows.length === 0 ? <EmptyState text={q ? '没有找到，换个名字试试' : '还没有登记农户'} /> : null}
              {rows.length > 0 ? (
                <BigButton type='default' className='record-select-all' onClick={toggleAll}>
                  {allOnPage ? '取消全选' : `全选这 ${rows.length} 户`}
                </BigButton>
              ) : null}
              {rows.map((h) => {
                const on = selected.has(h.id)
                return (
                  <View key={h.id} className={`record-household points-list-item ${on ? 'record-household--on' : ''}`} onClick={() => toggle(h)}>
                    <View className={`points-check ${on ? 'points-check--on' : ''}`}>{on ? '✓' : ''}</View>
                    <View className='points-list-item__main record-household__main'>
                      <View className='points-list-item__title'>{h.headName ?? h.name}</View>
                      <View className='points-list-item__desc'>
                        户号 {h.code}
                        {h.gridName ? ` · ${h.gridName}` : ''}
                      </View>
                    </View>
                  </View>
                )
              })}
            </Section>

            <Section title='代办（替没有手机的村民录入）' className='record-proxy'>
              <ChoiceField
                name='proxy'
                options={[{ value: 'no', label: '不是代办' }, { value: 'yes', label: '是代办' }]}
                value={proxy ? 'yes' : 'no'}
                onChange={(v) => { setProxy(v === 'yes'); setOnBehalfOf('') }}
              />
              {proxy ? (
                <View className='record-proxy__body'>
                  {selected.size === 0 ? <View className='points-hint'>请先在上面选择农户</View> : null}
                  {selected.size > 1 ? (
                    <FormField label='替哪一户代办'>
                      <ChoiceField
                        name='proxy-household'
                        options={[...selected.values()].map((h) => ({ value: h.id, label: h.headName ?? h.name }))}
                        value={proxyHouseholdId}
                        onChange={(v) => { setProxyHousehold(v); setOnBehalfOf('') }}
                      />
                    </FormField>
                  ) : null}
                  {proxyHouseholdId && proxyMembers.loading && !proxyMembers.data ? <LoadingView /> : null}
                  {proxyMembers.error ? <ErrorView error={proxyMembers.error} onRetry={() => void proxyMembers.reload()} /> : null}
                  {proxyHouseholdId && proxyMembers.data ? (
                    <FormField label='替谁代办'>
                      <ChoiceField
                        name='proxy-member'
                        options={proxyMembers.data.members.map((m) => ({ value: m.id, label: m.name }))}
                        value={onBehalfOf}
                        onChange={setOnBehalfOf}
                      />
                    </FormField>
                  ) : null}
                </View>
              ) : null}
            </Section>

            {item && selected.size > 0 ? (
              <View className='record-summary'>
                将为 {selected.size} 户各记「{item.name}」{quantity}{item.unit}，每户 {signed(item.points * quantity)} 分
              </View>
            ) : null}
            {formError ? <View className='points-error-text record-error'>{formError}</View> : null}
            <BigButton className='record-submit' loading={save.submitting} disabled={photos.uploading} reason='照片还在上传，传完才能提交' onClick={() => void submit()}>
              {photos.uploading ? '照片上传中…' : '提交审核'}
            </BigButton>
          </Page>
        )
      }}
    </ScopeGate>
  )
}
