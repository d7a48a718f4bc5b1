import { View } from '@tarojs/components'
import { useState } from 'react'
import { ROLE_GROUPS } from '../../../../types/contract'
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
import { cnQuarter, cnTime } from '../../shared'
import '../../study.scss'

function prevQuarter(q: string): string {
  const [y, n] = [Number(q.slice(0, 4)), Number(q.slice(6))]
  return n === 1 ? `${y - 1}-Q4` : `${y}-Q${n - 1}`
}

/** 学习统计: attendance per session and member for a quarter, who has not caught up (with their buddy), xlsx export. */
export default function StudyReportPage() {
  const scope = useVillageScope(ROLE_GROUPS.reports, { storageKey: 'cunshe.studyVillage' })
  const villageId = scope.current?.id ?? ''
  const [quarter, setQuarter] = useState(cnQuarter())
  const q = useQuery(() => call('study', 'report', { villageId, quarter }), [villageId, quarter], Boolean(villageId))
  const exp = useMutation(async () => {
    const f = await call('study', 'exportReport', { villageId, quarter })
    await openDownload(f.url, `学习统计-${quarter}.xlsx`)
  })
  const r = q.data
  return (
    <Page className='study-report' title='学习统计'>
      <View className='study-hint'>统计只用于了解情况、帮助补学，不排名。</View>
      {scope.villages.length > 1 ? <ChoiceField name='village' options={scope.villages.map((v) => ({ value: v.id, label: v.name }))} value={villageId} onChange={scope.choose} /> : null}
      <ChoiceField name='quarter' options={[cnQuarter(), prevQuarter(cnQuarter())].map((x) => ({ value: x, label: x.replace('-Q', '年第') + '季度' }))} value={quarter} onChange={setQuarter} />
      {q.loading && !r ? <LoadingView /> : null}
      {q.error ? <ErrorView error={q.error} onRetry={() => void q.reload()} /> : null}
      {r ? (
        <View>
          <Section title='合计' className='study-totals'>
            <View className='study-text'>
              会议 {r.totals.sessions} 次 · 应到 {r.totals.expected} 人次 · 现场 {r.totals.onsite} · 远程 {r.totals.remote} · 请假 {r.totals.leave} · 未参加 {r.totals.absent} · 已补学 {r.totals.caughtUp}
            </View>
            <BigButton type='default' className='study-export' loading={exp.submitting} onClick={() => void exp.run()}>
              导出表格
            </BigButton>
          </Section>
          <Section title={`还没补学（${r.notCaughtUp.length}）`} className='study-not-caught-up'>
            {r.notCaughtUp.length === 0 ? <EmptyState text='都已补学' /> : null}
            {r.notCaughtUp.map((n) => (
              <View key={`${n.sessionId}:${n.memberId}`} className='study-row'>
                <View className='study-row__main'>
                  <View className='study-row__title'>{n.name}</View>
                  <View className='study-row__desc'>
                    {n.sessionTitle} · 结对：{n.buddyName ?? '未结对'} · {n.read ? '已读传达' : '未读传达'} · {n.noted ? '已写心得' : '未写心得'}
                  </View>
                </View>
              </View>
            ))}
          </Section>
          <Section title='按会议'>
            {r.sessions.map((s) => (
              <View key={s.sessionId} className='study-row study-report-session'>
                <View className='study-row__main'>
                  <View className='study-row__title'>{s.title}{s.cancelled ? <View className='study-tag--muted'>已取消</View> : null}</View>
                  <View className='study-row__desc'>
                    {s.typeLabel} · {cnTime(s.startsAt)} · 应到 {s.expected} · 现场 {s.onsite} · 远程 {s.remote} · 请假 {s.leave} · 未参加 {s.absent} · 已补学 {s.caughtUp}
                  </View>
                </View>
              </View>
            ))}
          </Section>
          <Section title='按党员'>
            {r.members.map((m) => (
              <View key={m.memberId} className='study-row'>
                <View className='study-row__main'>
                  <View className='study-row__title'>{m.name}{m.mobile ? '（流动）' : ''}</View>
                  <View className='study-row__desc'>
                    应参加 {m.expected} · 现场 {m.onsite} · 远程 {m.remote} · 请假 {m.leave} · 未参加 {m.absent} · 已补学 {m.caughtUp}
                  </View>
                </View>
              </View>
            ))}
          </Section>
        </View>
      ) : null}
    </Page>
  )
}
