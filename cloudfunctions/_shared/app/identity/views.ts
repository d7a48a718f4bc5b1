import type { HouseholdView, MemberView } from '../../../../types/contract/identity.contract'
import { COLLECTIONS } from '../../data/collections'
import type { HouseholdDoc, MemberDoc, OrgNodeDoc } from '../../data/records'
import { findPage, getById, getByIds } from '../../data/repo'
import { AppError } from '../../runtime/app-error'

export function maskPhone(phone: string | null): string | null {
  if (!phone) return null
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`
}

export function memberView(m: MemberDoc): MemberView {
  return {
    id: m._id,
    name: m.name,
    gender: m.gender,
    relation: m.relation,
    isHead: m.isHead,
    personClass: m.personClass,
    partyStatus: m.personClass === 'party' ? m.partyStatus : null,
    phoneMasked: maskPhone(m.phone),
    householdId: m.householdId,
    villageId: m.villageId,
    branchId: m.branchId,
    partyGroupId: m.partyGroupId,
    bound: !!m.openid
  }
}

export async function loadOrg(id: string): Promise<OrgNodeDoc> {
  const node = await getById<OrgNodeDoc>(COLLECTIONS.orgNodes, id)
  if (!node) throw new AppError('ORG.NOT_FOUND')
  return node
}

/** Full path of ids (ancestors + the node) used for scope checks. */
export function scopeOf(node: OrgNodeDoc): string[] {
  return [...node.path, node._id]
}

export async function loadHousehold(id: string): Promise<HouseholdDoc> {
  const h = await getById<HouseholdDoc>(COLLECTIONS.households, id)
  if (!h) throw new AppError('ROSTER.HOUSEHOLD_NOT_FOUND')
  return h
}

export async function householdView(h: HouseholdDoc, orgs?: Map<string, OrgNodeDoc>): Promise<HouseholdView> {
  const names = orgs ?? (await getByIds<OrgNodeDoc>(COLLECTIONS.orgNodes, [h.villageId, h.gridId ?? '']))
  const members = await findPage<MemberDoc>(COLLECTIONS.members, { householdId: h._id, removed: false }, { limit: 100 })
  members.sort((a, b) => Number(b.isHead) - Number(a.isHead) || a.createdAt.valueOf() - b.createdAt.valueOf())
  return {
    id: h._id,
    code: h.code,
    name: h.headName ? `${h.headName}家` : `${h.code}户`,
    address: h.address,
    villageId: h.villageId,
    villageName: names.get(h.villageId)?.name ?? '',
    gridId: h.gridId,
    gridName: h.gridId ? names.get(h.gridId)?.name ?? null : null,
    headMemberId: h.headMemberId,
    members: members.map(memberView)
  }
}
