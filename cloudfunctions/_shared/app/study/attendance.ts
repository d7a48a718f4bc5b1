/**
 * Attendance: on-site check-in with the rotating code (or a grid worker's attributed 代办), remote join by 流动党员
 * confirmed by their buddy or the organiser, and leave. One record per (session, member), so check-in and leave
 * exclude each other by its unique id, and 100 members checking in at once are each recorded once.
 */
import { ATTENDANCE_STATUS_LABELS, type AttendeeRow } from '../../../../types/contract/study.contract'
import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { MemberDoc } from '../../data/records'
import type { StudyAttendanceDoc, StudyPairDoc, StudyRelayDoc, StudySessionDoc, StudyThreadDoc } from '../../data/study-records'
import { findAll, getById, getByIds } from '../../data/repo'
import { requireRoleOver, resolveTarget } from '../../runtime/access'
import { AppError } from '../../runtime/app-error'
import { db } from '../../runtime/cloud'
import { isDuplicate } from '../../runtime/tx'
import { verifyCode } from '../../domain/checkin-code'
import { attended, checkinOpen, statusOf } from '../../domain/study'
import { activePair, attendanceId, attendanceView, isOrganiser, memberNames, requireOpen, scopedSession, threadId } from './common'
import { caughtUpOf } from './sessions'
import { checkText } from '../content-check'

/** Grid workers may check in (代办) members who have no phone of their own. */
const PROXY_ROLES = ['grid_worker'] as const

function conflictError(existing: StudyAttendanceDoc, wanted: 'onsite' | 'remote' | 'leave'): AppError {
  if (existing.kind === 'leave') return new AppError('STUDY.ON_LEAVE', undefined, wanted === 'leave' ? '已经请过假了' : undefined)
  return new AppError(wanted === 'leave' ? 'STUDY.ALREADY_ATTENDED' : 'STUDY.ALREADY_CHECKED_IN')
}

/**
 * Writes the member's attendance record. A refused leave gives way to a check-in (conditional update on the
 * refused state); anything else already there is a conflict, unless this very request made it (a retry).
 */
async function writeAttendance(doc: StudyAttendanceDoc, ctx: Ctx): Promise<StudyAttendanceDoc> {
  try {
    await db().collection(COLLECTIONS.studyAttendance).add(doc)
    return doc
  } catch (e) {
    if (!isDuplicate(e)) throw e
  }
  const existing = await getById<StudyAttendanceDoc>(COLLECTIONS.studyAttendance, doc._id)
  if (!existing) throw new AppError('SYS.BUSY')
  if (ctx.requestId && existing.requestId === ctx.requestId) return existing
  if (existing.kind === 'leave' && existing.state === 'refused') {
    const { _id, ...rest } = doc
    const res = (await db().collection(COLLECTIONS.studyAttendance).where({ _id, kind: 'leave', state: 'refused' }).update(rest)) as { updated?: number }
    if (res.updated === 1) return doc
    const again = await getById<StudyAttendanceDoc>(COLLECTIONS.studyAttendance, doc._id)
    if (again && ctx.requestId && again.requestId === ctx.requestId) return again
    throw conflictError(again ?? existing, doc.kind)
  }
  throw conflictError(existing, doc.kind)
}

function newRecord(s: StudySessionDoc, memberId: string, kind: StudyAttendanceDoc['kind'], state: StudyAttendanceDoc['state'], ctx: Ctx, extra: Partial<StudyAttendanceDoc> = {}): StudyAttendanceDoc {
  return {
    _id: attendanceId(s._id, memberId),
    sessionId: s._id,
    villageId: s.villageId,
    memberId,
    kind,
    state,
    reason: null,
    decisionNote: null,
    decidedBy: null,
    proxyBy: null,
    requestId: ctx.requestId ?? null,
    at: ctx.now,
    updatedAt: ctx.now,
    ...extra
  }
}

