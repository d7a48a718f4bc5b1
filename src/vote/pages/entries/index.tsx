import Taro, { useShareAppMessage } from '@tarojs/taro'
import { Image, Video, View } from '@tarojs/components'
import { useState } from 'react'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { useQuery, useReloadOnShow } from '@/hooks/use-call'
import { useParam } from '@/hooks/use-param'
import { call } from '@/services/call'
import { pageUrl, shortTime, VOTE_PAGES } from '../../shared'
import '../vote.scss'

/** The approved entries of one category, each with its video; counts unless staff hide them; the ranking below. */
export default function EntriesPage() {
  const activityId = useParam('id')
  const act = useQuery(() => call('vote', 'getActivity', { activityId }), [activityId], !!activityId)
  const [picked, setPicked] = useState('')
  const category = picked || act.data?.categories[0]?.key || ''
  const entries = useQuery(() => call('vote', 'listEntries', { activityId, category }), [activityId, category], !!category)
  const status = useQuery(() => call('vote', 'voteStatus', { activityId }), [activityId], !!activityId)
  const ranking = useQuery(() => call('vote', 'ranking', { activityId, category }), [activityId, category], !!category)
  useReloadOnShow(async () => {
    await Promise.all([entries.reload(), status.reload(), ranking.reload()])
  })
  useShareAppMessage(() => ({ title: act.data?.title ?? '双晒投票', path: pageUrl(VOTE_PAGES.entries, { id: activityId }) }))

  if (!activityId) return <Page><EmptyState text='没有指定活动' /></Page>
  if (act.loading && !act.data) return <Page className='vote-entries'><LoadingView /></Page>
  if (act.error && !act.data) return <Page className='vote-entries'><ErrorView error={act.error} onRetry={() => void act.reload()} /></Page>
  const a = act.data!
  const st = status.data
  return (
    <Page className='vote-entries' title={a.title}>
      <View className='vote-note'>
        {a.phaseLabel} · 投票 {shortTime(a.voteOpens)} 至 {shortTime(a.voteCloses)}
      </View>
      {st ? (
        <View className='vote-box__left vote-remaining'>
          {st.eligible ? `今天还能投 ${st.remainingToday} 票（每天 ${st.perDay} 票，每个作品每天 ${st.perEntryPerDay} 票）` : `现在不能投票：${st.reason}`}
        </View>
      ) : null}
      <View className='vote-tabs'>
        {a.categories.map((c) => (
          <View key={c.key} className={`vote-tabs__tab ${c.key === category ? 'vote-tabs__tab--on' : ''}`} onClick={() => setPicked(c.key)}>
            {c.label}
          </View>
        ))}
      </View>
      {entries.error ? <ErrorView error={entries.error} onRetry={() => void entries.reload()} /> : null}
      {entries.data && entries.data.length === 0 ? <EmptyState text='这个类别还没有通过审核的作品' /> : null}
      {(entries.data ?? []).map((e) => (
        <Section key={e.id} className='vote-entry-card'>
          {e.videoUrl ? <Video className='vote-video' src={e.videoUrl} poster={e.coverUrl ?? undefined} controls objectFit='contain' /> : e.coverUrl ? <Image className='vote-cover' src={e.coverUrl} mode='aspectFill' /> : null}
          <View className='vote-row' onClick={() => void Taro.navigateTo({ url: pageUrl(VOTE_PAGES.entry, { id: e.id }) })}>
            <View className='vote-row__main'>
              <View className='vote-row__title'>{e.title}</View>
              <View className='vote-row__desc'>
                {e.orgName} · {e.ownerName}
              </View>
            </View>
            <View className='vote-row__side'>{e.votes === null ? '看详情投票' : `${e.votes} 票`}</View>
          </View>
        </Section>
      ))}
      <Section title='票数排名'>
        {ranking.data?.hidden ? <View className='vote-note'>这次活动不公开票数</View> : null}
        {(ranking.data?.rows ?? []).map((r) => (
          <View key={r.entryId} className='vote-table__row vote-rank-row'>
            <View className='vote-table__cell'>第{r.rank}名</View>
            <View className='vote-table__cell vote-table__cell--wide'>{r.orgName}</View>
            <View className='vote-table__cell'>{r.votes} 票</View>
          </View>
        ))}
      </Section>
      {a.published ? (
        <View className='vote-actions'>
          <View className='vote-note'>结果已公布，请到“结果与公布”查看</View>
        </View>
      ) : null}
    </Page>
  )
}
