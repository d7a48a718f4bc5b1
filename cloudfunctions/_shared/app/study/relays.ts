/**
 * The 结对 relay: after a session the buddy of record sends text, photos and voice to each mobile member; the
 * member reads (read receipt) and writes a 心得. One thread per (session, member).
 */
import { SESSION_TYPE_LABELS, type ThreadView } from '../../../../types/contract/study.contract'
import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { MemberDoc } from '../../data/records'
import type { StudyAttendanceDoc, StudyPairDoc, StudyRelayDoc, StudySessionDoc, StudyThreadDoc } from '../../data/study-records'
import { findAll, findPage, getById, getByIds, iso } from '../../data/repo'
import { AppError } from '../../runtime/app-error'
import type { Caller } from '../../runtime/caller'
import { db } from '../../runtime/cloud'
import { isDuplicate, txGet } from '../../runtime/tx'
import { attended, statusOf } from '../../domain/study'
import { tempUrls } from '../files'
import { checkText } from '../content-check'
import { activePair, attendanceId, checkUpload, isOrganiser, memberNames, scopedSession, threadId } from './common'
import { caughtUpOf } from './sessions'

function relayView(r: StudyRelayDoc, names: Map<string, string>, urls: Map<string, string>, readAt: Date | null) {
  return {
    id: r._id,
    kind: r.kind,
    text: r.text,
    fileId: r.fileId,
    fileUrl: r.fileId ? urls.get(r.fileId) ?? null : null,
    durationSec: r.durationSec,
    byId: r.buddyId,
    byName: names.get(r.buddyId) ?? '',
    at: iso(r.at),
    read: !!readAt && new Date(readAt) >= new Date(r.at)
  }
}

export async function sendRelay(input: { sessionId: string; memberId: string; kind: 'text' | 'photo' | 'voice'; text: string; fileId?: string; durationSec?: number }, ctx: Ctx) {
  const caller = await ctx.caller()
  const s = scopedSession(ctx)
  if (!s.expectedIds.includes(input.memberId)) throw new AppError('STUDY.NOT_EXPECTED', undefined, '这位党员不在这次会议的名单里')
  const pair = await activePair(input.memberId)
  if (!pair || pair.buddyId !== caller.memberId) throw new AppError('AUTH.FORBIDDEN', undefined, '只有他的结对党员可以给他传达')
  if (input.text) await checkText(ctx, input.text)
  if (input.fileId && input.kind !== 'text') await checkUpload(input.fileId, input.kind)
  const doc: StudyRelayDoc = {
    _id: ctx.stableId('rl_'),
    threadId: threadId(s._id, input.memberId),
    sessionId: s._id,
    villageId: s.villageId,
    memberId: input.memberId,
    buddyId: caller.memberId,
    pairId: pair._id,
    kind: input.kind,
    text: input.text,
    fileId: input.kind === 'text' ? null : input.fileId ?? null,
    durationSec: input.kind === 'voice' ? input.durationSec ?? null : null,
    at: ctx.now
  }
  let saved = doc
  try {
    await db().collection(COLLECTIONS.studyRelays).add(doc)
  } catch (e) {
    // The same request (same id) landed before: answer with what it stored.
    if (!isDuplicate(e)) throw e
    saved = (await getById<StudyRelayDoc>(COLLECTIONS.studyRelays, doc._id)) ?? doc
  }
  const urls = await tempUrls([saved.fileId])
  return relayView(saved, new Map([[caller.memberId, caller.member.name]]), urls, null)
}

/** Who may open a thread: the member, any buddy who relayed in it or is the buddy now, or an organiser. */
async function canSee(caller: Caller, s: StudySessionDoc, memberId: string, relays: StudyRelayDoc[], pair: StudyPairDoc | null): Promise<boolean> {
  if (caller.memberId === memberId) return true
  if (pair?.buddyId === caller.memberId || relays.some((r) => r.buddyId === caller.memberId)) return true
  return isOrganiser(caller, s)
}

export async function getThread(input: { sessionId: string; memberId?: string }, ctx: Ctx): Promise<ThreadView> {
  const caller = await ctx.caller()
  const s = scopedSession(ctx)
  const memberId = input.memberId ?? caller.memberId
  const [relays, thread, pair, member, att] = await Promise.all([
    findPage<StudyRelayDoc>(COLLECTIONS.studyRelays, { threadId: threadId(s._id, memberId) }, { orderBy: [['at', 'asc']], limit: 500 }),
    getById<StudyThreadDoc>(COLLECTIONS.studyThreads, threadId(s._id, memberId)),
    activePair(memberId),
    getById<MemberDoc>(COLLECTIONS.members, memberId),
    getById<StudyAttendanceDoc>(COLLECTIONS.studyAttendance, attendanceId(s._id, memberId))
  ])
  if (!member || !(await canSee(caller, s, memberId, relays, pair))) throw new AppError('AUTH.FORBIDDEN', undefined, '只有本人、结对党员和会议组织者可以看')
  const names = await memberNames([...relays.map((r) => r.buddyId), pair?.buddyId ?? ''].filter(Boolean))
  const urls = await tempUrls(relays.map((r) => r.fileId))
  const readAt = thread?.readAt ?? null
  const wasThere = attended(statusOf(att))
  return {
    sessionId: s._id,
    sessionTitle: s.title,
    sessionTypeLabel: SESSION_TYPE_LABELS[s.type],
    startsAt: iso(s.startsAt),
    memberId,
    memberName: member.name,
    buddyId: pair?.buddyId ?? null,
    buddyName: pair ? names.get(pair.buddyId) ?? null : null,
    items: relays.map((r) => relayView(r, names, urls, readAt)),
    readAt: readAt ? iso(readAt) : null,
    note: thread?.note ? { text: thread.note.text, at: iso(thread.note.at) } : null,
    caughtUp: caughtUpOf(wasThere, relays, thread),
    attended: wasThere,
    canRelay: pair?.buddyId === caller.memberId && s.expectedIds.includes(memberId),
    isMember: caller.memberId === memberId
  }
}

