import { View } from '@tarojs/components'
import { BigButton } from '@/components/big-button'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { useQuery } from '@/hooks/use-call'
import { call } from '@/services/call'
import { chinaDateTime, go, signed } from '../../shared'
import '../../points.scss'
import './index.scss'

const OUTCOME_LABELS = { open: '处理中', upheld: '异议成立', dismissed: '未采纳' } as const

/** 我的异议: each objection I raised on the 公示栏, and how it ended. */
export default function MyObjectionsPage() {
  const list = useQuery(() => call('points', 'myObjections', { offset: 0, limit: 50 }), [])
  const items = list.data?.items ?? []
  return (
    <Page className='points-objections' title='我的异议'>
      <View className='points-hint'>在公示栏对积分有不同意见可以提异议，两委会重新审核，结果会显示在这里。</View>
      {list.loading && !list.data ? <LoadingView /> : null}
      {list.error ? <ErrorView error={list.error} onRetry={() => void list.reload()} /> : null}
      {list.data && items.length === 0 ? <EmptyState text='您还没有提过异议' /> : null}
      {items.length > 0 ? (
        <Section>
          {items.map((o) => (
            <View key={o.id} className={`objection-item objection-item--${o.outcome}`}>
              <View className='objection-item__head'>
                <View className='objection-item__title'>
                  {o.householdMasked} {o.itemName} {signed(o.amount)} 分
                </View>
                <View className={`objection-item__outcome objection-item__outcome--${o.outcome}`}>{OUTCOME_LABELS[o.outcome]}</View>
              </View>
              <View className='objection-item__reason'>我的理由：{o.reason}</View>
              <View className='objection-item__text'>{o.text}</View>
              <View className='points-list-item__desc'>提出时间 {chinaDateTime(o.at)}</View>
            </View>
          ))}
        </Section>
      ) : null}
      <BigButton type='default' className='objections-go-publicity' onClick={() => go('/points/pages/publicity/index')}>
        去公示栏
      </BigButton>
    </Page>
  )
}
