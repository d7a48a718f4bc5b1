import { View } from '@tarojs/components'
import { useRef } from 'react'
import { BigButton } from '@/components/big-button'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { useMutation, useQuery } from '@/hooks/use-call'
import { useParam } from '@/hooks/use-param'
import { call, newRequestId } from '@/services/call'
import { chinaTime, toast } from '../../shared'
import '../notice.scss'

/** Staff: read count, who has not read it yet, and a reminder to them by subscribe message. */
export default function NoticeStatsPage() {
  const id = useParam('id')
  const stats = useQuery(() => call('notice', 'readStats', { noticeId: id }), [id], !!id)
  const intent = useRef(newRequestId())
  const remind = useMutation(() => call('notice', 'remindUnread', { noticeId: id }, { requestId: intent.current }))
  const s = stats.data

  const doRemind = async () => {
    const r = await remind.run()
    if (!r) return
    intent.current = newRequestId()
    toast(`已提醒 ${r.sent} 人${r.failed ? `，${r.failed} 人没有订阅提醒` : ''}${r.skipped ? `，${r.skipped} 人未绑定微信` : ''}`)
    void stats.reload()
  }

  if (stats.loading && !s) return <Page className='nt-stats'><LoadingView /></Page>
  if (stats.error && !s) return <Page className='nt-stats'><ErrorView error={stats.error} onRetry={() => void stats.reload()} /></Page>
  if (!s) return <Page className='nt-stats'><EmptyState text='没有找到这条通知' /></Page>
  const nobodyLeft = s.unread.length === 0
  const nextAt = s.remindedAt ? new Date(s.remindedAt).getTime() + 3600000 : 0
  const tooSoon = nextAt > Date.now()
  return (
    <Page className='nt-stats' title='阅读情况'>
      <Section>
        <View className='nt-text nt-stats-count'>
          已读 {s.readCount} 人，未读 {s.unread.length} 人（共 {s.addresseeCount} 人）
        </View>
        {s.remindedAt ? <View className='nt-muted'>上次提醒：{chinaTime(s.remindedAt)}</View> : null}
        <BigButton
          className='nt-remind'
          disabled={nobodyLeft || tooSoon}
          reason={
            nobodyLeft ? (
              '大家都看过了，不用提醒'
            ) : tooSoon ? (
              <View className='nt-remind-wait'>一小时内只能提醒一次，{chinaTime(new Date(nextAt).toISOString()).slice(11)} 以后可以再提醒</View>
            ) : undefined
          }
          loading={remind.submitting}
          onClick={() => void doRemind()}
        >
          提醒未读的人
        </BigButton>
      </Section>
      <Section title='还没看的人'>
        {nobodyLeft ? <EmptyState text='都看过了' /> : null}
        {s.unread.map((u) => (
          <View key={u.memberId} className='nt-row nt-unread-person'>
            <View className='nt-row__main'>
              <View className='nt-row__title'>{u.name}</View>
              <View className='nt-row__desc'>
                {u.householdName}
                {u.bound ? '' : '（未绑定微信，请当面告知）'}
              </View>
            </View>
          </View>
        ))}
      </Section>
    </Page>
  )
}
