import { z } from 'zod'
import { mutation, query } from './define'
import { ROLE_GROUPS } from './access'
import { id, isoDate, orgKind, page, partyStatus, personClass, role } from './common'

const phone = z.string().regex(/^1\d{10}$/, '手机号应为11位数字')
const name = z.string().trim().min(1, '请填写姓名').max(20, '姓名太长')

export const roleGrantView = z.object({ id, role, orgId: id, orgName: z.string(), orgKind })
export const memberView = z.object({
  id,
  name: z.string(),
  gender: z.enum(['M', 'F']),
  relation: z.string(),
  isHead: z.boolean(),
  personClass,
  partyStatus: partyStatus.nullable(),
  phoneMasked: z.string().nullable(),
  householdId: id.nullable(),
  villageId: id,
  branchId: id.nullable(),
  partyGroupId: id.nullable(),
  bound: z.boolean()
})
export type MemberView = z.infer<typeof memberView>

export const householdView = z.object({
  id,
  code: z.string(),
  name: z.string(),
  address: z.string(),
  villageId: id,
  villageName: z.string(),
  gridId: id.nullable(),
  gridName: z.string().nullable(),
  headMemberId: id.nullable(),
  members: z.array(memberView)
})
export type HouseholdView = z.infer<typeof householdView>

export const meOutput = z.object({
  member: memberView.extend({ villageName: z.string(), orgPathNames: z.array(z.string()) }),
  household: householdView.nullable(),
  roles: z.array(roleGrantView),
  /** The balance summary shown on "me" once points land. */
  points: z.object({ balance: z.number(), yearPoints: z.number(), quarterPoints: z.number() }).nullable()
})
export type MeOutput = z.infer<typeof meOutput>

export const orgNodeView = z.object({ id, name: z.string(), kind: orgKind, parentId: id.nullable(), path: z.array(id) })
export type OrgNodeView = z.infer<typeof orgNodeView>

const memberInput = z.object({
  memberId: id.optional(),
  householdId: id,
  name,
  gender: z.enum(['M', 'F']),
  relation: z.string().trim().min(1).max(10),
  isHead: z.boolean().default(false),
  phone: phone.optional().nullable(),
  personClass,
  partyStatus: partyStatus.optional().nullable(),
  branchId: id.optional().nullable(),
  partyGroupId: id.optional().nullable()
})

export const UPLOAD_PURPOSES = ['claim_photo', 'goods_photo', 'roster_import', 'pair_import', 'study_material'] as const
export const uploadPurpose = z.enum(UPLOAD_PURPOSES)
export type UploadPurpose = z.infer<typeof uploadPurpose>

export const importRow = z.object({
  row: z.number().int(),
  message: z.string()
})

