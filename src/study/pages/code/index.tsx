import Taro, { useDidHide, useDidShow } from '@tarojs/taro'
import { Image, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { useQuery } from '@/hooks/use-call'
import { useParam } from '@/hooks/use-param'
import { call } from '@/services/call'
import { cnTime } from '../../shared'
import '../../study.scss'

export const CODE_REFRESH_MS = 10000

/** The organiser's screen: the rotating code (digits and QR) refreshed every 10 s, with the check-in count. */
export default function StudyCodePage() {
  const id = useParam('id')
  const code = useQuery(() => call('study', 'sessionCode', { sessionId: id }), [id], Boolean(id))
  const [visible, setVisible] = useState(true)
  useDidShow(() => {
    setVisible(true)
    if (process.env.TARO_ENV !== 'h5') void Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined)
  })
  useDidHide(() => setVisible(false))
  useEffect(() => {
    if (!id || !visible) return undefined
    const t = setInterval(() => void code.reload(), CODE_REFRESH_MS)
    return () => clearInterval(t)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, visible])
  if (!id) return <Page className='study-code-page'><EmptyState text='没有指定会议' /></Page>
  const d = code.data
  return (
    <Page className='study-code-page'>
      {code.loading && !d ? <LoadingView /> : null}
      {code.error ? <ErrorView error={code.error} onRetry={() => void code.reload()} /> : null}
      {d && !code.error ? (
        <View className='study-code'>
          <View className='study-code__title'>{d.title}</View>
          <View className='study-code__meta'>请用村社通“会议签到”扫码，或输入签到码</View>
          <Image className='study-code__qr' src={d.qr} mode='aspectFit' />
          <View className='study-code__digits'>{d.code}</View>
          <View className='study-code__meta'>签到码自动更新（{cnTime(d.validUntil).slice(11)} 前有效）</View>
          <View className='study-code__meta study-code__count'>
            已签到 {d.checkedIn} / 应到 {d.expected} 人
          </View>
        </View>
      ) : null}
    </Page>
  )
}
