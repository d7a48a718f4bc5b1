import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { BigButton } from '../../components/big-button'
import { ErrorView } from '../../components/error-view'
import { LoadingView } from '../../components/loading-view'
import { Page } from '../../components/page'
import { Section } from '../../components/section'
import { TileGrid } from '../../components/tile-grid'
import { tilesFor } from '../../features/tiles'
import { useMe } from '../../hooks/use-me'
import { useQuery, useReloadOnShow } from '../../hooks/use-call'
import { call } from '../../services/call'
import { chinaMonthDayTime } from '@/utils/china-time'
import './index.scss'

const clock = chinaMonthDayTime

/** 云支部: the sessions I am expected at that have not ended (nothing shown when there are none). */
function UpcomingSessions() {
  const q = useQuery(() => call('study', 'mySessions', {}), [])
  useReloadOnShow(q.reload)
  if (!q.data?.length) return null
  return (
    <Section title='近期学习会议' className='home-sessions'>
      {q.data.slice(0, 3).map((s) => (
        <View key={s.id} className='home-session' onClick={() => void Taro.navigateTo({ url: `/study/pages/session/index?id=${s.id}` })}>
          <View className='home-session__title'>
            {s.title}
            {s.phase === 'running' ? <View className='home-session__live'>进行中</View> : null}
            {s.cancelled ? <View className='home-session__off'>已取消</View> : null}
          </View>
          <View className='home-session__desc'>
            {clock(s.startsAt)}
            {s.place ? ` · ${s.place}` : ''}
            {s.mine ? ` · ${s.mine.statusLabel}` : ''}
          </View>
        </View>
      ))}
    </Section>
  )
}

/** 通知公告 on the home tab: pinned and unread items addressed to me, first. */
function HomeNotices() {
  const feed = useQuery(() => call('notice', 'feed', { limit: 20 }), [])
  useReloadOnShow(feed.reload)
  const top = (feed.data?.items ?? []).filter((n) => n.pinned || n.unread).slice(0, 4)
  if (!feed.data || !top.length) return null
  return (
    <Section
      className='home-notices'
      title={feed.data.unread ? `通知公告（${feed.data.unread}条未读）` : '通知公告'}
      extra={
        <View className='home-notices__all' onClick={() => void Taro.navigateTo({ url: '/notice/pages/feed/index' })}>
          全部
        </View>
      }
    >
      {top.map((n) => (
        <View key={n.id} className='home-notice' onClick={() => void Taro.navigateTo({ url: `/notice/pages/detail/index?id=${n.id}` })}>
          <View className='home-notice__title'>
            {n.pinned ? <View className='home-notice__tag home-notice__tag--pin'>置顶</View> : null}
            {n.unread ? <View className='home-notice__tag'>未读</View> : null}
            {n.title}
          </View>
          <View className='home-notice__desc'>
            {n.categoryLabel} · {n.orgName}
          </View>
        </View>
      ))}
    </Section>
  )
}

export default function HomePage() {
  const me = useMe()
  const roles = me.data?.roles.map((r) => r.role) ?? []

  if (me.needsDevSignIn || me.unbound) {
    return (
      <Page className='home-page'>
        <Section title='欢迎使用村社通'>
          <View className='home-hint'>{me.unbound ? '请先绑定身份，再使用各项功能。' : '请先登录。'}</View>
          <BigButton className='home-go-me' onClick={() => void Taro.switchTab({ url: '/pages/me/index' })}>
            {me.unbound ? '去绑定身份' : '去登录'}
          </BigButton>
        </Section>
      </Page>
    )
  }
  return (
    <Page className='home-page'>
      {me.data ? <View className='home-greeting'>{me.data.member.name}，您好</View> : null}
      {me.loading && !me.data ? <LoadingView /> : null}
      {me.error ? <ErrorView error={me.error} onRetry={() => void me.reload()} /> : null}
      {me.data ? <HomeNotices /> : null}
      {me.data ? <UpcomingSessions /> : null}
      {me.data ? <TileGrid tiles={tilesFor('home', roles)} /> : null}
    </Page>
  )
}
