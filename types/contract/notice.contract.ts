import { z } from 'zod'
import { mutation, query } from './define'
import { ROLE_GROUPS } from './access'
import { day, id, isoDate, role } from './common'
import type { Role } from './common'

/** 公告 categories. */
export const NOTICE_CATEGORIES = ['policy', 'jobs', 'services', 'events', 'publicity'] as const
export const noticeCategory = z.enum(NOTICE_CATEGORIES)
export type NoticeCategory = z.infer<typeof noticeCategory>
export const NOTICE_CATEGORY_LABELS: Record<NoticeCategory, string> = { policy: '政策解读', jobs: '就业', services: '便民服务', events: '活动', publicity: '公示' }

/** Who inside the target subtree an announcement reaches (none chosen = everyone there). */
export const AUDIENCE_CLASSES = ['party', 'mobile_party', 'masses', 'grid_worker'] as const
export const audienceClass = z.enum(AUDIENCE_CLASSES)
export type AudienceClass = z.infer<typeof audienceClass>
export const AUDIENCE_CLASS_LABELS: Record<AudienceClass, string> = { party: '党员', mobile_party: '流动党员', masses: '群众', grid_worker: '网格员' }

/** Attachments: kinds, sizes and count, checked in the app before upload and again by the function. */
export const ATTACHMENT_KINDS = { pdf: ['pdf'], xlsx: ['xlsx'], image: ['jpg', 'jpeg', 'png'] } as const
export type AttachmentKind = keyof typeof ATTACHMENT_KINDS
export const ATTACHMENT_LIMITS = { maxFiles: 6, maxBytes: { pdf: 10 * 1024 * 1024, xlsx: 5 * 1024 * 1024, image: 5 * 1024 * 1024 } } as const
export const ATTACHMENT_HINT = '可上传 PDF（10MB以内）、Excel 表格 .xlsx（5MB以内）、图片 jpg/png（5MB以内），最多6个'

/** The kind of a file by its name, or null when the type is not allowed. */
export function attachmentKind(name: string): AttachmentKind | null {
  const ext = (/\.([A-Za-z0-9]+)$/.exec(name.trim())?.[1] ?? '').toLowerCase()
  for (const [k, exts] of Object.entries(ATTACHMENT_KINDS)) if ((exts as readonly string[]).includes(ext)) return k as AttachmentKind
  return null
}

/** Why a file cannot be attached (type or size), or null when it can. */
export function attachmentProblem(name: string, size: number): string | null {
  const kind = attachmentKind(name)
  if (!kind) return `“${name}”的类型不能上传。${ATTACHMENT_HINT}`
  const max = ATTACHMENT_LIMITS.maxBytes[kind]
  if (size > max) return `“${name}”太大了（${(size / 1048576).toFixed(1)}MB），${kind === 'pdf' ? 'PDF' : kind === 'xlsx' ? '表格' : '图片'}最大${max / 1048576}MB`
  if (size <= 0) return `“${name}”是空文件`
  return null
}

const bodyBlock = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string().trim().min(1, '段落不能为空').max(2000, '一段最多2000字') }),
  z.object({ kind: z.literal('image'), fileId: z.string().min(1).max(300) })
])
export type BodyBlock = z.infer<typeof bodyBlock>
const attachmentInput = z.object({ fileId: z.string().min(1).max(300), name: z.string().trim().min(1).max(80) })

const noticeFields = {
  category: noticeCategory,
  title: z.string().trim().min(2, '标题至少2个字').max(40, '标题最多40个字'),
  body: z.array(bodyBlock).min(1, '请填写公告内容').max(30, '内容最多30段'),
  attachments: z.array(attachmentInput).max(ATTACHMENT_LIMITS.maxFiles, '附件最多6个').default([]),
  /** 置顶到这一天（含）; null = not pinned. */
  pinUntil: day.nullable().default(null),
  /** 有效期到这一天（含）; null = no expiry. */
  expiresOn: day.nullable().default(null)
}

export const noticeSummary = z.object({
  id,
  title: z.string(),
  category: noticeCategory,
  categoryLabel: z.string(),
  excerpt: z.string(),
  orgName: z.string(),
  pinned: z.boolean(),
  unread: z.boolean(),
  edited: z.boolean(),
  expired: z.boolean(),
  publishedAt: isoDate
})
export type NoticeSummary = z.infer<typeof noticeSummary>

