import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { BindRequestDoc } from '../../data/records'
import { findPage, iso } from '../../data/repo'
import { maskPhone } from './views'

export async function listBindRequests(input: { villageId: string }, _ctx: Ctx) {
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
