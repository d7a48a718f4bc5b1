import { Input, View } from '@tarojs/components'
import { useState } from 'react'
import { STUDY_CALENDAR } from '../../../../types/contract'
import { BigButton } from '@/components/big-button'
import { ChoiceField } from '@/components/choice-field'
import { ErrorView } from '@/components/error-view'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { useMutation, useQuery } from '@/hooks/use-call'
import { useMe } from '@/hooks/use-me'
import { call } from '@/services/call'
import { STUDY_PAGES, cnMonth, go } from '../../shared'
import '../../study.scss'
import { eventValue } from '@/utils/form'

const STATUS = { held: '已开', scheduled: '已安排', missing: '未安排' } as const

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number)
  const d = new Date(Date.UTC(y, m - 1 + by, 1))
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`
}

/** 三会一课: which required meetings are held, scheduled or missing, for my branch or every branch of the town. */
export default function StudyCalendarPage() {
  const me = useMe()
  const scopes = useQuery(() => call('identity', 'myScopes', {}), [])
  // Town (or district) staff see every branch under them at once; village roles see their own village.
  const above = (me.data?.roles ?? []).filter((r) => ['town', 'district', 'city'].includes(r.orgKind) && STUDY_CALENDAR.includes(r.role))
  const options = [
    ...above.filter((r, i) => above.findIndex((x) => x.orgId === r.orgId) === i).map((r) => ({ id: r.orgId, name: `${r.orgName}（全部）` })),
    ...(scopes.data ?? []).filter((s) => s.roles.some((r) => STUDY_CALENDAR.includes(r)))
  ]
  const [orgId, setOrgId] = useState('')
  const [month, setMonth] = useState(cnMonth())
  const chosen = orgId || options[0]?.id || ''
  const q = useQuery(() => call('study', 'calendar', { orgId: chosen, month }), [chosen, month], Boolean(chosen))
  const [themeDay, setThemeDay] = useState('')
  const canSet = (villageId: string) => (scopes.data ?? []).some((s) => s.id === villageId && s.roles.some((r) => r === 'secretary' || r === 'committee'))
  const saveDay = useMutation(async (villageId: string) => {
    const n = Number(themeDay)
    await call('study', 'saveStudySettings', { villageId, themeDay: themeDay.trim() ? n : null })
    setThemeDay('')
    await q.reload()
  })
  return (
    <Page className='study-calendar' title='三会一课'>
      <View className='study-hint'>支部党员大会、党课每季度；支委会、党小组会、主题党日每月。</View>
      {options.length > 1 ? <ChoiceField name='org' options={options.map((o) => ({ value: o.id, label: o.name }))} value={chosen} onChange={setOrgId} /> : null}
      <View className='study-tabs'>
        <View className='study-tab' onClick={() => setMonth(shiftMonth(month, -1))}>上个月</View>
        <View className='study-tab study-tab--on'>{month}</View>
        <View className='study-tab' onClick={() => setMonth(shiftMonth(month, 1))}>下个月</View>
      </View>
      {scopes.loading || (q.loading && !q.data) ? <LoadingView /> : null}
      {q.error ? <ErrorView error={q.error} onRetry={() => void q.reload()} /> : null}
      {(q.data?.rows ?? []).map((r) => (
        <Section key={r.villageId} title={`${r.villageName}${r.missing ? `（${r.missing}项未安排）` : ''}`} className='study-calendar-row'>
          {r.themeDay ? <View className='study-hint'>主题党日：每月{r.themeDay}日</View> : null}
          {canSet(r.villageId) ? (
            <View className='study-theme-day'>
              <Input className='cs-input' type='number' maxlength={2} value={themeDay} placeholder='主题党日定在每月几日（1–28）' onInput={(e) => setThemeDay(eventValue(e))} />
              <BigButton
                size='small'
                type='default'
                disabled={!/^([1-9]|1\d|2[0-8])?$/.test(themeDay.trim())}
                reason={!/^([1-9]|1\d|2[0-8])?$/.test(themeDay.trim()) ? '请填1到28之间的数字' : undefined}
                loading={saveDay.submitting}
                onClick={() => void saveDay.run(r.villageId)}
              >
                {themeDay.trim() ? '保存主题党日' : '清除主题党日'}
              </BigButton>
            </View>
          ) : null}
          <View className='study-grid'>
            {r.cells.map((c) => (
              <View key={c.type} className={`study-cell study-cell--${c.status}`} onClick={() => c.sessions[0] && go(`${STUDY_PAGES.session}?id=${c.sessions[0].id}`)}>
                <View className='study-cell__label'>{c.typeLabel}</View>
                <View>
                  {c.cadence === 'month' ? '本月' : '本季度'}：{STATUS[c.status]}
                </View>
              </View>
            ))}
          </View>
        </Section>
      ))}
      <BigButton type='default' onClick={() => go(STUDY_PAGES.edit)}>
        安排会议
      </BigButton>
    </Page>
  )
}
