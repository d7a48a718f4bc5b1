import type { Approval, ClaimState } from './points-types'
import { err, ok, type Result } from './result'

/**
 * The four-step audit chain as a pure state machine:
 *   网格员打分 → first_review (党小组初审) → second_review (两委联席复审, two distinct members)
 *   → assembly (党员/村民代表大会) → publicity (公示) → posted.
 * Any step may reject (terminal) or send back to the grid worker (returned → resubmit starts a new round).
 */
export type ReviewStep = 'first' | 'second'
export type Decision = 'approve' | 'reject' | 'send_back'

export const STEP_STATE: Record<ReviewStep | 'assembly', ClaimState> = {
  first: 'first_review',
  second: 'second_review',
  assembly: 'assembly'
}

const ORDER: ClaimState[] = ['first_review', 'second_review', 'assembly', 'publicity', 'posted']

/** Distinct 两委 members needed for 联席复审. */
export const SECOND_REVIEW_QUORUM = 2

export interface ReviewInput {
  state: ClaimState
  round: number
  approvals: Approval[]
  claimHouseholdId: string
  step: ReviewStep
  decision: Decision
  reason: string | null | undefined
  reviewerId: string
  reviewerHouseholdId: string | null
  /** Who recorded the claim (网格员打分 is the chain's first signature). */
  recordedBy?: string
}

export interface ReviewOutcome {
  to: ClaimState
  /** Approval to append (approve decisions only). */
  approval: Omit<Approval, 'byName' | 'at'> | null
}

export function review(input: ReviewInput): Result<ReviewOutcome> {
  const want = STEP_STATE[input.step]
  if (input.state !== want) {
    const cur = ORDER.indexOf(input.state)
    const target = ORDER.indexOf(want)
    // Acting on a later step while the claim still waits for an earlier one is a skip; anything else is stale.
    if (cur >= 0 && target >= 0 && cur < target) return err('AUDIT.STEP_SKIPPED')
    return err('AUDIT.STATE_CHANGED')
  }
  if (input.reviewerHouseholdId && input.reviewerHouseholdId === input.claimHouseholdId) return err('AUDIT.SELF_REVIEW')
  const roundApprovals = input.approvals.filter((a) => a.round === input.round)
  // Recording a claim is the chain's first signature: its recorder may not also review it.
  if (input.recordedBy === input.reviewerId || roundApprovals.some((a) => a.by === input.reviewerId)) return err('AUDIT.DUPLICATE_APPROVER')
  if (input.decision !== 'approve') {
    if (!input.reason || input.reason.trim().length < 2) return err('AUDIT.REASON_REQUIRED')
    return ok({ to: input.decision === 'reject' ? 'rejected' : 'returned', approval: null })
  }
  const approval = { step: input.step, by: input.reviewerId, round: input.round }
  if (input.step === 'first') return ok({ to: 'second_review', approval })
  const secondCount = roundApprovals.filter((a) => a.step === 'second').length + 1
  return ok({ to: secondCount >= SECOND_REVIEW_QUORUM ? 'assembly' : 'second_review', approval })
}

/** An assembly decision moves each claim of the batch; only claims waiting for the assembly qualify. */
export function assemblyDecision(state: ClaimState, approvals: Approval[], round: number, passed: boolean, firstRequired = true): Result<ClaimState> {
  if (state !== 'assembly') {
    const cur = ORDER.indexOf(state)
    if (cur >= 0 && cur < ORDER.indexOf('assembly')) return err('AUDIT.STEP_SKIPPED')
    return err('AUDIT.STATE_CHANGED')
  }
  const seconds = new Set(approvals.filter((a) => a.round === round && a.step === 'second').map((a) => a.by))
  const firsts = approvals.filter((a) => a.round === round && a.step === 'first')
  // A correction has no 党小组初审: it enters at 两委联席复审 (its proposer is its first signature).
  if ((firstRequired && firsts.length < 1) || seconds.size < SECOND_REVIEW_QUORUM) return err('AUDIT.STEP_SKIPPED')
  return ok(passed ? 'publicity' : 'rejected')
}

export interface AssemblyVote {
  /** Members of the body (村民代表 / 党员 with a vote). */
  total: number
  present: number
  votesFor: number
  votesAgainst: number
  votesAbstain: number
}

/** [numerator, denominator] fractions of the village's rule for the body that met. */
export interface AssemblyRule {
  quorum: [number, number]
  majority: [number, number]
}

/**
 * 村民委员会组织法 第二十六条 by default: the meeting may decide only with a quorum (present / total ≥ quorum);
 * the motion passes with more votes for than the majority share of those present (abstentions count as
 * present). Votes cast cannot exceed those present, nor those present the members.
 */
export function assemblyOutcome(v: AssemblyVote, rule: AssemblyRule): Result<{ passed: boolean }> {
  if (v.present > v.total || v.votesFor + v.votesAgainst + v.votesAbstain > v.present) return err('ASSEMBLY.VOTES_INVALID', { present: v.present, total: v.total })
  const [qn, qd] = rule.quorum
  if (v.present * qd < v.total * qn) return err('ASSEMBLY.NO_QUORUM', { present: v.present, total: v.total, needed: Math.ceil((v.total * qn) / qd) })
  const [mn, md] = rule.majority
  return ok({ passed: v.votesFor * md > v.present * mn })
}

/** An objection during 公示 reopens the claim at 两委 review in a new round. */
export function objection(state: ClaimState, endsAt: Date | null, now: Date): Result<ClaimState> {
  if (state !== 'publicity') return err('PUBLICITY.NOT_IN_PUBLICITY')
  if (!endsAt || now >= endsAt) return err('PUBLICITY.CLOSED')
  return ok('second_review')
}

export function canPost(state: ClaimState, endsAt: Date | null, now: Date): boolean {
  return state === 'publicity' && !!endsAt && now >= endsAt
}
