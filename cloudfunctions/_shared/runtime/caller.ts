import type { Role } from '../../../types/contract/common'
import { COLLECTIONS } from '../data/collections'
import type { BindingDoc, GrantRef, MemberDoc } from '../data/records'
import { AppError } from './app-error'
import { db } from './cloud'

export interface Caller {
  openid: string
  memberId: string
  member: MemberDoc
  grants: GrantRef[]
}

async function getDoc<T>(collection: string, id: string): Promise<T | null> {
  const res = (await db().collection(collection).doc(id).get()) as { data?: unknown[] }
  return ((res.data ?? [])[0] as T) ?? null
}

/** Resolves the bound member of an openid: two point reads, roles come denormalised on the member. */
export async function resolveCaller(openid: string): Promise<Caller> {
  const binding = await getDoc<BindingDoc>(COLLECTIONS.bindings, openid)
  if (!binding) throw new AppError('AUTH.UNBOUND')
  const member = await getDoc<MemberDoc>(COLLECTIONS.members, binding.memberId)
  if (!member || member.removed) throw new AppError('AUTH.UNBOUND')
  return { openid, memberId: member._id, member, grants: member.roles ?? [] }
}

/** True when the caller holds one of `roles` on a node that contains `targetPath` (ids root→leaf). */
export function hasRoleOn(caller: Caller, roles: readonly Role[], targetPath: readonly string[]): boolean {
  return caller.grants.some((g) => roles.includes(g.role) && targetPath.includes(g.orgId))
}

export function requireRoleOn(caller: Caller, roles: readonly Role[], targetPath: readonly string[]): void {
  if (!hasRoleOn(caller, roles, targetPath)) throw new AppError('AUTH.FORBIDDEN')
}

/**
 * True when the caller holds one of `roles` for work in a village: on the village itself, on a node
 * inside it (branch, party group, grid), or on an ancestor (town staff act for all their villages).
 */
export function hasRoleInVillage(caller: Caller, roles: readonly Role[], villageId: string, villagePath: readonly string[]): boolean {
  return caller.grants.some((g) => roles.includes(g.role) && (g.villageId === villageId || g.orgId === villageId || villagePath.includes(g.orgId)))
}

export function requireRoleInVillage(caller: Caller, roles: readonly Role[], villageId: string, villagePath: readonly string[]): void {
  if (!hasRoleInVillage(caller, roles, villageId, villagePath)) throw new AppError('AUTH.FORBIDDEN')
}
