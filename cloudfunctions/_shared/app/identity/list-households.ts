import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { HouseholdDoc, OrgNodeDoc } from '../../data/records'
import { count, findPage, getByIds } from '../../data/repo'
import { ROLE_GROUPS } from '../../../../types/contract/access'
import { db } from '../../runtime/cloud'

/**
 * Households of a village, searchable by code, head name or address. Grid workers who hold no village-wide
 * role only see the households of their own grids.
 */
export async function listHouseholds(input: { villageId: string; gridId?: string; q?: string; offset: number; limit: number }, ctx: Ctx) {
  const caller = await ctx.caller()
  const target = ctx.access.targets[0]
  const village = target.doc as OrgNodeDoc
  const _ = db().command
  // A role over the whole village (not just a grid inside it) reads every household.
  const villageWide = caller.grants.some((g) => ROLE_GROUPS.rosterRead.includes(g.role as never) && g.role !== 'grid_worker' && (g.villageId === village._id || target.path.includes(g.orgId)))
  const conds: object[] = [{ villageId: village._id }]
  if (input.gridId) conds.push({ orgPath: input.gridId })
  if (!villageWide) {
    const grids = caller.grants.filter((g) => g.role === 'grid_worker' && g.villageId === village._id).map((g) => g.orgId)
    conds.push({ orgPath: _.in(grids) })
  }
  if (input.q) {
    const re = db().RegExp({ regexp: input.q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), options: 'i' })
    conds.push(_.or([{ code: re }, { headName: re }, { address: re }]))
  }
  const where = conds.length === 1 ? conds[0] : _.and(conds)
  const [items, total] = await Promise.all([
    findPage<HouseholdDoc>(COLLECTIONS.households, where, { orderBy: [['code', 'asc']], offset: input.offset, limit: input.limit }),
    count(COLLECTIONS.households, where)
  ])
  const orgs = await getByIds<OrgNodeDoc>(COLLECTIONS.orgNodes, [village._id, ...items.map((h) => h.gridId ?? '')])
  return {
    items: items.map((h) => ({
      id: h._id,
      code: h.code,
      name: h.headName ? `${h.headName}家` : `${h.code}户`,
      address: h.address,
      villageId: h.villageId,
      villageName: village.name,
      gridId: h.gridId,
      gridName: h.gridId ? orgs.get(h.gridId)?.name ?? null : null,
      headMemberId: h.headMemberId,
      memberCount: h.memberCount,
      headName: h.headName
    })),
    total
  }
}
