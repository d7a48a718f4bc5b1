import { useDidShow, useShareAppMessage } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useRef, useState } from 'react'
import { BigButton } from '@/components/big-button'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { useQuery } from '@/hooks/use-call'
import { call } from '@/services/call'
import { useParam } from '@/hooks/use-param'
import { chinaDate, chinaDateTime, go, signed } from '../../shared'
import { ClaimCard } from '../../components/claim-card'
import '../../points.scss'
import { SharePoints } from '../../components/share-points'
import './index.scss'

const PAGE = 20
const KIND_LABELS = { claim: '积分', veto: '否决', redeem: '兑换', refund: '退回', correction: '更正' } as const

/** 我家积分: balance, claims on their way through the chain, and every ledger entry with its reason. */
export default function MyPointsPage() {
  const householdId = useParam('householdId') || undefined
  const [ledgerLimit, setLedgerLimit] = useState(PAGE)
  const balance = useQuery(() => call('points', 'balance', { householdId }), [householdId])
  const claims = useQuery(() => call('points', 'myClaims', { householdId, offset: 0, limit: 50 }), [householdId])
  const ledger = useQuery(() => call('points', 'ledger', { householdId, offset: 0, limit: ledgerLimit }), [householdId, ledgerLimit])
  // Sharing is for one's own household only (not when staff look at another household).
  const card = useQuery(() => call('notice', 'shareCard', {}), [], !householdId)
  useShareAppMessage(() => {
    const c = card.data
    return {
      title: c ? `${c.householdMasked}积分${c.balance}${c.rank !== null ? `，全村第${c.rank}名` : ''}，来看看村里的积分榜` : '来看看村里的积分榜',
      path: c?.path ?? '/notice/pages/group/index'
    }
  })
  const [sharing, setSharing] = useState(false)
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) {
      void balance.reload()
      void claims.reload()
      void ledger.reload()
    }
    shown.current = true
  })

  const b = balance.data
  // Posted claims are in 积分明细; refused ones are finished, not 正在审核.
  const pending = (claims.data?.items ?? []).filter((c) => c.state !== 'posted' && c.state !== 'rejected')
  const refused = (claims.data?.items ?? []).filter((c) => c.state === 'rejected')
  const entries = ledger.data?.items ?? []
  const allLoaded = ledger.data !== undefined && entries.length >= ledger.data.total
  const inQuarter = b ? entries.filter((e) => e.countsIn === b.quarter) : []
  const quarterSum = inQuarter.reduce((sum, e) => sum + e.amount, 0)
  const hh = householdId ? `&householdId=${encodeURIComponent(householdId)}` : ''

  return (
    <Page className='points-my' title={b ? `${b.householdName} 的积分` : '我家积分'}>
      <Section className='points-balance'>
        {balance.loading && !b ? <LoadingView /> : null}
        {balance.error ? <ErrorView error={balance.error} onRetry={() => void balance.reload()} /> : null}
        {b ? (
          <View>
            <View className='points-balance__main'>
              <View className='points-balance__value'>{b.balance}</View>
              <View className='points-balance__label'>当前积分</View>
            </View>
            <View className='points-balance__periods'>
              <View className='points-balance__period points-balance__year'>
                <View className='points-balance__num'>{b.yearPoints}</View>
                <View className='cs-muted'>{b.year}年</View>
              </View>
              <View className='points-balance__period points-balance__quarter'>
                <View className='points-balance__num'>{b.quarterPoints}</View>
                <View className='cs-muted'>本季度</View>
              </View>
              <View className='points-balance__period points-balance__month'>
                <View className='points-balance__num'>{b.monthPoints}</View>
                <View className='cs-muted'>本月</View>
              </View>
            </View>
            <View className='points-balance__explain'>
              年、本季度、本月：这段时间里做的事入账的积分（按做事的日期算，兑换不扣）。当前积分：全部入账积分减去兑换用掉的。
            </View>
            {b.pendingClaims > 0 ? (
              <View className='points-balance__pending'>还有 {b.pendingClaims} 条积分正在审核，通过后才入账</View>
            ) : null}
          </View>
        ) : null}
      </Section>

      <View className='points-links'>
        <BigButton type='default' size='small' className='points-go-ranking' onClick={() => go('/points/pages/ranking/index')}>
          积分排名
        </BigButton>
        <BigButton type='default' size='small' className='points-go-publicity' onClick={() => go('/points/pages/publicity/index')}>
          公示栏
        </BigButton>
        <BigButton type='default' size='small' className='points-go-rules' onClick={() => go('/points/pages/rules/index')}>
          积分标准
        </BigButton>
      </View>

      {card.data ? (
        <Section title='晒到微信群' className='points-share-section'>
          {sharing ? (
            <SharePoints card={card.data} />
          ) : (
            <BigButton type='default' className='points-open-share' onClick={() => setSharing(true)}>
              分享我家积分
            </BigButton>
          )}
        </Section>
      ) : null}

      <Section title='正在审核的积分' className='points-claims'>
        {claims.loading && !claims.data ? <LoadingView /> : null}
        {claims.error ? <ErrorView error={claims.error} onRetry={() => void claims.reload()} /> : null}
        {claims.data && pending.length === 0 ? <EmptyState text='没有正在审核的积分' /> : null}
        {pending.map((c) => (
          <ClaimCard key={c.id} claim={c} className='points-claim-item' onOpen={() => go(`/points/pages/claim/index?id=${encodeURIComponent(c.id)}${hh}`)} />
        ))}
      </Section>

      {refused.length > 0 ? (
        <Section title='没有通过的积分' className='points-refused'>
          {refused.map((c) => (
            <ClaimCard key={c.id} claim={c} className='points-refused-item' onOpen={() => go(`/points/pages/claim/index?id=${encodeURIComponent(c.id)}${hh}`)} />
          ))}
        </Section>
      ) : null}

      <Section title='积分明细' className='points-ledger'>
        {b && ledger.data && entries.length > 0 ? (
          <View className='points-ledger__sum'>
            {allLoaded
              ? `标“计入本季度”的 ${inQuarter.length} 条合计 ${signed(quarterSum)} 分，就是本季度的 ${b.quarterPoints} 分。`
              : '按入账时间排列，最新的在上面。点下面“加载更多”看全部，可以核对本季度的积分。'}
          </View>
        ) : null}
        {ledger.loading && !ledger.data ? <LoadingView /> : null}
        {ledger.error ? <ErrorView error={ledger.error} onRetry={() => void ledger.reload()} /> : null}
        {ledger.data && entries.length === 0 ? <EmptyState text='还没有积分记录' /> : null}
        {entries.map((e) => (
          <View
            key={e.id}
            className='points-ledger-item points-list-item'
            onClick={e.claimId ? () => go(`/points/pages/claim/index?id=${encodeURIComponent(e.claimId ?? '')}`) : undefined}
          >
            <View className='points-list-item__main'>
              <View className='points-list-item__title points-ledger-item__reason'>
                {e.reason}
                <View className='points-badge'>{KIND_LABELS[e.kind]}</View>
              </View>
              {e.ruleItemName && !e.reason.includes(e.ruleItemName) ? <View className='points-list-item__desc'>{e.ruleItemName}</View> : null}
              <View className='points-list-item__desc points-ledger-item__posted'>
                入账 {chinaDateTime(e.at)} · 余额 {e.balanceAfter}
              </View>
              {e.workDay && e.workDay !== chinaDate(e.at) ? <View className='points-list-item__desc points-ledger-item__work'>做事日期 {e.workDay}</View> : null}
              {b && e.countsIn === b.quarter ? <View className='points-badge points-ledger-item__quarter'>计入本季度</View> : null}
            </View>
            <View className={`points-list-item__side points-ledger-item__amount ${e.amount >= 0 ? 'points-plus' : 'points-minus'}`}>{signed(e.amount)}</View>
          </View>
        ))}
        {ledger.data && entries.length < ledger.data.total ? (
          <BigButton type='default' loading={ledger.loading} onClick={() => setLedgerLimit(Math.min(200, ledgerLimit + PAGE))}>
            加载更多
          </BigButton>
        ) : null}
      </Section>
    </Page>
  )
}
