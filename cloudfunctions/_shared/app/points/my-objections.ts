import type { Ctx } from '../../runtime/create-handler'
import { CLAIM_STATE_LABELS, type ClaimStateName } from '../../../../types/contract'
import { maskName } from '../../../../types/contract/common'
import { COLLECTIONS } from '../../data/collections'
import type { ClaimDoc, ObjectionDoc } from '../../data/points-records'
import { findPage, getById, iso } from '../../data/repo'
import { householdLabel } from '../shared/households'

/** How an objection ended, read from where its claim is now. */
export function objectionOutcome(state: ClaimStateName): { outcome: 'open' | 'upheld' | 'dismissed'; text: string } {
  if (state === 'rejected') return { outcome: 'upheld', text: '异议成立，这条积分不予入账' }
  if (state === 'posted') return { outcome: 'dismissed', text: '重新审核后仍然通过，已入账' }
  if (state === 'publicity') return { outcome: 'dismissed', text: '重新审核后仍然通过，重新公示中' }
  return { outcome: 'open', text: `正在重新审核：${CLAIM_STATE_LABELS[state]}` }
}

/** 我的异议: the objections I raised, newest first, with how each ended. */
export async function myObjections(input: { offset: number; limit: number }, ctx: Ctx) {
  const caller = await ctx.caller()
  const rows = await findPage<ObjectionDoc>(COLLECTIONS.objections, { by: caller.memberId }, { orderBy: [['at', 'desc']], offset: input.offset, limit: input.limit })
  const claims = await Promise.all(rows.map((o) => getById<ClaimDoc>(COLLECTIONS.claims, o.claimId)))
  return {
    items: rows.flatMap((o, i) => {
      const c = claims[i]
      if (!c) return []
      return [
        {
          id: o._id,
          claimId: c._id,
          householdMasked: householdLabel(c.householdCode, c.householdHead ? maskName(c.householdHead) : null),
          itemName: c.item.name,
          amount: c.amount,
          reason: o.reason,
          at: iso(o.at),
          state: c.state,
          ...objectionOutcome(c.state)
        }
      ]
    })
  }
}
