import Taro from '@tarojs/taro'
import { Image, Textarea, Video, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import { ENTRY_PARTS, type EntryView } from '../../../../types/contract'
import { BigButton } from '@/components/big-button'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { useQuery, useReloadOnShow } from '@/hooks/use-call'
import { useParam } from '@/hooks/use-param'
import { call, errorText, newRequestId } from '@/services/call'
import '../vote.scss'
import { eventValue } from '@/utils/form'

type Decision = 'approve' | 'reject' | 'changes'

function ReviewCard({ e, onDone }: { e: EntryView; onDone: () => void }) {
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState<Decision | null>(null)
  const [error, setError] = useState('')
  const intent = useRef(newRequestId())
  const decide = async (decision: Decision) => {
    if (decision !== 'approve' && reason.trim().length < 2) {
      setError('不通过或退回修改时请写明原因')
      return
    }
    setBusy(decision)
    setError('')
    try {
      await call('vote', 'reviewEntry', { entryId: e.id, decision, reason: reason.trim() }, { requestId: intent.current })
      void Taro.showToast({ title: decision === 'approve' ? '已通过' : decision === 'reject' ? '已不通过' : '已退回修改', icon: 'none' })
      onDone()
    } catch (err) {
      setError(errorText(err))
    } finally {
      intent.current = newRequestId()
      setBusy(null)
    }
  }
  return (
    <Section title={e.title} className='vote-review-card'>
      <View className='vote-note'>
        {e.categoryLabel} · {e.orgName} · {e.ownerName}
      </View>
      {e.videoUrl ? <Video className='vote-video' src={e.videoUrl} poster={e.coverUrl ?? undefined} controls objectFit='contain' /> : null}
      {e.coverUrl ? <Image className='vote-cover' src={e.coverUrl} mode='aspectFill' /> : null}
      {ENTRY_PARTS.map((p) => (
        <View key={p.key} className='vote-part'>
          <View className='vote-part__label'>{p.label}</View>
          <View className='vote-part__text'>{e.parts[p.key]}</View>
        </View>
      ))}
      <View className='vote-note'>请看完视频再审核：微信不能自动检查视频内容。</View>
      <Textarea className='vote-textarea vote-reason' value={reason} maxlength={200} placeholder='不通过或退回修改时写明原因' onInput={(ev) => setReason(eventValue(ev))} />
      {error ? <View className='vote-error'>{error}</View> : null}
      <View className='vote-actions'>
        <BigButton size='small' className='vote-approve' loading={busy === 'approve'} disabled={!!busy && busy !== 'approve'} reason={busy && busy !== 'approve' ? '正在提交另一项审核，请稍候' : undefined} onClick={() => void decide('approve')}>
          通过
        </BigButton>
        <BigButton size='small' type='plain' className='vote-changes' loading={busy === 'changes'} disabled={!!busy && busy !== 'changes'} reason={busy && busy !== 'changes' ? '正在提交另一项审核，请稍候' : undefined} onClick={() => void decide('changes')}>
          退回修改
        </BigButton>
        <BigButton size='small' type='danger' className='vote-reject' loading={busy === 'reject'} disabled={!!busy && busy !== 'reject'} reason={busy && busy !== 'reject' ? '正在提交另一项审核，请稍候' : undefined} onClick={() => void decide('reject')}>
          不通过
        </BigButton>
      </View>
    </Section>
  )
}

/** Staff's review queue: every entry waits here until someone has watched it. */
export default function ReviewPage() {
  const activityId = useParam('id')
  const queue = useQuery(() => call('vote', 'reviewQueue', { activityId }), [activityId], !!activityId)
  useReloadOnShow(queue.reload)
  if (!activityId) return <Page><EmptyState text='没有指定活动' /></Page>
  if (queue.loading && !queue.data) return <Page className='vote-review'><LoadingView /></Page>
  if (queue.error && !queue.data) return <Page className='vote-review'><ErrorView error={queue.error} onRetry={() => void queue.reload()} /></Page>
  const list = queue.data ?? []
  return (
    <Page className='vote-review' title={`待审核 ${list.length} 个`}>
      {list.length === 0 ? <EmptyState text='没有待审核的作品' /> : null}
      {list.map((e) => (
        <ReviewCard key={`${e.id}-${e.updatedAt}`} e={e} onDone={() => void queue.reload()} />
      ))}
    </Page>
  )
}
