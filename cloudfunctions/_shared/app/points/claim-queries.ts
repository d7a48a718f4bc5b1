import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { OrgNodeDoc } from '../../data/records'
import type { AuditEntryDoc, ClaimDoc, ClaimState } from '../../data/points-records'
import { count, findPage, getByIds, iso } from '../../data/repo'
import { holdsRoleOver, requireRoleOver } from '../../runtime/access'
import { db } from '../../runtime/cloud'
import { scopedHousehold } from '../shared/households'
import { claimView } from './claim-view'
import { tempUrls } from '../files'
import { approvalFlags, openObjectionsOf } from './review-safeguards'
import { STEP_ROLES } from './review'

/** Temporary URLs for every photo of a page of claims, in one storage call. */
export function photoUrlsOf(claims: ClaimDoc[]): Promise<Map<string, string>> {
  return tempUrls(claims.flatMap((c) => c.photos))
}

export async function myClaims(input: { householdId?: string; offset: number; limit: number }, ctx: Ctx) {
  const h = scopedHousehold(ctx)
  const where = { householdId: h._id }
  const [items, total] = await Promise.all([
    findPage<ClaimDoc>(COLLECTIONS.claims, where, { orderBy: [['createdAt', 'desc']], offset: input.offset, limit: input.limit }),
    count(COLLECTIONS.claims, where)
  ])
  const urls = await photoUrlsOf(items)
  return { items: items.map((c) => claimView(c, { urls })), total }
}

export async function recordedByMe(input: { villageId: string; state?: ClaimState; offset: number; limit: number }, ctx: Ctx) {
  const caller = await ctx.caller()
  const where: Record<string, unknown> = { villageId: input.villageId, recordedBy: caller.memberId }
  if (input.state) where.state = input.state
  const [items, total] = await Promise.all([
    findPage<ClaimDoc>(COLLECTIONS.claims, where, { orderBy: [['createdAt', 'desc']], offset: input.offset, limit: input.limit }),
    count(COLLECTIONS.claims, where)
  ])
  const urls = await photoUrlsOf(items)
  return { items: items.map((c) => claimView(c, { urls })), total }
}

/**
 * A claim with its audit trail. An objector's name is shown only to the 两委 who handle objections; the
 * household objected to, its grid worker and everyone else see "村民".
 */
export async function claimDetail(_input: { claimId: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const target = ctx.access.targets[0]
  const c = target.doc as ClaimDoc
  const handlesObjections = holdsRoleOver(caller, ['committee'], target) && c.householdId !== caller.member.householdId
  const audit = await findPage<AuditEntryDoc>(COLLECTIONS.auditEntries, { claimId: c._id }, { orderBy: [['seq', 'asc']], limit: 200 })
  const urls = await photoUrlsOf([c])
  // Reviewers (not of their own household) see the open objections and whether they may approve.
  const reviewer = holdsRoleOver(caller, REVIEWER_ROLES, target) && c.householdId !== caller.member.householdId
  const stepRoles = c.state === 'first_review' ? STEP_ROLES.first : c.state === 'second_review' ? STEP_ROLES.second : QUEUE_ROLES.assembly
  const objections = reviewer ? await openObjectionsOf([c], () => handlesObjections) : new Map()
  const claim = {
    ...claimView(c, { urls }),
    ...(reviewer ? { openObjections: objections.get(c._id) ?? [], ...approvalFlags(c, caller, holdsRoleOver(caller, stepRoles, target)) } : {})
  }
  return {
    claim,
    photoUrls: claim.photoUrls,
    audit: audit.map((a) => ({
      seq: a.seq,
      at: iso(a.at),
      byName: a.action === 'objection' && !handlesObjections ? '村民' : a.byName,
      action: a.action,
      from: a.from,
      to: a.to,
      reason: a.reason,
      hash: a.hash
    }))
  }
}

const REVIEWER_ROLES = ['group_leader', 'committee', 'admin'] as const
const QUEUE_STATE = { first: 'first_review', second: 'second_review', assembly: 'assembly' } as const
/** Who works each queue: 党小组长, 两委, and for the 大会 the 两委 or an admin. */
const QUEUE_ROLES = { first: ['group_leader'], second: ['committee'], assembly: ['committee', 'admin'] } as const

/**
 * A reviewer's work queue. 初审 lists only the claims of the grids the leader's party groups cover; own-household
 * claims are left out of the review steps (nobody reviews their own household).
 */
export async function reviewQueue(input: { villageId: string; step: 'first' | 'second' | 'assembly'; offset: number; limit: number }, ctx: Ctx) {
  const caller = await ctx.caller()
  const village = ctx.access.targets[0]
  requireRoleOver(caller, QUEUE_ROLES[input.step], village)
  const where: Record<string, unknown> = { villageId: village.id, state: QUEUE_STATE[input.step] }
  if (input.step === 'first' && !caller.grants.some((g) => g.role === 'group_leader' && village.path.includes(g.orgId))) {
    const groups = await getByIds<OrgNodeDoc>(COLLECTIONS.orgNodes, caller.grants.filter((g) => g.role === 'group_leader' && g.villageId === village.id).map((g) => g.orgId))
    where.gridId = db().command.in([...new Set([...groups.values()].flatMap((g) => g.gridIds ?? []))])
  }
  const [items, total] = await Promise.all([
    findPage<ClaimDoc>(COLLECTIONS.claims, where, { orderBy: [['createdAt', 'asc']], offset: input.offset, limit: input.limit }),
    count(COLLECTIONS.claims, where)
  ])
  const visible = input.step === 'assembly' ? items : items.filter((c) => c.householdId !== caller.member.householdId)
  // Objectors' names only for 两委, never on their own household's claim (the 大会 queue lists those too).
  const committee = holdsRoleOver(caller, ['committee'], village)
  const [urls, objections] = await Promise.all([
    photoUrlsOf(visible),
    openObjectionsOf(visible, (c) => committee && c.householdId !== caller.member.householdId)
  ])
  return {
    items: visible.map((c) => ({ ...claimView(c, { urls }), openObjections: objections.get(c._id) ?? [], ...approvalFlags(c, caller, true) })),
    total: total - (items.length - visible.length)
  }
}
