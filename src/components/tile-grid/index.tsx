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
}

export interface TileGridProps {
  tiles: Tile[]
}

/** Big tiles that open a page each. */
export function TileGrid({ tiles }: TileGridProps) {
  return (
    <View className='cs-tiles'>
      {tiles.map((t) => (
        <View key={t.key} className={`cs-tile cs-tile--${t.key}`} onClick={() => void (t.tab ? Taro.switchTab({ url: t.url }) : Taro.navigateTo({ url: t.url }))}>
          <View className='cs-tile__title'>{t.title}</View>
          {t.desc ? <View className='cs-tile__desc'>{t.desc}</View> : null}
        </View>
      ))}
    </View>
  )
}

export default TileGrid
