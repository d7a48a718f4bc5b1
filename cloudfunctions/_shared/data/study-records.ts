import type { SessionType } from '../../../types/contract/study.contract'

/** Stored shapes of 云支部 (study). Dates are JS Dates in the database. */

export interface StudySessionDoc {
  _id: string
  villageId: string
  /** The branch or party group holding it, and that node's path including itself (scope checks). */
  orgId: string
  orgName: string
  orgPath: string[]
  type: SessionType
  title: string
  startsAt: Date
  endsAt: Date
  place: string
  meeting: { kind: 'tencent' | 'link'; code: string | null; password: string | null; url: string | null } | null
  agenda: string
  materialIds: string[]
  audienceKind: 'branch' | 'group' | 'list'
  /** Expected attendees, resolved when scheduled (and again when changed). */
  expectedIds: string[]
  /** Members among them who are 流动党员 (remote join allowed). */
  mobileIds: string[]
  /** Check-in code secret (cloudfunctions/_shared/domain/checkin-code.ts). */
  secret: string
  rotateSeconds: number
  cancelled: boolean
  cancelReason: string | null
  changeNote: string | null
  createdBy: string
  createdAt: Date
  updatedAt: Date
}

/** One per (session, member): on-site or remote check-in, or leave — a unique _id makes them exclusive. */
export interface StudyAttendanceDoc {
  _id: string // `${sessionId}:${memberId}`
  sessionId: string
  villageId: string
  memberId: string
  kind: 'onsite' | 'remote' | 'leave'
  /** onsite: done; remote: pending → confirmed; leave: pending → approved | refused. */
  state: 'done' | 'pending' | 'confirmed' | 'approved' | 'refused'
  reason: string | null
  decisionNote: string | null
  decidedBy: string | null
  /** 代办: the grid worker who checked in a member without a phone. */
  proxyBy: string | null
  /** The requestId of the call that made it (a retry finds its own record). */
  requestId: string | null
  at: Date
  updatedAt: Date
}

export interface StudyPairDoc {
  _id: string
  villageId: string
  villagePath: string[]
  /** mobile: 流动党员 ← 在村党员 buddy; office: 在村党员 ← 机关党员 buddy. */
  kind: 'mobile' | 'office'
  memberId: string
  buddyId: string
  active: boolean
  since: Date
  endedAt: Date | null
  endReason: string | null
  visits: number
  createdBy: string
}

export interface StudyVisitDoc {
  _id: string
  pairId: string
  day: string
  note: string
  by: string
  at: Date
}

export interface StudyRelayDoc {
  _id: string
  threadId: string // `${sessionId}:${memberId}`
  sessionId: string
  villageId: string
  memberId: string
  /** The buddy of record when it was sent (kept after pairs change). */
  buddyId: string
  pairId: string
  kind: 'text' | 'photo' | 'voice'
  text: string
  fileId: string | null
  durationSec: number | null
  at: Date
}

/** The member's side of a thread: read receipt and 心得. Created by the member's first read or note. */
export interface StudyThreadDoc {
  _id: string // `${sessionId}:${memberId}`
  sessionId: string
  villageId: string
  memberId: string
  readAt: Date | null
  note: { text: string; at: Date } | null
}

export interface StudyMaterialDoc {
  _id: string
  villageId: string
  villagePath: string[]
  title: string
  kind: 'article' | 'pdf' | 'video' | 'link'
  category: string
  body: string
  fileId: string | null
  url: string | null
  createdBy: string
  createdAt: Date
  updatedAt: Date
}

export interface StudyReminderDoc {
  _id: string // `${sessionId}:${memberId}`
  sessionId: string
  memberId: string
  openid: string
  templateId: string
  sendAt: Date
  sent: boolean
  sentAt: Date | null
  result: string | null
}

export interface StudySettingsDoc {
  _id: string // villageId
  themeDay: number | null
  updatedBy: string
  updatedAt: Date
}
