import { z } from 'zod'
import { mutation, query } from './define'
import { ROLE_GROUPS } from './access'
import { day, id, isoDate, page, periodKey, personClass } from './common'

export const RULE_CATEGORIES = ['basic', 'incentive', 'flexible', 'veto'] as const
export const ruleCategory = z.enum(RULE_CATEGORIES)
export const RULE_CATEGORY_LABELS = { basic: '基础项目', incentive: '激励项目', flexible: '机动项目', veto: '否决项目' } as const
export const capCycle = z.enum(['week', 'month', 'quarter', 'year'])
export const CAP_CYCLE_LABELS = { week: '每周', month: '每月', quarter: '每季度', year: '每年' } as const
export const vetoEffect = z.enum(['none', 'zero_quarter', 'ineligible_year'])
export const VETO_EFFECT_LABELS = { none: '只扣分', zero_quarter: '本季度积分清零', ineligible_year: '取消本年度评优资格' } as const

export const CLAIM_STATES = ['first_review', 'second_review', 'assembly', 'publicity', 'posted', 'rejected', 'returned'] as const
export const claimState = z.enum(CLAIM_STATES)
export type ClaimStateName = z.infer<typeof claimState>
export const CLAIM_STATE_LABELS: Record<ClaimStateName, string> = {
  first_review: '待党小组初审',
  second_review: '待两委联席复审',
  assembly: '待党员（村民代表）大会审议',
  publicity: '公示中',
  posted: '已入账',
  rejected: '未通过',
  returned: '已退回，待网格员修改'
}

export const ruleItem = z
  .object({
    id: z.string().regex(/^[a-z0-9_-]{1,24}$/, '编号只能是小写字母、数字'),
    name: z.string().trim().min(1, '请填写项目名称').max(40),
    category: ruleCategory,
    classes: z.array(personClass).min(1, '至少选择一类适用人员'),
    points: z.number().int().min(-1000).max(1000).refine((v) => v !== 0, '分值不能为0'),
    unit: z.string().trim().min(1).max(8),
    cap: z.number().int().positive().nullable(),
    capCycle,
    evidenceRequired: z.boolean(),
    activeFrom: day.nullable(),
    activeTo: day.nullable(),
    vetoEffect
  })
  .refine((i) => i.category === 'veto' || i.vetoEffect === 'none', { message: '只有否决项目才能设置否决效果', path: ['vetoEffect'] })
  .refine((i) => !i.activeFrom || !i.activeTo || i.activeFrom <= i.activeTo, { message: '有效期的开始日期不能晚于结束日期', path: ['activeTo'] })
export type RuleItemView = z.infer<typeof ruleItem>

export const ruleSetView = z.object({
  id,
  villageId: id,
  version: z.number(),
  status: z.enum(['draft', 'adopted', 'superseded']),
  title: z.string(),
  items: z.array(ruleItem),
  adoptedOn: day.nullable(),
  adoptedBy: z.string().nullable(),
  adoptionNote: z.string().nullable(),
  updatedAt: isoDate
})
export type RuleSetView = z.infer<typeof ruleSetView>

export const ASSEMBLY_BODIES = ['villager_reps', 'party_members'] as const
export const assemblyBody = z.enum(ASSEMBLY_BODIES)
export const ASSEMBLY_BODY_LABELS = { villager_reps: '村民代表会议', party_members: '党员大会' } as const
const fraction = z.tuple([z.number().int().min(0).max(100), z.number().int().min(1).max(100)]).refine(([n, d]) => n <= d, '比例不能大于1')
export const assemblyRule = z.object({ quorum: fraction, majority: fraction })

export const honourTier = z.object({ name: z.string().trim().min(1).max(20), minPoints: z.number().int().min(0) })
export const settingsView = z.object({
  villageId: id,
  rankingEnabled: z.boolean(),
  noticeDays: z.number().int().min(1).max(30),
  honours: z.array(honourTier).max(10),
  credit: z.object({ excellent: z.number().int().min(0), good: z.number().int().min(0) }),
  priorityTopN: z.number().int().min(1).max(100),
  mall: z.object({ threshold: z.number().int().min(0), pointsPerYuan: z.number().int().min(1) }),
  /** 补录: how many days back a claim's 发生日期 may lie. */
  backdateDays: z.number().int().min(0).max(90),
  /** Years already summarised (年总结): closed to new claims. */
  closedYears: z.array(z.string().regex(/^\d{4}$/)).max(50),
  /** Quorum and majority per body that meets ([numerator, denominator]). */
  assembly: z.object({ villager_reps: assemblyRule, party_members: assemblyRule })
})
export type SettingsView = z.infer<typeof settingsView>

