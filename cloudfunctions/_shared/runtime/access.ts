import { rolesFor, SOD_RULES, type Access, type ScopeKind, type SodRule } from '../../../types/contract/access'
import type { Role } from '../../../types/contract/common'
import { COLLECTIONS } from '../data/collections'
import type { BindRequestDoc, GrantRef, HouseholdDoc, MemberDoc, OrgNodeDoc, RoleGrantDoc } from '../data/records'
import { AppError } from './app-error'
import type { Caller } from './caller'
import { db } from './cloud'

/**
 * What an action touches, as far as access is concerned: the org path it sits in (ancestors, the node,
 * and for households the grid and the party groups that cover it), its village, and the households whose
 * members it affects.
 */
export interface Target {
  kind: ScopeKind
  id: string
  /** Org ids that contain the target, root first; a role held on any of them covers it. */
  path: string[]
  villageId: string | null
  /** Households the target belongs to (a household itself, a claim's household, an order's household). */
  householdIds: string[]
  /**
   * A village, or a record that belongs to a whole village (an activity, goods, a window, a rule set): a role
   * held anywhere inside the village covers it (a grid worker runs their village's activities).
   */
  villageWide?: boolean
  /** The grid of the household the target belongs to: the party groups covering it are added to `path` only
   * when the caller leads a party group (enforceAccess), saving a read on every other call. */
  gridId?: string | null
  /** For records: the loaded document, so handlers need not read it again. */
  doc?: unknown
}

export type ScopeResolver = (id: string) => Promise<Target | null>

async function getDoc<T>(collection: string, id: string): Promise<T | null> {
  const res = (await db().collection(collection).doc(id).get()) as { data?: unknown[] }
  return ((res.data ?? [])[0] as T) ?? null
}

async function orgTarget(kind: ScopeKind, node: OrgNodeDoc | null): Promise<Target | null> {
  if (!node) return null
  return { kind, id: node._id, path: [...node.path, node._id], villageId: node.villageId, householdIds: [], doc: node }
}

/** A grid is covered by the party groups that list it (党小组 ↔ 网格, from the roster). */
async function partyGroupsCovering(gridId: string | null): Promise<string[]> {
  if (!gridId) return []
  const res = (await db().collection(COLLECTIONS.orgNodes).where({ kind: 'party_group', gridIds: gridId }).limit(20).get()) as { data: OrgNodeDoc[] }
  return res.data.map((n) => n._id)
}

function householdTarget(kind: ScopeKind, h: HouseholdDoc | null, doc?: unknown): Target | null {
  if (!h) return null
  return { kind, id: h._id, path: h.orgPath, villageId: h.villageId, householdIds: [h._id], gridId: h.gridId, doc: doc ?? h }
}

/** Adds the party groups that cover a target's grid to its path, for a caller who leads a party group. */
export async function withPartyGroups(caller: Caller, t: Target): Promise<Target> {
  if (!t.gridId || !caller.grants.some((g) => g.role === 'group_leader')) return t
  const groups = await partyGroupsCovering(t.gridId)
  return groups.length ? { ...t, path: [...t.path, ...groups.filter((g) => !t.path.includes(g))] } : t
}

async function villageRecord(kind: ScopeKind, doc: { _id: string; villageId: string; villagePath?: string[] } | null): Promise<Target | null> {
  if (!doc) return null
  // Records store their village's ancestors (`villagePath`, without the village itself): the village is added.
  const ancestors = doc.villagePath ?? (await getDoc<OrgNodeDoc>(COLLECTIONS.orgNodes, doc.villageId))?.path ?? []
  const path = [...ancestors.filter((id) => id !== doc.villageId), doc.villageId]
  return { kind, id: doc._id, path, villageId: doc.villageId, householdIds: [], villageWide: true, doc }
}

const RESOLVERS = new Map<ScopeKind, ScopeResolver>()

/** Registers how ids of one scope kind are resolved. Features register theirs next to their data code. */
export function registerScope(kind: ScopeKind, resolver: ScopeResolver): void {
  RESOLVERS.set(kind, resolver)
}

