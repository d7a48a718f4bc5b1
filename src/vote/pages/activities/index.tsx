import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { ActivityView } from '../../../../types/contract'
import { BigButton } from '@/components/big-button'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { useQuery, useReloadOnShow } from '@/hooks/use-call'
import { useMe } from '@/hooks/use-me'
import { call } from '@/services/call'
import { pageUrl, shortTime, VOTE_PAGES, VOTE_STAFF_ROLES } from '../../shared'
import '../vote.scss'

function ActivityRow({ a }: { a: ActivityView }) {
  const open = () => void Taro.navigateTo({ url: pageUrl(a.kind === 'village' ? VOTE_PAGES.village : VOTE_PAGES.entries, { id: a.id }) })
  return (
    <View className='vote-row vote-activity' onClick={open}>
      <View className='vote-row__main'>
        <View className='vote-row__title'>
          {a.title}
          <View className='vote-badge'>{a.phaseLabel}</View>
        </View>
        <View className='vote-row__desc'>
          {a.orgName} · 投票 {shortTime(a.voteOpens)} 至 {shortTime(a.voteCloses)}
        </View>
      </View>
      <View className='vote-row__side'>{a.kind === 'village' ? '去表决' : '去看看'}</View>
    </View>
  )
}

/** Every 双晒 activity and village vote the person can take part in, with the staff, judge and secretary entries. */
export default function ActivitiesPage() {
  const me = useMe()
  const list = useQuery(() => call('vote', 'listActivities', {}), [])
  useReloadOnShow(list.reload)
  const staff = (me.data?.roles ?? []).some((r) => VOTE_STAFF_ROLES.includes(r.role))
  if (list.loading && !list.data) return <Page className='vote-activities'><LoadingView /></Page>
  if (list.error && !list.data) return <Page className='vote-activities'><ErrorView error={list.error} onRetry={() => void list.reload()} /></Page>
  const items = list.data ?? []
  const mineFor = (a: ActivityView) => [
    a.mine.secretary && a.phase === 'submitting' ? { key: 'submit', text: '报送作品', url: pageUrl(VOTE_PAGES.submit, { id: a.id }) } : null,
    a.mine.staff && a.kind === 'showcase' ? { key: 'review', text: '审核作品', url: pageUrl(VOTE_PAGES.review, { id: a.id }) } : null,
    a.mine.judge && a.kind === 'showcase' ? { key: 'judge', text: '评委打分', url: pageUrl(VOTE_PAGES.judge, { id: a.id }) } : null,
    a.mine.staff && a.kind === 'showcase' ? { key: 'results', text: '结果与公布', url: pageUrl(VOTE_PAGES.results, { id: a.id }) } : null,
    a.mine.staff ? { key: 'fraud', text: '防刷票', url: pageUrl(VOTE_PAGES.fraud, { id: a.id }) } : null
  ].filter((x): x is { key: string; text: string; url: string } => !!x)
  return (
    <Page className='vote-activities' title='双晒与评议'>
      {staff ? (
        <View className='vote-actions'>
          <BigButton className='vote-new' onClick={() => void Taro.navigateTo({ url: VOTE_PAGES.activityEdit })}>新建活动</BigButton>
        </View>
      ) : null}
      {items.length === 0 ? <EmptyState text='现在没有投票活动' /> : null}
      {items.map((a) => (
        <Section key={a.id}>
          <ActivityRow a={a} />
          {mineFor(a).length ? (
            <View className='vote-actions'>
              {mineFor(a).map((m) => (
                <BigButton key={m.key} size='small' type='plain' className={`vote-go-${m.key}`} onClick={() => void Taro.navigateTo({ url: m.url })}>
                  {m.text}
                </BigButton>
              ))}
            </View>
          ) : null}
        </Section>
      ))}
    </Page>
  )
}
