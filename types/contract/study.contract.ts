import { z } from 'zod'
import { mutation, query } from './define'
import { ROLE_GROUPS } from './access'
import { day, id, isoDate } from './common'
import type { Role } from './common'

/** 云支部: study sessions (三会一课, 主题党日), check-in, 结对 pairs, relays and 心得, materials, calendar, reports. */

export const SESSION_TYPES = ['branch_assembly', 'committee_meeting', 'group_meeting', 'party_lecture', 'theme_day'] as const
export const sessionType = z.enum(SESSION_TYPES)
export type SessionType = z.infer<typeof sessionType>
export const SESSION_TYPE_LABELS: Record<SessionType, string> = {
  branch_assembly: '支部党员大会',
  committee_meeting: '支委会',
  group_meeting: '党小组会',
  party_lecture: '党课',
  theme_day: '主题党日'
}
/** 三会一课: 支部党员大会 and 党课 quarterly; 支委会, 党小组会 and 主题党日 monthly. */
export const SESSION_CADENCE: Record<SessionType, 'month' | 'quarter'> = {
  branch_assembly: 'quarter',
  committee_meeting: 'month',
  group_meeting: 'month',
  party_lecture: 'quarter',
  theme_day: 'month'
}

export const ATTENDANCE_KINDS = ['onsite', 'remote', 'leave'] as const
export type AttendanceKind = (typeof ATTENDANCE_KINDS)[number]
/** What an expected member's attendance comes to (reports). */
export const ATTENDANCE_STATUSES = ['onsite', 'remote', 'remote_pending', 'leave', 'leave_pending', 'absent'] as const
export const attendanceStatus = z.enum(ATTENDANCE_STATUSES)
export type AttendanceStatus = z.infer<typeof attendanceStatus>
export const ATTENDANCE_STATUS_LABELS: Record<AttendanceStatus, string> = {
  onsite: '现场参加',
  remote: '远程参加',
  remote_pending: '远程待确认',
  leave: '请假',
  leave_pending: '请假待批',
  absent: '未参加'
}

/** Roles that organise sessions (schedule, change, cancel, show the code, approve leave, confirm remote). */
export const STUDY_ORGANISERS: readonly Role[] = ['secretary', 'committee', 'group_leader', 'admin']
/** Roles that manage 结对 pairs and the materials library. */
export const STUDY_STAFF: readonly Role[] = ['staff', 'secretary', 'committee', 'admin']
/** Roles that see the 三会一课 calendar (a branch's own, or a town's for all its branches). */
export const STUDY_CALENDAR: readonly Role[] = ['secretary', 'committee', 'group_leader', 'staff', 'admin']

/** 腾讯会议 mini program (navigateToMiniProgram target). */
export const TENCENT_MEETING_APPID = 'wx33fd6cdc62520063'

/** Upload limits, checked by the app before uploading and by the function on the stored file. */
export const STUDY_UPLOAD_LIMITS = {
  photo: { maxBytes: 5 * 1024 * 1024, label: '照片', formats: 'JPG、PNG' },
  voice: { maxBytes: 10 * 1024 * 1024, label: '语音', formats: 'MP3、AAC、M4A、WAV' },
  document: { maxBytes: 20 * 1024 * 1024, label: '文件', formats: 'PDF' }
} as const
/** Longest voice message (the recorder's own limit is 10 minutes). */
export const VOICE_MAX_SECONDS = 600

const text = (max: number, msg: string) => z.string().trim().min(1, msg).max(max, `最多${max}个字`)
const fileId = z.string().min(1).max(300)

export const meetingInput = z
  .object({
    kind: z.enum(['tencent', 'link']),
    code: z.string().trim().regex(/^\d{9,12}$/, '腾讯会议号是9到12位数字').optional(),
    password: z.string().trim().max(12, '会议密码太长').optional(),
    url: z.string().trim().url('链接格式不对').max(300).optional()
  })
  .refine((m) => (m.kind === 'tencent' ? !!m.code : !!m.url), { message: '请填写会议号或链接', path: ['code'] })
export type MeetingInput = z.infer<typeof meetingInput>

export const audienceInput = z.object({
  kind: z.enum(['branch', 'group', 'list']),
  memberIds: z.array(id).max(500).default([])
})

