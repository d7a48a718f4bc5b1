import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { ClaimDoc, ClaimState } from '../../data/points-records'
import { getById } from '../../data/repo'
import { AppError, unwrap } from '../../runtime/app-error'
import { requireRoleInVillage, type Caller } from '../../runtime/caller'
import { runTx, txGet } from '../../runtime/tx'
import { review as reviewRule, type Decision, type ReviewStep } from '../../domain/audit'
import { ERROR_MESSAGES } from '../../../../types/contract/errors'
import { POLICY } from '../policy'
import { appendAudit } from './common'
import type { Tx } from '../../runtime/tx'
import { remindClaimOutcome } from '../notice/claim-reminders'

const ACTIONS: Record<Decision, string> = { approve: 'approve', reject: 'reject', send_back: 'send_back' }

function requireReviewer(caller: Caller, claim: ClaimDoc, step: ReviewStep) {
  requireRoleInVillage(caller, step === 'first' ? POLICY.firstReview : POLICY.secondReview, claim.villageId, claim.villagePath)
}

/** One review decision on one claim, inside a transaction: state check, four-eyes rules, audit entry. */
async function decide(tx: Tx, claimId: string, caller: Caller, step: ReviewStep, decision: Decision, reason: string | undefined, now: Date): Promise<ClaimState> {
  const c = await txGet<ClaimDoc>(tx, COLLECTIONS.claims, claimId)
  if (!c) throw new AppError('CLAIM.NOT_FOUND')
  requireReviewer(caller, c, step)
  const out = unwrap(
    reviewRule({
      state: c.state,
      round: c.round,
      approvals: c.approvals,
      claimHouseholdId: c.householdId,
      step,
      decision,
      reason,
      reviewerId: caller.memberId,
      reviewerHouseholdId: caller.member.householdId,
      recordedBy: c.recordedBy
    })
  )
  const audit = await appendAudit(tx, c, {
    by: caller.memberId,
    byName: caller.member.name,
    action: `${step}_${ACTIONS[decision]}`,
    from: c.state,
    to: out.to,
    reason: reason?.trim() || null,
    at: now
  })
  const approvals = out.approval ? [...c.approvals, { ...out.approval, byName: caller.member.name, at: now }] : c.approvals
  await tx.collection(COLLECTIONS.claims).doc(c._id).update({
    state: out.to,
    approvals,
    lastReason: decision === 'approve' ? c.lastReason : reason?.trim() ?? null,
    updatedAt: now,
    ...audit
  })
  return out.to
}

export async function review(input: { claimId: string; step: ReviewStep; decision: Decision; reason?: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const claim = await getById<ClaimDoc>(COLLECTIONS.claims, input.claimId)
  if (!claim) throw new AppError('CLAIM.NOT_FOUND')
  requireReviewer(caller, claim, input.step)
  const state = await ctx.tx((tx) => decide(tx, input.claimId, caller, input.step, input.decision, input.reason, ctx.now))
  if (state === 'rejected' && !ctx.replay) await remindClaimOutcome([input.claimId], 'rejected', ctx.now)
  return { state }
}

/** Batch review from a queue: each claim in its own transaction; one failure does not stop the rest. */
export async function reviewMany(input: { claimIds: string[]; step: ReviewStep; decision: 'approve' | 'reject'; reason?: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const results = []
  for (const claimId of [...new Set(input.claimIds)]) {
    try {
      const state = await runTx((tx) => decide(tx, claimId, caller, input.step, input.decision, input.reason, ctx.now))
      results.push({ claimId, ok: true, state, code: null, message: null })
      if (state === 'rejected') await remindClaimOutcome([claimId], 'rejected', ctx.now)
    } catch (e) {
      if (!(e instanceof AppError)) throw e
      results.push({ claimId, ok: false, state: null, code: e.code, message: e.message ?? ERROR_MESSAGES[e.code] })
    }
  }
  return { results }
}

/** The grid worker fixes a sent-back claim and submits it again: a new round of the whole chain. */
export async function resubmitClaim(input: { claimId: string; quantity: number; note: string; photos: string[] }, ctx: Ctx) {
  const caller = await ctx.caller()
  const state = await ctx.tx(async (tx) => {
    const c = await txGet<ClaimDoc>(tx, COLLECTIONS.claims, input.claimId)
    if (!c) throw new AppError('CLAIM.NOT_FOUND')
    if (c.recordedBy !== caller.memberId) throw new AppError('AUTH.FORBIDDEN')
    if (c.state !== 'returned') throw new AppError('AUDIT.STATE_CHANGED')
    const audit = await appendAudit(tx, c, { by: caller.memberId, byName: caller.member.name, action: 'resubmit', from: c.state, to: 'first_review', reason: input.note || null, at: ctx.now })
    await tx.collection(COLLECTIONS.claims).doc(c._id).update({
      state: 'first_review',
      round: c.round + 1,
      quantity: input.quantity,
      amount: c.item.points * input.quantity,
      note: input.note,
      photos: input.photos.length ? input.photos : c.photos,
      updatedAt: ctx.now,
      ...audit
    })
    return 'first_review' as const
  })
  return { state }
}
