import type { Role } from '../../../types/contract/common'
import type { AttachmentKind, AudienceClass, BodyBlock, NoticeCategory, ReportCategory, ReportState } from '../../../types/contract/notice.contract'

export interface NoticeAttachment {
  fileId: string
  name: string
  kind: AttachmentKind
  size: number
}

export interface NoticeEdit {
  at: Date
  by: string
  byName: string
  summary: string
  /** The title and body before this edit (readers see that it changed; staff can compare). */
  before: { title: string; body: BodyBlock[] }
}

export interface NoticeDoc {
  _id: string
  /** The target's village (null for a town- or district-wide notice). */
  villageId: string | null
  targetOrgId: string
  targetOrgName: string
  /** The target's path including itself (scope checks). */
  targetPath: string[]
  classes: AudienceClass[]
  roles: Role[]
  category: NoticeCategory
  title: string
  body: BodyBlock[]
  /** Lower-cased title and text for search. */
  searchText: string
  attachments: NoticeAttachment[]
  pinUntil: string | null
  expiresOn: string | null
  authorId: string
  authorName: string
  publishedAt: Date
  updatedAt: Date
  edits: NoticeEdit[]
  /** Addressees when published (members matching the rule then). */
  addresseeCount: number
  remindedAt: Date | null
}

export interface NoticeReadDoc {
  _id: string // `${noticeId}:${memberId}`
  noticeId: string
  memberId: string
  at: Date
}

export interface ReportTimelineEntry {
  state: ReportState
  at: Date
  by: string
  byName: string
  note: string | null
}

export interface ReportDoc {
  _id: string
  villageId: string
  villagePath: string[]
  householdId: string | null
  reporterId: string
  reporterName: string
  anonymous: boolean
  category: ReportCategory
  text: string
  place: string
  photos: string[]
  state: ReportState
  assigneeId: string | null
  assigneeName: string | null
  answer: string | null
  timeline: ReportTimelineEntry[]
  rating: { stars: number; comment: string; at: Date } | null
  createdAt: Date
  updatedAt: Date
}

export interface ReportSettingsDoc {
  _id: string // villageId
  overdueDays: number
  updatedAt: Date
}

export interface SubscribeSendDoc {
  _id: string
  kind: string
  templateId: string
  memberId: string | null
  openid: string
  page: string
  data: Record<string, { value: string }>
  ok: boolean
  errcode: number | null
  errmsg: string | null
  at: Date
}
