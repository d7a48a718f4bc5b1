import Taro from '@tarojs/taro'
import { Image, Input, Textarea, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import type { ReportView } from '../../../../types/contract'
import { BigButton } from '@/components/big-button'
import { ErrorView } from '@/components/error-view'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { useMutation, useQuery, useReloadOnShow } from '@/hooks/use-call'
import { useParam } from '@/hooks/use-param'
import { call, newRequestId } from '@/services/call'
import { chinaTime, toast } from '../../shared'
import '../notice.scss'
import { eventValue } from '@/utils/form'
import '@/components/form-field/index.scss'

type Acting = 'assign' | 'answer' | 'close' | 'rate' | null

/** One report: what was said, each status change with its time, and what the caller may do next. */
export default function ReportDetailPage() {
  const id = useParam('id')
  const detail = useQuery(() => call('notice', 'reportDetail', { reportId: id }), [id], !!id)
  useReloadOnShow(detail.reload, !!id)
  const [acting, setActing] = useState<Acting>(null)
  const [answer, setAnswer] = useState('')
  const [note, setNote] = useState('')
  const [assignee, setAssignee] = useState('')
  const [stars, setStars] = useState(5)
  const [comment, setComment] = useState('')
  const intent = useRef(newRequestId())
  const people = useQuery(() => call('notice', 'assignees', { reportId: id }), [id, acting === 'assign'], acting === 'assign')
  const act = useMutation(async (what: Exclude<Acting, null>): Promise<ReportView> => {
    const opts = { requestId: intent.current }
    if (what === 'assign') return call('notice', 'assignReport', { reportId: id, assigneeId: assignee, note: note.trim() }, opts)
    if (what === 'answer') return call('notice', 'answerReport', { reportId: id, answer: answer.trim() }, opts)
    if (what === 'close') return call('notice', 'closeReport', { reportId: id, note: note.trim() }, opts)
    return call('notice', 'rateReport', { reportId: id, stars, comment: comment.trim() }, opts)
  })

  const start = (what: Acting) => {
    intent.current = newRequestId()
    setNote('')
    setActing(what)
  }
  const done = async (what: Exclude<Acting, null>) => {
    if (what === 'assign' && !assignee) return toast('请选择交给谁办')
    if (what === 'answer' && answer.trim().length < 2) return toast('请写明答复')
    const r = await act.run(what)
    if (!r) {
      void detail.reload()
      return
    }
    setActing(null)
    toast({ assign: '已分派', answer: '已答复，已提醒反映人', close: '已办结', rate: '谢谢您的评价' }[what])
    void detail.reload()
  }

  const r = detail.data
  if (!id) return <Page className='nt-report-detail'><ErrorView error={new Error('没有指定事项')} /></Page>
  if (detail.loading && !r) return <Page className='nt-report-detail'><LoadingView /></Page>
  if (detail.error && !r) return <Page className='nt-report-detail'><ErrorView error={detail.error} onRetry={() => void detail.reload()} /></Page>
  if (!r) return null
  return (
    <Page className='nt-report-detail' title={`${r.categoryLabel} · ${r.stateLabel}`}>
      <Section>
        {r.overdue ? <View className='nt-badge nt-badge--warn nt-overdue'>已超期（{r.ageDays}天未答复）</View> : null}
        <View className='nt-text nt-report-body'>{r.text}</View>
        {r.place ? <View className='nt-muted'>地点：{r.place}</View> : null}
        <View className='nt-muted nt-reporter'>反映人：{r.reporterLabel}</View>
        {r.photos.map((p) =>
          p.url ? <Image key={p.fileId} className='nt-image' src={p.url} mode='widthFix' onClick={() => void Taro.previewImage({ urls: [p.url!], current: p.url! })} /> : null
        )}
      </Section>
      {r.answer ? (
        <Section title='答复' className='nt-answer'>
          <View className='nt-text'>{r.answer}</View>
        </Section>
      ) : null}
      <Section title='办理经过'>
        <View className='nt-timeline'>
          {r.timeline.map((t, i) => (
            <View key={i} className='nt-timeline__item nt-step'>
              <View className='nt-timeline__state'>{t.stateLabel}</View>
              <View className='nt-muted'>{chinaTime(t.at)} · {t.byName}</View>
              {t.note ? <View className='nt-muted'>{t.note}</View> : null}
            </View>
          ))}
        </View>
      </Section>
      {r.rating ? (
        <Section title='评价' className='nt-rating'>
          <View className='nt-text'>{'★'.repeat(r.rating.stars)}{'☆'.repeat(5 - r.rating.stars)} {r.rating.comment}</View>
        </Section>
      ) : null}

      {!acting ? (
        <View className='nt-actions'>
          {r.can.assign ? <BigButton type='default' className='nt-do-assign' onClick={() => start('assign')}>分派</BigButton> : null}
          {r.can.answer ? <BigButton className='nt-do-answer' onClick={() => start('answer')}>答复</BigButton> : null}
          {r.can.close ? <BigButton className='nt-do-close' onClick={() => start('close')}>办结</BigButton> : null}
          {r.can.rate ? <BigButton className='nt-do-rate' onClick={() => start('rate')}>评价</BigButton> : null}
        </View>
      ) : null}
      {!acting && r.mine && !r.can.rate && !r.rating ? <View className='nt-muted'>村里答复以后，您可以在这里评价</View> : null}

      {acting === 'assign' ? (
        <Section title='交给谁办'>
          {people.loading ? <LoadingView /> : null}
          <View className='nt-chips'>
            {(people.data ?? []).map((p) => (
              <View key={p.memberId} className={`nt-chip nt-assignee ${assignee === p.memberId ? 'nt-chip--on' : ''}`} onClick={() => setAssignee(p.memberId)}>
                {p.name}（{p.roleLabel}）
              </View>
            ))}
          </View>
          <Input className='cs-input nt-note' value={note} maxlength={100} placeholder='交代几句（可不填）' onInput={(e) => setNote(eventValue(e))} />
        </Section>
      ) : null}
      {acting === 'answer' ? (
        <Section title='答复反映人'>
          <Textarea className='nt-textarea nt-answer-text' value={answer} maxlength={500} placeholder='怎么办的、什么时候办好' onInput={(e) => setAnswer(eventValue(e))} />
        </Section>
      ) : null}
      {acting === 'close' ? (
        <Section title='办结'>
          <Input className='cs-input nt-note' value={note} maxlength={100} placeholder='办结说明（可不填）' onInput={(e) => setNote(eventValue(e))} />
        </Section>
      ) : null}
      {acting === 'rate' ? (
        <Section title='您满意吗'>
          <View className='nt-chips'>
            {[1, 2, 3, 4, 5].map((s) => (
              <View key={s} className={`nt-chip nt-star--${s} ${stars === s ? 'nt-chip--on' : ''}`} onClick={() => setStars(s)}>
                {s}星
              </View>
            ))}
          </View>
          <Input className='cs-input nt-comment' value={comment} maxlength={100} placeholder='说两句（可不填）' onInput={(e) => setComment(eventValue(e))} />
        </Section>
      ) : null}
      {acting ? (
        <View className='nt-actions'>
          <BigButton type='default' className='nt-act-cancel' onClick={() => setActing(null)}>
            不办了
          </BigButton>
          <BigButton className='nt-act-confirm' loading={act.submitting} onClick={() => void done(acting)}>
            确定
          </BigButton>
        </View>
      ) : null}
    </Page>
  )
}
