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
  jobs: 'jobs',
  grantAudit: 'grant_audit',
  grantAuditHeads: 'grant_audit_heads',
  uploads: 'uploads',
  settingsChanges: 'settings_changes',
  voteActivities: 'vote_activities',
  voteEntries: 'vote_entries',
  voteRecords: 'vote_records',
  voteTallies: 'vote_tallies',
  voteCounters: 'vote_counters',
  voteScores: 'vote_scores',
  voteVoids: 'vote_voids',
  voteResults: 'vote_results',
  studySessions: 'study_sessions',
  studyAttendance: 'study_attendance',
  studyPairs: 'study_pairs',
  studyVisits: 'study_visits',
  studyRelays: 'study_relays',
  studyThreads: 'study_threads',
  studyMaterials: 'study_materials',
  studyReminders: 'study_reminders',
  studySettings: 'study_settings',
  notices: 'notices',
  noticeReads: 'notice_reads',
  reports: 'reports',
  reportSettings: 'report_settings',
  subscribeSends: 'subscribe_sends',
  shareCodes: 'share_codes'
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
  { name: c.exports, rules: deny, indexes: [{ name: 'by_created', keys: { createdAt: 1 } }] },
  { name: c.jobs, rules: deny, indexes: [] },
  { name: c.grantAudit, rules: deny, indexes: [{ name: 'by_chain_seq', keys: { chain: 1, seq: 1 }, unique: true }, { name: 'by_scope', keys: { scopePath: 1, at: -1 } }] },
  { name: c.grantAuditHeads, rules: deny, indexes: [] },
  { name: c.uploads, rules: deny, indexes: [{ name: 'by_owner', keys: { owner: 1 } }] },
  { name: c.settingsChanges, rules: deny, indexes: [{ name: 'by_village', keys: { villageId: 1, at: -1 } }] },
  // 双晒 / village vote. A vote touches only documents addressed by id; these indexes serve listings and reports.
  { name: c.voteActivities, rules: deny, indexes: [{ name: 'by_org', keys: { orgId: 1, voteOpens: -1 } }] },
  { name: c.voteEntries, rules: deny, indexes: [{ name: 'by_activity_category_state', keys: { activityId: 1, category: 1, state: 1 } }, { name: 'by_owner', keys: { ownerMemberId: 1, activityId: 1 } }] },
  {
    name: c.voteRecords,
    rules: deny,
    indexes: [
      { name: 'by_activity_entry_state', keys: { activityId: 1, entryId: 1, state: 1, voided: 1 } },
      { name: 'by_activity_voter', keys: { activityId: 1, voterKey: 1 } },
      { name: 'by_activity_minute', keys: { activityId: 1, minute: 1 } }
    ]
  },
  { name: c.voteTallies, rules: deny, indexes: [{ name: 'by_activity_n', keys: { activityId: 1, n: -1 } }, { name: 'by_activity_voter', keys: { activityId: 1, voterKey: 1 } }] },
  { name: c.voteCounters, rules: deny, indexes: [{ name: 'by_activity_category', keys: { activityId: 1, category: 1 } }] },
  { name: c.voteScores, rules: deny, indexes: [{ name: 'by_activity_judge', keys: { activityId: 1, judgeId: 1 } }, { name: 'by_entry', keys: { entryId: 1 } }] },
  { name: c.voteVoids, rules: deny, indexes: [{ name: 'by_activity', keys: { activityId: 1 } }] },
  { name: c.voteResults, rules: deny, indexes: [] },
  // 云支部
  { name: c.studySessions, rules: deny, indexes: [{ name: 'by_village_start', keys: { villageId: 1, startsAt: -1 } }, { name: 'by_expected', keys: { expectedIds: 1, endsAt: 1 } }] },
  { name: c.studyAttendance, rules: deny, indexes: [{ name: 'by_session', keys: { sessionId: 1 } }, { name: 'by_member', keys: { memberId: 1 } }] },
  { name: c.studyPairs, rules: deny, indexes: [{ name: 'by_member_active', keys: { memberId: 1, active: 1 } }, { name: 'by_buddy_active', keys: { buddyId: 1, active: 1 } }, { name: 'by_village', keys: { villageId: 1 } }] },
  { name: c.studyVisits, rules: deny, indexes: [{ name: 'by_pair', keys: { pairId: 1, at: -1 } }] },
  { name: c.studyRelays, rules: deny, indexes: [{ name: 'by_thread', keys: { threadId: 1, at: 1 } }, { name: 'by_session', keys: { sessionId: 1 } }] },
  { name: c.studyThreads, rules: deny, indexes: [{ name: 'by_member', keys: { memberId: 1 } }, { name: 'by_session', keys: { sessionId: 1 } }] },
  { name: c.studyMaterials, rules: deny, indexes: [{ name: 'by_village', keys: { villageId: 1, createdAt: -1 } }] },
  { name: c.studyReminders, rules: deny, indexes: [{ name: 'by_due', keys: { sent: 1, sendAt: 1 } }] },
  { name: c.studySettings, rules: deny, indexes: [] },
  { name: c.notices, rules: deny, indexes: [{ name: 'by_target_time', keys: { targetOrgId: 1, publishedAt: -1 } }, { name: 'by_village_time', keys: { villageId: 1, publishedAt: -1 } }] },
  { name: c.noticeReads, rules: deny, indexes: [{ name: 'by_notice', keys: { noticeId: 1 } }, { name: 'by_member', keys: { memberId: 1, noticeId: 1 } }] },
  { name: c.reports, rules: deny, indexes: [{ name: 'by_village_state', keys: { villageId: 1, state: 1, createdAt: -1 } }, { name: 'by_reporter', keys: { reporterId: 1, createdAt: -1 } }] },
  { name: c.reportSettings, rules: deny, indexes: [] },
  { name: c.subscribeSends, rules: deny, indexes: [{ name: 'by_member_time', keys: { memberId: 1, at: -1 } }] },
  { name: c.shareCodes, rules: deny, indexes: [] }
]

/**
 * Cloud storage's client rule: a WeChat user may upload (write files they own) but no client reads storage
 * directly; the app sees files only through the temporary URLs the functions hand out (to whoever may see
 * them; exports only to the person who asked). Functions act as admin and bypass it.
 */
export const STORAGE_RULE = { read: false, write: 'resource.openid == auth.openid' } as const
