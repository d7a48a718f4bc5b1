import Taro from '@tarojs/taro'
import { Input, Textarea, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import type { EntryView } from '../../../../types/contract'
import { BigButton } from '@/components/big-button'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { useQuery, useReloadOnShow } from '@/hooks/use-call'
import { useParam } from '@/hooks/use-param'
import { call, errorText, newRequestId } from '@/services/call'
import { pageUrl, VOTE_PAGES } from '../../shared'
import '../vote.scss'
import { eventValue } from '@/utils/form'

type Item = EntryView & { ownOrg: boolean; myScore: { performance: number; overall: number; comment: string } | null }

function valid(s: string): boolean {
  return /^\d{1,3}$/.test(s.trim()) && Number(s) <= 100
}

function ScoreCard({ item, closed, onSaved }: { item: Item; closed: boolean; onSaved: () => void }) {
  const [perf, setPerf] = useState(item.myScore ? String(item.myScore.performance) : '')
  const [overall, setOverall] = useState(item.myScore ? String(item.myScore.overall) : '')
  const [comment, setComment] = useState(item.myScore?.comment ?? '')
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState('')
  const intent = useRef(newRequestId())
  const why = item.ownOrg ? '这是您本单位的作品，按规定不能打分' : closed ? '打分已经结束，不能再改' : !valid(perf) || !valid(overall) ? '两项分数都要填，0到100分' : ''
  const save = async () => {
    setSaving(true)
    setError('')
    try {
      await call('vote', 'scoreEntry', { entryId: item.id, performance: Number(perf), overall: Number(overall), comment }, { requestId: intent.current })
      void Taro.showToast({ title: '已保存', icon: 'success' })
      onSaved()
    } catch (e) {
      setError(errorText(e))
    } finally {
      intent.current = newRequestId()
      setSaving(false)
    }
  }
  return (
    <Section title={item.title} className='vote-score-card'>
      <View className='vote-note' onClick={() => void Taro.navigateTo({ url: pageUrl(VOTE_PAGES.entry, { id: item.id }) })}>
        {item.categoryLabel} · {item.orgName} · 看视频 ›
      </View>
      {item.myScore ? <View className='vote-note'>已打分：工作表现 {item.myScore.performance}，综合评价 {item.myScore.overall}（结束前可以改）</View> : null}
      {!item.ownOrg ? (
        <View>
          <View className='vote-part__label'>工作表现（0–100）</View>
          <Input className='vote-input vote-perf' type='number' value={perf} maxlength={3} disabled={closed} onInput={(e) => setPerf(eventValue(e))} />
          <View className='vote-part__label'>综合评价（0–100）</View>
          <Input className='vote-input vote-overall' type='number' value={overall} maxlength={3} disabled={closed} onInput={(e) => setOverall(eventValue(e))} />
          <Textarea className='vote-textarea vote-comment' value={comment} maxlength={300} placeholder='评语（可不填）' disabled={closed} onInput={(e) => setComment(eventValue(e))} />
        </View>
      ) : null}
      {error ? <View className='vote-error'>{error}</View> : null}
      <BigButton className='vote-save-score' disabled={!!why} reason={why ? <View className='vote-why'>{why}</View> : undefined} loading={saving} onClick={() => void save()}>
        {item.myScore ? '修改打分' : '保存打分'}
      </BigButton>
    </Section>
  )
}

/** A judge's entries: score 工作表现 and 综合评价; own unit's entries are shown but cannot be scored. */
export default function JudgePage() {
  const activityId = useParam('id')
  const act = useQuery(() => call('vote', 'getActivity', { activityId }), [activityId], !!activityId)
  const queue = useQuery(() => call('vote', 'judgeQueue', { activityId }), [activityId], !!activityId)
  useReloadOnShow(queue.reload)
  if (!activityId) return <Page><EmptyState text='没有指定活动' /></Page>
  if ((queue.loading && !queue.data) || (act.loading && !act.data)) return <Page className='vote-judge'><LoadingView /></Page>
  if (queue.error && !queue.data) return <Page className='vote-judge'><ErrorView error={queue.error} onRetry={() => void queue.reload()} /></Page>
  const closed = !!act.data?.judgingClosed || !!act.data?.published
  const list = (queue.data ?? []) as Item[]
  const done = list.filter((x) => x.myScore).length
  return (
    <Page className='vote-judge' title='评委打分'>
      <View className='vote-note'>
        已打 {done} / {list.filter((x) => !x.ownOrg).length} 个。分数只有您自己看得到，打分结束后由工作人员汇总。
      </View>
      {list.length === 0 ? <EmptyState text='还没有通过审核的作品' /> : null}
      {list.map((item) => (
        <ScoreCard key={`${item.id}-${item.myScore?.performance ?? ''}-${item.myScore?.overall ?? ''}`} item={item} closed={closed} onSaved={() => void queue.reload()} />
      ))}
    </Page>
  )
}
