import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import './index.scss'

export interface Tile {
  key: string
  title: string
  desc?: string
  url: string
  /** A tabBar page (opened with switchTab). */
  tab?: boolean
  /** Key into TileGrid's `counts`: how many items wait behind this tile. */
  countKey?: string
}

export interface TileGridProps {
  tiles: Tile[]
  /** Waiting items per `countKey`; a tile shows a badge when its count is above zero. */
  counts?: Record<string, unknown>
}

/** Big tiles that open a page each. */
export function TileGrid({ tiles, counts }: TileGridProps) {
  return (
    <View className='cs-tiles'>
      {tiles.map((t) => {
        const n = t.countKey ? counts?.[t.countKey] : undefined
        return (
        <View key={t.key} className={`cs-tile cs-tile--${t.key}`} onClick={() => void (t.tab ? Taro.switchTab({ url: t.url }) : Taro.navigateTo({ url: t.url }))}>
          <View className='cs-tile__head'>
            <View className='cs-tile__title'>{t.title}</View>
            {typeof n === 'number' && n > 0 ? <View className='cs-tile__count'>{n > 99 ? '99+' : n}</View> : null}
          </View>
          {t.desc ? <View className='cs-tile__desc'>{t.desc}</View> : null}
          {typeof n === 'number' && n > 0 ? <View className='cs-tile__waiting'>{`${n} 项等待处理`}</View> : null}
        </View>
        )
      })}
    </View>
  )
}

export default TileGrid
