import { useDidShow } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useRef, useState } from 'react'
import { RULE_CATEGORY_LABELS } from '../../../../types/contract'
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
import { call } from '@/services/call'
import { POINTS_ROLES, POINTS_SCOPE_KEY, chinaClock, chinaDateTime, chinaIso, chinaToday, go, signed, toast, useIntentIds } from '../../shared'
import { DateField } from '../../components/date-field'
import { ScopeGate, VillagePicker } from '../../components/scope'
import { Stepper } from '@/components/stepper'
import '../../points.scss'
import './index.scss'

function CreateForm({ villageId, onCreated }: { villageId: string; onCreated: (id: string) => void }) {
  const rules = useQuery(() => call('points', 'getRules', { villageId }), [villageId], Boolean(villageId))
  const today = chinaToday()
  const [title, setTitle] = useState('')
  const [ruleItemId, setRuleItemId] = useState('')
  const [quantity, setQuantity] = useState(1)
  const [place, setPlace] = useState('')
  const [startDay, setStartDay] = useState(today)
  const [startClock, setStartClock] = useState(chinaClock)
  const [endDay, setEndDay] = useState(today)
  const [endClock, setEndClock] = useState('18:00')
  const [error, setError] = useState('')
  const intents = useIntentIds()
  const create = useMutation(() =>
    call(
      'points',
      'createActivity',
      { villageId, title: title.trim(), ruleItemId, quantity, place: place.trim(), startsAt: chinaIso(startDay, startClock), endsAt: chinaIso(endDay, endClock) },
      { requestId: intents.get('create') }
    )
  )
  const items = (rules.data?.current?.items ?? []).filter((i) => i.category !== 'veto' && i.points > 0)

  const submit = async () => {
    const problem = !title.trim()
      ? '请填写活动名称'
      : !ruleItemId
        ? '请选择积分项目'
        : `${endDay}T${endClock}` <= `${startDay}T${startClock}`
          ? '结束时间要晚于开始时间'
          : undefined
    setError(problem ?? '')
    if (problem) return
    const res = await create.run()
    if (res) {
      intents.done('create')
      toast('活动已创建', 'success')
      onCreated(res.activityId)
    }
  }

  return (
    <Section title='新建签到活动' className='activities-create'>
      <FormField label='活动名称' name='activity-title' required value={title} onInput={setTitle} maxlength={40} placeholder='例如 村口人居环境清理' />
      <FormField label='积分项目' name='activity-item' required>
        {rules.loading && !rules.data ? <LoadingView /> : null}
        {rules.error ? <ErrorView error={rules.error} onRetry={() => void rules.reload()} /> : null}
        {rules.data && items.length === 0 ? <View className='points-hint'>没有可用的加分项目，请先通过积分标准</View> : null}
        <ChoiceField
          name='activity-item'
          options={items.map((i) => ({ value: i.id, label: `${i.name} ${signed(i.points)}/${i.unit}（${RULE_CATEGORY_LABELS[i.category].slice(0, 2)}）` }))}
          value={ruleItemId}
          onChange={setRuleItemId}
        />
      </FormField>
      <FormField label='每户记几个单位' name='activity-quantity'>
        <Stepper value={quantity} onChange={setQuantity} partPrefix='points-stepper' />
      </FormField>
      <FormField label='地点（可不填）' name='activity-place' value={place} onInput={setPlace} maxlength={40} />
      <FormField label='签到开始' name='activity-start'>
        <View className='activities-when'>
          <DateField value={startDay} start={today} onChange={setStartDay} />
          <DateField mode='time' value={startClock} onChange={setStartClock} />
        </View>
      </FormField>
      <FormField label='签到结束' name='activity-end'>
        <View className='activities-when'>
          <DateField value={endDay} start={startDay} onChange={setEndDay} />
          <DateField mode='time' value={endClock} onChange={setEndClock} />
        </View>
      </FormField>
      {error ? <View className='points-error-text activities-error'>{error}</View> : null}
      <BigButton className='activities-create-submit' loading={create.submitting} onClick={() => void submit()}>
        创建活动
      </BigButton>
    </Section>
  )
}

/** 活动签到: activities of the village; each opens its rotating check-in code for the venue screen. */
export default function ActivitiesPage() {
  const { scopes, villages, current, choose } = useVillageScope(POINTS_ROLES.activities, { storageKey: POINTS_SCOPE_KEY })
  const villageId = current?.id ?? ''
  const list = useQuery(() => call('points', 'listActivities', { villageId }), [villageId], Boolean(villageId))
  const [creating, setCreating] = useState(false)
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current && villageId) void list.reload()
    shown.current = true
  })
  const open = (id: string) => go(`/points/pages/activity-code/index?id=${encodeURIComponent(id)}`)

  return (
    <ScopeGate scopes={scopes} hasVillage={Boolean(current)} className='points-activities' noAccessText='您没有组织签到活动的权限'>
      {() => (
        <Page className='points-activities' title='活动签到'>
          <VillagePicker villages={villages} currentId={villageId} onChange={choose} />
          {creating ? (
            <View>
              <CreateForm villageId={villageId} onCreated={(id) => { setCreating(false); void list.reload(); open(id) }} />
              <BigButton type='default' onClick={() => setCreating(false)}>
                取消
              </BigButton>
            </View>
          ) : (
            <BigButton className='activities-new' onClick={() => setCreating(true)}>
              新建签到活动
            </BigButton>
          )}
          {list.loading && !list.data ? <LoadingView /> : null}
          {list.error ? <ErrorView error={list.error} onRetry={() => void list.reload()} /> : null}
          {list.data && list.data.length === 0 ? <EmptyState text='还没有签到活动' /> : null}
          {list.data && list.data.length > 0 ? (
            <Section title='活动列表'>
              {list.data.map((a) => (
                <View key={a.id} className={`activity-item points-list-item ${a.open ? 'activity-item--open' : ''}`} onClick={() => open(a.id)}>
                  <View className='points-list-item__main'>
                    <View className='points-list-item__title'>
                      {a.title}
                      {a.open ? <View className='points-badge'>签到中</View> : null}
                    </View>
                    <View className='points-list-item__desc'>
                      {a.ruleItemName}
                      {a.place ? ` · ${a.place}` : ''}
                    </View>
                    <View className='points-list-item__desc'>
                      {chinaDateTime(a.startsAt)} 至 {chinaDateTime(a.endsAt)}
                    </View>
                  </View>
                  <View className='points-list-item__side'>已签 {a.checkins}</View>
                </View>
              ))}
            </Section>
          ) : null}
        </Page>
      )}
    </ScopeGate>
  )
}
