import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { BindRequestDoc } from '../../data/records'
import { findPage, iso } from '../../data/repo'
import { requireRoleOn } from '../../runtime/caller'
import { POLICY } from '../policy'
import { loadOrg, maskPhone, scopeOf } from './views'

export async function listBindRequests(input: { villageId: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const village = await loadOrg(input.villageId)
  requireRoleOn(caller, POLICY.manageRoster, scopeOf(village))
  const rows = await findPage<BindRequestDoc>(COLLECTIONS.bindRequests, { villageId: input.villageId }, { orderBy: [['createdAt', 'desc']], limit: 200 })
  return rows.map((r) => ({
    id: r._id,
    name: r.name,
    phoneMasked: maskPhone(r.phone) ?? '',
    note: r.note,
    status: r.status,
    createdAt: iso(r.createdAt)
  }))
}
