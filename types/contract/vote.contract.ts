import { z } from 'zod'
import { mutation, query } from './define'
import { id, isoDate } from './common'

/**
 * 双晒 (video showcase, public vote, judges, weighted result) and the village vote (移风易俗先进典型 nominees
 * approved by the villagers) share one engine: activities, entries, votes, per-voter tallies, sharded counters.
 */

export const VOTE_STAFF = ['staff', 'admin'] as const
export const ACTIVITY_KINDS = ['showcase', 'village'] as const
export const ENTRY_STATES = ['pending', 'changes', 'approved', 'rejected', 'withdrawn'] as const
export const entryState = z.enum(ENTRY_STATES)
export type EntryState = z.infer<typeof entryState>
export const ENTRY_STATE_LABELS: Record<EntryState, string> = {
  pending: '待审核',
  changes: '请修改后再交',
  approved: '已通过',
  rejected: '未通过',
  withdrawn: '已撤回'
}
export const PHASES = ['upcoming', 'submitting', 'voting', 'judging', 'closed', 'published'] as const
export type Phase = (typeof PHASES)[number]
export const PHASE_LABELS: Record<Phase, string> = {
  upcoming: '未开始',
  submitting: '报名中',
  voting: '投票中',
  judging: '评委打分中',
  closed: '打分已结束',
  published: '结果已公布'
}

export const DEFAULT_CATEGORIES = [
  { key: 'town', label: '镇党委书记' },
  { key: 'street', label: '街道党工委书记' },
  { key: 'village', label: '村党支部书记' },
  { key: 'community', label: '社区党组织书记' }
]
export const ENTRY_PARTS = [
  { key: 'ideas', label: '思路举措' },
  { key: 'results', label: '工作成效' },
  { key: 'highlights', label: '特色亮点' },
  { key: 'service', label: '为民服务办实事' }
] as const

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 时:分，如 22:00')
const key = z.string().trim().regex(/^[a-z0-9_-]{1,20}$/, '类别代码只能用小写字母、数字')

export const categoryDef = z.object({ key, label: z.string().trim().min(1, '请填写类别名称').max(20) })
export const voteRules = z.object({
  perDay: z.number().int().min(1).max(100),
  perEntryPerDay: z.number().int().min(1).max(20),
  cooldownDays: z.number().int().min(0).max(60),
  nightPause: z.object({ start: hhmm, end: hhmm }).nullable(),
  /** Votes for one entry within one minute at or above this are reported as a burst. */
  burstPerMinute: z.number().int().min(2).max(10000)
})
export type VoteRules = z.infer<typeof voteRules>
export const weights = z
  .object({ votes: z.number().int().min(0).max(40), performance: z.number().int().min(0).max(100), overall: z.number().int().min(0).max(100) })
  .refine((w) => w.votes + w.performance + w.overall === 100, '三项权重加起来要等于100')
export type Weights = z.infer<typeof weights>
export const electorate = z.object({
  /** Bound members and villagers of this org subtree. */
  orgId: id,
  partyOnly: z.boolean().default(false),
  /** members: every bound person; household: one vote per household; representatives: only the listed 村民代表. */
  mode: z.enum(['members', 'household', 'representatives']).default('members'),
  representativeIds: z.array(id).max(200).default([])
})
export const judgeAssignment = z.object({ memberId: id, categories: z.array(key).max(10) })

export const activityView = z.object({
  id,
  kind: z.enum(ACTIVITY_KINDS),
  title: z.string(),
  description: z.string(),
  orgId: id,
  orgName: z.string(),
  categories: z.array(categoryDef),
  electorate: z.object({ orgId: id, orgName: z.string(), partyOnly: z.boolean(), mode: z.enum(['members', 'household', 'representatives']), representativeIds: z.array(id) }),
  submitOpens: isoDate,
  submitCloses: isoDate,
  voteOpens: isoDate,
  voteCloses: isoDate,
  rules: voteRules,
  weights: z.object({ votes: z.number(), performance: z.number(), overall: z.number() }),
  awards: z.array(z.object({ label: z.string(), count: z.number() })),
  showCounts: z.boolean(),
  judges: z.array(judgeAssignment.extend({ name: z.string() })),
  phase: z.enum(PHASES),
  phaseLabel: z.string(),
  judgingClosed: z.boolean(),
  published: z.boolean(),
  /** Roles of the caller on this activity, so the app shows the right buttons. */
  mine: z.object({ staff: z.boolean(), judge: z.boolean(), secretary: z.boolean() })
})
export type ActivityView = z.infer<typeof activityView>

