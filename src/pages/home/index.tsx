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
import './index.scss'

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
      {me.data ? <TileGrid tiles={tilesFor('home', roles)} /> : null}
    </Page>
  )
}
