import type { Role } from '../../../../types/contract/common'
import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { GrantRef, MemberDoc, OrgNodeDoc, RoleGrantDoc } from '../../data/records'
import { findAll, getById, getByIds } from '../../data/repo'
import { AppError } from '../../runtime/app-error'
import { hasRoleOn, requireRoleOn, type Caller } from '../../runtime/caller'
import { txGet } from '../../runtime/tx'
import { POLICY } from '../policy'
import { loadOrg, scopeOf } from './views'

const grantId = (memberId: string, role: Role, orgId: string) => `${memberId}:${role}:${orgId}`

/** May the caller grant (or revoke) this role on this node? Admin grants need an admin above. */
export function canGrant(caller: Caller, role: Role, nodeScope: readonly string[]): boolean {
  if (!hasRoleOn(caller, POLICY.grantRoles, nodeScope)) return false
  return role !== 'admin' || hasRoleOn(caller, ['admin'], nodeScope)
}

/**
 * A member who holds roles carries those powers to whoever controls their account: inviting, binding or
 * removing them is allowed only to someone who could grant every one of those roles.
 */
export async function requireCanGrantRolesOf(caller: Caller, member: MemberDoc): Promise<void> {
  if (!member.roles?.length) return
  const nodes = await getByIds<OrgNodeDoc>(COLLECTIONS.orgNodes, member.roles.map((g) => g.orgId))
  for (const g of member.roles) {
    const node = nodes.get(g.orgId)
    const scope = node ? scopeOf(node) : [g.orgId]
    if (!canGrant(caller, g.role, scope)) throw new AppError('AUTH.FORBIDDEN', undefined, '这个人有管理职务，只有能授予这些职务的人才能办理')
  }
}

export async function listGrants(input: { orgId: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const node = await loadOrg(input.orgId)
  requireRoleOn(caller, POLICY.readRoster.filter((r) => r !== 'grid_worker'), scopeOf(node))
  // Grants on the node itself and everything under it.
  const grants = await findAll<RoleGrantDoc>(COLLECTIONS.roleGrants, { scopePath: node._id })
  const members = await getByIds<MemberDoc>(COLLECTIONS.members, grants.map((g) => g.memberId))
  const orgs = await getByIds<{ _id: string; name: string; kind: string }>(COLLECTIONS.orgNodes, grants.map((g) => g.orgId))
  return grants.map((g) => ({
    id: g._id,
    role: g.role,
    orgId: g.orgId,
    orgName: orgs.get(g.orgId)?.name ?? '',
    orgKind: (orgs.get(g.orgId)?.kind ?? node.kind) as typeof node.kind,
    memberId: g.memberId,
    memberName: members.get(g.memberId)?.name ?? ''
  }))
}

/** Grants a role on an org node; the member's denormalised role list changes in the same transaction. */
export async function grantRole(input: { memberId: string; role: Role; orgId: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const node = await loadOrg(input.orgId)
  if (!canGrant(caller, input.role, scopeOf(node))) throw new AppError('AUTH.FORBIDDEN')
  if (input.role === 'grid_worker' && node.kind !== 'grid') throw new AppError('INPUT.INVALID', undefined, '网格员要授予在具体网格上')
  if (input.role === 'group_leader' && node.kind !== 'party_group') throw new AppError('INPUT.INVALID', undefined, '党小组长要授予在党小组上')
  const member = await getById<MemberDoc>(COLLECTIONS.members, input.memberId)
  if (!member || member.removed) throw new AppError('ROSTER.MEMBER_NOT_FOUND')
  // The member must live under the same village (or the node is above villages, e.g. town staff).
  if (node.villageId && member.villageId !== node.villageId) throw new AppError('ORG.OUT_OF_SCOPE')
  const id = grantId(member._id, input.role, node._id)
  await ctx.tx(async (tx) => {
    const m = await txGet<MemberDoc>(tx, COLLECTIONS.members, member._id)
    if (!m || m.removed) throw new AppError('ROSTER.MEMBER_NOT_FOUND')
    if (m.roles.some((g) => g.grantId === id)) return
    const doc: RoleGrantDoc = { _id: id, memberId: m._id, role: input.role, orgId: node._id, scopePath: scopeOf(node), grantedBy: caller.memberId, grantedAt: ctx.now }
    await tx.collection(COLLECTIONS.roleGrants).add(doc)
    const ref: GrantRef = { grantId: id, role: input.role, orgId: node._id, villageId: node.villageId }
    await tx.collection(COLLECTIONS.members).doc(m._id).update({ roles: [...m.roles, ref], updatedAt: ctx.now })
  })
  return { grantId: id }
}

export async function revokeRole(input: { grantId: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const grant = await getById<RoleGrantDoc>(COLLECTIONS.roleGrants, input.grantId)
  if (!grant) throw new AppError('NOT_FOUND')
  if (!canGrant(caller, grant.role, grant.scopePath)) throw new AppError('AUTH.FORBIDDEN')
  if (grant.role === 'admin' && grant.memberId === caller.memberId) throw new AppError('INPUT.INVALID', undefined, '不能撤销自己的管理员权限')
  await ctx.tx(async (tx) => {
    const m = await txGet<MemberDoc>(tx, COLLECTIONS.members, grant.memberId)
    await tx.collection(COLLECTIONS.roleGrants).doc(grant._id).remove()
    if (m) await tx.collection(COLLECTIONS.members).doc(m._id).update({ roles: m.roles.filter((g) => g.grantId !== grant._id), updatedAt: ctx.now })
  })
  return { revoked: true as const }
}
