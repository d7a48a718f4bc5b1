import Taro, { useShareAppMessage } from '@tarojs/taro'
import { Button, Image, Video, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import { ENTRY_PARTS } from '../../../../types/contract'
import { BigButton } from '@/components/big-button'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { useQuery, useReloadOnShow } from '@/hooks/use-call'
import { useParam } from '@/hooks/use-param'
import { call, errorText, newRequestId } from '@/services/call'
import { entrySharePath, pageUrl, VOTE_PAGES } from '../../shared'
import '../vote.scss'

/**
 * One entry: its video and four parts, the vote button with the votes left today and, when voting is not
 * possible, why. The share card (to a WeChat group) opens this same entry.
 */
export default function EntryPage() {
  const entryId = useParam('id')
  const fromShare = useParam('from') === 'share'
  const entry = useQuery(() => call('vote', 'getEntry', { entryId }), [entryId], !!entryId)
  const activityId = entry.data?.activityId ?? ''
  const status = useQuery(() => call('vote', 'voteStatus', { activityId }), [activityId], !!activityId)
  const [refused, setRefused] = useState('')
  const [voting, setVoting] = useState(false)
  const intent = useRef(newRequestId())
  useReloadOnShow(async () => {
    await Promise.all([entry.reload(), status.reload()])
  })
  useShareAppMessage(() => ({
    title: entry.data ? `请为“${entry.data.title}”投上一票` : '双晒投票',
    path: entrySharePath(entryId),
    imageUrl: entry.data?.coverUrl ?? undefined
  }))

  if (!entryId) return <Page><EmptyState text='没有指定作品' /></Page>
  if (entry.loading && !entry.data) return <Page className='vote-entry'><LoadingView /></Page>
  if (entry.error && !entry.data) return <Page className='vote-entry'><ErrorView error={entry.error} onRetry={() => void entry.reload()} /></Page>
  const e = entry.data!
  const st = status.data
  const today = st?.byEntry[e.id] ?? 0
  const entryFull = !!st && today >= st.perEntryPerDay
  const whyNot = e.state !== 'approved' ? `作品${e.stateLabel}，还不能投票` : !st ? '' : !st.eligible ? st.reason ?? '' : st.remainingToday <= 0 ? '今天的票已经投完了，明天再来' : entryFull ? '今天已经给这个作品投过票了' : ''

  const doVote = async () => {
    if (voting) return
    setVoting(true)
    setRefused('')
    try {
      await call('vote', 'vote', { entryId: e.id }, { requestId: intent.current })
      void Taro.showToast({ title: '投票成功', icon: 'success' })
    } catch (err) {
      setRefused(errorText(err))
    } finally {
      intent.current = newRequestId()
      setVoting(false)
      await Promise.all([entry.reload(), status.reload()])
    }
  }

  return (
    <Page className='vote-entry' title={e.title}>
      {fromShare ? (
        <View className='vote-note vote-from-share' onClick={() => void Taro.navigateTo({ url: pageUrl(VOTE_PAGES.entries, { id: e.activityId }) })}>
          看看其他作品 ›
        </View>
      ) : null}
      {e.videoUrl ? <Video className='vote-video' src={e.videoUrl} poster={e.coverUrl ?? undefined} controls objectFit='contain' /> : e.coverUrl ? <Image className='vote-cover' src={e.coverUrl} mode='aspectFill' /> : null}
      <View className='vote-note'>
        {e.categoryLabel} · {e.orgName} · {e.ownerName}
        {e.state !== 'approved' ? <View className='vote-badge'>{e.stateLabel}</View> : null}
      </View>
      {e.reviewNote && e.mine ? <View className='vote-error'>审核意见：{e.reviewNote}</View> : null}
      <Section className='vote-box'>
        {e.votes !== null ? <View className='vote-box__count'>{e.votes} 票</View> : <View className='vote-note'>这次活动不公开票数</View>}
        {st && st.eligible ? <View className='vote-box__left'>今天还能投 {st.remainingToday} 票，这个作品今天已投 {today} 票</View> : null}
        {refused ? <View className='vote-error vote-refused'>{refused}</View> : null}
        <BigButton className='vote-button' disabled={!!whyNot} reason={whyNot ? <View className='vote-box__why'>{whyNot}</View> : undefined} loading={voting} onClick={() => void doVote()}>
          {whyNot ? '暂时不能投票' : '投他一票'}
        </BigButton>
        <Button className='cs-button cs-button--plain cs-button--large vote-share' openType='share'>
          分享到微信群
        </Button>
      </Section>
      <Section title='作品内容'>
        {ENTRY_PARTS.map((p) => (
          <View key={p.key} className='vote-part'>
            <View className='vote-part__label'>{p.label}</View>
            <View className='vote-part__text'>{e.parts[p.key] || '（无）'}</View>
          </View>
        ))}
      </Section>
    </Page>
  )
}
