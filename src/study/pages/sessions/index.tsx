import { View } from '@tarojs/components'
import { useState } from 'react'
import { STUDY_ORGANISERS, type SessionSummary } from '../../../../types/contract'
import { BigButton } from '@/components/big-button'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { useQuery, useReloadOnShow } from '@/hooks/use-call'
import { useMe } from '@/hooks/use-me'
import { call } from '@/services/call'
import { PHASE_LABELS, STUDY_PAGES, cnTime, go } from '../../shared'
import '../../study.scss'

export function SessionRow({ s }: { s: SessionSummary }) {
  return (
    <View className='study-row study-session-row' onClick={() => go(`${STUDY_PAGES.session}?id=${s.id}`)}>
      <View className='study-row__main'>
        <View className='study-row__title'>
          {s.title}
          <View className={`study-tag ${s.phase === 'running' ? '' : s.phase === 'cancelled' ? 'study-tag--muted' : 'study-tag--ok'}`}>{PHASE_LABELS[s.phase]}</View>
        </View>
        <View className='study-row__desc'>
          {s.typeLabel} · {cnTime(s.startsAt)}
          {s.place ? ` · ${s.place}` : ''}
          {s.mine ? ` · ${s.mine.statusLabel}` : ''}
        </View>
        {s.cancelled && s.cancelReason ? <View className='study-row__desc'>取消原因：{s.cancelReason}</View> : null}
        {!s.cancelled && s.changeNote ? <View className='study-row__desc'>变更：{s.changeNote}</View> : null}
      </View>
    </View>
  )
}

/** 云支部: my branch's sessions (upcoming / past); organisers schedule from here. */
export default function SessionsPage() {
  const me = useMe()
  const [when, setWhen] = useState<'upcoming' | 'past'>('upcoming')
  const list = useQuery(() => call('study', 'listSessions', { when }), [when], Boolean(me.data))
  useReloadOnShow(list.reload, Boolean(me.data))
  const organiser = (me.data?.roles ?? []).some((r) => STUDY_ORGANISERS.includes(r.role))
  return (
    <Page className='study-sessions' title='云支部'>
      <View className='study-hint'>学习自愿参加，不排名、不计时。</View>
      {organiser ? (
        <BigButton className='study-new-session' onClick={() => go(STUDY_PAGES.edit)}>
          安排会议
        </BigButton>
      ) : null}
      <View className='study-tabs'>
        <View className={`study-tab ${when === 'upcoming' ? 'study-tab--on' : ''}`} onClick={() => setWhen('upcoming')}>
          近期会议
        </View>
        <View className={`study-tab ${when === 'past' ? 'study-tab--on' : ''}`} onClick={() => setWhen('past')}>
          往期会议
        </View>
      </View>
      <Section>
        {list.loading && !list.data ? <LoadingView /> : null}
        {list.error ? <ErrorView error={list.error} onRetry={() => void list.reload()} /> : null}
        {list.data && list.data.length === 0 ? <EmptyState text={when === 'upcoming' ? '近期没有会议' : '还没有往期会议'} /> : null}
        {(list.data ?? []).map((s) => (
          <SessionRow key={s.id} s={s} />
        ))}
      </Section>
      <Section title='更多'>
        <View className='study-row' onClick={() => go(STUDY_PAGES.threads)}>
          <View className='study-row__main'>
            <View className='study-row__title'>传达与心得</View>
            <View className='study-row__desc'>结对党员的会议传达，写学习心得</View>
          </View>
        </View>
        <View className='study-row' onClick={() => go(STUDY_PAGES.materials)}>
          <View className='study-row__main'>
            <View className='study-row__title'>学习资料</View>
            <View className='study-row__desc'>党员电子书屋：文章、文件、视频</View>
          </View>
        </View>
      </Section>
    </Page>
  )
}
