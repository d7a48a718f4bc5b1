import { View } from '@tarojs/components'
import { EmptyState } from '../../components/empty-state'
import { useQuery, useReloadOnShow } from '../../hooks/use-call'
import { call } from '../../services/call'
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
  // Counts of waiting items for the tiles; re-read whenever 工作台 shows again.
  const counts = useQuery(() => call('points', 'workCounts', {}), [me.data?.member.id], Boolean(me.data))
  useReloadOnShow(counts.reload, Boolean(me.data))
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
  const staffTiles = tiles.filter((t) => !t.own)
  const everyoneTiles = tiles.filter((t) => t.own)
  return (
    <Page className='work-page'>
      {roles.length > 0 ? (
        <View className='work-roles'>
          <RoleTags roles={roles} />
        </View>
      ) : null}
      {staffTiles.length > 0 ? <TileGrid tiles={staffTiles} counts={counts.data ?? undefined} /> : null}
      <View className='work-section-title'>{staffTiles.length > 0 ? '我自己的事' : '您可以在这里办'}</View>
      <TileGrid tiles={everyoneTiles} counts={counts.data ?? undefined} />
    </Page>
  )
}
