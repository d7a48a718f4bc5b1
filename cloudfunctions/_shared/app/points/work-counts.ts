import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import { count } from '../../data/repo'
import { db } from '../../runtime/cloud'
import { holdsRoleOver } from '../../runtime/access'
import { contract, rolesFor, type Role } from '../../../../types/contract'

/**
 * Counts of what waits for me, for the 工作台 tiles: each review queue of the village (only for holders of that
 * step's roles, else null), claims I recorded that came back, claims in the village that drew an objection and
 * wait for 两委, and my objections still being looked at.
 */
export async function workCounts(_input: { villageId?: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const target = ctx.access.targets[0]
  const village = { _id: target.id }
  const _ = db().command
  // The roles of each queue come from the declared access of reviewQueue (one declaration, many readers).
  const stepRoles = (step: 'first' | 'second' | 'assembly'): readonly Role[] => {
    const who = rolesFor(contract.points.reviewQueue.access, step)
    return typeof who === 'string' ? [] : who
  }
  const holds = (roles: readonly Role[]) => holdsRoleOver(caller, roles, target)
  const inQueue = (state: string, roles: readonly Role[]) => (holds(roles) ? count(COLLECTIONS.claims, { villageId: village._id, state }) : Promise.resolve(null))
  const [first, second, assembly, objected, returned, mine] = await Promise.all([
    inQueue('first_review', stepRoles('first')),
    inQueue('second_review', stepRoles('second')),
    inQueue('assembly', stepRoles('assembly')),
    holds(stepRoles('second')) ? count(COLLECTIONS.claims, { villageId: village._id, state: 'second_review', objections: _.gt(0) }) : Promise.resolve(null),
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
