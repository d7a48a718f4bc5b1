import Taro from '@tarojs/taro'
import { Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import type { AttendeeRow, SessionDetail } from '../../../../types/contract'
import { BigButton } from '@/components/big-button'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { useMutation, useQuery, useReloadOnShow } from '@/hooks/use-call'
import { useMe } from '@/hooks/use-me'
import { useParam } from '@/hooks/use-param'
import { call, newRequestId } from '@/services/call'
import { isH5 } from '@/utils/env'
import { PHASE_LABELS, REMIND_TEMPLATE_ID, STUDY_PAGES, cnTime, copyLink, go, openTencentMeeting, toast } from '../../shared'
import '../../study.scss'
import { eventValue } from '@/utils/form'

function Attendees({ s, onChanged }: { s: SessionDetail; onChanged: () => void }) {
  const rows = useQuery(() => call('study', 'attendance', { sessionId: s.id }), [s.id])
  const act = useMutation(async (r: AttendeeRow, what: 'confirm' | 'approve' | 'refuse') => {
    if (what === 'confirm') await call('study', 'confirmRemote', { sessionId: s.id, memberId: r.memberId })
    else await call('study', 'decideLeave', { sessionId: s.id, memberId: r.memberId, approve: what === 'approve' })
    await rows.reload()
    onChanged()
  })
  return (
    <Section title={`参会情况（应到 ${s.expected} 人）`} className='study-attendees'>
      {rows.loading && !rows.data ? <LoadingView /> : null}
      {rows.error ? <ErrorView error={rows.error} onRetry={() => void rows.reload()} /> : null}
      {(rows.data ?? []).map((r) => (
        <View key={r.memberId} className='study-row study-attendee'>
          <View className='study-row__main'>
            <View className='study-row__title'>
              {r.name}
              {r.mobile ? <View className='study-tag--muted'>流动</View> : null}
            </View>
            <View className='study-row__desc'>
              {r.statusLabel}
              {r.reason ? `（${r.reason}）` : ''}
              {r.proxyByName ? ` · ${r.proxyByName}代办` : ''}
              {r.mobile ? ` · 结对：${r.buddyName ?? '未结对'}${r.caughtUp ? ' · 已补学' : ''}` : ''}
            </View>
          </View>
          {r.status === 'remote_pending' ? (
            <BigButton size='small' className='study-confirm-remote' loading={act.submitting} onClick={() => void act.run(r, 'confirm')}>
              确认远程
            </BigButton>
          ) : null}
          {r.status === 'leave_pending' ? (
            <View>
              <BigButton size='small' className='study-approve-leave' loading={act.submitting} onClick={() => void act.run(r, 'approve')}>
                准假
              </BigButton>
              <BigButton size='small' type='default' className='study-refuse-leave' loading={act.submitting} onClick={() => void act.run(r, 'refuse')}>
                不准
              </BigButton>
            </View>
          ) : null}
        </View>
      ))}
    </Section>
  )
}

/** One session: details, materials, my check-in / remote join / leave / reminder; organiser and buddy tools. */
export default function SessionPage() {
  const id = useParam('id')
  const me = useMe()
  const gridWorker = (me.data?.roles ?? []).some((r) => r.role === 'grid_worker')
  const q = useQuery(() => call('study', 'getSession', { sessionId: id }), [id], Boolean(id))
  useReloadOnShow(q.reload, Boolean(id))
  const [reason, setReason] = useState('')
  const [cancelReason, setCancelReason] = useState('')
  const [ids] = useState(() => ({ leave: newRequestId(), cancel: newRequestId(), remind: newRequestId(), join: newRequestId() }))
  const leave = useMutation(async () => {
    await call('study', 'requestLeave', { sessionId: id, reason }, { requestId: ids.leave })
    toast('请假已提交', 'success')
    await q.reload()
  })
  const cancel = useMutation(async () => {
    await call('study', 'cancelSession', { sessionId: id, reason: cancelReason }, { requestId: ids.cancel })
    await q.reload()
  })
  const remind = useMutation(async () => {
    if (!isH5()) {
      const res = (await Taro.requestSubscribeMessage({ tmplIds: [REMIND_TEMPLATE_ID], entityIds: [] } as never)) as unknown as Record<string, string>
      if (res[REMIND_TEMPLATE_ID] !== 'accept') {
        toast('没有允许消息提醒')
        return
      }
    }
    await call('study', 'remindMe', { sessionId: id, templateId: REMIND_TEMPLATE_ID }, { requestId: ids.remind })
    toast('会前30分钟提醒您', 'success')
    await q.reload()
  })
  const join = useMutation(async () => call('study', 'joinRemote', { sessionId: id }, { requestId: ids.join }))
  const confirmBuddy = useMutation(async (memberId: string) => {
    await call('study', 'confirmRemote', { sessionId: id, memberId })
    toast('已确认远程参加', 'success')
    await q.reload()
  })

  if (!id) return <Page className='study-session'><EmptyState text='没有指定会议' /></Page>
  const s = q.data
  if (!s) {
    return (
      <Page className='study-session'>
        {q.loading ? <LoadingView /> : null}
        {q.error ? <ErrorView error={q.error} onRetry={() => void q.reload()} /> : null}
      </Page>
    )
  }
  const running = s.phase === 'running'
  const live = s.phase === 'upcoming' || running
  const tapJoin = () => {
    // Open the meeting first, straight from the tap (WeChat requires it); record the remote join beside it.
    if (s.meeting?.kind === 'tencent' && s.meeting.code) openTencentMeeting(s.meeting.code, s.meeting.password)
    else if (s.meeting?.url) copyLink(s.meeting.url)
    void join.run().then(() => q.reload())
  }
  const checkinWhy = !s.expectedMe ? '您不在这次会议的名单里' : s.cancelled ? '会议已取消' : s.mine ? `您已${s.mine.statusLabel}` : !running ? '会前30分钟才能签到' : ''
  return (
    <Page className='study-session'>
      {s.cancelled ? <View className='study-warn'>这次会议已取消：{s.cancelReason}</View> : null}
      {!s.cancelled && s.changeNote ? <View className='study-warn study-change-note'>会议有变更：{s.changeNote}</View> : null}
      <Section title={s.title}>
        <View className='study-text'>
          {s.typeLabel} · {s.orgName} · {PHASE_LABELS[s.phase]}
        </View>
        <View className='study-text'>时间：{cnTime(s.startsAt)} 至 {cnTime(s.endsAt).slice(11)}</View>
        {s.place ? <View className='study-text'>地点：{s.place}</View> : null}
        {s.agenda ? <View className='study-text study-agenda'>议程：{s.agenda}</View> : null}
        {s.meeting ? <View className='study-text'>线上会议：{s.meeting.kind === 'tencent' ? `腾讯会议 ${s.meeting.code}${s.meeting.password ? `（密码 ${s.meeting.password}）` : ''}` : s.meeting.url}</View> : null}
      </Section>

      {s.expectedMe ? (
        <Section title='我的参会' className='study-mine'>
          {s.mine ? <View className='study-result study-my-status'>{s.mine.statusLabel}{s.mine.decisionNote ? `（${s.mine.decisionNote}）` : ''}</View> : null}
          <BigButton className='study-go-checkin' disabled={Boolean(checkinWhy)} reason={checkinWhy || undefined} onClick={() => go(`${STUDY_PAGES.checkin}?id=${s.id}`)}>
            现场签到
          </BigButton>
          {s.mobileMe && s.meeting && !s.cancelled ? (
            <View>
              <BigButton className='study-join-remote' disabled={!running} reason={!running ? '会前30分钟到会议结束可以加入' : undefined} loading={join.submitting} onClick={tapJoin}>
                加入线上会议（远程参加）
              </BigButton>
              {running ? <View className='study-hint'>加入后由结对党员或组织者确认</View> : null}
            </View>
          ) : null}
          {live && !s.mine && !s.cancelled ? (
            <View className='study-leave'>
              <Textarea className='study-textarea study-leave-reason' value={reason} maxlength={100} placeholder='不能参加，请写请假原因' onInput={(e) => setReason(eventValue(e))} />
              <BigButton type='default' className='study-request-leave' disabled={!reason.trim()} reason={!reason.trim() ? '写了原因才能请假' : undefined} loading={leave.submitting} onClick={() => void leave.run()}>
                请假
              </BigButton>
            </View>
          ) : null}
          {s.phase === 'upcoming' ? (
            <View>
              <BigButton type='plain' className='study-remind' disabled={s.reminded} reason={s.reminded ? '已经设置过提醒，会前30分钟会收到微信消息' : undefined} loading={remind.submitting} onClick={() => void remind.run()}>
                {s.reminded ? '已设置会前提醒' : '会前提醒我'}
              </BigButton>
            </View>
          ) : null}
          {s.mobileMe && !live ? (
            <BigButton type='default' className='study-my-thread' onClick={() => go(`${STUDY_PAGES.thread}?sessionId=${s.id}`)}>
              看会议传达、写心得
            </BigButton>
          ) : null}
        </Section>
      ) : null}

      {gridWorker && running && !s.cancelled ? (
        <Section title='网格员代办'>
          <BigButton type='default' className='study-proxy-checkin' onClick={() => go(`${STUDY_PAGES.checkin}?id=${s.id}&proxy=1`)}>
            为没有手机的党员代办签到
          </BigButton>
        </Section>
      ) : null}

      {s.materials.length ? (
        <Section title='学习资料'>
          {s.materials.map((m) => (
            <View key={m.id} className='study-row' onClick={() => go(`${STUDY_PAGES.materials}?id=${m.id}`)}>
              <View className='study-row__main'>
                <View className='study-row__title'>{m.title}</View>
                <View className='study-row__desc'>{m.category}</View>
              </View>
            </View>
          ))}
        </Section>
      ) : null}

      {s.myMobiles.length ? (
        <Section title='我结对的流动党员' className='study-my-mobiles'>
          {s.myMobiles.map((m) => (
            <View key={m.memberId} className='study-row'>
              <View className='study-row__main study-relay-target' onClick={() => go(`${STUDY_PAGES.thread}?sessionId=${s.id}&memberId=${m.memberId}`)}>
                <View className='study-row__title'>传达给 {m.name}</View>
                <View className='study-row__desc'>
                  {m.statusLabel} · 已传达 {m.items} 条{m.items ? (m.readAll ? ' · 已读' : ' · 未读') : ''}{m.noted ? ' · 已写心得' : ''}
                </View>
              </View>
              {m.status === 'remote_pending' ? (
                <BigButton size='small' className='study-buddy-confirm' loading={confirmBuddy.submitting} onClick={() => void confirmBuddy.run(m.memberId)}>
                  确认远程
                </BigButton>
              ) : null}
            </View>
          ))}
        </Section>
      ) : null}

      {s.organiser ? (
        <View>
          <Section title='组织者'>
            <BigButton className='study-show-code' disabled={!running} reason={!running ? (s.cancelled ? '会议已取消' : '会前30分钟到会议结束才能显示签到码') : undefined} onClick={() => go(`${STUDY_PAGES.code}?id=${s.id}`)}>
              显示签到码
            </BigButton>
            <BigButton
              type='default'
              className='study-edit'
              disabled={!live || s.cancelled}
              reason={s.cancelled ? '会议已取消，不能再修改' : !live ? '会议已结束，不能再修改' : undefined}
              onClick={() => go(`${STUDY_PAGES.edit}?id=${s.id}`)}
            >
              修改会议
            </BigButton>
            {live && !s.cancelled ? (
              <View>
                <Textarea className='study-textarea study-cancel-reason' value={cancelReason} maxlength={100} placeholder='取消原因（参会党员会看到）' onInput={(e) => setCancelReason(eventValue(e))} />
                <BigButton type='danger' className='study-cancel' disabled={!cancelReason.trim()} reason={!cancelReason.trim() ? '写了取消原因才能取消' : undefined} loading={cancel.submitting} onClick={() => void cancel.run()}>
                  取消会议
                </BigButton>
              </View>
            ) : null}
          </Section>
          <Attendees s={s} onChanged={() => void q.reload()} />
        </View>
      ) : null}
    </Page>
  )
}
