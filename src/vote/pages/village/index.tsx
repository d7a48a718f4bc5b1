import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useRef, useState } from 'react'
import { BigButton } from '@/components/big-button'
import { ChoiceField } from '@/components/choice-field'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { FormField } from '@/components/form-field'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { useQuery, useReloadOnShow } from '@/hooks/use-call'
import { useParam } from '@/hooks/use-param'
import { call, errorText, newRequestId } from '@/services/call'
import { shortTime } from '../../shared'
import '../vote.scss'

type Choice = 'approve' | 'reject'

/** Staff nominate households before the vote opens. */
function Nominate({ activityId, villageId, onDone }: { activityId: string; villageId: string; onDone: () => void }) {
  const households = useQuery(() => call('identity', 'listHouseholds', { villageId, limit: 200 }), [villageId], !!villageId)
  const [householdId, setHouseholdId] = useState('')
  const [title, setTitle] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const intent = useRef(newRequestId())
  const why = !householdId ? '请选一户' : title.trim().length < 1 ? '请填写推荐理由' : ''
  const send = async () => {
    setBusy(true)
    setError('')
    try {
      await call('vote', 'nominate', { activityId, householdId, title }, { requestId: intent.current })
      intent.current = newRequestId()
      setHouseholdId('')
      setTitle('')
      onDone()
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Section title='推荐先进典型户' className='vote-nominate'>
      <FormField label='农户' required>
        <ChoiceField name='household' options={(households.data?.items ?? []).map((h) => ({ value: h.id, label: `${h.headName ?? ''}（${h.code}）` }))} value={householdId || null} onChange={setHouseholdId} />
      </FormField>
      <FormField label='推荐理由' required name='nominee-title' value={title} maxlength={40} placeholder='如：婚事新办，不要彩礼' onInput={setTitle} />
      {error ? <View className='vote-error'>{error}</View> : null}
      <BigButton className='vote-nominate-send' disabled={!!why} reason={why || undefined} loading={busy} onClick={() => void send()}>
        推荐
      </BigButton>
    </Section>
  )
}

/**
 * The village vote: each eligible voter (one per household, or the 村民代表) says 同意 or 不同意 for each nominee
 * inside the window; once it closes, the counts and the approved list.
 */
export default function VillagePage() {
  const activityId = useParam('id')
  const act = useQuery(() => call('vote', 'getActivity', { activityId }), [activityId], !!activityId)
  const result = useQuery(() => call('vote', 'villageResult', { activityId }), [activityId], !!activityId)
  const status = useQuery(() => call('vote', 'voteStatus', { activityId }), [activityId], !!activityId)
  const [busy, setBusy] = useState('')
  const [error, setError] = useState('')
  const intent = useRef(newRequestId())
  const reload = async () => {
    await Promise.all([act.reload(), result.reload(), status.reload()])
  }
  useReloadOnShow(reload)
  if (!activityId) return <Page><EmptyState text='没有指定表决' /></Page>
  if ((act.loading && !act.data) || (result.loading && !result.data)) return <Page className='vote-village'><LoadingView /></Page>
  const err = act.error ?? result.error
  if (err && (!act.data || !result.data)) return <Page className='vote-village'><ErrorView error={err} onRetry={() => void reload()} /></Page>
  const a = act.data!
  const r = result.data!
  const st = status.data
  const ballot = async (entryId: string, choice: Choice) => {
    setBusy(`${entryId}:${choice}`)
    setError('')
    try {
      await call('vote', 'vote', { entryId, choice }, { requestId: intent.current })
      void Taro.showToast({ title: '已表态', icon: 'success' })
    } catch (e) {
      setError(errorText(e))
    } finally {
      intent.current = newRequestId()
      setBusy('')
      await reload()
    }
  }
  const mode = a.electorate.mode === 'household' ? '每户一票' : a.electorate.mode === 'representatives' ? '村民代表表决' : '每人一票'
  return (
    <Page className='vote-village' title={a.title}>
      <View className='vote-note'>
        {mode} · {shortTime(a.voteOpens)} 至 {shortTime(a.voteCloses)} · {a.phaseLabel}
      </View>
      {a.mine.staff && a.phase === 'upcoming' ? <Nominate activityId={a.id} villageId={a.orgId} onDone={() => void reload()} /> : null}
      {st && !st.eligible && !r.closed ? <View className='vote-note vote-why'>现在不能表态：{st.reason}</View> : null}
      {error ? <View className='vote-error'>{error}</View> : null}
      {r.nominees.length === 0 ? <EmptyState text='还没有推荐的农户' /> : null}
      {r.nominees.map((n) => {
        const mine = st?.choices[n.entryId]
        const why = r.closed ? '' : mine ? `您已表态：${mine === 'approve' ? '同意' : '不同意'}` : st && !st.eligible ? st.reason ?? '' : ''
        return (
          <Section key={n.entryId} title={n.name} className='vote-nominee'>
            <View className='vote-part__text'>{n.title}</View>
            {r.closed ? (
              <View className='vote-box__left vote-nominee-result'>
                同意 {n.yes} · 不同意 {n.no} · {n.approved ? '通过' : '未通过'}
              </View>
            ) : (
              <View>
                <View className='vote-actions'>
                  <BigButton size='small' className='vote-approve' disabled={!!why} reason={why || undefined} loading={busy === `${n.entryId}:approve`} onClick={() => void ballot(n.entryId, 'approve')}>
                    同意
                  </BigButton>
                  <BigButton size='small' type='plain' className='vote-reject' disabled={!!why} reason={why || undefined} loading={busy === `${n.entryId}:reject`} onClick={() => void ballot(n.entryId, 'reject')}>
                    不同意
                  </BigButton>
                </View>
              </View>
            )}
          </Section>
        )
      })}
      {r.closed ? (
        <Section title='表决结果' className='vote-village-result'>
          <View className='vote-note'>参加表决 {r.voters} {a.electorate.mode === 'household' ? '户' : '人'}</View>
          <View className='vote-part__text'>通过名单：{r.nominees.filter((n) => n.approved).map((n) => n.name).join('、') || '无'}</View>
        </Section>
      ) : null}
    </Page>
  )
}