registerScope('village', async (id) => {
  const node = await getDoc<OrgNodeDoc>(COLLECTIONS.orgNodes, id)
  if (!node || (node.kind !== 'village' && node.kind !== 'community')) return null
  const t = await orgTarget('village', node)
  return t && { ...t, villageWide: true }
})
registerScope('org', async (id) => orgTarget('org', await getDoc<OrgNodeDoc>(COLLECTIONS.orgNodes, id)))
registerScope('household', async (id) => householdTarget('household', await getDoc<HouseholdDoc>(COLLECTIONS.households, id)))
registerScope('member', async (id) => {
  const m = await getDoc<MemberDoc>(COLLECTIONS.members, id)
  if (!m || m.removed) return null
  if (m.householdId) {
    const h = await getDoc<HouseholdDoc>(COLLECTIONS.households, m.householdId)
    if (h) return householdTarget('member', h, m)
  }
  return { kind: 'member', id: m._id, path: m.orgPath, villageId: m.villageId, householdIds: [], doc: m }
})
registerScope('claim', async (id) => {
  const c = await getDoc<{ _id: string; villageId: string; householdId: string; householdOrgPath: string[]; gridId: string | null }>(COLLECTIONS.claims, id)
  if (!c) return null
  return { kind: 'claim', id: c._id, path: c.householdOrgPath, villageId: c.villageId, householdIds: [c.householdId], gridId: c.gridId, doc: c }
})
registerScope('grant', async (id) => {
  const g = await getDoc<RoleGrantDoc>(COLLECTIONS.roleGrants, id)
  if (!g) return null
  const m = await getDoc<MemberDoc>(COLLECTIONS.members, g.memberId)
  return { kind: 'grant', id: g._id, path: g.scopePath, villageId: m?.villageId ?? null, householdIds: m?.householdId ? [m.householdId] : [], doc: g }
})
registerScope('bindRequest', async (id) => villageRecord('bindRequest', await getDoc<BindRequestDoc>(COLLECTIONS.bindRequests, id)))
registerScope('ruleSet', async (id) => villageRecord('ruleSet', await getDoc<{ _id: string; villageId: string }>(COLLECTIONS.ruleSets, id)))
registerScope('activity', async (id) => villageRecord('activity', await getDoc<{ _id: string; villageId: string; villagePath: string[] }>(COLLECTIONS.activities, id)))
registerScope('goods', async (id) => villageRecord('goods', await getDoc<{ _id: string; villageId: string; villagePath: string[] }>(COLLECTIONS.goods, id)))
registerScope('window', async (id) => villageRecord('window', await getDoc<{ _id: string; villageId: string; villagePath: string[] }>(COLLECTIONS.windows, id)))
registerScope('order', async (id) => {
  const o = await getDoc<{ _id: string; villageId: string; householdId: string }>(COLLECTIONS.orders, id)
  const t = await villageRecord('order', o)
  return t && o ? { ...t, householdIds: [o.householdId], villageWide: false } : null
})

const NOT_FOUND: Partial<Record<ScopeKind, ConstructorParameters<typeof AppError>[0]>> = {
  village: 'ORG.NOT_FOUND',
  org: 'ORG.NOT_FOUND',
  household: 'ROSTER.HOUSEHOLD_NOT_FOUND',
  member: 'ROSTER.MEMBER_NOT_FOUND',
  claim: 'CLAIM.NOT_FOUND',
  ruleSet: 'RULES.NOT_FOUND',
  order: 'MALL.ORDER_NOT_FOUND',
  goods: 'MALL.GOODS_NOT_FOUND',
  notice: 'NOTICE.NOT_FOUND',
  report: 'REPORT.NOT_FOUND'
}

export async function resolveTarget(kind: ScopeKind, id: string): Promise<Target> {
  const resolver = RESOLVERS.get(kind)
  if (!resolver) throw new Error(`no scope resolver for ${kind}`)
  const t = await resolver(id)
  if (!t) throw new AppError(NOT_FOUND[kind] ?? 'NOT_FOUND')
  return t
}

/**
 * Does a grant cover a target? A role held on the target's node or any node above it covers it; for a
 * village-wide target a role held anywhere inside the village covers it too (a grid worker records for
 * their village, and the handler then narrows to their grid).
 */
export function grantCovers(g: GrantRef, t: Target): boolean {
  if (t.path.includes(g.orgId)) return true
  return !!t.villageWide && !!t.villageId && g.villageId === t.villageId
}

export function holdsRoleOver(caller: Caller, roles: readonly Role[], t: Target): boolean {
  return caller.grants.some((g) => roles.includes(g.role) && grantCovers(g, t))
}

/** True when the caller holds one of `roles` on a node above the target's village (town, district…). */
export function holdsRoleAboveVillage(caller: Caller, roles: readonly Role[], t: Target): boolean {
  return caller.grants.some((g) => roles.includes(g.role) && g.villageId === null && t.path.includes(g.orgId))
}

export function requireRoleOver(caller: Caller, roles: readonly Role[], t: Target, message?: string): void {
  if (!holdsRoleOver(caller, roles, t)) throw new AppError('AUTH.FORBIDDEN', undefined, message)
}

