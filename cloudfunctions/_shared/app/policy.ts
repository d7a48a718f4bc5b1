import type { Role } from '../../../types/contract/common'

/** Who may do what, by role. Scope (which org subtree) is checked separately against record paths. */
export const POLICY = {
  manageRoster: ['staff', 'committee', 'admin'],
  readRoster: ['staff', 'committee', 'admin', 'secretary', 'group_leader', 'grid_worker'],
  grantRoles: ['admin', 'committee'],
  inviteMembers: ['staff', 'committee', 'admin', 'grid_worker'],
  manageRules: ['committee', 'admin'],
  recordClaims: ['grid_worker'],
  firstReview: ['group_leader'],
  secondReview: ['committee'],
  assembly: ['committee', 'admin'],
  pointsReports: ['staff', 'committee', 'admin', 'secretary'],
  runActivities: ['grid_worker', 'staff', 'committee'],
  manageShop: ['staff', 'committee'],
  handOver: ['staff', 'committee'],
  actForVillager: ['grid_worker']
} as const satisfies Record<string, readonly Role[]>