const sessionFields = {
  type: sessionType,
  title: text(40, '请填写会议名称'),
  startsAt: isoDate,
  endsAt: isoDate,
  place: z.string().trim().max(60).default(''),
  meeting: meetingInput.nullable().default(null),
  agenda: z.string().trim().max(1000).default(''),
  materialIds: z.array(id).max(20).default([])
}

export const meetingView = z.object({ kind: z.enum(['tencent', 'link']), code: z.string().nullable(), password: z.string().nullable(), url: z.string().nullable() })

export const myAttendanceView = z.object({
  kind: z.enum(ATTENDANCE_KINDS),
  status: attendanceStatus,
  statusLabel: z.string(),
  at: isoDate,
  reason: z.string().nullable(),
  decisionNote: z.string().nullable(),
  proxyByName: z.string().nullable()
})
export type MyAttendanceView = z.infer<typeof myAttendanceView>

export const sessionSummary = z.object({
  id,
  villageId: id,
  orgId: id,
  orgName: z.string(),
  type: sessionType,
  typeLabel: z.string(),
  title: z.string(),
  startsAt: isoDate,
  endsAt: isoDate,
  place: z.string(),
  hasMeeting: z.boolean(),
  cancelled: z.boolean(),
  cancelReason: z.string().nullable(),
  changeNote: z.string().nullable(),
  /** upcoming / running (inside the check-in window) / ended / cancelled */
  phase: z.enum(['upcoming', 'running', 'ended', 'cancelled']),
  expected: z.number(),
  /** The caller is expected at this session. */
  expectedMe: z.boolean(),
  mine: myAttendanceView.nullable()
})
export type SessionSummary = z.infer<typeof sessionSummary>

export const materialView = z.object({
  id,
  villageId: id,
  title: z.string(),
  kind: z.enum(['article', 'pdf', 'video', 'link']),
  category: z.string(),
  body: z.string(),
  fileId: z.string().nullable(),
  fileUrl: z.string().nullable(),
  url: z.string().nullable(),
  createdAt: isoDate
})
export type MaterialView = z.infer<typeof materialView>

export const sessionDetail = sessionSummary.extend({
  agenda: z.string(),
  meeting: meetingView.nullable(),
  materials: z.array(materialView),
  audienceKind: z.enum(['branch', 'group', 'list']),
  /** The caller may organise it (code, leave, confirm, change, cancel). */
  organiser: z.boolean(),
  /** The caller is a 流动党员 expected here (remote join allowed). */
  mobileMe: z.boolean(),
  counts: z.object({ onsite: z.number(), remote: z.number(), remotePending: z.number(), leave: z.number(), leavePending: z.number() }),
  /** Members whose 结对 buddy is the caller (relay targets), with their thread state. */
  myMobiles: z.array(z.object({ memberId: id, name: z.string(), status: attendanceStatus, statusLabel: z.string(), items: z.number(), readAll: z.boolean(), noted: z.boolean() })),
  reminded: z.boolean()
})
export type SessionDetail = z.infer<typeof sessionDetail>

export const attendeeRow = z.object({
  memberId: id,
  name: z.string(),
  mobile: z.boolean(),
  status: attendanceStatus,
  statusLabel: z.string(),
  reason: z.string().nullable(),
  proxyByName: z.string().nullable(),
  buddyName: z.string().nullable(),
  caughtUp: z.boolean()
})
export type AttendeeRow = z.infer<typeof attendeeRow>

export const pairView = z.object({
  id,
  villageId: id,
  kind: z.enum(['mobile', 'office']),
  memberId: id,
  memberName: z.string(),
  buddyId: id,
  buddyName: z.string(),
  active: z.boolean(),
  since: isoDate,
  endedAt: isoDate.nullable(),
  endReason: z.string().nullable(),
  visits: z.number()
})
export type PairView = z.infer<typeof pairView>

export const relayItemView = z.object({
  id,
  kind: z.enum(['text', 'photo', 'voice']),
  text: z.string(),
  fileId: z.string().nullable(),
  fileUrl: z.string().nullable(),
  durationSec: z.number().nullable(),
  byId: id,
  byName: z.string(),
  at: isoDate,
  read: z.boolean()
})
export type RelayItemView = z.infer<typeof relayItemView>

