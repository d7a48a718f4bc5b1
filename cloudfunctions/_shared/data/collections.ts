/**
 * Every collection the functions use, with its indexes and client security rule.
 * One source of truth: scripts/deploy.ts creates these in a real CloudBase environment,
 * and the local emulator enforces the same unique indexes.
 * Clients never touch collections directly (all-deny); functions bypass rules.
 */
export interface IndexDef {
  name: string
  keys: Record<string, 1 | -1>
  unique?: boolean
}

export interface CollectionDef {
  name: string
  indexes: IndexDef[]
  /** CloudBase security rule for client SDKs. Always all-deny here. */
  rules: { read: boolean; write: boolean }
}

const deny = { read: false, write: false }

export const COLLECTIONS = {
  orgNodes: 'org_nodes',
  households: 'households',
  members: 'members',
  roleGrants: 'role_grants',
  bindings: 'bindings',
  invites: 'invites',
  bindRequests: 'bind_requests',
  requests: 'requests',
  villageSettings: 'village_settings',
  ruleSets: 'rule_sets',
  claims: 'claims',
  auditEntries: 'audit_entries',
  assemblies: 'assemblies',
  objections: 'objections',
  ledgerEntries: 'ledger_entries',
  householdPoints: 'household_points',
  capCounters: 'cap_counters',
  activities: 'activities',
  checkins: 'checkins',
  goods: 'mall_goods',
  windows: 'mall_windows',
  orders: 'mall_orders',
  orderLimits: 'mall_limits',
  stockMovements: 'mall_stock_moves',
  exports: 'exports',
  jobs: 'jobs'
} as const

export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS]

const c = COLLECTIONS

export const COLLECTION_DEFS: CollectionDef[] = [
  { name: c.orgNodes, rules: deny, indexes: [{ name: 'by_parent', keys: { parentId: 1 } }, { name: 'by_path', keys: { path: 1 } }, { name: 'by_kind_grid', keys: { kind: 1, gridIds: 1 } }] },
  { name: c.households, rules: deny, indexes: [{ name: 'by_village', keys: { villageId: 1, code: 1 }, unique: true }, { name: 'by_grid', keys: { gridId: 1 } }] },
  { name: c.members, rules: deny, indexes: [{ name: 'by_household', keys: { householdId: 1 } }, { name: 'by_village', keys: { villageId: 1 } }] },
  { name: c.roleGrants, rules: deny, indexes: [{ name: 'by_member_role_org', keys: { memberId: 1, role: 1, orgId: 1 }, unique: true }] },
  { name: c.bindings, rules: deny, indexes: [{ name: 'by_member', keys: { memberId: 1 } }] },
  { name: c.invites, rules: deny, indexes: [{ name: 'by_member', keys: { memberId: 1 } }] },
  { name: c.bindRequests, rules: deny, indexes: [{ name: 'by_village_status', keys: { villageId: 1, status: 1 } }] },
  { name: c.requests, rules: deny, indexes: [] },
  { name: c.villageSettings, rules: deny, indexes: [] },
  { name: c.ruleSets, rules: deny, indexes: [{ name: 'by_village_version', keys: { villageId: 1, version: 1 }, unique: true }] },
  { name: c.claims, rules: deny, indexes: [{ name: 'by_village_state', keys: { villageId: 1, state: 1 } }, { name: 'by_household', keys: { householdId: 1, createdAt: -1 } }] },
  { name: c.auditEntries, rules: deny, indexes: [{ name: 'by_claim_seq', keys: { claimId: 1, seq: 1 }, unique: true }] },
  { name: c.assemblies, rules: deny, indexes: [{ name: 'by_village', keys: { villageId: 1, meetingDate: -1 } }] },
  { name: c.objections, rules: deny, indexes: [{ name: 'by_claim', keys: { claimId: 1 } }, { name: 'by_member', keys: { by: 1, at: -1 } }] },
  { name: c.ledgerEntries, rules: deny, indexes: [{ name: 'by_household', keys: { householdId: 1, at: -1 } }] },
  { name: c.householdPoints, rules: deny, indexes: [{ name: 'by_village_year_points', keys: { villageId: 1, year: 1, yearPoints: -1 } }] },
  { name: c.capCounters, rules: deny, indexes: [] },
  { name: c.activities, rules: deny, indexes: [{ name: 'by_village', keys: { villageId: 1, startsAt: -1 } }] },
  { name: c.checkins, rules: deny, indexes: [{ name: 'by_activity', keys: { activityId: 1 } }] },
  { name: c.goods, rules: deny, indexes: [{ name: 'by_village', keys: { villageId: 1 } }] },
  { name: c.windows, rules: deny, indexes: [{ name: 'by_village', keys: { villageId: 1, opensAt: -1 } }] },
  { name: c.orders, rules: deny, indexes: [{ name: 'by_window_code', keys: { windowId: 1, pickupCode: 1 }, unique: true }, { name: 'by_household', keys: { householdId: 1 } }, { name: 'by_state_due', keys: { state: 1, windowClosesAt: 1 } }] },
  { name: c.orderLimits, rules: deny, indexes: [] },
  { name: c.stockMovements, rules: deny, indexes: [{ name: 'by_goods', keys: { goodsId: 1, at: -1 } }] },
  { name: c.exports, rules: deny, indexes: [] },
  { name: c.jobs, rules: deny, indexes: [] }
]
