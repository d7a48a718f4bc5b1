import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { HouseholdDoc, MemberDoc } from '../../data/records'
import { AppError } from '../../runtime/app-error'
import { txGet } from '../../runtime/tx'
import { requireCanGrantRolesOf } from './grants'

/**
 * Removes a member from the roster. Soft delete: ledger entries, audit trails and claims keep pointing
 * at the person. Their WeChat binding and role grants end with it.
 */
export async function removeMember(_input: { memberId: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const m = ctx.access.targets[0].doc as MemberDoc
  if (m._id === caller.memberId) throw new AppError('INPUT.INVALID', undefined, '不能删除自己')
  await requireCanGrantRolesOf(caller, m)
  await ctx.tx(async (tx) => {
    const cur = await txGet<MemberDoc>(tx, COLLECTIONS.members, m._id)
    if (!cur || cur.removed) throw new AppError('ROSTER.MEMBER_NOT_FOUND')
    await tx.collection(COLLECTIONS.members).doc(m._id).update({ removed: true, openid: null, roles: [], isHead: false, updatedAt: ctx.now })
    for (const g of cur.roles ?? []) await tx.collection(COLLECTIONS.roleGrants).doc(g.grantId).remove()
    if (cur.openid) await tx.collection(COLLECTIONS.bindings).doc(cur.openid).remove()
    if (cur.householdId) {
      const h = await txGet<HouseholdDoc>(tx, COLLECTIONS.households, cur.householdId)
      if (h) {
        const upd: Record<string, unknown> = { memberCount: Math.max(0, h.memberCount - 1), updatedAt: ctx.now }
        if (h.headMemberId === m._id) Object.assign(upd, { headMemberId: null, headName: null })
        await tx.collection(COLLECTIONS.households).doc(h._id).update(upd)
      }
    }
  })
  return { removed: true as const }
}