export const entryView = z.object({
  id,
  activityId: id,
  category: z.string(),
  categoryLabel: z.string(),
  orgId: id,
  orgName: z.string(),
  ownerName: z.string(),
  title: z.string(),
  parts: z.object({ ideas: z.string(), results: z.string(), highlights: z.string(), service: z.string() }),
  cover: z.string().nullable(),
  coverUrl: z.string().nullable(),
  video: z.string().nullable(),
  videoUrl: z.string().nullable(),
  householdId: id.nullable(),
  state: entryState,
  stateLabel: z.string(),
  reviewNote: z.string().nullable(),
  /** null when staff hide counts (or for a village vote before it closes). */
  votes: z.number().nullable(),
  yes: z.number().nullable(),
  no: z.number().nullable(),
  mine: z.boolean(),
  createdAt: isoDate,
  updatedAt: isoDate
})
export type EntryView = z.infer<typeof entryView>

export const voteStatus = z.object({
  eligible: z.boolean(),
  /** Why the caller cannot vote now (window, electorate, cooldown, night pause), else null. */
  reason: z.string().nullable(),
  day: z.string(),
  perDay: z.number(),
  perEntryPerDay: z.number(),
  usedToday: z.number(),
  remainingToday: z.number(),
  /** Votes the caller gave each entry today (village vote: ever), and the choice made. */
  byEntry: z.record(z.string(), z.number()),
  choices: z.record(z.string(), z.enum(['approve', 'reject']))
})

export const resultRow = z.object({
  entryId: id,
  title: z.string(),
  orgName: z.string(),
  ownerName: z.string(),
  votes: z.number(),
  voteScore: z.number(),
  performance: z.number().nullable(),
  overall: z.number().nullable(),
  judges: z.number(),
  performanceScore: z.number(),
  overallScore: z.number(),
  total: z.number(),
  rank: z.number(),
  award: z.string().nullable()
})
export const resultTable = z.object({
  categories: z.array(z.object({ key: z.string(), label: z.string(), topVotes: z.number(), rows: z.array(resultRow) })),
  weights: z.object({ votes: z.number(), performance: z.number(), overall: z.number() }),
  computedAt: isoDate
})
export type ResultTable = z.infer<typeof resultTable>

export const scoreView = z.object({
  entryId: id,
  judgeId: id,
  judgeName: z.string(),
  performance: z.number(),
  overall: z.number(),
  comment: z.string(),
  updatedAt: isoDate
})

const text = (label: string, max: number) => z.string().trim().min(1, `请填写${label}`).max(max, `${label}最多${max}字`)
const fileId = z.string().min(1).max(300)

export const activityInput = z
  .object({
    activityId: id.optional(),
    kind: z.enum(ACTIVITY_KINDS).default('showcase'),
    orgId: id,
    title: text('活动名称', 40),
    description: z.string().trim().max(500).default(''),
    categories: z.array(categoryDef).min(1, '至少要有一个类别').max(8).default(DEFAULT_CATEGORIES),
    electorate,
    submitOpens: isoDate,
    submitCloses: isoDate,
    voteOpens: isoDate,
    voteCloses: isoDate,
    rules: voteRules.default({ perDay: 3, perEntryPerDay: 1, cooldownDays: 3, nightPause: null, burstPerMinute: 10 }),
    weights: weights.default({ votes: 30, performance: 40, overall: 30 }),
    awards: z.array(z.object({ label: z.string().trim().min(1).max(10), count: z.number().int().min(1).max(50) })).max(5).default([{ label: '一等奖', count: 1 }, { label: '二等奖', count: 2 }, { label: '三等奖', count: 3 }]),
    showCounts: z.boolean().default(true),
    judges: z.array(judgeAssignment).max(30).default([])
  })
  .refine((a) => new Date(a.submitOpens) < new Date(a.submitCloses), { message: '报名截止要晚于报名开始', path: ['submitCloses'] })
  .refine((a) => new Date(a.voteOpens) < new Date(a.voteCloses), { message: '投票截止要晚于投票开始', path: ['voteCloses'] })
  .refine((a) => new Set(a.categories.map((c) => c.key)).size === a.categories.length, { message: '类别代码重复了', path: ['categories'] })

