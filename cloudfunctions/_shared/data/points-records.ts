import type { PersonClass } from '../../../types/contract/common'
import type { Periods } from '../domain/china-time'
import type { PointsTotals } from '../domain/ledger'
import type { Approval, CapCycle, ClaimSource, ClaimState, HonourTier, RuleCategory, RuleItem, VetoEffect } from '../domain/points-types'

export type { Approval, CapCycle, ClaimSource, ClaimState, HonourTier, RuleCategory, RuleItem, VetoEffect }

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
  /** How many days back a claim's occurredOn may lie (补录). */
  backdateDays: number
  /** Years already summarised (年总结): no claim may fall in them any more. */
  closedYears: string[]
  /** Quorum and majority of each body that decides claims: [numerator, denominator]. */
  assembly: Record<AssemblyBody, AssemblyRule>
  updatedAt: Date
}

export type AssemblyBody = 'villager_reps' | 'party_members'
export interface AssemblyRule {
  /** Present members needed: present / total ≥ quorum. */
  quorum: [number, number]
  /** Votes for needed: for / present > majority. */
  majority: [number, number]
}

/** A change of the shop's threshold or rate: who, when, old and new. */
export interface SettingsChangeDoc {
  _id: string
  villageId: string
  what: 'mall'
  old: { threshold: number; pointsPerYuan: number }
  new: { threshold: number; pointsPerYuan: number }
  by: string
  byName: string
  at: Date
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
  /** The body that met, its members and how many were present. */
  body: AssemblyBody
  membersTotal: number
  present: number
  passed: boolean
  /** The batch as first submitted, less what the recorder may not decide (a retry reuses it). */
  batchIds: string[]
  /** Claims the recorder approved, recorded or lives in: left out of this meeting's record. */
  excluded: Array<{ claimId: string; householdName: string; reason: string }>
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
  createdByName?: string
  createdAt: Date
}

export interface ObjectionDoc {
  _id: string // `${claimId}:${memberId}:${round}`: one per person per claim while it is open
  claimId: string
  villageId: string
  round: number
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
  /** What the balance moved by (balance == Σ amount). */
  amount: number
  /** Points earned in `periods` (claims, vetoes, corrections); null for redemptions and refunds. */
  earnedAmount?: number | null
  /** The part of a deduction the balance could not give (earnedAmount − amount); 0 otherwise. */
  notTaken?: number
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
export interface HouseholdPointsDoc extends PointsTotals {
  _id: string // householdId
  villageId: string
  gridId: string | null
  code: string
  headName: string | null
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
