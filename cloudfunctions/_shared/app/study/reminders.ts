/**
 * Session reminders: the member accepts a one-time subscribe message from a tap (remindMe records it); the
 * scheduler sends it before the start. Each reminder is claimed by a conditional update first, so two timer runs
 * never send it twice.
 */
import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { StudyReminderDoc, StudySessionDoc } from '../../data/study-records'
import { findPage, getByIds, iso } from '../../data/repo'
import { AppError } from '../../runtime/app-error'
import { cloud, db } from '../../runtime/cloud'
import { formatCst } from '../../domain/china-time'
import { REMIND_BEFORE_MS } from '../../domain/study'
import { attendanceId, requireOpen, scopedSession } from './common'

export async function remindMe(input: { sessionId: string; templateId: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const s = scopedSession(ctx)
  requireOpen(s)
  if (!s.expectedIds.includes(caller.memberId)) throw new AppError('STUDY.NOT_EXPECTED')
  if (new Date(s.startsAt) <= ctx.now) throw new AppError('STUDY.OUTSIDE_WINDOW', undefined, '会议已经开始了，不用再提醒')
  const sendAt = new Date(Math.max(ctx.now.getTime(), new Date(s.startsAt).getTime() - REMIND_BEFORE_MS))
  const id = attendanceId(s._id, caller.memberId)
  await ctx.tx(async (tx) => {
    const doc: Omit<StudyReminderDoc, '_id'> = { sessionId: s._id, memberId: caller.memberId, openid: ctx.openid, templateId: input.templateId, sendAt, sent: false, sentAt: null, result: null }
    await tx.collection(COLLECTIONS.studyReminders).doc(id).set(doc)
    return null
  })
  return { sendAt: iso(sendAt) }
}

const cut = (s: string, n: number) => (Array.from(s).length > n ? `${Array.from(s).slice(0, n - 1).join('')}…` : s)

/** Timer work: sends due reminders (at most 100 a run); cancelled or started sessions are skipped. */
export async function sendStudyReminders(now: Date): Promise<{ sent: number; skipped: number; failed: number }> {
  const _ = db().command
  const due = await findPage<StudyReminderDoc>(COLLECTIONS.studyReminders, { sent: false, sendAt: _.lte(now) }, { orderBy: [['sendAt', 'asc']], limit: 100 })
  const sessions = await getByIds<StudySessionDoc>(COLLECTIONS.studySessions, due.map((r) => r.sessionId))
  let sent = 0
  let skipped = 0
  let failed = 0
  for (const r of due) {
    const claim = (await db().collection(COLLECTIONS.studyReminders).where({ _id: r._id, sent: false }).update({ sent: true, sentAt: now })) as { updated?: number }
    if (claim.updated !== 1) continue
    const s = sessions.get(r.sessionId)
    if (!s || s.cancelled || new Date(s.endsAt) <= now) {
      skipped++
      await db().collection(COLLECTIONS.studyReminders).doc(r._id).update({ result: 'skipped' })
      continue
    }
    let result = 'ok'
    try {
      const res = (await cloud().callWxOpenApi({
        apiName: '/cgi-bin/message/subscribe/send',
        requestData: {
          touser: r.openid,
          template_id: r.templateId,
          page: `study/pages/session/index?id=${s._id}`,
          miniprogram_state: 'formal',
          lang: 'zh_CN',
          data: { thing1: { value: cut(s.title, 20) }, time2: { value: formatCst(new Date(s.startsAt)) }, thing3: { value: cut(s.place || '线上会议', 20) } }
        }
      })) as { result?: { errcode?: number } }
      const code = res.result?.errcode ?? 0
      if (code !== 0) result = `errcode ${code}`
    } catch (e) {
      result = `error ${String((e as { message?: unknown })?.message ?? e).slice(0, 80)}`
    }
    if (result === 'ok') sent++
    else failed++
    await db().collection(COLLECTIONS.studyReminders).doc(r._id).update({ result })
  }
  return { sent, skipped, failed }
}
