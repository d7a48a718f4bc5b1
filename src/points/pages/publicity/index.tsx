import { View } from '@tarojs/components'
import { useState } from 'react'
import type { Output } from '../../../../types/contract'
import { BigButton } from '@/components/big-button'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { useMutation, useQuery } from '@/hooks/use-call'
import { useMe } from '@/hooks/use-me'
import { call } from '@/services/call'
import { POINTS_ROLES, chinaDateTime, confirm, signed, toast, useIntentIds, useMyVillage } from '../../shared'
import { MeGate, VillageChoice } from '../../components/me-gate'
import { ReasonBox, reasonError } from '../../components/reason-box'
import '../../points.scss'
import './index.scss'

type Item = Output<'points', 'publicity'>['items'][number]

function ObjectionForm({ item, onDone, onCancel }: { item: Item; onDone: () => void; onCancel: () => void }) {
  const [reason, setReason] = useState('')
  const [error, setError] = useState('')
  const intents = useIntentIds()
  const send = useMutation(() => call('points', 'raiseObjection', { claimId: item.claimId, reason: reason.trim() }, { requestId: intents.get(item.claimId) }))
  const submit = async () => {
    const problem = reasonError(reason, '异议的理由')
    setError(problem ?? '')
    if (problem) return
    if (!(await confirm('提出异议', '提出异议后，这条积分会退回重新审核。确定提出吗？', '提出异议'))) return
    const res = await send.run()
    if (res) {
      intents.done(item.claimId)
      toast('异议已提交，将重新审核')
      onDone()
    }
  }
  return (
    <View className='publicity-objection'>
      <ReasonBox value={reason} onInput={(v) => { setReason(v); setError('') }} error={error} placeholder='请写明您认为哪里不对' className='publicity-objection__reason' />
      <View className='points-actions-row'>
        <BigButton type='default' size='small' onClick={onCancel}>
          取消
        </BigButton>
        <BigButton size='small' className='publicity-object-submit' loading={send.submitting} onClick={() => void submit()}>
          提交异议
        </BigButton>
      </View>
    </View>
  )
}

/** 公示栏: claims approved by the assembly, open to objections until the notice period ends. */
export default function PublicityPage() {
  const me = useMe()
  const { options, villageId, setPicked, holds } = useMyVillage(me, POINTS_ROLES.readRoster)
  const [objecting, setObjecting] = useState('')
  const [posted, setPosted] = useState<Output<'points', 'postDue'> | null>(null)
  const intents = useIntentIds()
  const canPost = holds(villageId, POINTS_ROLES.assembly)

  const list = useQuery(() => call('points', 'publicity', { villageId }), [villageId], Boolean(villageId))
  const postKey = `post:${villageId}`
  const postDue = useMutation(() => call('points', 'postDue', { villageId }, { requestId: intents.get(postKey) }))

  const runPost = async () => {
    if (!(await confirm('公示期满入账', '把公示期已满、没有异议的积分记入各户账上。入账后不能撤回，确定吗？', '入账'))) return
    const res = await postDue.run()
    if (res) {
      intents.done(postKey)
      setPosted(res)
      void list.reload()
    }
  }

  const items = list.data?.items ?? []
  return (
    <MeGate me={me} className='points-publicity'>
      {() => (
    <Page className='points-publicity' title='积分公示栏'>
      <VillageChoice options={options} value={villageId} onChange={(id) => { setPicked(id); setPosted(null) }} />
      <View className='points-hint publicity-intro'>以下积分已经大会审议通过，正在公示。如有不同意见，可以在公示截止前提出异议。</View>
      {canPost ? (
        <Section className='publicity-admin'>
          <BigButton type='plain' className='publicity-post-due' loading={postDue.submitting} onClick={() => void runPost()}>
            公示期满入账
          </BigButton>
          {posted ? (
            <View className='points-result publicity-post-result'>
              已入账 {posted.posted} 条{posted.failed > 0 ? `，${posted.failed} 条没有入账` : ''}
            </View>
          ) : null}
        </Section>
      ) : null}
      {list.loading && !list.data ? <LoadingView /> : null}
      {list.error ? <ErrorView error={list.error} onRetry={() => void list.reload()} /> : null}
      {list.data && items.length === 0 ? <EmptyState text='现在没有正在公示的积分' /> : null}
      {items.length > 0 ? (
        <Section title={`正在公示 ${items.length} 条`}>
          {items.map((it) => (
            <View key={it.claimId} className='publicity-item'>
              <View className='points-list-item'>
                <View className='points-list-item__main'>
                  <View className='points-list-item__title publicity-item__household'>{it.householdMasked}</View>
                  <View className='points-list-item__desc publicity-item__name'>
                    {it.itemName} · {it.quantity}{it.unit} · {it.occurredOn}
                  </View>
                  <View className='points-list-item__desc publicity-item__ends'>公示截止 {chinaDateTime(it.endsAt)}</View>
                  {it.objections > 0 ? <View className='points-list-item__desc cs-danger-text'>已有 {it.objections} 条异议</View> : null}
                </View>
                <View className={`points-list-item__side ${it.amount >= 0 ? 'points-plus' : 'points-minus'}`}>{signed(it.amount)}</View>
              </View>
              {objecting === it.claimId ? (
                <ObjectionForm item={it} onCancel={() => setObjecting('')} onDone={() => { setObjecting(''); void list.reload() }} />
              ) : (
                <BigButton type='default' size='small' className='publicity-object' onClick={() => setObjecting(it.claimId)}>
                  提异议
                </BigButton>
              )}
            </View>
          ))}
        </Section>
      ) : null}
    </Page>
      )}
    </MeGate>
  )
}
