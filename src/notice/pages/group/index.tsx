import Taro, { useShareAppMessage } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { useQuery } from '@/hooks/use-call'
import { useParam } from '@/hooks/use-param'
import { call, isCallError } from '@/services/call'
import { NOTICE_PAGES, pageUrl } from '../../shared'
import '../notice.scss'

/** Scene of a mini program opened from a card in a group chat (群聊会话中的小程序消息卡片). */
const GROUP_CARD_SCENE = 1044

/** In WeChat, the group a card was opened from: getGroupEnterInfo's cloudID, decoded by the function. */
async function readGroup(): Promise<string | null> {
  if (process.env.TARO_ENV !== 'weapp') return null
  try {
    const enter = Taro.getEnterOptionsSync()
    if (enter.scene !== GROUP_CARD_SCENE) return null
    const info = (await Taro.getGroupEnterInfo({})) as unknown as { cloudID?: string }
    if (!info.cloudID) return null
    return (await call('notice', 'groupContext', { cloudID: info.cloudID })).groupId
  } catch {
    return null
  }
}

/**
 * 群里看积分: where a shared card lands. The village's 公示 and ranking, my household highlighted. In H5 it is a
 * plain link with ?v=<village>.
 */
export default function GroupBoardPage() {
  const villageId = useParam('v') || undefined
  const [group, setGroup] = useState<string | null>(null)
  useEffect(() => {
    void readGroup().then(setGroup)
  }, [])
  const ranking = useQuery(() => call('points', 'ranking', { villageId, limit: 20 }), [villageId])
  const publicity = useQuery(() => call('points', 'publicity', { villageId: villageId ?? '' }), [villageId], !!villageId)
  useShareAppMessage(() => ({ title: '村里的积分公示和排名', path: pageUrl(NOTICE_PAGES.group, { v: villageId }) }))

  const rankingOff = isCallError(ranking.error) && ranking.error.code === 'RANKING.DISABLED'
  return (
    <Page className='nt-group' title='村里的积分榜'>
      {group ? <View className='nt-muted nt-group-from'>从微信群打开</View> : null}
      <View className='nt-muted'>积分是大家做的好事，自愿参加；分享不加分。</View>
      <Section title='积分排名' className='nt-group-ranking'>
        {ranking.loading && !ranking.data ? <LoadingView /> : null}
        {rankingOff ? <View className='nt-muted'>本村没有公开排名</View> : null}
        {ranking.error && !rankingOff ? <ErrorView error={ranking.error} onRetry={() => void ranking.reload()} /> : null}
        {ranking.data && !ranking.data.items.length ? <EmptyState text='今年还没有人得分' /> : null}
        {ranking.data?.items.map((i) => (
          <View key={`${i.rank}-${i.householdMasked}`} className={`nt-board-row ${i.mine ? 'nt-board-row--mine nt-mine' : ''}`}>
            <View className='nt-board-row__main'>
              <View className='nt-board-row__title'>
                第{i.rank}名 {i.householdMasked}
                {i.mine ? '（我家）' : ''}
              </View>
            </View>
            <View className='nt-board-row__title'>{i.points}分</View>
          </View>
        ))}
      </Section>
      <Section title='正在公示' className='nt-group-publicity'>
        {!villageId ? <View className='nt-muted'>从群里的卡片打开可以看到公示</View> : null}
        {publicity.loading && !publicity.data ? <LoadingView /> : null}
        {publicity.error ? <ErrorView error={publicity.error} onRetry={() => void publicity.reload()} /> : null}
        {publicity.data && !publicity.data.items.length ? <EmptyState text='现在没有公示中的积分' /> : null}
        {publicity.data?.items.map((p) => (
          <View key={p.claimId} className='nt-board-row'>
            <View className='nt-board-row__main'>
              <View className='nt-board-row__title'>{p.householdMasked}</View>
              <View className='nt-muted'>{p.itemName} {p.quantity}{p.unit}</View>
            </View>
            <View className='nt-board-row__title'>{p.amount > 0 ? `+${p.amount}` : p.amount}</View>
          </View>
        ))}
      </Section>
    </Page>
  )
}