export const approvalView = z.object({ step: z.enum(['first', 'second', 'assembly']), byName: z.string(), at: isoDate })
export const claimView = z.object({
  id,
  villageId: id,
  householdId: id,
  householdCode: z.string(),
  householdName: z.string(),
  memberName: z.string().nullable(),
  item: z.object({ id: z.string(), name: z.string(), category: ruleCategory, points: z.number(), unit: z.string() }),
  ruleVersion: z.number(),
  quantity: z.number(),
  amount: z.number(),
  note: z.string(),
  photos: z.array(z.string()),
  /** Temporary download URLs of the photos (lists and detail), for thumbnails. */
  photoUrls: z.array(z.string()),
  source: z.enum(['grid_worker', 'checkin', 'proxy', 'correction']),
  recordedByName: z.string(),
  occurredOn: day,
  state: claimState,
  stateLabel: z.string(),
  approvals: z.array(approvalView),
  /**
   * Open objections (异议) raised against the claim in its last notice period, for reviewers only: the reason
   * always, the objector's name only for 两委 (null for everyone else).
   */
  openObjections: z.array(z.object({ reason: z.string(), at: isoDate, byName: z.string().nullable() })).optional(),
  /** For the caller, at the claim's current review step: may they approve it, and if not, why. */
  mayApprove: z.boolean().optional(),
  approvedByMe: z.boolean().optional(),
  notApprovableReason: z.string().nullable().optional(),
  publicityEndsAt: isoDate.nullable(),
  lastReason: z.string().nullable(),
  postedAmount: z.number().nullable(),
  createdAt: isoDate
})
export type ClaimView = z.infer<typeof claimView>

export const auditEntryView = z.object({
  seq: z.number(),
  at: isoDate,
  byName: z.string(),
  action: z.string(),
  from: claimState.nullable(),
  to: claimState,
  reason: z.string().nullable(),
  hash: z.string()
})

/** A typed check-in code as people type it: full-width digits (０-９), spaces and dashes are dropped or mapped. */
export function checkinCodeText(text: string): string {
  return text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[\s\-－—·.]/g, '')
}

export const ledgerEntryView = z.object({
  id,
  seq: z.number(),
  amount: z.number(),
  /** The part of a deduction the balance could not give (the full deduction still counts against earned points). */
  notTaken: z.number(),
  balanceAfter: z.number(),
  kind: z.enum(['claim', 'veto', 'redeem', 'refund', 'correction']),
  reason: z.string(),
  ruleItemName: z.string().nullable(),
  claimId: z.string().nullable(),
  orderId: z.string().nullable(),
  approvals: z.array(z.object({ step: z.string(), byName: z.string(), at: isoDate })),
  /** When the entry posted (the balance moved). */
  at: isoDate,
  /** Earned points (claims, vetoes, corrections): the day the work was done, which decides the period they count in. */
  workDay: day.nullable(),
  /** The quarter (2026-Q4) the entry counts toward in 本季度/兑换资格; null for redemptions and refunds. */
  countsIn: z.string().nullable()
})
export type LedgerEntryView = z.infer<typeof ledgerEntryView>

export const balanceView = z.object({
  householdId: id,
  householdName: z.string(),
  balance: z.number(),
  yearPoints: z.number(),
  quarterPoints: z.number(),
  monthPoints: z.number(),
  year: z.string(),
  quarter: z.string(),
  month: z.string(),
  pendingClaims: z.number()
})

const reason = z.string().trim().max(200)
const step = z.enum(['first', 'second'])
const decision = z.enum(['approve', 'reject', 'send_back'])

export const tallyRow = z.object({
  householdId: id,
  code: z.string(),
  headName: z.string(),
  gridName: z.string(),
  points: z.number()
})

