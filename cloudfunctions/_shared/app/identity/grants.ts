import type { Role } from '../../../../types/contract/common'
import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { GrantAuditDoc, GrantAuditHeadDoc, GrantRef, MemberDoc, OrgNodeDoc, RoleGrantDoc } from '../../data/records'
import { findAll, findPage, getById, getByIds, iso } from '../../data/repo'
import { AppError } from '../../runtime/app-error'
import { requireSod } from '../../runtime/access'
import type { Caller } from '../../runtime/caller'
import { txGet, type Tx } from '../../runtime/tx'
import { GENESIS_HASH, recordHash } from '../../domain/hash-chain'
import { scopeOf } from './views'

const grantId = (memberId: string, role: Role, orgId: string) => `${memberId}:${role}:${orgId}`

/** 两委成员, 书记 and 管理员 are granted and revoked only by an admin of a node above the village (the town). */
export const HIGH_ROLES: readonly Role[] = ['committee', 'secretary', 'admin']

/**
 * May someone holding `grants` grant (or revoke) this role on a node with this scope (ids root → node)?
 * High roles need an admin above villages whose node contains it; other roles an admin or 两委 over it.
 */
export function canGrant(grants: readonly GrantRef[], role: Role, nodeScope: readonly string[]): boolean {
  if (HIGH_ROLES.includes(role)) return grants.some((g) => g.role === 'admin' && g.villageId === null && nodeScope.includes(g.orgId))
  return grants.some((g) => (g.role === 'admin' || g.role === 'committee') && nodeScope.includes(g.orgId))
}

/**
 * A member who holds roles carries those powers to whoever controls their account: inviting, binding or
 * removing them is allowed only to someone who could grant every one of those roles.
 */
export async function mayGrantRolesOf(grants: readonly GrantRef[], member: Pick<MemberDoc, 'roles'>): Promise<boolean> {
  if (!member.roles?.length) return true
  const nodes = await getByIds<OrgNodeDoc>(COLLECTIONS.orgNodes, member.roles.map((g) => g.orgId))
  return member.roles.every((g) => {
    const node = nodes.get(g.orgId)
    return canGrant(grants, g.role, node ? scopeOf(node) : [g.orgId])
  })
}

export async function requireCanGrantRolesOf(caller: Caller, member: MemberDoc): Promise<void> {
  if (!(await mayGrantRolesOf(caller.grants, member))) throw new AppError('AUTH.FORBIDDEN', undefined, '这个人有管理职务，只有能授予这些职务的人才能办理')
}

/** The audit chain a node's grants are recorded in: its village's, or its own for nodes above villages. */
const chainOf = (node: Pick<OrgNodeDoc, '_id' | 'villageId'>) => node.villageId ?? node._id

/** Appends one grant/revoke record to its chain inside the transaction (append-only, hash-chained). */
async function appendGrantAudit(tx: Tx, e: Omit<GrantAuditDoc, '_id' | 'chain' | 'seq' | 'prevHash' | 'hash'>, node: Pick<OrgNodeDoc, '_id' | 'villageId'>): Promise<void> {
  const chain = chainOf(node)
  const head = await txGet<GrantAuditHeadDoc>(tx, COLLECTIONS.grantAuditHeads, chain)
  const seq = (head?.seq ?? 0) + 1
  const prevHash = head?.lastHash ?? GENESIS_HASH
  const hash = recordHash(prevHash, [chain, seq, e.at, e.action, e.role, e.orgId, e.memberId, e.by])
  await tx.collection(COLLECTIONS.grantAudit).add({ _id: `${chain}:${seq}`, chain, seq, ...e, prevHash, hash })
  if (head) await tx.collection(COLLECTIONS.grantAuditHeads).doc(chain).set({ seq, lastHash: hash })
  else await tx.collection(COLLECTIONS.grantAuditHeads).add({ _id: chain, seq, lastHash: hash })
}