/** The one helper handlers use for separation-of-duties checks that need loaded data. */
export function requireSod(rule: SodRule, holds: boolean, details?: unknown): void {
  if (!holds) throw new AppError('AUTH.FORBIDDEN', { rule, ...(details && typeof details === 'object' ? details : {}) }, SOD_RULES[rule].message)
}

/** The ids an input field names (a dot path through arrays: `entries.householdId`). */
export function fieldValues(input: unknown, field: string): { present: boolean; ids: string[]; many: boolean } {
  let values: unknown[] = [input]
  let many = false
  for (const part of field.split('.')) {
    const next: unknown[] = []
    for (const v of values) {
      if (v === null || typeof v !== 'object') continue
      const x = (v as Record<string, unknown>)[part]
      if (Array.isArray(x)) {
        many = true
        next.push(...x)
      } else if (x !== undefined && x !== null) next.push(x)
    }
    values = next
  }
  const ids = values.filter((v): v is string => typeof v === 'string')
  return { present: ids.length > 0, ids: [...new Set(ids)], many }
}

export interface AccessResult {
  /** The resolved targets, in input order (empty when the rule has no scope). */
  targets: Target[]
  /** True when the caller acts on their own household's data without a role (`self`). */
  self: boolean
}

/**
 * Enforces an action's declared access before its handler runs. Throws AUTH.UNBOUND / AUTH.FORBIDDEN /
 * the scope's NOT_FOUND code; returns what it resolved so handlers can reuse it.
 */
export async function enforceAccess(access: Access, input: unknown, inv: { system: boolean; caller: () => Promise<Caller> }): Promise<AccessResult> {
  if (access.who === 'system') {
    if (!inv.system) throw new AppError('AUTH.FORBIDDEN')
    return { targets: [], self: false }
  }
  if (inv.system) {
    // Timer work runs through createTimerHandler, never through a user action.
    throw new AppError('AUTH.FORBIDDEN')
  }
  if (access.who === 'anyone' && !access.scope) return { targets: [], self: false }
  const caller = access.who === 'anyone' ? null : await inv.caller()
  const variant = access.variants ? fieldValues(input, access.variants.field).ids[0] : undefined
  const who = rolesFor(access, variant)
  if (!access.scope) {
    if (caller && typeof who !== 'string' && !caller.grants.some((g) => who.includes(g.role))) throw new AppError('AUTH.FORBIDDEN')
    return { targets: [], self: false }
  }
  const { ids, present, many } = fieldValues(input, access.scope.field)
  let targets: Target[]
  if (!present) {
    if (access.scope.whenAbsent !== 'own' || !caller) return { targets: [], self: false }
    // Own household (or own village for village-level scopes).
    const ownId = access.scope.kind === 'village' ? caller.member.villageId : caller.member.householdId
    if (!ownId) throw new AppError(access.scope.kind === 'village' ? 'ORG.NOT_FOUND' : 'ROSTER.HOUSEHOLD_NOT_FOUND', undefined, access.scope.kind === 'village' ? undefined : '您还没有登记在哪一户')
    targets = [await resolveTarget(access.scope.kind, ownId)]
  } else {
    targets = []
    for (const id of ids) targets.push(await resolveTarget(access.scope.kind, id))
  }
  if (!caller) return { targets, self: false }
  targets = await Promise.all(targets.map((t) => withPartyGroups(caller, t)))

  const own = caller.member.householdId
  const isOwn = (t: Target) => !!own && t.householdIds.includes(own)
  const inVillage = (t: Target) => t.villageId === caller.member.villageId || (!!t.villageId && t.path.includes(caller.member.villageId))

  let self = false
  for (const t of targets) {
    if (access.self && isOwn(t)) {
      self = true
      continue
    }
    if (typeof who === 'string') {
      // A plain member acts within their own village (its 公示, ranking, activities).
      if (!inVillage(t)) throw new AppError('AUTH.FORBIDDEN', undefined, '只能办理本村的事')
      continue
    }
    const roles = who
    const ok = access.aboveVillage ? holdsRoleAboveVillage(caller, roles, t) : holdsRoleOver(caller, roles, t)
    if (!ok && !(access.residents && inVillage(t))) throw new AppError('AUTH.FORBIDDEN')
  }
  // Separation of duties decided by the scope alone. A batch declared `perItem` has its own-household items
  // refused one by one by the handler instead of failing as a whole.
  if (access.sod?.includes('notOwnHousehold') && !(many && access.perItem) && !self) {
    for (const t of targets) requireSod('notOwnHousehold', !isOwn(t), { householdId: t.householdIds[0] })
  }
  return { targets, self }
}
