import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import { count } from '../../data/repo'
import { hasRoleInVillage } from '../../runtime/caller'
import { db } from '../../runtime/cloud'
import { POLICY } from '../policy'
import { loadVillage } from './common'

/**
 * Counts of what waits for me, for the 工作台 tiles: each review queue of the village (only for holders of that
 * step's roles, else null), claims I recorded that came back, claims in the village that drew an objection and
 * wait for 两委, and my objections still being looked at.
 */
export async function workCounts(input: { villageId?: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const village = await loadVillage(input.villageId ?? caller.member.villageId)
  const _ = db().command
  const holds = (roles: readonly string[]) => hasRoleInVillage(caller, roles as never, village._id, village.path)
  const inQueue = (state: string, roles: readonly string[]) => (holds(roles) ? count(COLLECTIONS.claims, { villageId: village._id, state }) : Promise.resolve(null))
  const [first, second, assembly, objected, returned, mine] = await Promise.all([
    inQueue('first_review', POLICY.firstReview),
    inQueue('second_review', POLICY.secondReview),
    inQueue('assembly', POLICY.assembly),
    holds(POLICY.secondReview) ? count(COLLECTIONS.claims, { villageId: village._id, state: 'second_review', objections: _.gt(0) }) : Promise.resolve(null),
    count(COLLECTIONS.claims, { villageId: village._id, recordedBy: caller.memberId, state: 'returned' }),
    myOpenObjections(caller.memberId)
  ])
  return { villageId: village._id, first, second, assembly, objected, returned, myObjectionsOpen: mine }
}

async function myOpenObjections(memberId: string): Promise<number> {
  const _ = db().command
  const rows = await db().collection(COLLECTIONS.objections).where({ by: memberId }).field({ claimId: true }).limit(100).get()
  const ids = [...new Set((rows.data as Array<{ claimId: string }>).map((r) => r.claimId))]
  if (ids.length === 0) return 0
  return count(COLLECTIONS.claims, { _id: _.in(ids), state: _.in(['first_review', 'second_review', 'assembly', 'returned']) })
}
