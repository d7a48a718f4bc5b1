import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { HouseholdDoc } from '../../data/records'
import type { AuditEntryDoc, ClaimDoc, ClaimState } from '../../data/points-records'
import { count, findPage, getById, iso } from '../../data/repo'
import { AppError } from '../../runtime/app-error'
import { hasRoleInVillage, hasRoleOn, requireRoleInVillage, type Caller } from '../../runtime/caller'
import { POLICY } from '../policy'
import { claimView, loadVillage } from './common'
import { tempUrls } from '../files'

/** Temporary URLs for every photo of a page of claims, in one storage call. */
export function photoUrlsOf(claims: ClaimDoc[]): Promise<Map<string, string>> {
  return tempUrls(claims.flatMap((c) => c.photos))
}

/**
 * The household a villager-facing query is about: the caller's own, or (for staff, reviewers and the
 * household's grid worker acting 代办) another one in scope.
 */
export async function resolveHousehold(caller: Caller, householdId: string | undefined): Promise<HouseholdDoc> {
  const id = householdId ?? caller.member.householdId
  if (!id) throw new AppError('ROSTER.HOUSEHOLD_NOT_FOUND', undefined, '您还没有登记到某一户')
  const h = await getById<HouseholdDoc>(COLLECTIONS.households, id)
  if (!h) throw new AppError('ROSTER.HOUSEHOLD_NOT_FOUND')
  if (h._id === caller.member.householdId) return h
  const village = await getById<{ _id: string; path: string[] }>(COLLECTIONS.orgNodes, h.villageId)
  const staff = hasRoleInVillage(caller, ['staff', 'committee', 'admin', 'group_leader', 'secretary'], h.villageId, village?.path ?? [])
  if (!staff && !hasRoleOn(caller, ['grid_worker'], h.orgPath)) throw new AppError('AUTH.FORBIDDEN')
  return h
}

export async function myClaims(input: { householdId?: string; offset: number; limit: number }, ctx: Ctx) {
  const caller = await ctx.caller()
  const h = await resolveHousehold(caller, input.householdId)
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

export async function claimDetail(input: { claimId: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const c = await getById<ClaimDoc>(COLLECTIONS.claims, input.claimId)
  if (!c) throw new AppError('CLAIM.NOT_FOUND')
  const own = c.householdId === caller.member.householdId
  const reviewer = hasRoleInVillage(caller, ['group_leader', 'committee', 'admin', 'staff', 'secretary'], c.villageId, c.villagePath)
  const gridWorker = hasRoleOn(caller, ['grid_worker'], c.householdOrgPath)
  if (!own && !reviewer && !gridWorker) throw new AppError('AUTH.FORBIDDEN')
  const audit = await findPage<AuditEntryDoc>(COLLECTIONS.auditEntries, { claimId: c._id }, { orderBy: [['seq', 'asc']], limit: 200 })
  const urls = await photoUrlsOf([c])
  const claim = claimView(c, { urls })
  return {
    claim,
    photoUrls: claim.photoUrls,
    audit: audit.map((a) => ({ seq: a.seq, at: iso(a.at), byName: a.byName, action: a.action, from: a.from, to: a.to, reason: a.reason, hash: a.hash }))
  }
}

const QUEUE_STATE = { first: 'first_review', second: 'second_review', assembly: 'assembly' } as const

/** A reviewer's work queue; own-household claims are left out (nobody reviews their own household). */
export async function reviewQueue(input: { villageId: string; step: 'first' | 'second' | 'assembly'; offset: number; limit: number }, ctx: Ctx) {
  const caller = await ctx.caller()
  const village = await loadVillage(input.villageId)
  const roles = input.step === 'first' ? POLICY.firstReview : input.step === 'second' ? POLICY.secondReview : POLICY.assembly
  requireRoleInVillage(caller, roles, village._id, village.path)
  const where = { villageId: village._id, state: QUEUE_STATE[input.step] }
  const [items, total] = await Promise.all([
    findPage<ClaimDoc>(COLLECTIONS.claims, where, { orderBy: [['createdAt', 'asc']], offset: input.offset, limit: input.limit }),
    count(COLLECTIONS.claims, where)
  ])
  const visible = input.step === 'assembly' ? items : items.filter((c) => c.householdId !== caller.member.householdId)
  const urls = await photoUrlsOf(visible)
  return { items: visible.map((c) => claimView(c, { urls })), total: total - (items.length - visible.length) }
}
