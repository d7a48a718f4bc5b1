import type { PersonClass } from '../../../types/contract/common'

/** The shapes the points rules reason about. The data layer stores them; the domain never imports it. */

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

export interface HonourTier {
  name: string // 五星级文明户
  minPoints: number
}

export type ClaimState = 'first_review' | 'second_review' | 'assembly' | 'publicity' | 'posted' | 'rejected' | 'returned'
/** How a claim entered the chain; a 积分更正 (correction) starts at 两委联席复审. */
export type ClaimSource = 'grid_worker' | 'checkin' | 'proxy' | 'correction'

export interface Approval {
  step: 'first' | 'second' | 'assembly'
  by: string
  byName: string
  at: Date
  round: number
}