export const noticeDetail = noticeSummary.extend({
  body: z.array(z.object({ kind: z.enum(['text', 'image']), text: z.string().nullable(), fileId: z.string().nullable(), url: z.string().nullable() })),
  attachments: z.array(z.object({ fileId: z.string(), name: z.string(), kind: z.enum(['pdf', 'xlsx', 'image']), size: z.number(), url: z.string().nullable() })),
  authorName: z.string(),
  targetOrgId: id,
  audienceLabel: z.string(),
  classes: z.array(audienceClass),
  roles: z.array(role),
  pinUntil: day.nullable(),
  expiresOn: day.nullable(),
  /** 修改记录: what readers see as “已修改”. */
  edits: z.array(z.object({ at: isoDate, byName: z.string(), summary: z.string() })),
  readCount: z.number(),
  addresseeCount: z.number(),
  /** The caller may edit, see who has not read and remind them. */
  canManage: z.boolean()
})
export type NoticeDetail = z.infer<typeof noticeDetail>

export const REPORT_CATEGORIES = ['environment', 'roads', 'water_power', 'safety', 'neighbours', 'suggestion', 'other'] as const
export const reportCategory = z.enum(REPORT_CATEGORIES)
export type ReportCategory = z.infer<typeof reportCategory>
export const REPORT_CATEGORY_LABELS: Record<ReportCategory, string> = {
  environment: '环境卫生',
  roads: '道路交通',
  water_power: '水电暖',
  safety: '安全隐患',
  neighbours: '邻里纠纷',
  suggestion: '意见建议',
  other: '其他'
}

/** A report moves only forward: 已提交 → 已分派 → 已答复 → 已办结 (分派 may be skipped). */
export const REPORT_STATES = ['submitted', 'assigned', 'answered', 'closed'] as const
export const reportState = z.enum(REPORT_STATES)
export type ReportState = z.infer<typeof reportState>
export const REPORT_STATE_LABELS: Record<ReportState, string> = { submitted: '已提交', assigned: '处理中', answered: '已答复', closed: '已办结' }

export const reportView = z.object({
  id,
  villageId: id,
  category: reportCategory,
  categoryLabel: z.string(),
  text: z.string(),
  place: z.string(),
  photos: z.array(z.object({ fileId: z.string(), url: z.string().nullable() })),
  /** Staff and the reporter see the name; other villagers see a masked name or 匿名村民. */
  reporterLabel: z.string(),
  anonymous: z.boolean(),
  mine: z.boolean(),
  state: reportState,
  stateLabel: z.string(),
  assigneeName: z.string().nullable(),
  answer: z.string().nullable(),
  timeline: z.array(z.object({ state: reportState, stateLabel: z.string(), at: isoDate, byName: z.string(), note: z.string().nullable() })),
  rating: z.object({ stars: z.number(), comment: z.string(), at: isoDate }).nullable(),
  createdAt: isoDate,
  ageDays: z.number(),
  overdue: z.boolean(),
  /** What the caller may do next (the app shows only these buttons). */
  can: z.object({ assign: z.boolean(), answer: z.boolean(), close: z.boolean(), rate: z.boolean() })
})
export type ReportView = z.infer<typeof reportView>

const handlers = [...ROLE_GROUPS.reports] as const
/** Role holders an announcement may be narrowed to (党小组长, 网格员, 两委, 工作人员). */
export const NOTICE_NARROW_ROLES = ['group_leader', 'grid_worker', 'committee', 'staff'] as const satisfies readonly Role[]