const exportOut = z.object({ fileId: z.string(), url: z.string(), rows: z.number() })

export const voteContract = {
  listActivities: query(z.object({ kind: z.enum(ACTIVITY_KINDS).optional() }), z.array(activityView), { who: 'bound', note: '本人所在组织及以上的活动' }),
  getActivity: query(z.object({ activityId: id }), activityView, { who: 'bound' }),
  saveActivity: mutation(activityInput, activityView, { who: VOTE_STAFF, scope: { kind: 'org', field: 'orgId' }, note: '工作人员、管理员' }),
  listEntries: query(
    z.object({ activityId: id, category: z.string().max(20).optional(), states: z.array(entryState).max(5).optional() }),
    z.array(entryView),
    { who: 'bound', note: '群众只看到已通过的作品；工作人员可看待审核的' }
  ),
  getEntry: query(z.object({ entryId: id }), entryView, { who: 'bound' }),
  myEntries: query(z.object({ activityId: id }), z.array(entryView), { who: ['secretary'] }),
  submitEntry: mutation(
    z.object({
      activityId: id,
      orgId: id,
      category: key,
      title: text('标题', 40),
      parts: z.object({ ideas: text('思路举措', 1000), results: text('工作成效', 1000), highlights: text('特色亮点', 1000), service: text('为民服务办实事', 1000) }),
      cover: fileId,
      video: fileId
    }),
    entryView,
    { who: ['secretary'], scope: { kind: 'org', field: 'orgId' }, note: '书记报本单位的作品' }
  ),
  withdrawEntry: mutation(z.object({ entryId: id }), entryView, { who: ['secretary'], scope: { kind: 'entry', field: 'entryId' }, note: '本人撤回' }),
  reviewQueue: query(z.object({ activityId: id }), z.array(entryView), { who: VOTE_STAFF, scope: { kind: 'voteActivity', field: 'activityId' } }),
  reviewEntry: mutation(
    z
      .object({ entryId: id, decision: z.enum(['approve', 'reject', 'changes']), reason: z.string().trim().max(200).default('') })
      .refine((r) => r.decision === 'approve' || r.reason.length >= 2, { message: '不通过或退回修改时请写明原因', path: ['reason'] }),
    entryView,
    { who: VOTE_STAFF, scope: { kind: 'entry', field: 'entryId' }, sod: ['notOwnEntry'] }
  ),
  /** Village vote: staff put a household forward as 移风易俗先进典型. */
  nominate: mutation(
    z.object({ activityId: id, householdId: id, title: text('推荐理由', 40), reason: z.string().trim().max(500).default('') }),
    entryView,
    { who: VOTE_STAFF, scope: { kind: 'voteActivity', field: 'activityId' } }
  ),
  /** One vote (showcase) or one approve/reject ballot (village vote). Idempotent by deterministic ids. */
  vote: mutation(z.object({ entryId: id, choice: z.enum(['approve', 'reject']).optional() }), z.object({ entryId: id, status: voteStatus, votes: z.number().nullable() }), {
    who: 'bound',
    note: '选民范围、每日票数、冷静期由活动规定'
  }, { dedupedByIds: true }),
  voteStatus: query(z.object({ activityId: id }), voteStatus, { who: 'bound' }),
  ranking: query(
    z.object({ activityId: id, category: z.string().max(20) }),
    z.object({ hidden: z.boolean(), rows: z.array(z.object({ entryId: id, title: z.string(), orgName: z.string(), ownerName: z.string(), votes: z.number(), rank: z.number() })) }),
    { who: 'bound' }
  ),
  judgeQueue: query(
    z.object({ activityId: id }),
    z.array(entryView.extend({ ownOrg: z.boolean(), myScore: scoreView.nullable() })),
    { who: ['judge'], scope: { kind: 'voteActivity', field: 'activityId' } }
  ),
  scoreEntry: mutation(
    z.object({ entryId: id, performance: z.number().int().min(0, '分数在0到100之间').max(100, '分数在0到100之间'), overall: z.number().int().min(0, '分数在0到100之间').max(100, '分数在0到100之间'), comment: z.string().trim().max(300).default('') }),
    scoreView,
    { who: ['judge'], scope: { kind: 'entry', field: 'entryId' }, sod: ['notOwnOrg'] }
  ),
  closeJudging: mutation(z.object({ activityId: id }), activityView, { who: VOTE_STAFF, scope: { kind: 'voteActivity', field: 'activityId' } }),
  /** Staff: the weighted table as it stands (judge scores only after judging closed). */
  results: query(z.object({ activityId: id }), resultTable.extend({ published: z.boolean(), scoresVisible: z.boolean() }), { who: VOTE_STAFF, scope: { kind: 'voteActivity', field: 'activityId' } }),
  publish: mutation(z.object({ activityId: id }), resultTable, { who: VOTE_STAFF, scope: { kind: 'voteActivity', field: 'activityId' } }),
  publishedResult: query(z.object({ activityId: id }), resultTable, { who: 'bound' }),
  /** Recomputes the final table from the stored votes and scores and compares it with the published one. */
  recompute: query(z.object({ activityId: id }), z.object({ same: z.boolean(), differences: z.array(z.string()) }), { who: VOTE_STAFF, scope: { kind: 'voteActivity', field: 'activityId' } }),
  exportXlsx: query(z.object({ activityId: id, what: z.enum(['votes', 'scores', 'result']) }), exportOut, { who: VOTE_STAFF, scope: { kind: 'voteActivity', field: 'activityId' } }),
  scores: query(z.object({ activityId: id }), z.array(scoreView.extend({ title: z.string() })), { who: VOTE_STAFF, scope: { kind: 'voteActivity', field: 'activityId' }, note: '评委打分结束后可看' }),
  fraudReport: query(
    z.object({ activityId: id }),
    z.object({
      bursts: z.array(z.object({ entryId: id, title: z.string(), minute: z.string(), votes: z.number() })),
      newAccounts: z.array(z.object({ voterKey: z.string(), name: z.string(), boundAt: isoDate, votes: z.number() })),
      limitHitters: z.array(z.object({ voterKey: z.string(), name: z.string(), days: z.number(), votes: z.number() })),
      voters: z.array(z.object({ voterKey: z.string(), name: z.string(), votes: z.number(), riskRank: z.number().nullable(), reasons: z.array(z.string()), voided: z.boolean() }))
    }),
    { who: VOTE_STAFF, scope: { kind: 'voteActivity', field: 'activityId' } }
  ),
  voidVoter: mutation(
    z.object({ activityId: id, voterKey: id, reason: z.string().trim().min(2, '请写明作废原因').max(200) }),
    z.object({ voided: z.number(), reason: z.string(), at: isoDate }),
    { who: VOTE_STAFF, scope: { kind: 'voteActivity', field: 'activityId' } }
  ),
  villageResult: query(
    z.object({ activityId: id }),
    z.object({
      closed: z.boolean(),
      voters: z.number(),
      nominees: z.array(z.object({ entryId: id, title: z.string(), householdId: id.nullable(), name: z.string(), yes: z.number(), no: z.number(), approved: z.boolean() }))
    }),
    { who: 'bound' }
  )
}