export const identityContract = {
  me: query(z.object({}).strict(), meOutput, { who: 'anyone', note: '未绑定时返回未绑定' }),
  /** Bind the calling WeChat user to a roster member with a one-time invitation code. */
  bindInvite: mutation(z.object({ code: z.string().trim().regex(/^[A-Za-z0-9]{6,8}$/, '邀请码是6到8位字母或数字').transform((s) => s.toUpperCase()) }), meOutput, { who: 'anyone' }),
  /** A user without a code asks staff to bind them. */
  requestBind: mutation(
    z.object({ villageId: id, name, phone, note: z.string().max(100).default('') }),
    z.object({ requestId: id, status: z.literal('pending') }),
    { who: 'anyone', scope: { kind: 'village', field: 'villageId' } }
  ),
  listBindRequests: query(
    z.object({ villageId: id }),
    z.array(z.object({ id, name: z.string(), phoneMasked: z.string(), note: z.string(), status: z.enum(['pending', 'approved', 'rejected']), createdAt: isoDate })),
    { who: ROLE_GROUPS.roster, scope: { kind: 'village', field: 'villageId' } }
  ),
  decideBindRequest: mutation(
    z.object({ bindRequestId: id, approve: z.boolean(), memberId: id.optional(), reason: z.string().max(100).optional() }),
    z.object({ status: z.enum(['approved', 'rejected']) }),
    { who: ROLE_GROUPS.roster, scope: { kind: 'bindRequest', field: 'bindRequestId' }, note: '绑定有职务的人需能授予这些职务' }
  ),
  orgTree: query(z.object({ rootId: id.optional() }), z.array(orgNodeView), { who: 'bound' }),
  /** Org nodes where the caller holds a management role (villages/communities they can manage). */
  myScopes: query(z.object({}).strict(), z.array(orgNodeView.extend({ roles: z.array(role) })), { who: 'bound' }),
  listHouseholds: query(
    z.object({ villageId: id, gridId: id.optional(), q: z.string().max(20).optional() }).merge(page),
    z.object({ items: z.array(householdView.omit({ members: true }).extend({ memberCount: z.number(), headName: z.string().nullable() })), total: z.number() }),
    { who: ROLE_GROUPS.rosterRead, scope: { kind: 'village', field: 'villageId' } }
  ),
  getHousehold: query(z.object({ householdId: id }), householdView, { who: ROLE_GROUPS.rosterRead, scope: { kind: 'household', field: 'householdId' }, self: true }),
  saveHousehold: mutation(
    z.object({
      householdId: id.optional(),
      villageId: id,
      gridId: id.nullable(),
      code: z.string().trim().regex(/^[A-Za-z0-9-]{1,16}$/, '户号只能是字母、数字和横线'),
      address: z.string().trim().min(1, '请填写住址').max(60)
    }),
    z.object({ householdId: id }),
    { who: ROLE_GROUPS.roster, scope: { kind: 'village', field: 'villageId' } }
  ),
  saveMember: mutation(memberInput, z.object({ memberId: id }), { who: ROLE_GROUPS.roster, scope: { kind: 'household', field: 'householdId' } }),
  removeMember: mutation(z.object({ memberId: id }), z.object({ removed: z.literal(true) }), { who: ROLE_GROUPS.roster, scope: { kind: 'member', field: 'memberId' }, note: '有职务的人需能授予这些职务' }),
  listGrants: query(z.object({ orgId: id }), z.array(roleGrantView.extend({ memberId: id, memberName: z.string() })), { who: ['staff', 'committee', 'admin', 'secretary', 'group_leader'], scope: { kind: 'org', field: 'orgId' } }),
  grantRole: mutation(z.object({ memberId: id, role, orgId: id }), z.object({ grantId: id }), { who: ROLE_GROUPS.grant, scope: { kind: 'org', field: 'orgId' }, sod: ['notGrantee'], note: '两委成员、书记、管理员须由镇级管理员授予' }),
  revokeRole: mutation(z.object({ grantId: id }), z.object({ revoked: z.literal(true) }), { who: ROLE_GROUPS.grant, scope: { kind: 'grant', field: 'grantId' }, sod: ['notGrantee', 'notPeerCommittee'], note: '两委成员、书记、管理员须由镇级管理员撤销' }),
  /** The append-only, hash-chained record of every grant and revocation on a node and below. */
  grantAudit: query(
    z.object({ orgId: id }),
    z.array(z.object({ seq: z.number(), at: isoDate, action: z.enum(['grant', 'revoke']), role, orgName: z.string(), memberName: z.string(), byName: z.string(), hash: z.string() })),
    { who: ['admin', 'committee', 'secretary', 'staff'], scope: { kind: 'org', field: 'orgId' } }
  ),
  /** Records a file the caller just uploaded through the app, so a claim, goods item or import may cite it. */
  registerUpload: mutation(
    z.object({ fileId: z.string().min(1).max(300), purpose: uploadPurpose }),
    z.object({ fileId: z.string(), purpose: uploadPurpose }),
    { who: 'bound', note: '只能登记自己上传的文件' }
  ),
  createInvite: mutation(z.object({ memberId: id }), z.object({ code: z.string(), expiresAt: isoDate }), { who: ['staff', 'committee', 'admin', 'grid_worker'], scope: { kind: 'member', field: 'memberId' }, note: '有职务的人需能授予这些职务' }),
  /** Import households and members from an uploaded xlsx (storage file id). All rows or none. */
  importRoster: mutation(
    z.object({ villageId: id, fileId: z.string().min(1).max(300) }),
    z.object({ households: z.number(), members: z.number() }),
    { who: ROLE_GROUPS.roster, scope: { kind: 'village', field: 'villageId' } }
  ),
  exportRoster: query(z.object({ villageId: id }), z.object({ fileId: z.string(), url: z.string(), rows: z.number(), fileName: z.string() }), { who: ROLE_GROUPS.roster, scope: { kind: 'village', field: 'villageId' } })
}
