/**
 * The authorization matrix, computed from the declared access of every action: for each action (and step),
 * each role (or a plain villager) and each relation between the caller and what the action touches, whether
 * the call is allowed. `npm run authz` prints it; test/functions/authz-matrix.test.ts calls the real functions
 * once per cell and checks they agree.
 */
import { rolesFor, SCOPE_COVERAGE_DETAIL, type Access } from './access'
import { ROLE_LABELS, ROLES, type Role } from './common'

/** Where the caller stands relative to the target (a household of a grid in a village, or the village). */
export const RELATIONS = ['ownHousehold', 'ownUnit', 'sameVillage', 'childNode', 'siblingVillage', 'unrelated'] as const
export type Relation = (typeof RELATIONS)[number]
export const RELATION_LABELS: Record<Relation, string> = {
  ownHousehold: '本户',
  ownUnit: '本网格/本组',
  sameVillage: '同村',
  childNode: '上级（镇）',
  siblingVillage: '邻村',
  unrelated: '无关'
}
/**
 * How the test cast is placed for each relation. A role holder's node: 网格员 on a grid, 党小组长 on a party
 * group, every other role on the village (or, for `childNode`, on the town above it).
 *  - ownHousehold: lives in the target household; role on the target's grid / its party group / village.
 *  - ownUnit: lives in another household of that grid; same role node.
 *  - sameVillage: lives on another grid of the village; role on that grid / party group / the village.
 *  - childNode: lives in a neighbouring village; role on the town (the target's village is below it).
 *  - siblingVillage: lives in a neighbouring village of the same town; role there.
 *  - unrelated: lives in a village of another town; role there.
 */
export const RELATION_NOTES = 'Role nodes: 网格员 on a grid, 党小组长 on a party group, other roles on the village (or the town for 上级).'

export type Actor = Role | 'villager'
export const ACTORS: readonly Actor[] = [...ROLES, 'villager']
export const ACTOR_LABELS: Record<Actor, string> = { ...ROLE_LABELS, villager: '村民（无职务）' }

const GRID_LEVEL: readonly Role[] = ['grid_worker', 'group_leader']
const LIVES_IN_VILLAGE: readonly Relation[] = ['ownHousehold', 'ownUnit', 'sameVillage']

/** Allowed, denied, or not meaningful (a villager holds no role; 网格员 and 党小组长 exist only on grids and groups). */
export type Cell = 'allow' | 'deny' | 'n/a'

export function expectedCell(access: Access, actor: Actor, relation: Relation, variant?: string): Cell {
  if ((actor === 'villager' || GRID_LEVEL.includes(actor)) && relation === 'childNode') return 'n/a'
  const who = rolesFor(access, variant)
  if (who === 'system') return 'deny'
  const livesIn = LIVES_IN_VILLAGE.includes(relation)
  if (!access.scope) {
    if (who === 'anyone' || who === 'bound') return 'allow'
    return actor !== 'villager' && who.includes(actor) ? 'allow' : 'deny'
  }
  // 'anyone' needs no binding, so there is no home village to compare with.
  if (who === 'anyone') return 'allow'
  if (who === 'bound') return livesIn ? 'allow' : 'deny'
  const { level: coverage, household: householdBound } = SCOPE_COVERAGE_DETAIL[access.scope.kind]
  if (access.self && householdBound && relation === 'ownHousehold') return 'allow'
  let allowed = false
  if (actor !== 'villager' && who.includes(actor)) {
    if (access.aboveVillage) allowed = relation === 'childNode'
    else if (relation === 'childNode') allowed = true
    else if (relation === 'siblingVillage' || relation === 'unrelated') allowed = false
    else if (!GRID_LEVEL.includes(actor)) allowed = true
    else if (coverage === 'village-wide') allowed = true
    else if (coverage === 'village-only') allowed = false
    else if (relation === 'sameVillage') allowed = false
    // household: the grid and the party groups covering it; node: the grid only (a party group is not above it).
    else allowed = coverage === 'household' || actor === 'grid_worker'
  }
  if (!allowed && access.residents && livesIn) allowed = true
  if (!allowed) return 'deny'
  if (access.sod?.includes('notOwnHousehold') && !access.perItem && relation === 'ownHousehold' && householdBound) return 'deny'
  // 评委 never score their own unit: a judge living in the target's village is refused (the handler checks it).
  if (access.sod?.includes('notOwnOrg') && livesIn) return 'deny'
  return 'allow'
}

export interface MatrixRow {
  fn: string
  action: string
  variant?: string
  actor: Actor
  cells: Record<Relation, Cell>
}

/** The rows for one action: one per actor, per step when the action has per-step roles. */
export function matrixRows(fn: string, action: string, access: Access): MatrixRow[] {
  const variants = access.variants ? Object.keys(access.variants.roles) : [undefined]
  const rows: MatrixRow[] = []
  for (const variant of variants) {
    for (const actor of ACTORS) {
      const cells = Object.fromEntries(RELATIONS.map((r) => [r, expectedCell(access, actor, r, variant)])) as Record<Relation, Cell>
      rows.push({ fn, action, variant, actor, cells })
    }
  }
  return rows
}
