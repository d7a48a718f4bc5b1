import { Input, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { ReportView } from '../../../../types/contract'
import { BigButton } from '@/components/big-button'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { useMutation, useQuery, useReloadOnShow } from '@/hooks/use-call'
import { useMe } from '@/hooks/use-me'
import { useParam } from '@/hooks/use-param'
import { call, newRequestId } from '@/services/call'
import { openDownload } from '@/services/upload'
import { chinaTime, go, HANDLER_ROLES, NOTICE_PAGES, toast } from '../../shared'
import '../notice.scss'
import { eventValue } from '@/utils/form'
import '@/components/form-field/index.scss'

type Tab = 'mine' | 'village' | 'open'
const TABS: Array<{ key: Tab; label: string; staff?: boolean }> = [
  { key: 'mine', label: '我反映的' },
  { key: 'village', label: '本村说事' },
  { key: 'open', label: '待办理', staff: true }
]

export function ReportRow({ r }: { r: ReportView }) {
  return (
    <View className={`nt-row nt-report nt-report--${r.state}`} onClick={() => go(NOTICE_PAGES.reportDetail, { id: r.id })}>
      <View className='nt-row__main'>
        <View className='nt-row__title'>
          <View className={`nt-badge ${r.state === 'closed' || r.state === 'answered' ? 'nt-badge--ok' : ''}`}>{r.stateLabel}</View>
          {r.overdue ? <View className='nt-badge nt-badge--warn nt-overdue'>超期{r.ageDays}天</View> : null}
          {r.categoryLabel}
        </View>
        <View className='nt-row__desc'>{r.text}</View>
        <View className='nt-row__desc'>
          {r.reporterLabel} · {chinaTime(r.createdAt)}
          {r.place ? ` · ${r.place}` : ''}
        </View>
      </View>
    </View>
  )
}

/** 居民说事: my reports, the village's board (anonymous ones stay anonymous), and staff's open items by age. */
export default function ReportsPage() {
  const me = useMe()
  const staff = (me.data?.roles ?? []).some((r) => HANDLER_ROLES.includes(r.role))
  const grid = (me.data?.roles ?? []).some((r) => r.role === 'grid_worker')
  const tabParam = useParam('tab') as Tab | ''
  const [tab, setTab] = useState<Tab>(tabParam || 'mine')
  // The page's query may arrive after the first render (H5 router): follow it.
  useEffect(() => {
    if (tabParam) setTab(tabParam)
  }, [tabParam])
  const list = useQuery(() => call('notice', 'listReports', { scope: tab }), [tab])
  const committee = (me.data?.roles ?? []).some((r) => r.role === 'committee')
  const [days, setDays] = useState('')
  const saveDays = useMutation(() => call('notice', 'saveReportSettings', { villageId: me.data?.member.villageId ?? '', overdueDays: Number(days) }, { requestId: newRequestId() }))
  const saveOverdue = async () => {
    const r = await saveDays.run()
    if (!r) return
    setDays('')
    toast(`已改为超过${r.overdueDays}天算超期`)
    void list.reload()
  }
  useReloadOnShow(list.reload)
  const exporting = useMutation(async () => {
    const villageId = list.data?.items[0]?.villageId ?? me.data?.member.villageId ?? ''
    const r = await call('notice', 'exportReports', { villageId })
    await openDownload(r.url, '居民说事.xlsx')
    return r
  })

  return (
    <Page className='nt-reports' title='居民说事'>
      <BigButton className='nt-new-report' onClick={() => go(NOTICE_PAGES.reportNew)}>
        我要反映
      </BigButton>
      <View className='nt-chips'>
        {TABS.filter((t) => !t.staff || staff || grid).map((t) => (
          <View key={t.key} className={`nt-chip nt-tab--${t.key} ${tab === t.key ? 'nt-chip--on' : ''}`} onClick={() => setTab(t.key)}>
            {t.label}
          </View>
        ))}
      </View>
      {tab === 'open' && list.data ? <View className='nt-muted'>超过 {list.data.overdueDays} 天没有答复的标为超期，最早的排在前面</View> : null}
      {tab === 'open' && list.data && committee ? (
        <View className='nt-search nt-overdue-setting'>
          <Input className='cs-input nt-overdue-days' type='number' value={days} placeholder={`超期天数（现在${list.data.overdueDays}天）`} maxlength={2} onInput={(e) => setDays(eventValue(e))} />
          <BigButton size='small' className='nt-save-overdue' loading={saveDays.submitting} disabled={!days} reason={!days ? '请先填写超期天数' : undefined} onClick={() => void saveOverdue()}>
            {days ? '改超期天数' : '先填天数'}
          </BigButton>
        </View>
      ) : null}
      {list.loading && !list.data ? <LoadingView /> : null}
      {list.error ? <ErrorView error={list.error} onRetry={() => void list.reload()} /> : null}
      {list.data && !list.data.items.length ? <EmptyState text={tab === 'mine' ? '您还没有反映过事情' : tab === 'open' ? '没有待办理的事' : '本村还没有人反映事情'} /> : null}
      {list.data?.items.map((r) => <ReportRow key={r.id} r={r} />)}
      {staff && list.data?.staff ? (
        <BigButton type='default' className='nt-export' loading={exporting.submitting} onClick={() => void exporting.run()}>
          导出表格
        </BigButton>
      ) : null}
    </Page>
  )
}
