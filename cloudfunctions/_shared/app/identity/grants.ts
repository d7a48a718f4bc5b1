import type { Role } from '../../../../types/contract/common'
import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { GrantRef, MemberDoc, RoleGrantDoc } from '../../data/records'
import { findPage, getById, getByIds } from '../../data/repo'
import { AppError } from '../../runtime/app-error'
import { requireRoleOn } from '../../runtime/caller'
import { txGet } from '../../runtime/tx'
import { POLICY } from '../policy'
import { loadOrg, scopeOf } from './views'

const grantId = (memberId: string, role: Role, orgId: string) => `${memberId}:${role}:${orgId}`

export async function listGrants(input: { orgId: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const node = await loadOrg(input.orgId)
  requireRoleOn(caller, POLICY.readRoster.filter((r) => r !== 'grid_worker'), scopeOf(node))
  // Grants on the node itself and everything under it.
  const grants = await findPage<RoleGrantDoc>(COLLECTIONS.roleGrants, { scopePath: node._id }, { limit: 1000 })
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
  requireRoleOn(caller, POLICY.grantRoles, scopeOf(node))
  if (input.role === 'admin' && !caller.grants.some((g) => g.role === 'admin' && node.path.concat(node._id).includes(g.orgId))) {
    throw new AppError('AUTH.FORBIDDEN')
  }
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
  requireRoleOn(caller, POLICY.grantRoles, grant.scopePath)
  if (grant.role === 'admin' && grant.memberId === caller.memberId) throw new AppError('INPUT.INVALID', undefined, '不能撤销自己的管理员权限')
  await ctx.tx(async (tx) => {
    const m = await txGet<MemberDoc>(tx, COLLECTIONS.members, grant.memberId)
    await tx.collection(COLLECTIONS.roleGrants).doc(grant._id).remove()
    if (m) await tx.collection(COLLECTIONS.members).doc(m._id).update({ roles: m.roles.filter((g) => g.grantId !== grant._id), updatedAt: ctx.now })
  })
  return { revoked: true as const }
}
