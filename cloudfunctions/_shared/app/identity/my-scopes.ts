import type { Role } from '../../../../types/contract/common'
import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { OrgNodeDoc } from '../../data/records'
import { findAll, getByIds } from '../../data/repo'
import { db } from '../../runtime/cloud'
import { orgView } from './org-tree'

/**
 * The villages/communities the caller works in, with the roles held there. A grant on a town covers
 * its villages; a grant on a grid or party group counts for its village.
 */
export async function myScopes(_input: Record<string, never>, ctx: Ctx) {
  const caller = await ctx.caller()
  const grants = caller.grants
  const _ = db().command
  const aboveVillage = grants.filter((g) => !g.villageId).map((g) => g.orgId)
  const below = aboveVillage.length
    ? await findAll<OrgNodeDoc>(COLLECTIONS.orgNodes, { path: _.in(aboveVillage), kind: _.in(['village', 'community']) })
    : []
  const villageIds = new Set<string>([...grants.map((g) => g.villageId).filter((v): v is string => !!v), ...below.map((n) => n._id)])
  const villages = await getByIds<OrgNodeDoc>(COLLECTIONS.orgNodes, [...villageIds])
  const out = [...villages.values()].map((v) => {
    const roles = new Set<Role>()
    for (const g of grants) {
      if (g.villageId === v._id || g.orgId === v._id || v.path.includes(g.orgId)) roles.add(g.role)
    }
    return { ...orgView(v), roles: [...roles] }
  })
  out.sort((a, b) => a.name.localeCompare(b.name, 'zh'))
  return out
}
