import { View } from '@tarojs/components'
import { EmptyState } from '../../components/empty-state'
import { ErrorView } from '../../components/error-view'
import { LoadingView } from '../../components/loading-view'
import { Page } from '../../components/page'
import { RoleTags } from '../../components/role-tags'
import { TileGrid } from '../../components/tile-grid'
import { tilesFor } from '../../features/tiles'
import { useMe } from '../../hooks/use-me'
import './index.scss'

export default function WorkPage() {
  const me = useMe()
  if (me.needsDevSignIn || me.unbound) {
    return (
      <Page className='work-page'>
        <EmptyState text='请先在“我的”页面登录或绑定身份' />
      </Page>
    )
  }
  if (me.loading && !me.data) return <Page className='work-page'><LoadingView /></Page>
  if (me.error || !me.data) {
    return (
      <Page className='work-page'>
        <ErrorView error={me.error} onRetry={() => void me.reload()} />
      </Page>
    )
  }
  const roles = me.data.roles
  const tiles = tilesFor('work', roles.map((r) => r.role))
  return (
    <Page className='work-page'>
      {roles.length > 0 ? (
        <View className='work-roles'>
          <RoleTags roles={roles} />
        </View>
      ) : null}
      {tiles.length > 0 ? <TileGrid tiles={tiles} /> : <EmptyState text='您暂无管理权限' />}
    </Page>
  )
}