/** The member's own thread only: the thread id is built from the caller, never from the input. */
async function ownThreadWrite(ctx: Ctx, patch: (cur: StudyThreadDoc) => StudyThreadDoc) {
  const caller = await ctx.caller()
  const s = scopedSession(ctx)
  if (!s.expectedIds.includes(caller.memberId)) throw new AppError('STUDY.NOT_EXPECTED')
  if (caller.member.partyStatus !== 'mobile') throw new AppError('STUDY.NOT_MOBILE', undefined, '传达和心得是给流动党员的')
  const id = threadId(s._id, caller.memberId)
  const saved = await ctx.tx(async (tx) => {
    const cur = (await txGet<StudyThreadDoc>(tx, COLLECTIONS.studyThreads, id)) ?? { _id: id, sessionId: s._id, villageId: s.villageId, memberId: caller.memberId, readAt: null, note: null }
    const next = patch(cur)
    const { _id, ...rest } = next
    await tx.collection(COLLECTIONS.studyThreads).doc(_id).set(rest)
    return next
  })
  const [relays, att] = await Promise.all([
    findAll<StudyRelayDoc>(COLLECTIONS.studyRelays, { threadId: id }),
    getById<StudyAttendanceDoc>(COLLECTIONS.studyAttendance, attendanceId(s._id, caller.memberId))
  ])
  return { saved, caughtUp: caughtUpOf(attended(statusOf(att)), relays, saved) }
}

export async function markRead(_input: { sessionId: string }, ctx: Ctx) {
  const { saved, caughtUp } = await ownThreadWrite(ctx, (cur) => ({ ...cur, readAt: ctx.now }))
  return { readAt: iso(saved.readAt), caughtUp }
}

export async function writeNote(input: { sessionId: string; text: string }, ctx: Ctx) {
  await checkText(ctx, input.text)
  const { saved, caughtUp } = await ownThreadWrite(ctx, (cur) => ({ ...cur, note: { text: input.text, at: ctx.now } }))
  return { at: iso(saved.note?.at), caughtUp }
}

/** Threads I take part in: my own as a 流动党员, and those of the members I am the buddy of. */
export async function myThreads(_input: object, ctx: Ctx) {
  const caller = await ctx.caller()
  const _ = db().command
  const since = new Date(ctx.now.getTime() - 120 * 86400000)
  const buddyOf = await findPage<StudyPairDoc>(COLLECTIONS.studyPairs, { buddyId: caller.memberId, kind: 'mobile', active: true }, { limit: 200 })
  const memberIds = [...(caller.member.partyStatus === 'mobile' ? [caller.memberId] : []), ...buddyOf.map((p) => p.memberId)]
  if (!memberIds.length) return []
  const sessions = await findPage<StudySessionDoc>(
    COLLECTIONS.studySessions,
    { expectedIds: _.in(memberIds), startsAt: _.and(_.gte(since), _.lte(ctx.now)), cancelled: false },
    { orderBy: [['startsAt', 'desc']], limit: 100 }
  )
  const keys: Array<{ s: StudySessionDoc; m: string }> = []
  for (const s of sessions) for (const m of memberIds) if (s.expectedIds.includes(m)) keys.push({ s, m })
  if (!keys.length) return []
  const sessionIds = sessions.map((s) => s._id)
  const [relays, threads, atts, myPair] = await Promise.all([
    findAll<StudyRelayDoc>(COLLECTIONS.studyRelays, { sessionId: _.in(sessionIds), memberId: _.in(memberIds) }),
    getByIds<StudyThreadDoc>(COLLECTIONS.studyThreads, keys.map((k) => threadId(k.s._id, k.m))),
    getByIds<StudyAttendanceDoc>(COLLECTIONS.studyAttendance, keys.map((k) => attendanceId(k.s._id, k.m))),
    caller.member.partyStatus === 'mobile' ? activePair(caller.memberId) : Promise.resolve(null)
  ])
  const names = await memberNames([...memberIds, ...(myPair ? [myPair.buddyId] : [])])
  return keys.map(({ s, m }) => {
    const items = relays.filter((r) => r.sessionId === s._id && r.memberId === m)
    const t = threads.get(threadId(s._id, m))
    const readAt = t?.readAt ? new Date(t.readAt) : null
    return {
      sessionId: s._id,
      sessionTitle: s.title,
      startsAt: iso(s.startsAt),
      memberId: m,
      memberName: names.get(m) ?? '',
      buddyName: m === caller.memberId ? (myPair ? names.get(myPair.buddyId) ?? null : null) : caller.member.name,
      items: items.length,
      unread: items.filter((r) => !readAt || new Date(r.at) > readAt).length,
      noted: !!t?.note,
      caughtUp: caughtUpOf(attended(statusOf(atts.get(attendanceId(s._id, m)))), items, t)
    }
  })
}