export async function listGrants(_input: { orgId: string }, ctx: Ctx) {
  const node = ctx.access.targets[0].doc as OrgNodeDoc
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

/** Every grant and revocation on the node and below, newest first. */
export async function grantAudit(_input: { orgId: string }, ctx: Ctx) {
  const node = ctx.access.targets[0].doc as OrgNodeDoc
  const rows = await findPage<GrantAuditDoc>(COLLECTIONS.grantAudit, { scopePath: node._id }, { orderBy: [['at', 'desc'], ['seq', 'desc']], limit: 200 })
  return rows.map((r) => ({ seq: r.seq, at: iso(r.at), action: r.action, role: r.role, orgName: r.orgName, memberName: r.memberName, byName: r.byName, hash: r.hash }))
}

/** Grants a role on an org node; the member's role list and the audit trail change in the same transaction. */
export async function grantRole(input: { memberId: string; role: Role; orgId: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const node = ctx.access.targets[0].doc as OrgNodeDoc
  requireSod('notGrantee', input.memberId !== caller.memberId)
  if (!canGrant(caller.grants, input.role, scopeOf(node))) throw new AppError('AUTH.FORBIDDEN', undefined, '两委成员、书记、管理员须由镇里的管理员授予')
  if (input.role === 'grid_worker' && node.kind !== 'grid') throw new AppError('INPUT.INVALID', undefined, '网格员要授予在具体网格上')
  if (input.role === 'group_leader' && node.kind !== 'party_group') throw new AppError('INPUT.INVALID', undefined, '党小组长要授予在党小组上')
  const id = grantId(input.memberId, input.role, node._id)
  await ctx.tx(async (tx) => {
    const m = await txGet<MemberDoc>(tx, COLLECTIONS.members, input.memberId)
    if (!m || m.removed) throw new AppError('ROSTER.MEMBER_NOT_FOUND')
    // The member must live under the same village (or the node is above villages, e.g. town staff).
    if (node.villageId && m.villageId !== node.villageId) throw new AppError('ORG.OUT_OF_SCOPE')
    if (m.roles.some((g) => g.grantId === id)) return
    const doc: RoleGrantDoc = { _id: id, memberId: m._id, role: input.role, orgId: node._id, scopePath: scopeOf(node), grantedBy: caller.memberId, grantedAt: ctx.now }
    await tx.collection(COLLECTIONS.roleGrants).add(doc)
    const ref: GrantRef = { grantId: id, role: input.role, orgId: node._id, villageId: node.villageId }
    await tx.collection(COLLECTIONS.members).doc(m._id).update({ roles: [...m.roles, ref], updatedAt: ctx.now })
    await appendGrantAudit(tx, { action: 'grant', role: input.role, orgId: node._id, orgName: node.name, scopePath: scopeOf(node), memberId: m._id, memberName: m.name, by: caller.memberId, byName: caller.member.name, at: ctx.now }, node)
  })
  return { grantId: id }
}

export async function revokeRole(_input: { grantId: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const grant = ctx.access.targets[0].doc as RoleGrantDoc
  requireSod('notGrantee', grant.memberId !== caller.memberId)
  if (!canGrant(caller.grants, grant.role, grant.scopePath)) throw new AppError('AUTH.FORBIDDEN', undefined, '两委成员、书记、管理员须由镇里的管理员撤销')
  const node = await getById<OrgNodeDoc>(COLLECTIONS.orgNodes, grant.orgId)
  const aboveVillageAdmin = caller.grants.some((g) => g.role === 'admin' && g.villageId === null && grant.scopePath.includes(g.orgId))
  await ctx.tx(async (tx) => {
    const m = await txGet<MemberDoc>(tx, COLLECTIONS.members, grant.memberId)
    // 两委 members do not remove each other from anything: that is for the town.
    const peer = !!m && m.roles.some((g) => g.role === 'committee' && g.villageId !== null && caller.grants.some((c) => c.role === 'committee' && c.villageId === g.villageId))
    requireSod('notPeerCommittee', aboveVillageAdmin || !peer)
    const cur = await txGet<RoleGrantDoc>(tx, COLLECTIONS.roleGrants, grant._id)
    if (!cur) return
    await tx.collection(COLLECTIONS.roleGrants).doc(grant._id).remove()
    if (m) await tx.collection(COLLECTIONS.members).doc(m._id).update({ roles: m.roles.filter((g) => g.grantId !== grant._id), updatedAt: ctx.now })
    await appendGrantAudit(
      tx,
      { action: 'revoke', role: grant.role, orgId: grant.orgId, orgName: node?.name ?? '', scopePath: grant.scopePath, memberId: grant.memberId, memberName: m?.name ?? '', by: caller.memberId, byName: caller.member.name, at: ctx.now },
      node ?? { _id: grant.orgId, villageId: null }
    )
  })
  return { revoked: true as const }
}
