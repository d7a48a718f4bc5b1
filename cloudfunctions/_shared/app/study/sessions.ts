/** Scheduling, changing and cancelling sessions; the lists, the detail and the organiser's rotating code. */
import { randomBytes } from 'crypto'
import QRCode from 'qrcode'
import { ATTENDANCE_STATUS_LABELS, type MeetingInput, type SessionDetail } from '../../../../types/contract/study.contract'
import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { MemberDoc, OrgNodeDoc } from '../../data/records'
import type { StudyAttendanceDoc, StudyPairDoc, StudyRelayDoc, StudySessionDoc, StudyThreadDoc } from '../../data/study-records'
import { count, findAll, findPage, getById, getByIds } from '../../data/repo'
import { AppError } from '../../runtime/app-error'
import type { Caller } from '../../runtime/caller'
import { db } from '../../runtime/cloud'
import { txGet } from '../../runtime/tx'
import { codeFor, slotEnds, slotOf } from '../../domain/checkin-code'
import { caughtUp, checkinOpen, REMIND_BEFORE_MS, statusOf, STUDY_ROTATE_SECONDS } from '../../domain/study'
import { checkText } from '../content-check'
import { attendanceId, isOrganiser, materialView, materialsOf, myAttendance, requireOpen, scopedSession, summaryOf, threadId } from './common'

export const STUDY_QR_PREFIX = 'cunshe:study:'

interface SessionInput {
  type: StudySessionDoc['type']
  title: string
  startsAt: string
  endsAt: string
  place: string
  meeting: MeetingInput | null
  agenda: string
  materialIds: string[]
}

function checkTimes(input: SessionInput): void {
  const start = new Date(input.startsAt)
  const end = new Date(input.endsAt)
  if (end.getTime() - start.getTime() > 24 * 3600000) throw new AppError('INPUT.INVALID', undefined, '一次会议最长24小时')
}

function meetingDoc(m: MeetingInput | null): StudySessionDoc['meeting'] {
  if (!m) return null
  return m.kind === 'tencent' ? { kind: 'tencent', code: m.code ?? null, password: m.password || null, url: null } : { kind: 'link', code: null, password: null, url: m.url ?? null }
}

/** Party members the audience names, with the mobile ones among them. */
async function resolveAudience(org: OrgNodeDoc, audience: { kind: 'branch' | 'group' | 'list'; memberIds: string[] }) {
  const villageId = org.villageId
  if (!villageId) throw new AppError('ORG.NOT_FOUND')
  let members: MemberDoc[]
  if (audience.kind === 'list') {
    if (!audience.memberIds.length) throw new AppError('INPUT.INVALID', undefined, '请选择参会党员')
    const docs = await getByIds<MemberDoc>(COLLECTIONS.members, audience.memberIds)
    members = audience.memberIds.map((id) => docs.get(id)).filter((m): m is MemberDoc => !!m && !m.removed && m.villageId === villageId && m.personClass === 'party')
    if (members.length !== new Set(audience.memberIds).size) throw new AppError('INPUT.INVALID', undefined, '参会名单里有不是本支部党员的人')
  } else {
    const all = await findAll<MemberDoc>(COLLECTIONS.members, { villageId, personClass: 'party', removed: false })
    if (audience.kind === 'group') {
      if (org.kind !== 'party_group') throw new AppError('INPUT.INVALID', undefined, '按党小组通知时，请选择党小组')
      members = all.filter((m) => m.partyGroupId === org._id)
    } else {
      const branchId = org.kind === 'branch' ? org._id : org.parentId
      members = all.filter((m) => m.branchId === branchId)
    }
  }
  return { expectedIds: members.map((m) => m._id), mobileIds: members.filter((m) => m.partyStatus === 'mobile').map((m) => m._id) }
}

/** The fields an organiser sets when scheduling and may change later. */
function editable(input: SessionInput) {
  return {
    type: input.type,
    title: input.title,
    startsAt: new Date(input.startsAt),
    endsAt: new Date(input.endsAt),
    place: input.place,
    meeting: meetingDoc(input.meeting),
    agenda: input.agenda,
    materialIds: input.materialIds
  }
}

async function checkMaterials(ids: string[], villageId: string): Promise<void> {
  const found = await materialsOf(ids)
  if (found.length !== new Set(ids).size || found.some((m) => m.villageId !== villageId)) throw new AppError('STUDY.MATERIAL_NOT_FOUND')
}

