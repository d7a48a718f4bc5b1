import { Input, View } from '@tarojs/components'
import { useMemo, useState } from 'react'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { useQuery } from '@/hooks/use-call'
import { listDevSends, type DevSend } from '@/services/dev'
import './index.scss'
import { eventValue } from '@/utils/form'
import { fmtTime } from '@/utils/china-time'
import '@/components/form-field/index.scss'

const chinaTime = fmtTime

function outcome(s: DevSend): string {
  if (s.ok) return '已送达'
  if (s.errcode === 43101) return '没有订阅，未送达'
  if (s.errcode === 47003) return '内容超出字数限制'
  return `发送失败${s.errcode ? `（${s.errcode}）` : ''}`
}

/** Local only: every subscribe message the functions tried to send, grouped by the person it was for. */
export default function DevSendsPage() {
  const sends = useQuery(listDevSends, [])
  const [query, setQuery] = useState('')
  const groups = useMemo(() => {
    const by = new Map<string, DevSend[]>()
    for (const s of sends.data ?? []) {
      if (query && !s.name.includes(query) && !s.title.includes(query)) continue
      by.set(s.name, [...(by.get(s.name) ?? []), s])
    }
    return [...by.entries()].sort((a, b) => a[0].localeCompare(b[0], 'zh'))
  }, [sends.data, query])

  return (
    <Page className='dev-sends' title='每个人会收到的微信提醒 (仅本地环境)'>
      <Input className='cs-input dev-sends__search' value={query} placeholder='按姓名或提醒类型查找' onInput={(e) => setQuery(eventValue(e))} />
      {sends.loading && !sends.data ? <LoadingView /> : null}
      {sends.error ? <ErrorView error={sends.error} onRetry={() => void sends.reload()} /> : null}
      {sends.data && !groups.length ? <EmptyState text='还没有发过提醒' /> : null}
      {groups.map(([name, list]) => (
        <Section key={name} className='dev-sends__person' title={`${name}（${list.length}条）`}>
          {list.map((s) => (
            <View key={s.id} className={`dev-send ${s.ok ? '' : 'dev-send--failed'}`}>
              <View className='dev-send__title'>
                {s.title} · {outcome(s)}
              </View>
              <View className='dev-send__values'>{s.values.map((v) => v.value).join(' ｜ ')}</View>
              <View className='dev-send__meta'>
                {chinaTime(s.at)} · 打开 {s.page}
              </View>
            </View>
          ))}
        </Section>
      ))}
    </Page>
  )
}
