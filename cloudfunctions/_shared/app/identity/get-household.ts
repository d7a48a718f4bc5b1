import type { Ctx } from '../../runtime/create-handler'
import { hasRoleOn, hasRoleInVillage } from '../../runtime/caller'
import { AppError } from '../../runtime/app-error'
import { POLICY } from '../policy'
import { householdView, loadHousehold, loadOrg } from './views'

/** A household with its members: for its own members, and for roster readers in scope. */
export async function getHousehold(input: { householdId: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const h = await loadHousehold(input.householdId)
  if (caller.member.householdId !== h._id) {
    const village = await loadOrg(h.villageId)
    const villageWide = hasRoleInVillage(caller, POLICY.readRoster.filter((r) => r !== 'grid_worker'), village._id, village.path)
    if (!villageWide && !hasRoleOn(caller, ['grid_worker'], h.orgPath)) throw new AppError('AUTH.FORBIDDEN')
  }
  return householdView(h)
}
