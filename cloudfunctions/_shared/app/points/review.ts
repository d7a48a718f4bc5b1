import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { ClaimDoc, ClaimState } from '../../data/points-records'
import type { RequestDoc } from '../../data/records'
import type { Role } from '../../../../types/contract/common'
import { AppError, unwrap } from '../../runtime/app-error'
import { holdsRoleOver, requireRoleOver } from '../../runtime/access'
import type { Caller } from '../../runtime/caller'
import { runTx, txGet } from '../../runtime/tx'
import { review as reviewRule, type Decision, type ReviewStep } from '../../domain/audit'
import { ERROR_MESSAGES } from '../../../../types/contract/errors'
import { checkText } from '../content-check'
import { requireOwnUpload } from '../files'
import { appendAudit } from './audit-trail'
import type { Tx } from '../../runtime/tx'
import { remindClaimOutcome } from '../notice/claim-reminders'

const ACTIONS: Record<Decision, string> = { approve: 'approve', reject: 'reject', send_back: 'send_back' }

/** The role each review step needs over the claim (党小组初审: a party group covering the claim's grid). */
export const STEP_ROLES: Record<ReviewStep, readonly Role[]> = { first: ['group_leader'], second: ['committee'] }

/** One review decision on one claim, inside a transaction: state check, four-eyes rules, audit entry. */
async function decide(tx: Tx, claimId: string, caller: Caller, step: ReviewStep, decision: Decision, reason: string | undefined, now: Date): Promise<ClaimState> {
  const c = await txGet<ClaimDoc>(tx, COLLECTIONS.claims, claimId)
  if (!c) throw new AppError('CLAIM.NOT_FOUND')
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
  requireRoleOver(caller, STEP_ROLES[input.step], ctx.access.targets[0], input.step === 'first' ? '只能初审本党小组覆盖的网格里的申报' : undefined)
  if (input.reason) await checkText(ctx, input.reason)
  const state = await ctx.tx((tx) => decide(tx, input.claimId, caller, input.step, input.decision, input.reason, ctx.now))
  if (state === 'rejected' && !ctx.replay) await remindClaimOutcome([input.claimId], 'rejected', ctx.now)
  return { state }
}

/**
 * Batch review from a queue: each claim in its own transaction; one failure does not stop the rest. Each
 * claim's outcome is stored with its transaction (keyed by this request), so a retry after a crash answers
 * for the claims already done exactly as the first attempt did.
 */
export async function reviewMany(input: { claimIds: string[]; step: ReviewStep; decision: 'approve' | 'reject'; reason?: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  if (input.reason) await checkText(ctx, input.reason)
  const targets = new Map(ctx.access.targets.map((t) => [t.id, t]))
  const results = []
  for (const claimId of [...new Set(input.claimIds)]) {
    const markId = ctx.stableId('rm_', claimId)
    try {
      const t = targets.get(claimId)
      if (!t || !holdsRoleOver(caller, STEP_ROLES[input.step], t)) throw new AppError('AUTH.FORBIDDEN')
      const state = await runTx(async (tx) => {
        const prior = await txGet<RequestDoc>(tx, COLLECTIONS.requests, markId)
        if (prior) return prior.txData as ClaimState
        const to = await decide(tx, claimId, caller, input.step, input.decision, input.reason, ctx.now)
        const mark: RequestDoc = { _id: markId, fn: ctx.fn, action: ctx.action, openid: ctx.openid, txData: to, data: null, final: false, at: ctx.now }
        await tx.collection(COLLECTIONS.requests).add(mark)
        return to
      })
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
  const original = ctx.access.targets[0].doc as ClaimDoc
  await checkText(ctx, input.note)
  await requireOwnUpload(caller.memberId, input.photos, 'claim_photo', original.photos)
  const state = await ctx.tx(async (tx) => {
    const c = await txGet<ClaimDoc>(tx, COLLECTIONS.claims, input.claimId)
    if (!c) throw new AppError('CLAIM.NOT_FOUND')
    if (c.recordedBy !== caller.memberId) throw new AppError('AUTH.FORBIDDEN', undefined, '只能修改自己录入的申报')
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