export const threadView = z.object({
  sessionId: id,
  sessionTitle: z.string(),
  sessionTypeLabel: z.string(),
  startsAt: isoDate,
  memberId: id,
  memberName: z.string(),
  buddyId: id.nullable(),
  buddyName: z.string().nullable(),
  items: z.array(relayItemView),
  readAt: isoDate.nullable(),
  note: z.object({ text: z.string(), at: isoDate }).nullable(),
  /** The member attended (on site or remote), or read every relay and wrote a 心得. */
  caughtUp: z.boolean(),
  attended: z.boolean(),
  /** What the caller may do here. */
  canRelay: z.boolean(),
  isMember: z.boolean()
})
export type ThreadView = z.infer<typeof threadView>

export const threadSummary = z.object({
  sessionId: id,
  sessionTitle: z.string(),
  startsAt: isoDate,
  memberId: id,
  memberName: z.string(),
  buddyName: z.string().nullable(),
  items: z.number(),
  unread: z.number(),
  noted: z.boolean(),
  caughtUp: z.boolean()
})

export const calendarCell = z.object({
  type: sessionType,
  typeLabel: z.string(),
  cadence: z.enum(['month', 'quarter']),
  period: z.string(),
  status: z.enum(['held', 'scheduled', 'missing']),
  sessions: z.array(z.object({ id, title: z.string(), startsAt: isoDate, cancelled: z.boolean() }))
})

export const calendarRow = z.object({
  villageId: id,
  villageName: z.string(),
  branchId: id.nullable(),
  themeDay: z.number().nullable(),
  cells: z.array(calendarCell),
  missing: z.number()
})
export type CalendarRow = z.infer<typeof calendarRow>

const reportSessionRow = z.object({
  sessionId: id,
  title: z.string(),
  typeLabel: z.string(),
  startsAt: isoDate,
  cancelled: z.boolean(),
  expected: z.number(),
  onsite: z.number(),
  remote: z.number(),
  leave: z.number(),
  absent: z.number(),
  caughtUp: z.number()
})
const reportMemberRow = z.object({
  memberId: id,
  name: z.string(),
  mobile: z.boolean(),
  expected: z.number(),
  onsite: z.number(),
  remote: z.number(),
  leave: z.number(),
  absent: z.number(),
  caughtUp: z.number()
})
export const studyReport = z.object({
  villageId: id,
  quarter: z.string(),
  sessions: z.array(reportSessionRow),
  members: z.array(reportMemberRow),
  totals: z.object({ sessions: z.number(), expected: z.number(), onsite: z.number(), remote: z.number(), leave: z.number(), absent: z.number(), caughtUp: z.number() }),
  notCaughtUp: z.array(z.object({ sessionId: id, sessionTitle: z.string(), memberId: id, name: z.string(), buddyName: z.string().nullable(), read: z.boolean(), noted: z.boolean() }))
})
export type StudyReport = z.infer<typeof studyReport>

const quarter = z.string().regex(/^\d{4}-Q[1-4]$/, '季度格式应为 2026-Q4')
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 2026-11')
const organise = { who: STUDY_ORGANISERS, scope: { kind: 'session', field: 'sessionId' } } as const
const inSession = { who: 'bound', scope: { kind: 'session', field: 'sessionId' } } as const

