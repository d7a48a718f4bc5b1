import type { Role } from './common'

/**
 * Who may call an action, declared once beside its schemas. The functions' runtime (createHandler) enforces
 * it before the handler runs, the app decides which tiles and buttons to show from it, and the authorization
 * matrix (`npm run authz`) and its tests are generated from it.
 */

/** Callers that need no role: anyone with WeChat (even unbound), any bound member, or the timer only. */
export type Audience = 'anyone' | 'bound' | 'system'

/**
 * What an action's input names, so the runtime can load it and check that the caller's role covers it.
 * Each kind has one resolver on the server (cloudfunctions/_shared/runtime/scopes.ts) that turns the id into
 * the org path, village and households it touches.
 */
export const SCOPE_KINDS = [
  'village',
  'org',
  'household',
  'member',
  'claim',
  'grant',
  'bindRequest',
  'ruleSet',
  'activity',
  'order',
  'goods',
  'window',
  'notice',
  'report'
] as const
export type ScopeKind = (typeof SCOPE_KINDS)[number]

export const SCOPE_LABELS: Record<ScopeKind, string> = {
  village: '本村',
  org: '组织节点',
  household: '农户',
  member: '人员',
  claim: '积分申报',
  grant: '职务',
  bindRequest: '绑定申请',
  ruleSet: '积分标准',
  activity: '签到活动',
  order: '兑换单',
  goods: '商品',
  window: '兑换日',
  notice: '公告',
  report: '居民说事'
}

/**
 * Separation of duties. Rules marked `runtime` are checked by createHandler from the resolved scope alone;
 * the others need loaded data and are checked in the handler through `requireSod` (one shared helper), which
 * throws AUTH.FORBIDDEN with the rule's message.
 */
export const SOD_RULES = {
  notOwnHousehold: { label: '不办理自己家的事', message: '不能办理自己家的事，请请其他人办理', runtime: true },
  notPriorApprover: { label: '不重复审批同一条', message: '同一个人在一条审核链上只能审批一次', runtime: false },
  notRecorder: { label: '不审核自己录入的', message: '不能审核自己录入的积分', runtime: false },
  notGrantee: { label: '不给自己授权或撤权', message: '不能给自己授予或撤销职务', runtime: false },
  notClaimantHousehold: { label: '大会登记人不是申报户成员', message: '登记人家里的申报不能由自己登记大会结果', runtime: false },
  notProposer: { label: '第二人确认', message: '需要另一位两委成员确认，发起人不能自己确认', runtime: false },
  notPeerCommittee: { label: '两委成员不互相撤职', message: '两委成员不能撤销其他两委成员的职务，需要镇里的管理员办理', runtime: false },
  notOwnOrg: { label: '不评自己单位', message: '评委不能给本单位的作品打分', runtime: false }
} as const
export type SodRule = keyof typeof SOD_RULES

export interface ScopeDecl {
  kind: ScopeKind
  /** The input field holding the id (dot path for nested fields, e.g. `entries.householdId` for each entry). */
  field: string
  /** When the field is absent the action is about the caller's own household (or village). */
  whenAbsent?: 'own'
}

export interface Access {
  /** An audience, or the roles (any one suffices) that must cover the scope. */
  who: Audience | readonly Role[]
  /** What the caller's role must cover. Without it, holding the role anywhere suffices (rare: listings of one's own work). */
  scope?: ScopeDecl
  /** Members of the household the scope resolves to may also call (their own data), without any role. */
  self?: boolean
  /** Roles on a node above the village (town, district) only: e.g. granting 两委成员/书记/管理员. */
  aboveVillage?: boolean
  sod?: readonly SodRule[]
  /** One line for the matrix and the docs. */
  note?: string
}

export const ROLE_GROUPS = {
  /** Manage households, members and invitations. */
  roster: ['staff', 'committee', 'admin'] as const,
  rosterRead: ['staff', 'committee', 'admin', 'secretary', 'group_leader', 'grid_worker'] as const,
  grant: ['admin', 'committee'] as const,
  rules: ['committee', 'admin'] as const,
  reports: ['staff', 'committee', 'admin', 'secretary'] as const,
  activities: ['grid_worker', 'staff', 'committee'] as const,
  shop: ['staff', 'committee'] as const
} satisfies Record<string, readonly Role[]>

/** The roles named by an access rule (empty for audiences). */
export function accessRoles(a: Access): readonly Role[] {
  return typeof a.who === 'string' ? [] : a.who
}

/** Could someone holding `roles` (anywhere) ever call this? Used by the app to show tiles and buttons. */
export function mayUse(a: Access, roles: readonly Role[], opts: { bound?: boolean } = {}): boolean {
  if (a.who === 'system') return false
  if (a.who === 'anyone') return true
  if (a.who === 'bound') return opts.bound !== false
  return a.who.some((r) => roles.includes(r)) || (!!a.self && opts.bound !== false)
}
