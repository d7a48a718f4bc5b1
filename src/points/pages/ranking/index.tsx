import { View } from '@tarojs/components'
import { useState } from 'react'
import { ChoiceField } from '@/components/choice-field'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { useQuery } from '@/hooks/use-call'
import { call, isCallError } from '@/services/call'
import { useParam } from '@/hooks/use-param'
import { chinaToday } from '../../shared'
import '../../points.scss'
import './index.scss'

/** 积分排名 of my village (masked names); a village may switch rankings off. */
export default function RankingPage() {
  const villageId = useParam('villageId') || undefined
  const thisYear = chinaToday().slice(0, 4)
  const lastYear = String(Number(thisYear) - 1)
  const [year, setYear] = useState(thisYear)
  const list = useQuery(() => call('points', 'ranking', { villageId, year, limit: 50 }), [villageId, year])
  const disabled = isCallError(list.error) && list.error.code === 'RANKING.DISABLED'
  const items = list.data?.items ?? []
  const mine = items.find((i) => i.mine)

  return (
    <Page className='points-ranking' title='积分排名'>
      <ChoiceField name='year' options={[{ value: thisYear, label: `${thisYear}年` }, { value: lastYear, label: `${lastYear}年` }]} value={year} onChange={setYear} />
      {list.loading && !list.data ? <LoadingView /> : null}
      {disabled ? (
        <Section className='ranking-disabled'>
          <View className='ranking-disabled__text'>{list.error instanceof Error ? list.error.message : '本村没有开启积分排名'}</View>
          <View className='points-hint'>可以在“我家积分”里查看自家的积分和明细。</View>
        </Section>
      ) : null}
      {list.error && !disabled ? <ErrorView error={list.error} onRetry={() => void list.reload()} /> : null}
      {list.data && !list.error && items.length === 0 ? <EmptyState text='还没有积分记录' /> : null}
      {mine && !list.error ? <View className='ranking-mine'>我家排第 {mine.rank} 名，{mine.points} 分</View> : null}
      {items.length > 0 && !list.error ? (
        <Section title={`${list.data?.year ?? year}年 积分排名`}>
          {items.map((i) => (
            <View key={`${i.rank}-${i.householdMasked}`} className={`ranking-item points-list-item ${i.mine ? 'ranking-item--mine' : ''}`}>
              <View className={`ranking-item__rank ranking-item__rank--${i.rank <= 3 ? 'top' : 'rest'}`}>{i.rank}</View>
              <View className='points-list-item__main ranking-item__name'>
                {i.householdMasked}
                {i.mine ? <View className='points-badge'>我家</View> : null}
              </View>
              <View className='points-list-item__side ranking-item__points'>{i.points} 分</View>
            </View>
          ))}
        </Section>
      ) : null}
      <View className='points-hint ranking-note'>排名只作参考，同等条件下积分靠前的农户优先。</View>
    </Page>
  )
}