export const studyContract = {
  /** Sessions of my village (upcoming first, then recent). */
  listSessions: query(
    z.object({ villageId: id.optional(), when: z.enum(['upcoming', 'past', 'all']).default('all') }),
    z.array(sessionSummary),
    { who: 'bound', scope: { kind: 'village', field: 'villageId', whenAbsent: 'own' } }
  ),
  /** The home tab: sessions I am expected at that have not ended (and are not cancelled long ago). */
  mySessions: query(z.object({}), z.array(sessionSummary), { who: 'bound', note: '本人应参加的会' }),
  getSession: query(z.object({ sessionId: id }), sessionDetail, inSession),
  scheduleSession: mutation(
    z
      .object({ orgId: id, audience: audienceInput.default({ kind: 'branch', memberIds: [] }), ...sessionFields })
      .refine((s) => new Date(s.startsAt) < new Date(s.endsAt), { message: '结束时间要晚于开始时间', path: ['endsAt'] }),
    sessionDetail,
    { who: STUDY_ORGANISERS, scope: { kind: 'org', field: 'orgId' }, note: '支部或党小组的组织者' }
  ),
  updateSession: mutation(
    z
      .object({ sessionId: id, changeNote: text(100, '请写明改了什么，参会党员会看到'), ...sessionFields })
      .refine((s) => new Date(s.startsAt) < new Date(s.endsAt), { message: '结束时间要晚于开始时间', path: ['endsAt'] }),
    sessionDetail,
    organise
  ),
  cancelSession: mutation(z.object({ sessionId: id, reason: text(100, '请写明取消原因，参会党员会看到') }), sessionDetail, organise),
  /** The organiser's screen: the rotating code (digits + QR), valid only inside the session window. */
  sessionCode: query(
    z.object({ sessionId: id }),
    z.object({ sessionId: id, title: z.string(), code: z.string(), qr: z.string(), validUntil: isoDate, checkedIn: z.number(), expected: z.number() }),
    organise
  ),
  /** On-site check-in with the current code; a grid worker may check in (代办) a member without a phone. */
  checkIn: mutation(
    z.object({ sessionId: id, code: z.string().trim().regex(/^\d{6}$/, '签到码是6位数字'), memberId: id.optional() }),
    myAttendanceView.extend({ sessionId: id, memberId: id, memberName: z.string() }),
    { who: 'bound', note: '本人签到；网格员可为没有手机的党员代办（留名）' }
  ),
  /** 代办: expected members without a phone of their own in the grid worker's grids, with their attendance. */
  proxyCandidates: query(
    z.object({ sessionId: id }),
    z.array(z.object({ memberId: id, name: z.string(), householdName: z.string(), status: attendanceStatus, statusLabel: z.string() })),
    { who: ['grid_worker'], note: '网格员：本网格没有手机的参会党员' }
  ),
  /** A 流动党员 joins the online meeting from the app inside the window; the buddy or organiser confirms. */
  joinRemote: mutation(z.object({ sessionId: id }), z.object({ attendance: myAttendanceView, meeting: meetingView.nullable() }), inSession),
  confirmRemote: mutation(z.object({ sessionId: id, memberId: id }), attendeeRow, { ...inSession, note: '结对党员或组织者确认' }),
  requestLeave: mutation(z.object({ sessionId: id, reason: text(100, '请写明请假原因') }), myAttendanceView, inSession),
  decideLeave: mutation(
    z.object({ sessionId: id, memberId: id, approve: z.boolean(), note: z.string().trim().max(100).default('') }),
    attendeeRow,
    organise
  ),
  attendance: query(z.object({ sessionId: id }), z.array(attendeeRow), organise),
  /** Records the one-time subscribe message the member accepted; the scheduler sends it before the start. */
  remindMe: mutation(z.object({ sessionId: id, templateId: z.string().min(1).max(64) }), z.object({ sendAt: isoDate }), inSession),

  listPairs: query(
    z.object({ villageId: id, includeEnded: z.boolean().default(false) }),
    z.object({ pairs: z.array(pairView), unpaired: z.array(z.object({ memberId: id, name: z.string() })), buddies: z.array(z.object({ memberId: id, name: z.string(), status: z.string() })) }),
    { who: STUDY_STAFF, scope: { kind: 'village', field: 'villageId' } }
  ),
  /** Pairs a member with a buddy; an earlier active pair of the member ends (its relays stay in the history). */
  savePair: mutation(
    z.object({ memberId: id, buddyId: id, kind: z.enum(['mobile', 'office']).default('mobile') }).refine((p) => p.memberId !== p.buddyId, { message: '不能和自己结对', path: ['buddyId'] }),
    pairView,
    { who: STUDY_STAFF, scope: { kind: 'member', field: 'memberId' } }
  ),
  endPair: mutation(z.object({ pairId: id, reason: text(100, '请写明原因') }), pairView, { who: STUDY_STAFF, scope: { kind: 'pair', field: 'pairId' } }),
  /** xlsx with columns 党员 / 结对党员 (/ 类型): all rows or none, errors by row number. */
  importPairs: mutation(
    z.object({ villageId: id, fileId }),
    z.object({ created: z.number(), replaced: z.number(), unchanged: z.number() }),
    { who: STUDY_STAFF, scope: { kind: 'village', field: 'villageId' } }
  ),
  /** 机关党员 ↔ 在村党员: a visit or help, logged by the buddy or staff. */
  logVisit: mutation(
    z.object({ pairId: id, day, note: text(300, '请写明走访或帮扶的内容') }),
    z.object({ visitId: id, visits: z.number() }),
    { who: 'bound', scope: { kind: 'pair', field: 'pairId' }, note: '结对党员本人或工作人员' }
  ),
  pairVisits: query(
    z.object({ pairId: id }),
    z.array(z.object({ id, day: z.string(), note: z.string(), byName: z.string(), at: isoDate })),
    { who: 'bound', scope: { kind: 'pair', field: 'pairId' } }
  ),
  /** My pairs: as a buddy (the members I relay to) and as a member (my buddy). */
  myPairs: query(z.object({}), z.object({ asBuddy: z.array(pairView), asMember: z.array(pairView) }), { who: 'bound' }),

  /** Threads I take part in: as the mobile member, or as the buddy. */
  myThreads: query(z.object({}), z.array(threadSummary), { who: 'bound' }),
  getThread: query(z.object({ sessionId: id, memberId: id.optional() }), threadView, inSession),
  sendRelay: mutation(
    z
      .object({
        sessionId: id,
        memberId: id,
        kind: z.enum(['text', 'photo', 'voice']),
        text: z.string().trim().max(1000, '最多1000个字').default(''),
        fileId: fileId.optional(),
        durationSec: z.number().int().min(1).max(VOICE_MAX_SECONDS, '语音最长10分钟').optional()
      })
      .refine((r) => (r.kind === 'text' ? r.text.length > 0 : !!r.fileId), { message: '请写传达内容，或选择照片、录音', path: ['text'] })
      .refine((r) => r.kind !== 'voice' || !!r.durationSec, { message: '缺少语音时长', path: ['durationSec'] }),
    relayItemView,
    { ...inSession, note: '只有该流动党员的结对党员' }
  ),
  markRead: mutation(z.object({ sessionId: id }), z.object({ readAt: isoDate, caughtUp: z.boolean() }), { ...inSession, note: '流动党员本人' }),
  writeNote: mutation(z.object({ sessionId: id, text: text(1000, '请写下学习心得') }), z.object({ at: isoDate, caughtUp: z.boolean() }), { ...inSession, note: '流动党员本人' }),

  listMaterials: query(
    z.object({ villageId: id.optional(), q: z.string().trim().max(30).default(''), category: z.string().trim().max(20).default('') }),
    z.object({ items: z.array(materialView), categories: z.array(z.string()) }),
    { who: 'bound', scope: { kind: 'village', field: 'villageId', whenAbsent: 'own' } }
  ),
  getMaterial: query(z.object({ materialId: id }), materialView, { who: 'bound', scope: { kind: 'material', field: 'materialId' } }),
  saveMaterial: mutation(
    z
      .object({
        materialId: id.optional(),
        villageId: id,
        title: text(60, '请填写标题'),
        kind: z.enum(['article', 'pdf', 'video', 'link']),
        category: text(20, '请填写分类'),
        body: z.string().trim().max(5000).default(''),
        fileId: fileId.nullable().default(null),
        url: z.string().trim().url('链接格式不对').max(300).nullable().default(null)
      })
      .refine((m) => (m.kind === 'article' ? m.body.length > 0 : m.kind === 'link' ? !!m.url : !!m.fileId || !!m.url), { message: '请填写正文、上传文件或填写链接', path: ['body'] }),
    materialView,
    { who: STUDY_STAFF, scope: { kind: 'village', field: 'villageId' } }
  ),

  /** 三会一课 for a branch's village, or every village under a town. */
  calendar: query(z.object({ orgId: id, month }), z.object({ month: z.string(), quarter: z.string(), rows: z.array(calendarRow) }), { who: STUDY_CALENDAR, scope: { kind: 'org', field: 'orgId' } }),
  /** 主题党日: the village's fixed day of the month (one setting). */
  saveStudySettings: mutation(
    z.object({ villageId: id, themeDay: z.number().int().min(1).max(28).nullable() }),
    z.object({ themeDay: z.number().nullable() }),
    { who: ['secretary', 'committee'], scope: { kind: 'village', field: 'villageId' } }
  ),
  report: query(z.object({ villageId: id, quarter }), studyReport, { who: ROLE_GROUPS.reports, scope: { kind: 'village', field: 'villageId' } }),
  exportReport: query(z.object({ villageId: id, quarter }), z.object({ fileId: z.string(), url: z.string(), rows: z.number() }), { who: ROLE_GROUPS.reports, scope: { kind: 'village', field: 'villageId' } })
}
