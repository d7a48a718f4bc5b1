import { View } from '@tarojs/components'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { useQuery, useReloadOnShow } from '@/hooks/use-call'
import { call } from '@/services/call'
import { STUDY_PAGES, cnTime, go } from '../../shared'
import '../../study.scss'

/** 传达与心得: my threads as a 流动党员, and those of the members I am the buddy of. */
export default function StudyThreadsPage() {
  const q = useQuery(() => call('study', 'myThreads', {}), [])
  useReloadOnShow(q.reload)
  return (
    <Page className='study-threads' title='传达与心得'>
      <View className='study-hint'>会后结对党员把会议内容传达给流动党员，流动党员看完写心得。</View>
      <Section>
        {q.loading && !q.data ? <LoadingView /> : null}
        {q.error ? <ErrorView error={q.error} onRetry={() => void q.reload()} /> : null}
        {q.data && q.data.length === 0 ? <EmptyState text='还没有会议传达' /> : null}
        {(q.data ?? []).map((t) => (
          <View key={`${t.sessionId}:${t.memberId}`} className='study-row study-thread-row' onClick={() => go(`${STUDY_PAGES.thread}?sessionId=${t.sessionId}&memberId=${t.memberId}`)}>
            <View className='study-row__main'>
              <View className='study-row__title'>
                {t.sessionTitle}
                {t.unread ? <View className='study-tag'>{t.unread}条未读</View> : null}
                {t.caughtUp ? <View className='study-tag--ok'>已补学</View> : null}
              </View>
              <View className='study-row__desc'>
                {cnTime(t.startsAt)} · {t.memberName}
                {t.buddyName ? ` ← ${t.buddyName}` : ''} · 传达 {t.items} 条{t.noted ? ' · 已写心得' : ''}
              </View>
            </View>
          </View>
        ))}
      </Section>
    </Page>
  )
}
