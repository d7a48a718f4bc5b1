/** Attendance per session, member and quarter (on site / remote / leave / absent / caught up); xlsx export. */
import { SESSION_TYPE_LABELS, type StudyReport } from '../../../../types/contract/study.contract'
import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { StudyAttendanceDoc, StudyPairDoc, StudyRelayDoc, StudySessionDoc, StudyThreadDoc } from '../../data/study-records'
import { findAll, iso } from '../../data/repo'
import { db } from '../../runtime/cloud'
import { attended, statusOf } from '../../domain/study'
import { formatCst, periodRange } from '../../domain/china-time'
import { exportXlsx } from '../xlsx'
import { memberNames } from './common'
import { caughtUpOf } from './sessions'

export async function buildReport(villageId: string, quarter: string, now: Date): Promise<StudyReport> {
  const _ = db().command
  const { start, end } = periodRange(quarter)
  // Sessions that have started (future ones have no attendance to report yet).
  const sessions = (await findAll<StudySessionDoc>(COLLECTIONS.studySessions, { villageId, startsAt: _.and(_.gte(start), _.lt(end)) }))
    .filter((s) => new Date(s.startsAt) <= now)
    .sort((a, b) => new Date(a.startsAt).getTime() - new Date(b.startsAt).getTime())
  const ids = sessions.map((s) => s._id)
  const [atts, relays, threads, pairs] = ids.length
    ? await Promise.all([
        findAll<StudyAttendanceDoc>(COLLECTIONS.studyAttendance, { sessionId: _.in(ids) }),
        findAll<StudyRelayDoc>(COLLECTIONS.studyRelays, { sessionId: _.in(ids) }),
        findAll<StudyThreadDoc>(COLLECTIONS.studyThreads, { sessionId: _.in(ids) }),
        findAll<StudyPairDoc>(COLLECTIONS.studyPairs, { villageId, kind: 'mobile', active: true })
      ])
    : [[], [], [], []]
  const memberIds = [...new Set(sessions.flatMap((s) => s.expectedIds))]
  const names = await memberNames([...memberIds, ...pairs.map((p) => p.buddyId)])
  const att = new Map(atts.map((a) => [a._id, a]))
  const buddyOf = new Map(pairs.map((p) => [p.memberId, p.buddyId]))
  const sessionRows: StudyReport['sessions'] = []
  const memberRows = new Map<string, StudyReport['members'][number]>()
  const notCaughtUp: StudyReport['notCaughtUp'] = []
  const totals = { sessions: 0, expected: 0, onsite: 0, remote: 0, leave: 0, absent: 0, caughtUp: 0 }
  for (const s of sessions) {
    const row = { sessionId: s._id, title: s.title, typeLabel: SESSION_TYPE_LABELS[s.type], startsAt: iso(s.startsAt), cancelled: s.cancelled, expected: 0, onsite: 0, remote: 0, leave: 0, absent: 0, caughtUp: 0 }
    sessionRows.push(row)
    if (s.cancelled) continue
    totals.sessions++
    const ended = new Date(s.endsAt) <= now
    for (const m of s.expectedIds) {
      const status = statusOf(att.get(`${s._id}:${m}`))
      const mobile = s.mobileIds.includes(m)
      const mr = memberRows.get(m) ?? { memberId: m, name: names.get(m) ?? '', mobile, expected: 0, onsite: 0, remote: 0, leave: 0, absent: 0, caughtUp: 0 }
      memberRows.set(m, mr)
      row.expected++
      mr.expected++
      const bucket = status === 'onsite' ? 'onsite' : status === 'remote' ? 'remote' : status === 'leave' ? 'leave' : 'absent'
      row[bucket]++
      mr[bucket]++
      totals[bucket]++
      totals.expected++
      if (mobile && !attended(status)) {
        const items = relays.filter((r) => r.sessionId === s._id && r.memberId === m)
        const t = threads.find((x) => x.sessionId === s._id && x.memberId === m)
        if (caughtUpOf(false, items, t)) {
          row.caughtUp++
          mr.caughtUp++
          totals.caughtUp++
        } else if (ended) {
          const buddy = buddyOf.get(m)
          const last = items.reduce<Date | null>((acc, r) => (!acc || new Date(r.at) > acc ? new Date(r.at) : acc), null)
          notCaughtUp.push({ sessionId: s._id, sessionTitle: s.title, memberId: m, name: names.get(m) ?? '', buddyName: buddy ? names.get(buddy) ?? null : null, read: !!t?.readAt && !!last && new Date(t.readAt) >= last, noted: !!t?.note })
        }
      }
    }
  }
  return { villageId, quarter, sessions: sessionRows, members: [...memberRows.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh')), totals, notCaughtUp }
}

export async function report(input: { villageId: string; quarter: string }, ctx: Ctx) {
  return buildReport(input.villageId, input.quarter, ctx.now)
}

export async function exportReport(input: { villageId: string; quarter: string }, ctx: Ctx) {
  const r = await buildReport(input.villageId, input.quarter, ctx.now)
  const file = await exportXlsx(ctx, `学习统计-${input.quarter}-${formatCst(ctx.now, 'YYYYMMDDHHmm')}`, [
    {
      name: '按会议',
      columns: [
        { header: '会议', key: 'title', width: 24 },
        { header: '类型', key: 'typeLabel' },
        { header: '时间', key: 'at', width: 18 },
        { header: '应到', key: 'expected' },
        { header: '现场', key: 'onsite' },
        { header: '远程', key: 'remote' },
        { header: '请假', key: 'leave' },
        { header: '未参加', key: 'absent' },
        { header: '已补学', key: 'caughtUp' },
        { header: '备注', key: 'note' }
      ],
      rows: r.sessions.map((s) => ({ ...s, at: formatCst(new Date(s.startsAt)), note: s.cancelled ? '已取消' : '' }))
    },
    {
      name: '按党员',
      columns: [
        { header: '姓名', key: 'name' },
        { header: '流动党员', key: 'mobileText' },
        { header: '应参加', key: 'expected' },
        { header: '现场', key: 'onsite' },
        { header: '远程', key: 'remote' },
        { header: '请假', key: 'leave' },
        { header: '未参加', key: 'absent' },
        { header: '已补学', key: 'caughtUp' }
      ],
      rows: r.members.map((m) => ({ ...m, mobileText: m.mobile ? '是' : '' }))
    },
    {
      name: '未补学',
      columns: [
        { header: '会议', key: 'sessionTitle', width: 24 },
        { header: '党员', key: 'name' },
        { header: '结对党员', key: 'buddyName' },
        { header: '已读传达', key: 'readText' },
        { header: '已写心得', key: 'notedText' }
      ],
      rows: r.notCaughtUp.map((n) => ({ ...n, buddyName: n.buddyName ?? '未结对', readText: n.read ? '是' : '否', notedText: n.noted ? '是' : '否' }))
    }
  ])
  return { ...file, rows: r.sessions.length + r.members.length + r.notCaughtUp.length }
}
