import { View } from '@tarojs/components'
import { useState } from 'react'
import { BigButton } from '@/components/big-button'
import { ChoiceField } from '@/components/choice-field'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { useMutation, useQuery } from '@/hooks/use-call'
import { useVillageScope } from '@/hooks/use-scope'
import { call } from '@/services/call'
import { openDownload } from '@/services/upload'
import { POINTS_ROLES, POINTS_SCOPE_KEY, chinaMonth, toast } from '../../shared'
import { ScopeGate, VillagePicker } from '../../components/scope'
import '../../points.scss'
import './index.scss'

/** The last `n` months (YYYY-MM), newest first. */
export function recentMonths(now: string, n: number): string[] {
  let y = Number(now.slice(0, 4))
  let m = Number(now.slice(5, 7))
  const out: string[] = []
  for (let i = 0; i < n; i++) {
    out.push(`${y}-${String(m).padStart(2, '0')}`)
    m -= 1
    if (m === 0) {
      m = 12
      y -= 1
    }
  }
  return out
}

/** The last `n` quarters (YYYY-Qn), newest first. */
export function recentQuarters(now: string, n: number): string[] {
  let y = Number(now.slice(0, 4))
  let q = Math.floor((Number(now.slice(5, 7)) - 1) / 3) + 1
  const out: string[] = []
  for (let i = 0; i < n; i++) {
    out.push(`${y}-Q${q}`)
    q -= 1
    if (q === 0) {
      q = 4
      y -= 1
    }
  }
  return out
}

const CREDIT_CLASS = { 优秀: 'excellent', 良好: 'good', 一般: 'fair' } as const

function periodLabel(p: string): string {
  const q = /^(\d{4})-Q(\d)$/.exec(p)
  if (q) return `${q[1]}年第${q[2]}季度`
  const m = /^(\d{4})-(\d{2})$/.exec(p)
  return m ? `${m[1]}年${Number(m[2])}月` : `${p}年`
}

/** 积分统计: monthly/quarterly tally by grid and household, the year summary (三挂钩), Excel export. */
export default function ReportsPage() {
  const { scopes, villages, current, choose } = useVillageScope(POINTS_ROLES.reports, { storageKey: POINTS_SCOPE_KEY })
  const villageId = current?.id ?? ''
  const month = chinaMonth()
  const [kind, setKind] = useState<'month' | 'quarter'>('month')
  const periods = kind === 'month' ? recentMonths(month, 6) : recentQuarters(month, 4)
  const [picked, setPicked] = useState('')
  const period = periods.includes(picked) ? picked : periods[0] ?? month
  const thisYear = month.slice(0, 4)
  const [year, setYear] = useState(thisYear)
  const tally = useQuery(() => call('points', 'tally', { villageId, period }), [villageId, period], Boolean(villageId))
  const summary = useQuery(() => call('points', 'yearSummary', { villageId, year }), [villageId, year], Boolean(villageId))
  const exporter = useMutation(async (kindOf: 'tally' | 'year', p: string) => {
    const res = await call('points', 'exportReport', { villageId, kind: kindOf, period: p })
    if (res.rows === 0) {
      toast('没有可导出的数据')
      return res
    }
    await openDownload(res.url, res.fileName)
    return res
  })

  return (
    <ScopeGate scopes={scopes} hasVillage={Boolean(current)} className='points-reports' noAccessText='您没有查看积分统计的权限'>
      {() => (
        <Page className='points-reports' title='积分统计'>
          <VillagePicker villages={villages} currentId={villageId} onChange={choose} />

          <Section title='按月、按季度统计' className='reports-tally'>
            <ChoiceField name='period-kind' options={[{ value: 'month', label: '按月' }, { value: 'quarter', label: '按季度' }]} value={kind} onChange={(v) => { setKind(v); setPicked('') }} />
            <ChoiceField name='period' options={periods.map((p) => ({ value: p, label: periodLabel(p) }))} value={period} onChange={setPicked} />
            {tally.loading && !tally.data ? <LoadingView /> : null}
            {tally.error ? <ErrorView error={tally.error} onRetry={() => void tally.reload()} /> : null}
            {tally.data ? (
              <View>
                <View className='reports-subtitle'>{periodLabel(tally.data.period)} 各网格</View>
                {tally.data.grids.length === 0 ? <EmptyState text='这段时间没有入账的积分' /> : null}
                {tally.data.grids.map((g) => (
                  <View key={g.gridId} className='reports-grid cs-row'>
                    <View className='cs-row__label'>{g.gridName}（{g.households}户）</View>
                    <View className='cs-row__value'>{g.points} 分</View>
                  </View>
                ))}
                {tally.data.households.length > 0 ? <View className='reports-subtitle'>各户</View> : null}
                {tally.data.households.map((h) => (
                  <View key={h.householdId} className='reports-household cs-row'>
                    <View className='cs-row__label'>
                      {h.headName}（{h.code}）· {h.gridName}
                    </View>
                    <View className='cs-row__value'>{h.points} 分</View>
                  </View>
                ))}
              </View>
            ) : null}
            <BigButton type='plain' className='reports-export-tally' loading={exporter.submitting} onClick={() => void exporter.run('tally', period)}>
              导出Excel（{periodLabel(period)}）
            </BigButton>
          </Section>

          <Section title='年度总结（评优、信用、优先）' className='reports-year'>
            <ChoiceField name='year' options={[thisYear, String(Number(thisYear) - 1)].map((y) => ({ value: y, label: `${y}年` }))} value={year} onChange={setYear} />
            {summary.loading && !summary.data ? <LoadingView /> : null}
            {summary.error ? <ErrorView error={summary.error} onRetry={() => void summary.reload()} /> : null}
            {summary.data && summary.data.households.length === 0 ? <EmptyState text='这一年还没有积分' /> : null}
            {summary.data?.households.map((h) => (
              <View key={h.householdId} className='reports-year-row points-list-item'>
                <View className='points-list-item__main'>
                  <View className='points-list-item__title'>
                    {h.headName}
                    <View className={`points-badge reports-credit reports-credit--${CREDIT_CLASS[h.credit]}`}>信用 {h.credit}</View>
                  </View>
                  <View className='points-list-item__desc'>
                    户号 {h.code} · {h.gridName}
                    {h.honour ? ` · ${h.honour}` : ''}
                    {h.eligible ? '' : ' · 本年度不能评优'}
                  </View>
                </View>
                <View className='points-list-item__side'>{h.points} 分</View>
              </View>
            ))}
            {summary.data && summary.data.priority.length > 0 ? (
              <View className='reports-priority'>
                <View className='reports-subtitle'>优先名单（同等条件下优先）</View>
                {summary.data.priority.map((p) => (
                  <View key={p.householdId} className='reports-priority-item cs-row'>
                    <View className='cs-row__label'>
                      第{p.rank}名 {p.headName}（{p.code}）
                    </View>
                    <View className='cs-row__value'>{p.points} 分</View>
                  </View>
                ))}
              </View>
            ) : null}
            <BigButton type='plain' className='reports-export-year' loading={exporter.submitting} onClick={() => void exporter.run('year', year)}>
              导出Excel（{year}年）
            </BigButton>
          </Section>
        </Page>
      )}
    </ScopeGate>
  )
}
