import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
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
import { openDownload } from '@/services/upload'
import { shortTime } from '../../shared'
import '../vote.scss'

const EXPORTS = [
  { what: 'votes', label: '每日票数' },
  { what: 'scores', label: '评委打分' },
  { what: 'result', label: '最终结果' }
] as const

/** Staff: the weighted table per category, closing judging, publishing, the recomputation check and xlsx exports. */
export default function ResultsPage() {
  const activityId = useParam('id')
  const act = useQuery(() => call('vote', 'getActivity', { activityId }), [activityId], !!activityId)
  const table = useQuery(() => call('vote', 'results', { activityId }), [activityId], !!activityId)
  const [asking, setAsking] = useState<'close' | 'publish' | null>(null)
  const [busy, setBusy] = useState('')
  const [message, setMessage] = useState('')
  const intent = useRef(newRequestId())
  useReloadOnShow(async () => {
    await Promise.all([act.reload(), table.reload()])
  })
  if (!activityId) return <Page><EmptyState text='没有指定活动' /></Page>
  if ((act.loading && !act.data) || (table.loading && !table.data)) return <Page className='vote-results'><LoadingView /></Page>
  const err = act.error ?? table.error
  if (err && (!act.data || !table.data)) return <Page className='vote-results'><ErrorView error={err} onRetry={() => void table.reload()} /></Page>
  const a = act.data!
  const t = table.data!
  // The server's phase (its clock decides, not the phone's).
  const votingOver = a.phase === 'judging' || a.phase === 'closed' || a.phase === 'published'

  const run = async (what: string, fn: () => Promise<unknown>, done: string) => {
    setBusy(what)
    setMessage('')
    try {
      await fn()
      void Taro.showToast({ title: done, icon: 'none' })
      await Promise.all([act.reload(), table.reload()])
    } catch (e) {
      setMessage(errorText(e))
    } finally {
      intent.current = newRequestId()
      setBusy('')
    }
  }
  const closeWhy = a.judgingClosed ? '打分已经结束' : !votingOver ? `投票到 ${shortTime(a.voteCloses)} 结束，之后才能结束打分` : ''
  const publishWhy = a.published ? '结果已经公布' : !a.judgingClosed ? '先结束评委打分，才能公布' : ''

  return (
    <Page className='vote-results' title={`${a.title}：结果`}>
      <View className='vote-note'>
        权重：民意测评 {t.weights.votes} · 工作表现 {t.weights.performance} · 综合评价 {t.weights.overall}。票数按本类别最高票折算，不超过 {t.weights.votes} 分。
      </View>
      {!t.scoresVisible ? <View className='vote-note vote-scores-hidden'>评委打分结束前，分数不公开，下表只算了票数。</View> : null}
      {t.published ? <View className='vote-badge vote-published'>已公布</View> : null}
      {t.categories.map((c) => (
        <Section key={c.key} title={`${c.label}（最高 ${c.topVotes} 票）`}>
          {c.rows.length === 0 ? <View className='vote-note'>没有作品</View> : null}
          {c.rows.map((r) => (
            <View key={r.entryId} className='vote-table__row vote-result-row'>
              <View className='vote-table__cell'>第{r.rank}名</View>
              <View className='vote-table__cell vote-table__cell--wide'>
                {r.orgName}
                {r.award ? <View className='vote-badge'>{r.award}</View> : null}
              </View>
              <View className='vote-table__cell'>{r.votes}票</View>
              <View className='vote-table__cell'>{r.total}分</View>
            </View>
          ))}
        </Section>
      ))}
      {message ? <View className='vote-error'>{message}</View> : null}
      <Section title='办理'>
        <BigButton className='vote-close-judging' type='plain' disabled={!!closeWhy} reason={closeWhy || undefined} loading={busy === 'close'} onClick={() => setAsking('close')}>
          结束评委打分
        </BigButton>
        <BigButton className='vote-publish' disabled={!!publishWhy} reason={publishWhy || undefined} loading={busy === 'publish'} onClick={() => setAsking('publish')}>
          公布结果
        </BigButton>
        {a.published ? (
          <BigButton
            className='vote-recompute'
            type='plain'
            loading={busy === 'recompute'}
            onClick={() =>
              void run(
                'recompute',
                async () => {
                  const r = await call('vote', 'recompute', { activityId })
                  setMessage(r.same ? '按存档的选票和打分重新计算，结果完全一致' : `重新计算不一致：${r.differences.join('；')}`)
                },
                '已重新计算'
              )
            }
          >
            重新计算核对
          </BigButton>
        ) : null}
        <View className='vote-actions'>
          {EXPORTS.map((x) => (
            <BigButton
              key={x.what}
              size='small'
              type='plain'
              className={`vote-export-${x.what}`}
              disabled={x.what === 'scores' && !a.judgingClosed}
              reason={x.what === 'scores' && !a.judgingClosed ? '评委打分结束后才能导出打分' : undefined}
              loading={busy === x.what}
              onClick={() =>
                void run(
                  x.what,
                  async () => {
                    const f = await call('vote', 'exportXlsx', { activityId, what: x.what })
                    await openDownload(f.url, `${a.title}-${x.label}.xlsx`)
                  },
                  '已导出'
                )
              }
            >
              导出{x.label}
            </BigButton>
          ))}
        </View>
        {!a.judgingClosed ? <View className='vote-note'>评委打分要在打分结束后才能导出</View> : null}
      </Section>
      <ConfirmDialog
        visible={asking === 'close'}
        className='vote-confirm-close'
        title='结束评委打分？'
        content='结束后评委不能再改分，分数对工作人员公开。'
        onCancel={() => setAsking(null)}
        onConfirm={() => {
          setAsking(null)
          void run('close', () => call('vote', 'closeJudging', { activityId }, { requestId: intent.current }), '打分已结束')
        }}
      />
      <ConfirmDialog
        visible={asking === 'publish'}
        className='vote-confirm-publish'
        title='公布结果？'
        content='按存档的选票和评委打分算出最终结果并公布，公布后不能再改。'
        onCancel={() => setAsking(null)}
        onConfirm={() => {
          setAsking(null)
          void run('publish', () => call('vote', 'publish', { activityId }, { requestId: intent.current }), '结果已公布')
        }}
      />
    </Page>
  )
}
