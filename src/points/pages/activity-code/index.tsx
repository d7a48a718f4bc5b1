import Taro, { useDidHide, useDidShow } from '@tarojs/taro'
import { Image, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { useQuery } from '@/hooks/use-call'
import { call } from '@/services/call'
import { useParam } from '@/hooks/use-param'
import { chinaDateTime } from '../../common'
import '../../points.scss'
import './index.scss'

export const REFRESH_MS = 10000

function keepScreenOn(on: boolean): void {
  const api = (Taro as { setKeepScreenOn?: (o: { keepScreenOn: boolean }) => Promise<unknown> }).setKeepScreenOn
  if (process.env.TARO_ENV === 'h5' || typeof api !== 'function') return
  api({ keepScreenOn: on }).catch(() => undefined)
}

/** The venue screen: the rotating 6-digit code and its QR, refreshed every 10 s, with the check-in count. */
export default function ActivityCodePage() {
  const activityId = useParam('id')
  const code = useQuery(() => call('points', 'activityCode', { activityId }), [activityId], Boolean(activityId))
  const [visible, setVisible] = useState(true)
  useDidShow(() => {
    setVisible(true)
    keepScreenOn(true)
  })
  useDidHide(() => {
    setVisible(false)
    keepScreenOn(false)
  })
  useEffect(() => {
    if (!activityId || !visible) return undefined
    const timer = setInterval(() => void code.reload(), REFRESH_MS)
    return () => clearInterval(timer)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activityId, visible])

  if (!activityId) return <Page className='points-activity-code'><EmptyState text='没有指定活动' /></Page>
  const d = code.data
  return (
    <Page className='points-activity-code'>
      {code.loading && !d ? <LoadingView /> : null}
      {code.error ? <ErrorView error={code.error} onRetry={() => void code.reload()} /> : null}
      {d && !code.error ? (
        <View className='activity-code'>
          <View className='activity-code__title'>{d.title}</View>
          <View className='activity-code__hint'>请用村社通“扫码签到”扫描，或输入签到码</View>
          <Image className='activity-code__qr' src={d.qr} mode='aspectFit' />
          <View className='activity-code__digits'>{d.code}</View>
          <View className='activity-code__valid'>签到码会自动更新（{chinaDateTime(d.validUntil).slice(11)} 前有效）</View>
          <View className='activity-code__count'>已签到 {d.checkins} 户</View>
          <View className='activity-code__note'>签到自愿参加</View>
        </View>
      ) : null}
    </Page>
  )
}
