/**
 * The authorization matrix's cast: for every role (and a plain villager) and every relation of
 * types/contract/authz.ts, one bound person placed exactly as RELATION_NOTES describes, around the target
 * household 王桂荣家 (h-qj-07, 前进嘎查 东片网格 v-qj-g1). A third town (安宁镇) gives the "unrelated" people a home.
 */
import type { Engine } from '../../../emulator/engine'
import { COLLECTIONS } from '../../../cloudfunctions/_shared/data/collections'
import type { BindingDoc, GrantRef, HouseholdDoc, MemberDoc, OrgNodeDoc, RoleGrantDoc } from '../../../cloudfunctions/_shared/data/records'
import type { Role } from '../../../types/contract'
import { ACTORS, RELATIONS, type Actor, type Relation } from '../../../types/contract/authz'

export const TARGET = { village: 'v-qj', grid: 'v-qj-g1', household: 'h-qj-07', town: 'town-xa' }

const PATH: Record<string, string[]> = {
  'v-qj': ['city-wl', 'dist-hs', 'town-xa', 'v-qj'],
  'v-tj': ['city-wl', 'dist-hs', 'town-xa', 'v-tj'],
  'v-az': ['city-wl', 'dist-hs', 'town-az', 'v-az']
}

const NEW_ORGS: OrgNodeDoc[] = [
  { _id: 'town-az', name: '安宁镇', kind: 'town', parentId: 'dist-hs', path: ['city-wl', 'dist-hs'], villageId: null },
  { _id: 'v-az', name: '安宁村', kind: 'village', parentId: 'town-az', path: ['city-wl', 'dist-hs', 'town-az'], villageId: 'v-az' },
  { _id: 'v-az-br', name: '安宁村党支部', kind: 'branch', parentId: 'v-az', path: PATH['v-az'], villageId: 'v-az' },
  { _id: 'v-az-pg1', name: '第一党小组', kind: 'party_group', parentId: 'v-az-br', path: [...PATH['v-az'], 'v-az-br'], villageId: 'v-az', gridIds: ['v-az-g1'] },
  { _id: 'v-az-g1', name: '安宁网格', kind: 'grid', parentId: 'v-az', path: PATH['v-az'], villageId: 'v-az' }
]

interface Home {
  household: string
  village: string
  grid: string
  code: string
}
const HOMES: Record<Relation, Home> = {
  ownHousehold: { household: 'h-qj-07', village: 'v-qj', grid: 'v-qj-g1', code: 'QJ-007' },
  ownUnit: { household: 'h-az-unit', village: 'v-qj', grid: 'v-qj-g1', code: 'AZ-UNIT' },
  sameVillage: { household: 'h-az-same', village: 'v-qj', grid: 'v-qj-g2', code: 'AZ-SAME' },
  childNode: { household: 'h-az-sib', village: 'v-tj', grid: 'v-tj-g1', code: 'AZ-SIB' },
  siblingVillage: { household: 'h-az-sib', village: 'v-tj', grid: 'v-tj-g1', code: 'AZ-SIB' },
  unrelated: { household: 'h-az-far', village: 'v-az', grid: 'v-az-g1', code: 'AZ-FAR' }
}

/** The node a role is held on, for a relation. */
function roleNode(role: Role, rel: Relation): string {
  const place: Record<Relation, { village: string; grid: string; group: string }> = {
    ownHousehold: { village: 'v-qj', grid: 'v-qj-g1', group: 'v-qj-pg1' },
    ownUnit: { village: 'v-qj', grid: 'v-qj-g1', group: 'v-qj-pg1' },
    sameVillage: { village: 'v-qj', grid: 'v-qj-g2', group: 'v-qj-pg2' },
    childNode: { village: 'town-xa', grid: 'town-xa', group: 'town-xa' },
    siblingVillage: { village: 'v-tj', grid: 'v-tj-g1', group: 'v-tj-pg1' },
    unrelated: { village: 'v-az', grid: 'v-az-g1', group: 'v-az-pg1' }
  }
  const p = place[rel]
  return role === 'grid_worker' ? p.grid : role === 'group_leader' ? p.group : p.village
}

export const actorId = (actor: Actor, rel: Relation) => `az-${actor}-${rel}`
export const actorOpenid = (actor: Actor, rel: Relation) => `oAZ_${actor}_${rel}`

/** Inserts the cast (people, homes, the extra town) into a store that already holds the demo roster. */
export function seedCast(engine: Engine, now: Date): void {
  const orgs = new Map<string, OrgNodeDoc>([...engine.dump(COLLECTIONS.orgNodes), ...NEW_ORGS].map((o: OrgNodeDoc) => [o._id, o]))
  engine.insertRaw(COLLECTIONS.orgNodes, NEW_ORGS)
  const households: HouseholdDoc[] = []
  for (const home of new Map(Object.values(HOMES).map((h) => [h.household, h])).values()) {
    if (home.household === TARGET.household) continue
    const grid = orgs.get(home.grid)!
    households.push({
      _id: home.household,
      villageId: home.village,
      gridId: home.grid,
      code: home.code,
      address: `${home.code}号`,
      headMemberId: null,
      headName: null,
      memberCount: 0,
      orgPath: [...new Set([...PATH[home.village], ...grid.path, home.grid])],
      createdAt: now,
      updatedAt: now
    })
  }
  engine.insertRaw(COLLECTIONS.households, households)
  const members: MemberDoc[] = []
  const grants: RoleGrantDoc[] = []
  const bindings: BindingDoc[] = []
  for (const actor of ACTORS) {
    for (const rel of RELATIONS) {
      if ((actor === 'villager' || actor === 'grid_worker' || actor === 'group_leader') && rel === 'childNode') continue
      const home = HOMES[rel]
      const id = actorId(actor, rel)
      const roles: GrantRef[] = []
      if (actor !== 'villager') {
        const orgId = roleNode(actor, rel)
        const node = orgs.get(orgId)!
        const grantId = `${id}:${actor}:${orgId}`
        roles.push({ grantId, role: actor, orgId, villageId: node.villageId })
        grants.push({ _id: grantId, memberId: id, role: actor, orgId, scopePath: [...node.path, orgId], grantedBy: 'seed', grantedAt: now })
      }
      const grid = orgs.get(home.grid)!
      members.push({
        _id: id,
        name: `测${ACTORS.indexOf(actor)}${RELATIONS.indexOf(rel)}`,
        gender: 'M',
        relation: '子女',
        isHead: false,
        phone: null,
        personClass: 'party',
        partyStatus: 'in_village',
        householdId: home.household,
        villageId: home.village,
        branchId: null,
        partyGroupId: null,
        orgPath: [...new Set([...PATH[home.village], ...grid.path, home.grid])],
        openid: actorOpenid(actor, rel),
        roles,
        removed: false,
        createdAt: now,
        updatedAt: now
      })
      bindings.push({ _id: actorOpenid(actor, rel), memberId: id, via: 'demo', at: now })
    }
  }
  engine.insertRaw(COLLECTIONS.members, members)
  engine.insertRaw(COLLECTIONS.roleGrants, grants)
  engine.insertRaw(COLLECTIONS.bindings, bindings)
}
