import Taro from '@tarojs/taro'
import { Textarea, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import { BigButton } from '@/components/big-button'
import { ConfirmDialog } from '@/components/confirm-dialog'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { useQuery, useReloadOnShow } from '@/hooks/use-call'
import { useParam } from '@/hooks/use-param'
import { call, errorText, newRequestId } from '@/services/call'
import { shortTime } from '../../shared'
import '../vote.scss'
import { eventValue } from '@/utils/form'

const RISK = ['低', '较低', '中', '较高', '高']

/** Staff's anti-fraud report: bursts, new accounts, voters at every limit, WeChat's risk rank; void with a reason. */
export default function FraudPage() {
  const activityId = useParam('id')
  const report = useQuery(() => call('vote', 'fraudReport', { activityId }), [activityId], !!activityId)
  const [target, setTarget] = useState<{ voterKey: string; name: string } | null>(null)
  const [reason, setReason] = useState('')
  const [confirming, setConfirming] = useState(false)
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const intent = useRef(newRequestId())
  useReloadOnShow(report.reload)
  if (!activityId) return <Page><EmptyState text='没有指定活动' /></Page>
  if (report.loading && !report.data) return <Page className='vote-fraud'><LoadingView /></Page>
  if (report.error && !report.data) return <Page className='vote-fraud'><ErrorView error={report.error} onRetry={() => void report.reload()} /></Page>
  const r = report.data!

  const doVoid = async () => {
    setConfirming(false)
    if (!target) return
    setBusy(true)
    setError('')
    try {
      const res = await call('vote', 'voidVoter', { activityId, voterKey: target.voterKey, reason: reason.trim() }, { requestId: intent.current })
      void Taro.showToast({ title: `已作废 ${res.voided} 票`, icon: 'none' })
      setTarget(null)
      setReason('')
      intent.current = newRequestId()
      await report.reload()
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Page className='vote-fraud' title='防刷票报告'>
      <Section title={`集中投票（同一作品一分钟内多票）${r.bursts.length} 处`}>
        {r.bursts.length === 0 ? <View className='vote-note'>没有发现</View> : null}
        {r.bursts.map((b) => (
          <View key={`${b.entryId}-${b.minute}`} className='vote-table__row vote-burst'>
            <View className='vote-table__cell vote-table__cell--wide'>{b.title}</View>
            <View className='vote-table__cell'>{b.minute.slice(5)}</View>
            <View className='vote-table__cell'>{b.votes}票</View>
          </View>
        ))}
      </Section>
      <Section title={`活动期间新绑定的账号 ${r.newAccounts.length} 个`}>
        {r.newAccounts.map((n) => (
          <View key={n.voterKey} className='vote-table__row'>
            <View className='vote-table__cell vote-table__cell--wide'>{n.name}</View>
            <View className='vote-table__cell'>{shortTime(n.boundAt)}绑定</View>
            <View className='vote-table__cell'>{n.votes}票</View>
          </View>
        ))}
      </Section>
      <Section title={`每天都投满的人 ${r.limitHitters.length} 个`}>
        {r.limitHitters.map((h) => (
          <View key={h.voterKey} className='vote-table__row'>
            <View className='vote-table__cell vote-table__cell--wide'>{h.name}</View>
            <View className='vote-table__cell'>{h.days}天</View>
            <View className='vote-table__cell'>{h.votes}票</View>
          </View>
        ))}
      </Section>
      <Section title='需要留意的投票人'>
        {r.voters.length === 0 ? <View className='vote-note'>没有</View> : null}
        {r.voters.map((v) => (
          <View key={v.voterKey} className='vote-row vote-suspect'>
            <View className='vote-row__main'>
              <View className='vote-row__title'>
                {v.name}
                {v.riskRank !== null ? <View className='vote-badge'>微信风险{RISK[v.riskRank] ?? v.riskRank}</View> : null}
              </View>
              <View className='vote-row__desc'>
                {v.reasons.join('、')} · 有效 {v.votes} 票
              </View>
            </View>
            {v.voided ? (
              <View className='vote-row__side'>已作废</View>
            ) : (
              <BigButton size='small' type='danger' className='vote-void' onClick={() => setTarget({ voterKey: v.voterKey, name: v.name })}>
                作废选票
              </BigButton>
            )}
          </View>
        ))}
      </Section>
      {target ? (
        <Section title={`作废 ${target.name} 的全部选票`} className='vote-void-form'>
          <Textarea className='vote-textarea vote-void-reason' value={reason} maxlength={200} placeholder='写明作废原因（会留档）' onInput={(e) => setReason(eventValue(e))} />
          {error ? <View className='vote-error'>{error}</View> : null}
          <View className='vote-actions'>
            <BigButton size='small' type='plain' onClick={() => setTarget(null)}>
              不作废
            </BigButton>
            <BigButton size='small' type='danger' className='vote-void-confirm' disabled={reason.trim().length < 2} reason={reason.trim().length < 2 ? '请写明作废原因（至少2个字）' : undefined} loading={busy} onClick={() => setConfirming(true)}>
              作废
            </BigButton>
          </View>
        </Section>
      ) : null}
      <ConfirmDialog
        visible={confirming}
        className='vote-confirm-void'
        danger
        title='确定作废？'
        content={`${target?.name ?? ''}在这次活动的有效票都会作废，票数相应减少，记录留档。只能作废一次。`}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void doVoid()}
      />
    </Page>
  )
}