export const pointsContract = {
  getRules: query(
    z.object({ villageId: id }),
    z.object({
      current: ruleSetView.nullable(),
      draft: ruleSetView.nullable(),
      history: z.array(z.object({ id, version: z.number(), status: z.enum(['draft', 'adopted', 'superseded']), adoptedOn: day.nullable() }))
    }),
    { who: 'bound' }
  ),
  saveDraftRules: mutation(
    z.object({ villageId: id, title: z.string().trim().min(1).max(40), items: z.array(ruleItem).min(1, '至少要有一项').max(100) }).refine(
      (v) => new Set(v.items.map((i) => i.id)).size === v.items.length,
      { message: '项目编号不能重复', path: ['items'] }
    ),
    z.object({ ruleSetId: id, version: z.number() }),
    { who: ROLE_GROUPS.rules, scope: { kind: 'village', field: 'villageId' } }
  ),
  adoptRules: mutation(
    z.object({ ruleSetId: id, adoptedOn: day, adoptedBy: z.string().trim().min(1).max(40).default('村民代表大会'), note: z.string().max(200).default('') }),
    z.object({ ruleSetId: id, version: z.number() }),
    { who: ROLE_GROUPS.rules, scope: { kind: 'ruleSet', field: 'ruleSetId' }, sod: ['notProposer'], note: '登记通过的人不是起草人' }
  ),
  getSettings: query(z.object({ villageId: id }), settingsView, { who: ROLE_GROUPS.rosterRead, scope: { kind: 'village', field: 'villageId' }, residents: true }),
  saveSettings: mutation(settingsView.omit({ mall: true }).partial({ backdateDays: true, closedYears: true, assembly: true }), settingsView, { who: ROLE_GROUPS.rules, scope: { kind: 'village', field: 'villageId' } }),

  /** 网格员打分: one rule item for one or many households (a whole activity), optionally as 代办. */
  recordClaims: mutation(
    z.object({
      villageId: id,
      ruleItemId: z.string().min(1).max(24),
      quantity: z.number().int().min(1).max(100),
      note: z.string().trim().max(200).default(''),
      photos: z.array(z.string().min(1).max(300)).max(9).default([]),
      occurredOn: day,
      entries: z.array(z.object({ householdId: id, memberId: id.optional() })).min(1, '请至少选择一户').max(100, '一次最多100户'),
      /** 代办: the villager (without a phone) the grid worker is acting for. */
      onBehalfOf: id.optional()
    }),
    z.object({ claimIds: z.array(id), batchId: id }),
    { who: ['grid_worker'], scope: { kind: 'household', field: 'entries.householdId' }, sod: ['notOwnHousehold'] }
  ),
  resubmitClaim: mutation(
    z.object({ claimId: id, quantity: z.number().int().min(1).max(100), note: z.string().trim().max(200).default(''), photos: z.array(z.string().min(1).max(300)).max(9).default([]) }),
    z.object({ state: claimState }),
    { who: ['grid_worker'], scope: { kind: 'claim', field: 'claimId' }, sod: ['notOwnHousehold'], note: '只能改自己录入的' }
  ),
  myClaims: query(z.object({ householdId: id.optional() }).merge(page), z.object({ items: z.array(claimView), total: z.number() }), { who: ['staff', 'committee', 'admin', 'secretary', 'grid_worker', 'group_leader'], scope: { kind: 'household', field: 'householdId', whenAbsent: 'own' }, self: true }),
  recordedByMe: query(z.object({ villageId: id, state: claimState.optional() }).merge(page), z.object({ items: z.array(claimView), total: z.number() }), { who: ['grid_worker'], scope: { kind: 'village', field: 'villageId' } }),
  claimDetail: query(z.object({ claimId: id }), z.object({ claim: claimView, photoUrls: z.array(z.string()), audit: z.array(auditEntryView) }), { who: ['staff', 'committee', 'admin', 'secretary', 'grid_worker', 'group_leader'], scope: { kind: 'claim', field: 'claimId' }, self: true }),
  reviewQueue: query(z.object({ villageId: id, step: z.enum(['first', 'second', 'assembly']) }).merge(page), z.object({ items: z.array(claimView), total: z.number() }), { who: ['group_leader', 'committee', 'admin'], scope: { kind: 'village', field: 'villageId' }, variants: { field: 'step', roles: { first: ['group_leader'], second: ['committee'], assembly: ['committee', 'admin'] } }, note: '初审只列本党小组覆盖的农户' }),
  review: mutation(
    z.object({ claimId: id, step, decision, reason: reason.optional() }),
    z.object({ state: claimState }),
    { who: ['group_leader', 'committee'], scope: { kind: 'claim', field: 'claimId' }, variants: { field: 'step', roles: { first: ['group_leader'], second: ['committee'] } }, sod: ['notOwnHousehold', 'notPriorApprover', 'notRecorder'] }
  ),
  reviewMany: mutation(
    z.object({ claimIds: z.array(id).min(1).max(100), step, decision: z.enum(['approve', 'reject']), reason: reason.optional() }),
    z.object({ results: z.array(z.object({ claimId: id, ok: z.boolean(), state: claimState.nullable(), code: z.string().nullable(), message: z.string().nullable() })) }),
    { who: ['group_leader', 'committee'], scope: { kind: 'claim', field: 'claimIds' }, perItem: true, variants: { field: 'step', roles: { first: ['group_leader'], second: ['committee'] } }, sod: ['notOwnHousehold', 'notPriorApprover', 'notRecorder'], note: '逐条检查，自己家的逐条拒绝' }
  ),
  /** 党员（村民代表）大会审议: one meeting approves (or turns down) a batch; approved claims go to 公示. */
  decideAssembly: mutation(
    z.object({
      villageId: id,
      title: z.string().trim().min(1).max(60),
      meetingDate: day,
      /** The body that meets: 村民代表会议 or 党员大会. */
      body: assemblyBody.default('villager_reps'),
      /** Members of the body: for 党员大会 the party members with a vote, counted from the roster when absent. */
      membersTotal: z.number().int().min(1).max(10000).optional(),
      present: z.number().int().min(1).max(10000),
      votesFor: z.number().int().min(0).max(10000),
      votesAgainst: z.number().int().min(0).max(10000),
      votesAbstain: z.number().int().min(0).max(10000),
      claimIds: z.array(id).min(1).max(200)
    }),
    z.object({
      assemblyId: id,
      passed: z.boolean(),
      claims: z.number(),
      skipped: z.number(),
      publicityEndsAt: isoDate.nullable(),
      attendance: z.object({ present: z.number(), total: z.number() }),
      /** Claims left out because the recorder approved them or lives in the claimant household. */
      excluded: z.array(z.object({ claimId: id, householdName: z.string(), reason: z.string() }))
    }),
    { who: ['committee', 'admin'], scope: { kind: 'village', field: 'villageId' }, sod: ['notPriorApprover', 'notClaimantHousehold'], note: '登记人审批过或自家的申报不列入，另行列出' }
  ),
  publicity: query(
    z.object({ villageId: id }),
    z.object({
      items: z.array(z.object({ claimId: id, householdMasked: z.string(), itemName: z.string(), quantity: z.number(), unit: z.string(), amount: z.number(), occurredOn: day, endsAt: isoDate, objections: z.number() }))
    }),
    { who: ROLE_GROUPS.rosterRead, scope: { kind: 'village', field: 'villageId' }, residents: true }
  ),
  assemblies: query(
    z.object({ villageId: id }),
    z.array(
      z.object({
        id,
        title: z.string(),
        meetingDate: day,
        body: assemblyBody,
        present: z.number(),
        membersTotal: z.number(),
        votesFor: z.number(),
        votesAgainst: z.number(),
        votesAbstain: z.number(),
        passed: z.boolean(),
        claims: z.number(),
        excluded: z.number(),
        recordedByName: z.string()
      })
    ),
    { who: ['committee', 'admin', 'secretary', 'staff'], scope: { kind: 'village', field: 'villageId' } }
  ),
  /** 异议 during 公示: the objector's name is seen only by the 两委 handling it. */
  raiseObjection: mutation(z.object({ claimId: id, reason: z.string().trim().min(2, '请写明异议的理由').max(200) }), z.object({ state: claimState }), { who: 'bound', scope: { kind: 'claim', field: 'claimId' }, note: '本村村民；每人每条一次' }),
  /** 我的异议: objections I raised and how each ended (my own records only). */
  myObjections: query(
    page,
    z.object({
      items: z.array(
        z.object({
          id: z.string(),
          claimId: id,
          householdMasked: z.string(),
          itemName: z.string(),
          amount: z.number(),
          reason: z.string(),
          at: isoDate,
          state: claimState,
          outcome: z.enum(['open', 'upheld', 'dismissed']),
          text: z.string()
        })
      )
    }),
    { who: 'bound' }
  ),
  /** Counts for the 工作台 tiles; a review queue's count is null for someone who does not hold that step's roles. */
  workCounts: query(
    z.object({ villageId: id.optional() }),
    z.object({
      villageId: id,
      first: z.number().nullable(),
      second: z.number().nullable(),
      assembly: z.number().nullable(),
      objected: z.number().nullable(),
      returned: z.number(),
      myObjectionsOpen: z.number()
    }),
    { who: 'bound', scope: { kind: 'village', field: 'villageId', whenAbsent: 'own' } }
  ),
  /** Posts every claim whose notice period has ended without objection. Timer-driven; staff may run it by hand. */
  postDue: mutation(z.object({ villageId: id.optional() }), z.object({ posted: z.number(), failed: z.number() }), { who: ['committee'], scope: { kind: 'village', field: 'villageId', whenAbsent: 'own' } }),
  /** 积分更正: a claim of its own kind that starts at 两委联席复审 (two other 两委 members), then 大会 and 公示. */
  proposeCorrection: mutation(
    z.object({ householdId: id, amount: z.number().int().min(-10000).max(10000).refine((v) => v !== 0, '调整分值不能为0'), reason: z.string().trim().min(2, '请写明更正原因').max(200) }),
    z.object({ claimId: id, state: claimState }),
    { who: ['committee'], scope: { kind: 'household', field: 'householdId' }, sod: ['notOwnHousehold'], note: '更正也是申报：两位两委成员复审，再经大会和公示' }
  ),
  balance: query(z.object({ householdId: id.optional() }), balanceView, { who: ['staff', 'committee', 'admin', 'secretary', 'grid_worker'], scope: { kind: 'household', field: 'householdId', whenAbsent: 'own' }, self: true }),
  ledger: query(z.object({ householdId: id.optional() }).merge(page), z.object({ items: z.array(ledgerEntryView), total: z.number() }), { who: ['staff', 'committee', 'admin', 'secretary', 'grid_worker'], scope: { kind: 'household', field: 'householdId', whenAbsent: 'own' }, self: true }),
  ranking: query(
    z.object({ villageId: id.optional(), year: z.string().regex(/^\d{4}$/).optional(), limit: z.number().int().min(1).max(100).default(20) }),
    z.object({ year: z.string(), items: z.array(z.object({ rank: z.number(), householdMasked: z.string(), points: z.number(), mine: z.boolean() })) }),
    { who: ROLE_GROUPS.reports, scope: { kind: 'village', field: 'villageId', whenAbsent: 'own' }, residents: true }
  ),
  tally: query(
    z.object({ villageId: id, period: periodKey }),
    z.object({ period: z.string(), households: z.array(tallyRow), grids: z.array(z.object({ gridId: z.string(), gridName: z.string(), households: z.number(), points: z.number() })) }),
    { who: ROLE_GROUPS.reports, scope: { kind: 'village', field: 'villageId' } }
  ),
  yearSummary: query(
    z.object({ villageId: id, year: z.string().regex(/^\d{4}$/) }),
    z.object({
      year: z.string(),
      households: z.array(tallyRow.extend({ honour: z.string().nullable(), credit: z.enum(['优秀', '良好', '一般']), eligible: z.boolean() })),
      priority: z.array(tallyRow.extend({ rank: z.number() }))
    }),
    { who: ROLE_GROUPS.reports, scope: { kind: 'village', field: 'villageId' } }
  ),
  exportReport: query(
    z.object({ villageId: id, kind: z.enum(['tally', 'year']), period: periodKey }),
    z.object({ fileId: z.string(), url: z.string(), rows: z.number(), fileName: z.string() }),
    { who: ROLE_GROUPS.reports, scope: { kind: 'village', field: 'villageId' } }
  ),
  createActivity: mutation(
    z.object({
      villageId: id,
      title: z.string().trim().min(1).max(40),
      ruleItemId: z.string().min(1).max(24),
      quantity: z.number().int().min(1).max(100).default(1),
      place: z.string().trim().max(40).default(''),
      startsAt: isoDate,
      endsAt: isoDate
    }),
    z.object({ activityId: id }),
    { who: ROLE_GROUPS.activities, scope: { kind: 'village', field: 'villageId' } }
  ),
  listActivities: query(
    z.object({ villageId: id }),
    z.array(z.object({ id, title: z.string(), place: z.string(), ruleItemName: z.string(), startsAt: isoDate, endsAt: isoDate, checkins: z.number(), open: z.boolean() })),
    { who: ROLE_GROUPS.activities, scope: { kind: 'village', field: 'villageId' }, residents: true, note: '本村村民看得到正在进行的活动' }
  ),
  /** The rotating check-in code shown at the venue (QR + digits); rotates every 30 s. */
  activityCode: query(
    z.object({ activityId: id }),
    z.object({
      activityId: id,
      title: z.string(),
      code: z.string(),
      qr: z.string(),
      /** When the screen shows the next code; this one is still accepted graceSeconds longer. */
      validUntil: isoDate,
      graceSeconds: z.number(),
      /** The server's clock, so the screen's countdown does not depend on the phone's. */
      now: isoDate,
      checkins: z.number()
    }),
    { who: ROLE_GROUPS.activities, scope: { kind: 'activity', field: 'activityId' } }
  ),
  checkin: mutation(
    // Typed codes may come with full-width digits, spaces or dashes (as the screen groups them): accepted.
    z.object({ activityId: id, code: z.string().transform(checkinCodeText).pipe(z.string().regex(/^\d{6}$/, '签到码是6位数字')) }),
    z.object({ claimId: id, state: claimState }),
    { who: 'bound', scope: { kind: 'activity', field: 'activityId' }, note: '本村村民，凭现场签到码' }
  )
}
