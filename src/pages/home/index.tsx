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
import './index.scss'

const CHINA_OFFSET_MS = 8 * 3600 * 1000
const clock = (iso: string) => {
  const s = new Date(new Date(iso).getTime() + CHINA_OFFSET_MS).toISOString()
  return `${s.slice(5, 10)} ${s.slice(11, 16)}`
}

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
      {me.data ? <UpcomingSessions /> : null}
      {me.data ? <TileGrid tiles={tilesFor('home', roles)} /> : null}
    </Page>
  )
}
