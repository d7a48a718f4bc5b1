/** Shared reads and views of the 云支部 use cases. */
import { ATTENDANCE_STATUS_LABELS, SESSION_TYPE_LABELS, STUDY_ORGANISERS, STUDY_UPLOAD_LIMITS, type SessionSummary, type MyAttendanceView } from '../../../../types/contract/study.contract'
import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { MemberDoc } from '../../data/records'
import type { StudyAttendanceDoc, StudyMaterialDoc, StudyPairDoc, StudySessionDoc } from '../../data/study-records'
import { findPage, getById, getByIds, iso } from '../../data/repo'
import { holdsRoleOver, type Target } from '../../runtime/access'
import { AppError } from '../../runtime/app-error'
import type { Caller } from '../../runtime/caller'
import { cloud } from '../../runtime/cloud'
import { phaseOf, sniffFormat, statusOf, type UploadKind } from '../../domain/study'

export const attendanceId = (sessionId: string, memberId: string) => `${sessionId}:${memberId}`
export const threadId = attendanceId

export function sessionTarget(s: StudySessionDoc): Target {
  return { kind: 'session', id: s._id, path: s.orgPath, villageId: s.villageId, householdIds: [], doc: s }
}

/** The session the runtime loaded for the action's `sessionId` scope. */
export function scopedSession(ctx: Ctx): StudySessionDoc {
  const doc = ctx.access.targets[0]?.doc as StudySessionDoc | undefined
  if (!doc) throw new AppError('STUDY.SESSION_NOT_FOUND')
  return doc
}

export async function loadSession(id: string): Promise<StudySessionDoc> {
  const s = await getById<StudySessionDoc>(COLLECTIONS.studySessions, id)
  if (!s) throw new AppError('STUDY.SESSION_NOT_FOUND')
  return s
}

export function isOrganiser(caller: Caller, s: StudySessionDoc): boolean {
  return holdsRoleOver(caller, STUDY_ORGANISERS, sessionTarget(s))
}

export function requireOpen(s: StudySessionDoc): void {
  if (s.cancelled) throw new AppError('STUDY.CANCELLED', undefined, `这次会议已经取消了：${s.cancelReason ?? ''}`)
}

export function attendanceView(a: StudyAttendanceDoc, names: Map<string, string> = new Map()): MyAttendanceView {
  const status = statusOf(a)
  return {
    kind: a.kind,
    status,
    statusLabel: ATTENDANCE_STATUS_LABELS[status],
    at: iso(a.at),
    reason: a.reason,
    decisionNote: a.decisionNote,
    proxyByName: a.proxyBy ? names.get(a.proxyBy) ?? '网格员' : null
  }
}

export function summaryOf(s: StudySessionDoc, now: Date, me: string | null, mine: StudyAttendanceDoc | null | undefined): SessionSummary {
  return {
    id: s._id,
    villageId: s.villageId,
    orgId: s.orgId,
    orgName: s.orgName,
    type: s.type,
    typeLabel: SESSION_TYPE_LABELS[s.type],
    title: s.title,
    startsAt: iso(s.startsAt),
    endsAt: iso(s.endsAt),
    place: s.place,
    hasMeeting: !!s.meeting,
    cancelled: s.cancelled,
    cancelReason: s.cancelReason,
    changeNote: s.changeNote,
    phase: phaseOf(s, now),
    expected: s.expectedIds.length,
    expectedMe: !!me && s.expectedIds.includes(me),
    mine: mine ? attendanceView(mine) : null
  }
}

/** The caller's attendance records for these sessions, in one read. */
export async function myAttendance(sessions: StudySessionDoc[], memberId: string): Promise<Map<string, StudyAttendanceDoc>> {
  if (!sessions.length) return new Map()
  const docs = await getByIds<StudyAttendanceDoc>(COLLECTIONS.studyAttendance, sessions.map((s) => attendanceId(s._id, memberId)))
  return new Map([...docs.values()].map((a) => [a.sessionId, a]))
}

export async function memberNames(ids: string[]): Promise<Map<string, string>> {
  const docs = await getByIds<MemberDoc>(COLLECTIONS.members, ids)
  return new Map([...docs.values()].map((m) => [m._id, m.name]))
}

export async function activePair(memberId: string, kind: 'mobile' | 'office' = 'mobile'): Promise<StudyPairDoc | null> {
  const rows = await findPage<StudyPairDoc>(COLLECTIONS.studyPairs, { memberId, kind, active: true }, { limit: 1 })
  return rows[0] ?? null
}

export async function materialsOf(ids: string[]): Promise<StudyMaterialDoc[]> {
  if (!ids.length) return []
  const docs = await getByIds<StudyMaterialDoc>(COLLECTIONS.studyMaterials, ids)
  return ids.map((i) => docs.get(i)).filter((m): m is StudyMaterialDoc => !!m)
}

export function materialView(m: StudyMaterialDoc, fileUrl: string | null = null) {
  return { id: m._id, villageId: m.villageId, title: m.title, kind: m.kind, category: m.category, body: m.body, fileId: m.fileId, fileUrl, url: m.url, createdAt: iso(m.createdAt) }
}

const VIDEO_MAX_BYTES = 100 * 1024 * 1024

/**
 * Checks an uploaded file before it is referenced: it exists, is within the size limit of its kind, and its
 * first bytes are a format we accept (the name and the client's word are not trusted).
 */
export async function checkUpload(fileId: string, kind: UploadKind | 'video'): Promise<void> {
  let content: Buffer
  try {
    const res = (await cloud().downloadFile({ fileID: fileId })) as { fileContent: Buffer }
    content = res.fileContent
  } catch {
    throw new AppError('NOT_FOUND', undefined, '没有找到上传的文件，请重新上传')
  }
  if (kind === 'video') {
    if (content.length > VIDEO_MAX_BYTES) throw new AppError('STUDY.FILE_TOO_LARGE', undefined, '视频太大了，最大100MB')
    if (content.subarray(4, 8).toString('latin1') !== 'ftyp') throw new AppError('STUDY.FILE_TYPE', undefined, '视频格式不支持，请用 MP4')
    return
  }
  const limit = STUDY_UPLOAD_LIMITS[kind]
  if (content.length > limit.maxBytes) throw new AppError('STUDY.FILE_TOO_LARGE', { maxBytes: limit.maxBytes }, `${limit.label}太大了，最大${limit.maxBytes / 1024 / 1024}MB`)
  if (!content.length || !sniffFormat(kind, content)) throw new AppError('STUDY.FILE_TYPE', undefined, `${limit.label}格式不支持，请用 ${limit.formats}`)
}
