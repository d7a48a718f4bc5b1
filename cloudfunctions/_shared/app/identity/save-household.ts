import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { HouseholdDoc, OrgNodeDoc } from '../../data/records'
import { findPage } from '../../data/repo'
import { AppError } from '../../runtime/app-error'
import { txGet } from '../../runtime/tx'
import { checkText } from '../content-check'
import { loadOrg, scopeOf } from './views'

/** The org path of a household: the village's scope plus the grid's chain inside it. */
export async function householdOrgPath(village: OrgNodeDoc, gridId: string | null): Promise<string[]> {
  if (!gridId) return scopeOf(village)
  const grid = await loadOrg(gridId)
  if (grid.kind !== 'grid' || grid.villageId !== village._id) throw new AppError('INPUT.INVALID', undefined, '网格不属于这个村')
  return [...new Set([...scopeOf(village), ...grid.path, grid._id])]
}

export async function saveHousehold(
  input: { householdId?: string; villageId: string; gridId: string | null; code: string; address: string },
  ctx: Ctx
) {
  const village = ctx.access.targets[0].doc as OrgNodeDoc
  await checkText(ctx, input.address)
  const orgPath = await householdOrgPath(village, input.gridId)
  const clash = await findPage<HouseholdDoc>(COLLECTIONS.households, { villageId: village._id, code: input.code }, { limit: 2 })
  if (clash.some((h) => h._id !== input.householdId)) throw new AppError('ROSTER.DUPLICATE_CODE')
  const id = input.householdId ?? ctx.stableId('h_')
  await ctx.tx(async (tx) => {
    if (input.householdId) {
      const cur = await txGet<HouseholdDoc>(tx, COLLECTIONS.households, id)
      if (!cur || cur.villageId !== village._id) throw new AppError('ROSTER.HOUSEHOLD_NOT_FOUND')
      await tx.collection(COLLECTIONS.households).doc(id).update({ gridId: input.gridId, code: input.code, address: input.address, orgPath, updatedAt: ctx.now })
    } else {
      const doc: HouseholdDoc = {
        _id: id,
        villageId: village._id,
        gridId: input.gridId,
        code: input.code,
        address: input.address,
        headMemberId: null,
        headName: null,
        memberCount: 0,
        orgPath,
        createdAt: ctx.now,
        updatedAt: ctx.now
      }
      await tx.collection(COLLECTIONS.households).add(doc)
    }
  })
  return { householdId: id }
}
