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
import '../../points.scss'
import './index.scss'

/** The check-in count and the code are re-read this often (the count moves within a few seconds). */
export const REFRESH_MS = 3000

/** Whole seconds from `now` (server time, shifted by the phone's drift) to `until`. */
export function secondsLeft(until: string, serverNow: string, receivedAt: number, clientNow: number): number {
  const ms = new Date(until).getTime() - (new Date(serverNow).getTime() + (clientNow - receivedAt))
  return Math.max(0, Math.ceil(ms / 1000))
}

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
  // A one-second tick for the countdown, measured from when the answer arrived.
  const [receivedAt, setReceivedAt] = useState(() => Date.now())
  const [clock, setClock] = useState(() => Date.now())
  useEffect(() => setReceivedAt(Date.now()), [code.data])
  useEffect(() => {
    if (!visible) return undefined
    const tick = setInterval(() => setClock(Date.now()), 1000)
    return () => clearInterval(tick)
  }, [visible])

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
          <View className='activity-code__valid'>
            {secondsLeft(d.validUntil, d.now, receivedAt, clock) > 0
              ? `${secondsLeft(d.validUntil, d.now, receivedAt, clock)} 秒后换新码`
              : '正在换新码…'}
          </View>
          <View className='activity-code__grace'>换码后，刚才的码还能用 {Math.round(d.graceSeconds / 60)} 分钟，慢慢输入不要急</View>
          <View className='activity-code__count'>已签到 {d.checkins} 户</View>
          <View className='activity-code__note'>签到自愿参加</View>
        </View>
      ) : null}
    </Page>
  )
}
