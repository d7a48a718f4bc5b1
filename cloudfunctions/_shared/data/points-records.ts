import type { PersonClass } from '../../../types/contract/common'
import type { Periods } from '../domain/china-time'

export type RuleCategory = 'basic' | 'incentive' | 'flexible' | 'veto'
export type CapCycle = 'week' | 'month' | 'quarter' | 'year'
export type VetoEffect = 'none' | 'zero_quarter' | 'ineligible_year'

export interface RuleItem {
  id: string
  name: string
  category: RuleCategory
  classes: PersonClass[]
  /** Points per unit; negative for deductions. */
  points: number
  unit: string
  /** Max points (absolute) a household can get from this item per cap cycle; null = no cap. */
  cap: number | null
  capCycle: CapCycle
  evidenceRequired: boolean
  /** China-time days, inclusive; null = open-ended. */
  activeFrom: string | null
  activeTo: string | null
  vetoEffect: VetoEffect
}

export interface RuleSetDoc {
  _id: string
  villageId: string
  version: number
  status: 'draft' | 'adopted' | 'superseded'
  title: string
  items: RuleItem[]
  /** 村民代表大会 adoption. */
  adoptedOn: string | null
  adoptedBy: string | null
  adoptionNote: string | null
  createdBy: string
  createdAt: Date
  updatedAt: Date
}

export interface HonourTier {
  name: string // 五星级文明户
  minPoints: number
}

export interface VillageSettingsDoc {
  _id: string // villageId
  villageId: string
  currentRuleSetId: string | null
  rankingEnabled: boolean
  noticeDays: number
  honours: HonourTier[]
  credit: { excellent: number; good: number }
  priorityTopN: number
  /** 爱心超市: eligibility and price rules, and where/when/whom to ask about pickup (shown on the shop). */
  mall: { threshold: number; pointsPerYuan: number; pickupPlace?: string; openHours?: string; contactPhone?: string }
  updatedAt: Date
}

export type ClaimState = 'first_review' | 'second_review' | 'assembly' | 'publicity' | 'posted' | 'rejected' | 'returned'
export type ClaimSource = 'grid_worker' | 'checkin' | 'proxy'

export interface Approval {
  step: 'first' | 'second' | 'assembly'
  by: string
  byName: string
  at: Date
  round: number
}

export interface ClaimDoc {
  _id: string
  villageId: string
  villagePath: string[]
  householdId: string
  householdCode: string
  householdHead: string | null
  householdOrgPath: string[]
  gridId: string | null
  memberId: string | null
  memberName: string | null
  personClass: PersonClass
  ruleSetId: string
  ruleVersion: number
  item: Pick<RuleItem, 'id' | 'name' | 'category' | 'points' | 'unit' | 'cap' | 'capCycle' | 'vetoEffect'>
  quantity: number
  amount: number
  note: string
  photos: string[]
  source: ClaimSource
  recordedBy: string
  recordedByName: string
  /** For 代办: the villager the grid worker acted for. */
  onBehalfOf: string | null
  activityId: string | null
  batchId: string | null
  occurredOn: string
  periods: Periods
  state: ClaimState
  round: number
  approvals: Approval[]
  assemblyId: string | null
  publicityStartsAt: Date | null
  publicityEndsAt: Date | null
  objections: number
  lastReason: string | null
  auditSeq: number
  lastHash: string
  postedAmount: number | null
  createdAt: Date
  updatedAt: Date
}

export interface AuditEntryDoc {
  _id: string // `${claimId}:${seq}`
  claimId: string
  seq: number
  at: Date
  by: string // memberId or 'system'
  byName: string
  action: string
  from: ClaimState | null
  to: ClaimState
  reason: string | null
  prevHash: string
  hash: string
}

export interface AssemblyDoc {
  _id: string
  villageId: string
  title: string
  meetingDate: string
  votesFor: number
  votesAgainst: number
  votesAbstain: number
  passed: boolean
  /** 'recording' while its claims are being moved; 'recorded' once done. */
  status: 'recording' | 'recorded'
  /** Claims this meeting moved. */
  claimIds: string[]
  /** Claims of the batch that another meeting or an objection had moved meanwhile. */
  skippedClaimIds: string[]
  noticeDays: number
  publicityStartsAt: Date
  publicityEndsAt: Date
  createdBy: string
  createdAt: Date
}

export interface ObjectionDoc {
  _id: string
  claimId: string
  villageId: string
  by: string
  byName: string
  reason: string
  at: Date
}

export type LedgerKind = 'claim' | 'veto' | 'redeem' | 'refund' | 'correction'

export interface LedgerEntryDoc {
  _id: string
  householdId: string
  villageId: string
  seq: number
  amount: number
  balanceAfter: number
  kind: LedgerKind
  reason: string
  claimId: string | null
  orderId: string | null
  ruleItemName: string | null
  /** For claims: the period the work happened in (earned points count there). */
  periods: Periods
  evidence: string[]
  approvals: Array<{ step: string; byName: string; at: Date }>
  by: string
  at: Date
}

/** One per household: the cached balance and per-period totals, updated with every ledger entry. */
export interface HouseholdPointsDoc {
  _id: string // householdId
  villageId: string
  gridId: string | null
  code: string
  headName: string | null
  balance: number
  seq: number
  /** Net points from claims (including deductions) by period key: 2026, 2026-Q4, 2026-11, 2026-W48. */
  earned: Record<string, number>
  /** Current year and its points, for the ranking index. */
  year: string
  yearPoints: number
  ineligibleYears: string[]
  updatedAt: Date
}

export interface CapCounterDoc {
  _id: string // `${householdId}:${ruleSetId}:${itemId}:${periodKey}`
  used: number
}

export interface ActivityDoc {
  _id: string
  villageId: string
  villagePath: string[]
  title: string
  ruleItemId: string
  quantity: number
  place: string
  startsAt: Date
  endsAt: Date
  secret: string
  rotateSeconds: number
  createdBy: string
  createdAt: Date
}

export interface CheckinDoc {
  _id: string // `${activityId}:${householdId}`
  activityId: string
  householdId: string
  memberId: string
  claimId: string
  at: Date
}