export async function scheduleSession(input: SessionInput & { orgId: string; audience: { kind: 'branch' | 'group' | 'list'; memberIds: string[] } }, ctx: Ctx) {
  const caller = await ctx.caller()
  const org = ctx.access.targets[0].doc as OrgNodeDoc
  if (org.kind !== 'branch' && org.kind !== 'party_group') throw new AppError('INPUT.INVALID', undefined, '请选择党支部或党小组')
  checkTimes(input)
  await checkText(ctx, `${input.title}\n${input.place}\n${input.agenda}`)
  await checkMaterials(input.materialIds, org.villageId ?? '')
  const audience = await resolveAudience(org, input.audience)
  const id = ctx.stableId('ss_')
  const doc: StudySessionDoc = {
    _id: id,
    villageId: org.villageId as string,
    orgId: org._id,
    orgName: org.name,
    orgPath: [...org.path, org._id],
    ...editable(input),
    audienceKind: input.audience.kind,
    ...audience,
    secret: randomBytes(16).toString('hex'),
    rotateSeconds: STUDY_ROTATE_SECONDS,
    cancelled: false,
    cancelReason: null,
    changeNote: null,
    createdBy: caller.memberId,
    createdAt: ctx.now,
    updatedAt: ctx.now
  }
  const saved = await ctx.tx(async (tx) => {
    await tx.collection(COLLECTIONS.studySessions).add(doc)
    return doc
  })
  return detailOf(await reload(saved._id), caller, ctx)
}

async function reload(id: string): Promise<StudySessionDoc> {
  const s = await getById<StudySessionDoc>(COLLECTIONS.studySessions, id)
  if (!s) throw new AppError('STUDY.SESSION_NOT_FOUND')
  return s
}