export const noticeContract = {
  /** Staff publish an announcement to an org subtree (village, grid, party group, town…), optionally narrowed. */
  publish: mutation(
    z.object({
      targetOrgId: id,
      classes: z.array(audienceClass).max(4).default([]),
      roles: z.array(role).max(7).default([]),
      ...noticeFields
    }),
    noticeDetail,
    { who: handlers, scope: { kind: 'org', field: 'targetOrgId' }, note: '发给自己管辖范围内的组织' }
  ),
  edit: mutation(z.object({ noticeId: id, ...noticeFields, summary: z.string().trim().max(60).default('') }), noticeDetail, { who: handlers, scope: { kind: 'notice', field: 'noticeId' }, note: '修改留痕，读者可见“已修改”' }),
  /** What is addressed to me: pinned and unread first, then newest; search by words in title and text. */
  feed: query(
    z.object({ search: z.string().trim().max(20).default(''), category: noticeCategory.optional(), includeExpired: z.boolean().default(false), managed: z.boolean().default(false), limit: z.number().int().min(1).max(100).default(50) }),
    z.object({ items: z.array(noticeSummary), unread: z.number() }),
    { who: 'bound', note: '只看发给自己的' }
  ),
  detail: query(z.object({ noticeId: id }), noticeDetail, { who: 'bound', note: '收件人，或管辖范围内的工作人员' }),
  /** Opening an announcement marks it read; reading twice counts once. */
  markRead: mutation(z.object({ noticeId: id }), z.object({ readCount: z.number(), first: z.boolean() }), { who: 'bound', note: '收件人' }),
  readStats: query(
    z.object({ noticeId: id }),
    z.object({
      addresseeCount: z.number(),
      readCount: z.number(),
      unread: z.array(z.object({ memberId: id, name: z.string(), householdName: z.string(), bound: z.boolean() })),
      remindedAt: isoDate.nullable()
    }),
    { who: handlers, scope: { kind: 'notice', field: 'noticeId' } }
  ),
  remindUnread: mutation(z.object({ noticeId: id }), z.object({ sent: z.number(), failed: z.number(), skipped: z.number() }), {
    who: handlers,
    scope: { kind: 'notice', field: 'noticeId' },
    note: '订阅消息提醒未读的收件人'
  }),
  /** Orgs the caller may publish to (for the form's picker). */
  targets: query(z.object({}), z.array(z.object({ id, name: z.string(), kindLabel: z.string(), depth: z.number() })), { who: handlers }),

  /** 居民说事 / 投诉建议. */
  submitReport: mutation(
    z.object({
      category: reportCategory,
      text: z.string().trim().min(5, '请把事情说清楚，至少5个字').max(500, '最多500字'),
      place: z.string().trim().max(40, '地点最多40个字').default(''),
      photos: z.array(z.string().min(1).max(300)).max(6, '照片最多6张').default([]),
      anonymous: z.boolean().default(false)
    }),
    reportView,
    { who: 'bound', note: '本村村民；匿名只对其他村民匿名，处理人员能看到是谁' }
  ),
  listReports: query(
    z.object({ villageId: id.optional(), scope: z.enum(['mine', 'village', 'open']).default('mine') }),
    z.object({ items: z.array(reportView), overdueDays: z.number(), staff: z.boolean() }),
    { who: 'bound', scope: { kind: 'village', field: 'villageId', whenAbsent: 'own' }, note: '“待办”只给工作人员' }
  ),
  reportDetail: query(z.object({ reportId: id }), reportView, { who: 'bound', scope: { kind: 'report', field: 'reportId' } }),
  assignReport: mutation(z.object({ reportId: id, assigneeId: id, note: z.string().trim().max(100).default('') }), reportView, { who: handlers, scope: { kind: 'report', field: 'reportId' } }),
  answerReport: mutation(z.object({ reportId: id, answer: z.string().trim().min(2, '请写明答复').max(500) }), reportView, {
    who: [...handlers, 'grid_worker'],
    scope: { kind: 'report', field: 'reportId' },
    note: '本村工作人员，或被分派的网格员（办理时核对）'
  }),
  closeReport: mutation(z.object({ reportId: id, note: z.string().trim().max(100).default('') }), reportView, { who: handlers, scope: { kind: 'report', field: 'reportId' } }),
  rateReport: mutation(z.object({ reportId: id, stars: z.number().int().min(1, '请打1到5颗星').max(5, '请打1到5颗星'), comment: z.string().trim().max(100).default('') }), reportView, {
    who: 'bound',
    scope: { kind: 'report', field: 'reportId' },
    note: '只有反映人本人'
  }),
  /** People a report can be assigned to (the village's staff and grid workers). */
  assignees: query(z.object({ reportId: id }), z.array(z.object({ memberId: id, name: z.string(), roleLabel: z.string() })), { who: handlers, scope: { kind: 'report', field: 'reportId' } }),
  reportSettings: query(z.object({ villageId: id }), z.object({ overdueDays: z.number() }), { who: 'bound', scope: { kind: 'village', field: 'villageId' } }),
  saveReportSettings: mutation(z.object({ villageId: id, overdueDays: z.number().int().min(1, '至少1天').max(30, '最多30天') }), z.object({ overdueDays: z.number() }), {
    who: ['committee'],
    scope: { kind: 'village', field: 'villageId' }
  }),
  exportReports: query(z.object({ villageId: id }), z.object({ fileId: z.string(), url: z.string(), rows: z.number() }), { who: handlers, scope: { kind: 'village', field: 'villageId' } }),

  /** 我家积分 in a WeChat group: the card / poster data (masked, nothing another villager may not see). */
  shareCard: query(
    z.object({}),
    z.object({
      householdMasked: z.string(),
      villageId: id,
      villageName: z.string(),
      balance: z.number(),
      quarter: z.string(),
      quarterPoints: z.number(),
      rank: z.number().nullable(),
      qrUrl: z.string().nullable(),
      path: z.string()
    }),
    { who: 'bound', note: '本户' }
  ),
  /** Decodes the group a card was opened from (getGroupEnterInfo's cloudID) into an opaque group id. */
  groupContext: query(z.object({ cloudID: z.string().min(1).max(512) }), z.object({ groupId: z.string() }), { who: 'bound' })
}