function requireExpected(s: StudySessionDoc, member: MemberDoc): void {
  if (s.expectedIds.includes(member._id)) return
  throw new AppError(member.villageId !== s.villageId ? 'STUDY.FOREIGN_BRANCH' : 'STUDY.NOT_EXPECTED')
}

/** On-site check-in: a valid current code inside the window; once per member. */
export async function checkIn(input: { sessionId: string; code: string; memberId?: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const s = await getById<StudySessionDoc>(COLLECTIONS.studySessions, input.sessionId)
  // A code for a session nobody here can see is as good as a wrong code.
  if (!s) throw new AppError('STUDY.CODE_INVALID')
  let member: MemberDoc = caller.member
  let proxyBy: string | null = null
  if (input.memberId && input.memberId !== caller.memberId) {
    const t = await resolveTarget('member', input.memberId)
    requireRoleOver(caller, PROXY_ROLES, t, '只有负责这一户的网格员可以代办签到')
    member = t.doc as MemberDoc
    if (member.openid && member.phone) throw new AppError('STUDY.PROXY_NOT_ALLOWED', undefined, `${member.name}有自己的手机，请他本人签到`)
    proxyBy = caller.memberId
  }
  if (s.cancelled) throw new AppError('STUDY.CANCELLED', undefined, `这次会议已经取消了：${s.cancelReason ?? ''}`)
  requireExpected(s, member)
  const valid = checkinOpen(s, ctx.now) ? verifyCode(s.secret, input.code, ctx.now, s.rotateSeconds) : null
  if (!valid) {
    // An earlier attempt of this very request may have landed before the code rotated.
    const prior = await getById<StudyAttendanceDoc>(COLLECTIONS.studyAttendance, attendanceId(s._id, member._id))
    if (prior && ctx.requestId && prior.requestId === ctx.requestId) return { ...attendanceView(prior), sessionId: s._id, memberId: member._id, memberName: member.name }
    throw new AppError(valid === null ? 'STUDY.OUTSIDE_WINDOW' : 'STUDY.CODE_INVALID')
  }
  const saved = await writeAttendance(newRecord(s, member._id, 'onsite', 'done', ctx, { proxyBy }), ctx)
  return { ...attendanceView(saved, new Map([[caller.memberId, caller.member.name]])), sessionId: s._id, memberId: member._id, memberName: member.name }
}

/** Members a grid worker may check in for: expected, without a phone of their own, in a grid the worker covers. */
export async function proxyCandidates(input: { sessionId: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const s = await getById<StudySessionDoc>(COLLECTIONS.studySessions, input.sessionId)
  if (!s) throw new AppError('STUDY.SESSION_NOT_FOUND')
  const grids = new Set(caller.grants.filter((g) => PROXY_ROLES.includes(g.role as 'grid_worker')).map((g) => g.orgId))
  const members = [...(await getByIds<MemberDoc>(COLLECTIONS.members, s.expectedIds)).values()].filter((m) => !(m.openid && m.phone) && m.orgPath.some((o) => grids.has(o)))
  if (!members.length) return []
  const [atts, households] = await Promise.all([
    getByIds<StudyAttendanceDoc>(COLLECTIONS.studyAttendance, members.map((m) => attendanceId(s._id, m._id))),
    getByIds<{ _id: string; headName: string | null; code: string }>(COLLECTIONS.households, members.map((m) => m.householdId ?? ''))
  ])
  return members.map((m) => {
    const status = statusOf(atts.get(attendanceId(s._id, m._id)))
    const h = m.householdId ? households.get(m.householdId) : undefined
    return { memberId: m._id, name: m.name, householdName: h ? `${h.headName ?? ''}家（${h.code}）` : '', status, statusLabel: ATTENDANCE_STATUS_LABELS[status] }
  })
}

/** A 流动党员 joins the online meeting from the app inside the window: recorded as remote, to be confirmed. */
export async function joinRemote(_input: { sessionId: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const s = scopedSession(ctx)
  requireOpen(s)
  requireExpected(s, caller.member)
  if (caller.member.partyStatus !== 'mobile') throw new AppError('STUDY.NOT_MOBILE')
  if (!s.meeting) throw new AppError('STUDY.NO_MEETING')
  const existing = await getById<StudyAttendanceDoc>(COLLECTIONS.studyAttendance, attendanceId(s._id, caller.memberId))
  // Joining again (the meeting dropped) just reopens it.
  if (existing?.kind === 'remote') return { attendance: attendanceView(existing), meeting: s.meeting }
  if (!checkinOpen(s, ctx.now)) throw new AppError('STUDY.OUTSIDE_WINDOW')
  const saved = await writeAttendance(newRecord(s, caller.memberId, 'remote', 'pending', ctx), ctx)
  return { attendance: attendanceView(saved), meeting: s.meeting }
}

async function rowFor(s: StudySessionDoc, memberId: string): Promise<AttendeeRow> {
  const [a, member, pair, relays, thread] = await Promise.all([
    getById<StudyAttendanceDoc>(COLLECTIONS.studyAttendance, attendanceId(s._id, memberId)),
    getById<MemberDoc>(COLLECTIONS.members, memberId),
    activePair(memberId),
    findAll<StudyRelayDoc>(COLLECTIONS.studyRelays, { threadId: threadId(s._id, memberId) }),
    getById<StudyThreadDoc>(COLLECTIONS.studyThreads, threadId(s._id, memberId))
  ])
  const names = await memberNames([a?.proxyBy ?? '', pair?.buddyId ?? ''].filter(Boolean))
  const status = statusOf(a)
  return {
    memberId,
    name: member?.name ?? '',
    mobile: s.mobileIds.includes(memberId),
    status,
    statusLabel: ATTENDANCE_STATUS_LABELS[status],
    reason: a?.reason ?? null,
    proxyByName: a?.proxyBy ? names.get(a.proxyBy) ?? null : null,
    buddyName: pair ? names.get(pair.buddyId) ?? null : null,
    caughtUp: caughtUpOf(attended(status), relays, thread)
  }
}

/** The buddy of record or an organiser confirms a remote attendance. */
export async function confirmRemote(input: { sessionId: string; memberId: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const s = scopedSession(ctx)
  const pair = await activePair(input.memberId)
  if (!isOrganiser(caller, s) && pair?.buddyId !== caller.memberId) throw new AppError('AUTH.FORBIDDEN', undefined, '只有他的结对党员或会议组织者可以确认')
  const a = await getById<StudyAttendanceDoc>(COLLECTIONS.studyAttendance, attendanceId(s._id, input.memberId))
  if (!a || a.kind !== 'remote') throw new AppError('STUDY.NOTHING_PENDING')
  if (a.state === 'pending') {
    await db().collection(COLLECTIONS.studyAttendance).where({ _id: a._id, kind: 'remote', state: 'pending' }).update({ state: 'confirmed', decidedBy: caller.memberId, updatedAt: ctx.now })
  }
  return rowFor(s, input.memberId)
}

export async function requestLeave(input: { sessionId: string; reason: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const s = scopedSession(ctx)
  requireOpen(s)
  requireExpected(s, caller.member)
  if (!ctx.replay && ctx.now > new Date(s.endsAt)) throw new AppError('STUDY.ENDED', undefined, '会议已经结束，不能再请假')
  await checkText(ctx, input.reason)
  const doc = newRecord(s, caller.memberId, 'leave', 'pending', ctx, { reason: input.reason })
  try {
    await db().collection(COLLECTIONS.studyAttendance).add(doc)
    return attendanceView(doc)
  } catch (e) {
    if (!isDuplicate(e)) throw e
  }
  const existing = await getById<StudyAttendanceDoc>(COLLECTIONS.studyAttendance, doc._id)
  if (!existing) throw new AppError('SYS.BUSY')
  if (ctx.requestId && existing.requestId === ctx.requestId) return attendanceView(existing)
  // A refused leave may be asked again with a new reason.
  if (existing.kind === 'leave' && existing.state === 'refused') {
    const { _id, ...rest } = doc
    const res = (await db().collection(COLLECTIONS.studyAttendance).where({ _id, kind: 'leave', state: 'refused' }).update(rest)) as { updated?: number }
    if (res.updated === 1) return attendanceView(doc)
  }
  throw conflictError(existing, 'leave')
}

export async function decideLeave(input: { sessionId: string; memberId: string; approve: boolean; note: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const s = scopedSession(ctx)
  if (input.memberId === caller.memberId) throw new AppError('AUTH.FORBIDDEN', undefined, '不能批自己的请假，请其他组织者办理')
  const a = await getById<StudyAttendanceDoc>(COLLECTIONS.studyAttendance, attendanceId(s._id, input.memberId))
  if (!a || a.kind !== 'leave') throw new AppError('STUDY.NOTHING_PENDING')
  if (a.state === 'pending') {
    const res = (await db()
      .collection(COLLECTIONS.studyAttendance)
      .where({ _id: a._id, kind: 'leave', state: 'pending' })
      .update({ state: input.approve ? 'approved' : 'refused', decisionNote: input.note || null, decidedBy: caller.memberId, updatedAt: ctx.now })) as { updated?: number }
    if (res.updated !== 1) throw new AppError('STUDY.NOTHING_PENDING')
  } else if (a.decidedBy !== caller.memberId || (a.state === 'approved') !== input.approve) {
    throw new AppError('STUDY.NOTHING_PENDING', undefined, '这条请假已经处理过了')
  }
  return rowFor(s, input.memberId)
}

/** Every expected member with their status, buddy and catch-up (the organiser's list). */
export async function attendanceList(_input: { sessionId: string }, ctx: Ctx) {
  const s = scopedSession(ctx)
  return attendeeRows(s)
}

export async function attendeeRows(s: StudySessionDoc): Promise<AttendeeRow[]> {
  const _ = db().command
  const [all, members, pairs, relays, threads] = await Promise.all([
    findAll<StudyAttendanceDoc>(COLLECTIONS.studyAttendance, { sessionId: s._id }),
    getByIds<MemberDoc>(COLLECTIONS.members, s.expectedIds),
    s.mobileIds.length ? findAll<StudyPairDoc>(COLLECTIONS.studyPairs, { memberId: _.in(s.mobileIds), kind: 'mobile', active: true }) : Promise.resolve([]),
    findAll<StudyRelayDoc>(COLLECTIONS.studyRelays, { sessionId: s._id }),
    findAll<StudyThreadDoc>(COLLECTIONS.studyThreads, { sessionId: s._id })
  ])
  const byMember = new Map(all.map((a) => [a.memberId, a]))
  const pairOf = new Map(pairs.map((p) => [p.memberId, p]))
  const names = await memberNames([...all.map((a) => a.proxyBy ?? ''), ...pairs.map((p) => p.buddyId)].filter(Boolean))
  return s.expectedIds.map((id) => {
    const a = byMember.get(id)
    const status = statusOf(a)
    const buddy = pairOf.get(id)?.buddyId
    return {
      memberId: id,
      name: members.get(id)?.name ?? '',
      mobile: s.mobileIds.includes(id),
      status,
      statusLabel: ATTENDANCE_STATUS_LABELS[status],
      reason: a?.reason ?? null,
      proxyByName: a?.proxyBy ? names.get(a.proxyBy) ?? null : null,
      buddyName: buddy ? names.get(buddy) ?? null : null,
      caughtUp: caughtUpOf(attended(status), relays.filter((r) => r.memberId === id), threads.find((t) => t.memberId === id))
    }
  })
}