export async function updateSession(input: SessionInput & { sessionId: string; changeNote: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const s = scopedSession(ctx)
  if (!ctx.replay) {
    requireOpen(s)
    if (ctx.now > new Date(s.endsAt)) throw new AppError('STUDY.ENDED')
  }
  checkTimes(input)
  await checkText(ctx, `${input.title}\n${input.place}\n${input.agenda}\n${input.changeNote}`)
  await checkMaterials(input.materialIds, s.villageId)
  await ctx.tx(async (tx) => {
    const cur = await txGet<StudySessionDoc>(tx, COLLECTIONS.studySessions, s._id)
    if (!cur || cur.cancelled) throw new AppError('STUDY.CANCELLED')
    await tx.collection(COLLECTIONS.studySessions).doc(s._id).update({
      ...editable(input),
      changeNote: input.changeNote,
      updatedAt: ctx.now
    })
    return null
  })
  // Reminders not yet sent follow the new start.
  await db()
    .collection(COLLECTIONS.studyReminders)
    .where({ sessionId: s._id, sent: false })
    .update({ sendAt: new Date(Math.max(ctx.now.getTime(), new Date(input.startsAt).getTime() - REMIND_BEFORE_MS)) })
  return detailOf(await reload(s._id), caller, ctx)
}

export async function cancelSession(input: { sessionId: string; reason: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const s = scopedSession(ctx)
  if (!ctx.replay && ctx.now > new Date(s.endsAt)) throw new AppError('STUDY.ENDED')
  await checkText(ctx, input.reason)
  await ctx.tx(async (tx) => {
    const cur = await txGet<StudySessionDoc>(tx, COLLECTIONS.studySessions, s._id)
    if (!cur) throw new AppError('STUDY.SESSION_NOT_FOUND')
    if (cur.cancelled) return null
    await tx.collection(COLLECTIONS.studySessions).doc(s._id).update({ cancelled: true, cancelReason: input.reason, updatedAt: ctx.now })
    return null
  })
  return detailOf(await reload(s._id), caller, ctx)
}

export async function listSessions(input: { villageId?: string; when: 'upcoming' | 'past' | 'all' }, ctx: Ctx) {
  const caller = await ctx.caller()
  const villageId = ctx.access.targets[0].villageId as string
  const _ = db().command
  const where: Record<string, unknown> = { villageId }
  if (input.when === 'upcoming') where.endsAt = _.gte(ctx.now)
  if (input.when === 'past') where.endsAt = _.lt(ctx.now)
  const rows = await findPage<StudySessionDoc>(COLLECTIONS.studySessions, where, { orderBy: [['startsAt', input.when === 'upcoming' ? 'asc' : 'desc']], limit: 100 })
  const mine = await myAttendance(rows, caller.memberId)
  return rows.map((s) => summaryOf(s, ctx.now, caller.memberId, mine.get(s._id)))
}

/** Sessions I am expected at that have not ended: the home tab's list. */
export async function mySessions(_input: object, ctx: Ctx) {
  const caller = await ctx.caller()
  const _ = db().command
  const rows = await findPage<StudySessionDoc>(COLLECTIONS.studySessions, { expectedIds: caller.memberId, endsAt: _.gte(ctx.now) }, { orderBy: [['startsAt', 'asc']], limit: 20 })
  const mine = await myAttendance(rows, caller.memberId)
  return rows.map((s) => summaryOf(s, ctx.now, caller.memberId, mine.get(s._id)))
}

export async function getSession(_input: { sessionId: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  return detailOf(scopedSession(ctx), caller, ctx)
}

export async function detailOf(s: StudySessionDoc, caller: Caller, ctx: Ctx): Promise<SessionDetail> {
  const [all, materials, myPairs, reminder] = await Promise.all([
    findAll<StudyAttendanceDoc>(COLLECTIONS.studyAttendance, { sessionId: s._id }),
    materialsOf(s.materialIds),
    findPage<StudyPairDoc>(COLLECTIONS.studyPairs, { buddyId: caller.memberId, kind: 'mobile', active: true }, { limit: 200 }),
    getById<{ _id: string }>(COLLECTIONS.studyReminders, attendanceId(s._id, caller.memberId))
  ])
  const counts = { onsite: 0, remote: 0, remotePending: 0, leave: 0, leavePending: 0 }
  for (const a of all) {
    const st = statusOf(a)
    if (st === 'onsite') counts.onsite++
    else if (st === 'remote') counts.remote++
    else if (st === 'remote_pending') counts.remotePending++
    else if (st === 'leave') counts.leave++
    else if (st === 'leave_pending') counts.leavePending++
  }
  const mine = all.find((a) => a.memberId === caller.memberId)
  const mobiles = myPairs.filter((p) => s.expectedIds.includes(p.memberId))
  let myMobiles: SessionDetail['myMobiles'] = []
  if (mobiles.length) {
    const ids = mobiles.map((p) => p.memberId)
    const [relays, threads, members] = await Promise.all([
      findAll<StudyRelayDoc>(COLLECTIONS.studyRelays, { sessionId: s._id }),
      getByIds<StudyThreadDoc>(COLLECTIONS.studyThreads, ids.map((m) => threadId(s._id, m))),
      getByIds<MemberDoc>(COLLECTIONS.members, ids)
    ])
    myMobiles = ids.map((m) => {
      const items = relays.filter((r) => r.memberId === m)
      const last = items.reduce<Date | null>((acc, r) => (!acc || new Date(r.at) > acc ? new Date(r.at) : acc), null)
      const t = threads.get(threadId(s._id, m))
      const status = statusOf(all.find((a) => a.memberId === m))
      return { memberId: m, name: members.get(m)?.name ?? '', status, statusLabel: ATTENDANCE_STATUS_LABELS[status], items: items.length, readAll: !!t?.readAt && !!last && new Date(t.readAt) >= last, noted: !!t?.note }
    })
  }
  const signedIn = caller.member.partyStatus === 'mobile' && s.mobileIds.includes(caller.memberId)
  return {
    ...summaryOf(s, ctx.now, caller.memberId, mine),
    agenda: s.agenda,
    meeting: s.meeting,
    materials: materials.map((m) => materialView(m)),
    audienceKind: s.audienceKind,
    organiser: isOrganiser(caller, s),
    mobileMe: signedIn,
    counts,
    myMobiles,
    reminded: !!reminder
  }
}

/** The organiser's screen: digits and a QR of the current slot, only inside the check-in window. */
export async function sessionCode(_input: { sessionId: string }, ctx: Ctx) {
  const s = scopedSession(ctx)
  requireOpen(s)
  if (!checkinOpen(s, ctx.now)) throw new AppError('STUDY.OUTSIDE_WINDOW')
  const code = codeFor(s.secret, slotOf(ctx.now, s.rotateSeconds))
  const qr = await QRCode.toDataURL(`${STUDY_QR_PREFIX}${s._id}:${code}`, { margin: 1, width: 360 })
  const _ = db().command
  const checkedIn = await count(COLLECTIONS.studyAttendance, { sessionId: s._id, kind: _.in(['onsite', 'remote']) })
  return { sessionId: s._id, title: s.title, code, qr, validUntil: slotEnds(ctx.now, s.rotateSeconds).toISOString(), checkedIn, expected: s.expectedIds.length }
}

/** Whether the caller is a 流动党员 who missed the session and has caught up (for views). */
export function caughtUpOf(attendedIt: boolean, relays: StudyRelayDoc[], thread: StudyThreadDoc | null | undefined): boolean {
  const last = relays.reduce<Date | null>((acc, r) => (!acc || new Date(r.at) > acc ? new Date(r.at) : acc), null)
  return caughtUp({ attended: attendedIt, items: relays.length, lastItemAt: last, readAt: thread?.readAt ?? null, noted: !!thread?.note })
}

