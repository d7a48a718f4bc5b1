import type { OrgKind, PartyStatus, PersonClass, Role } from '../../../types/contract/common'

/** Stored shapes. Dates are JS Dates in the database, ISO strings on the wire. */
export interface OrgNodeDoc {
  _id: string
  name: string
  kind: OrgKind
  parentId: string | null
  /** Ancestor ids from the root, not including this node. */
  path: string[]
  /** The village/community this node belongs to (itself for a village). */
  villageId: string | null
  /** 党小组 only: the grids whose households it covers (first review is scoped to them). */
  gridIds?: string[]
}

export interface HouseholdDoc {
  _id: string
  villageId: string
  gridId: string | null
  code: string
  address: string
  headMemberId: string | null
  headName: string | null
  memberCount: number
  /** Org ids that contain this household: village ancestors, the village, grid ancestors, the grid. */
  orgPath: string[]
  createdAt: Date
  updatedAt: Date
}

export interface GrantRef {
  grantId: string
  role: Role
  orgId: string
  /** The village/community the granted node belongs to; null for nodes above villages (town, district…). */
  villageId: string | null
}

export interface MemberDoc {
  _id: string
  name: string
  gender: 'M' | 'F'
  relation: string
  isHead: boolean
  phone: string | null
  personClass: PersonClass
  partyStatus: PartyStatus | null
  householdId: string | null
  villageId: string
  branchId: string | null
  partyGroupId: string | null
  orgPath: string[]
  openid: string | null
  /** Denormalised copy of this member's role grants, kept in step by grantRole/revokeRole. */
  roles: GrantRef[]
  removed: boolean
  createdAt: Date
  updatedAt: Date
}

export interface RoleGrantDoc {
  _id: string
  memberId: string
  role: Role
  orgId: string
  /** The granted node's path including the node itself. */
  scopePath: string[]
  grantedBy: string
  grantedAt: Date
}

/** One grant or revocation, appended to its village's chain (nodes above villages have their own). */
export interface GrantAuditDoc {
  _id: string // `${chain}:${seq}`
  chain: string
  seq: number
  action: 'grant' | 'revoke'
  role: Role
  orgId: string
  orgName: string
  /** The granted node's path including itself, so a node's page lists what happened under it. */
  scopePath: string[]
  memberId: string
  memberName: string
  by: string
  byName: string
  at: Date
  prevHash: string
  hash: string
}

export interface GrantAuditHeadDoc {
  _id: string // chain
  seq: number
  lastHash: string
}

/** A file a member uploaded through the app, and what for: only its owner may cite it. */
export interface UploadDoc {
  _id: string // sha1 of the file id
  fileId: string
  owner: string
  purpose: 'claim_photo' | 'goods_photo' | 'roster_import' | 'pair_import' | 'study_material'
  at: Date
}

/** An export written for one caller under an unguessable name; the scheduler deletes it after 24 h. */
export interface ExportDoc {
  _id: string
  fileId: string
  owner: string
  createdAt: Date
}

export interface BindingDoc {
  _id: string // openid
  memberId: string
  via: 'invite' | 'request' | 'demo'
  at: Date
}

export interface InviteDoc {
  _id: string // the code
  memberId: string
  villageId: string
  createdBy: string
  createdAt: Date
  expiresAt: Date
  usedBy: string | null
  usedAt: Date | null
}

export interface BindRequestDoc {
  _id: string
  villageId: string
  openid: string
  name: string
  phone: string
  note: string
  status: 'pending' | 'approved' | 'rejected'
  memberId: string | null
  decidedBy: string | null
  reason: string | null
  createdAt: Date
}

export interface RequestDoc {
  _id: string
  fn: string
  action: string
  openid: string
  /** What the mutation's transaction returned (replayed to a twin or a retry). */
  txData: unknown
  /** The action's final answer, once known. */
  data: unknown
  /** false: the transaction's own result (written inside it); true: the action's final answer. */
  final: boolean
  at: Date
}
