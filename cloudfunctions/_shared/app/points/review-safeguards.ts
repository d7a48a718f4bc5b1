import type { ClaimView } from '../../../../types/contract/points.contract'
import { ERROR_MESSAGES } from '../../../../types/contract/errors'
import { COLLECTIONS } from '../../data/collections'
import type { ClaimDoc, ObjectionDoc } from '../../data/points-records'
import { findAll, iso } from '../../data/repo'
import { db } from '../../runtime/cloud'
import type { Caller } from '../../runtime/caller'
import { review as reviewRule } from '../../domain/audit'

/** States in which an objection raised in the last notice period is still being handled by the reviewers. */
const OPEN_STATES = new Set(['first_review', 'second_review', 'assembly'])

export type OpenObjection = NonNullable<ClaimView['openObjections']>[number]

/**
 * The open objections of each claim: those of the latest round anybody objected in, while the claim is back in
 * review (a new notice period answers them). Objector names only when `showNames` (两委 handling objections).
 */
export async function openObjectionsOf(claims: ClaimDoc[], showNames: (c: ClaimDoc) => boolean): Promise<Map<string, OpenObjection[]>> {
  const out = new Map<string, OpenObjection[]>()
  const flagged = claims.filter((c) => c.objections > 0 && OPEN_STATES.has(c.state))
  if (flagged.length === 0) return out
  const docs = await findAll<ObjectionDoc>(COLLECTIONS.objections, { claimId: db().command.in(flagged.map((c) => c._id)) })
  for (const c of flagged) {
    const mine = docs.filter((o) => o.claimId === c._id)
    const last = Math.max(...mine.map((o) => o.round))
    const names = showNames(c)
    out.set(
      c._id,
      mine
        .filter((o) => o.round === last)
        .sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime())
        .map((o) => ({ reason: o.reason, at: iso(o.at), byName: names ? o.byName : null }))
    )
  }
  return out
}

/**
 * Whether the caller may approve the claim at its current step, by the same four-eyes rule the review applies
 * (own household, recorder, already approved this round). `holdsStepRole` says whether the caller has the role
 * the step needs over the claim. The 大会 step is recorded per meeting: there the conflicts of the recorder count.
 */
export function approvalFlags(c: ClaimDoc, caller: Caller, holdsStepRole: boolean): Pick<ClaimView, 'mayApprove' | 'approvedByMe' | 'notApprovableReason'> {
  const approvedByMe = c.approvals.some((a) => a.round === c.round && a.by === caller.memberId)
  const no = (reason: string) => ({ mayApprove: false, approvedByMe, notApprovableReason: reason })
  if (approvedByMe) return no('您已经审批过这条')
  if (c.state === 'assembly') {
    if (caller.member.householdId && c.householdId === caller.member.householdId) return no('您家的申报，请其他人登记')
    if (c.recordedBy === caller.memberId) return no('您录入的申报，请其他人登记')
    if (c.approvals.some((a) => a.by === caller.memberId && a.step !== 'assembly')) return no('您审批过这条，请其他人登记')
    return { mayApprove: holdsStepRole, approvedByMe, notApprovableReason: holdsStepRole ? null : '您没有登记大会结果的权限' }
  }
  const step = c.state === 'first_review' ? 'first' : c.state === 'second_review' ? 'second' : null
  if (!step) return no('这条不在审核中')
  if (!holdsStepRole) return no('您没有这一步的审核权限')
  const r = reviewRule({
    state: c.state,
    round: c.round,
    approvals: c.approvals,
    claimHouseholdId: c.householdId,
    step,
    decision: 'approve',
    reason: null,
    reviewerId: caller.memberId,
    reviewerHouseholdId: caller.member.householdId,
    recordedBy: c.recordedBy
  })
  if (r.ok) return { mayApprove: true, approvedByMe, notApprovableReason: null }
  return no(r.code === 'AUDIT.DUPLICATE_APPROVER' ? '您录入过这条，不能再审批' : ERROR_MESSAGES[r.code])
}
