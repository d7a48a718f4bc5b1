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
  'voteActivity',
  'entry',
  'session',
  'pair',
  'material',
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
  voteActivity: '投票活动',
  entry: '参评作品',
  session: '学习会议',
  pair: '结对',
  material: '学习资料',
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
  notOwnOrg: { label: '不评自己单位', message: '评委不能给本单位的作品打分', runtime: false },
  notOwnEntry: { label: '不审自己的作品', message: '不能审核自己提交的作品，请其他工作人员审核', runtime: false }
} as const
export type SodRule = keyof typeof SOD_RULES

/**
 * Which role holders a target of each kind is covered by (the runtime computes it from the data; the
 * authorization matrix states it from here, and the matrix tests check the two agree):
 *  - village-wide: any role held in the village (or above) — a village and the records of a whole village;
 *  - household: roles on the household's grid, on the party groups covering that grid, on the village or above;
 *  - node: roles on the org node itself or above (a grid, a branch);
 *  - village-only: roles on the village or above (not on its grids or groups).
 * `household: true` when the target belongs to a household (own-household rules apply to it).
 */
export const SCOPE_COVERAGE_DETAIL: Record<ScopeKind, { level: 'village-wide' | 'household' | 'node' | 'village-only'; household: boolean }> = {
  village: { level: 'village-wide', household: false },
  org: { level: 'node', household: false },
  household: { level: 'household', household: true },
  member: { level: 'household', household: true },
  claim: { level: 'household', household: true },
  grant: { level: 'node', household: true },
  bindRequest: { level: 'village-wide', household: false },
  ruleSet: { level: 'village-wide', household: false },
  activity: { level: 'village-wide', household: false },
  order: { level: 'village-only', household: true },
  goods: { level: 'village-wide', household: false },
  window: { level: 'village-wide', household: false },
  // 双晒: an activity sits at its org (a town or a village); an entry at its entrant's unit.
  voteActivity: { level: 'node', household: false },
  entry: { level: 'node', household: false },
  // 云支部: a session sits at its branch or party group; a pair and a material at their org node.
  session: { level: 'node', household: false },
  pair: { level: 'node', household: false },
  material: { level: 'node', household: false },
  // 通知公告 sit at the node they address; a 居民说事 report at its village (handled by the village's staff,
  // answered also by the village's grid worker it was assigned to).
  notice: { level: 'node', household: false },
  report: { level: 'village-wide', household: false }
}

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
  /** Members living in the scope's village may also call without a role (its 公示, activities, shop days). */
  residents?: boolean
  /** Roles on a node above the village (town, district) only: e.g. granting 两委成员/书记/管理员. */
  aboveVillage?: boolean
  sod?: readonly SodRule[]
  /**
   * For an input listing several records (a batch): the handler judges own-household items one by one and
   * reports them in its answer, instead of the runtime refusing the whole batch.
   */
  perItem?: boolean
  /**
   * When one action serves several steps with different roles (初审 / 复审 / 大会): the input field naming the
   * step, and the roles for each value. The runtime uses the roles of the value sent.
   */
  variants?: { field: string; roles: Readonly<Record<string, readonly Role[]>> }
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

/** The roles that may call with this variant value (the `who` list when the action has no variants). */
export function rolesFor(a: Access, variant?: string): readonly Role[] | Audience {
  if (typeof a.who === 'string') return a.who
  if (!a.variants || variant === undefined) return a.who
  return a.variants.roles[variant] ?? []
}

/**
 * Could someone holding `roles` (anywhere) call this (with this variant)? The app shows tiles and buttons
 * from it; the server still checks the scope.
 */
export function mayUse(a: Access, roles: readonly Role[], opts: { bound?: boolean; variant?: string; asResident?: boolean } = {}): boolean {
  const who = rolesFor(a, opts.variant)
  if (who === 'system') return false
  if (who === 'anyone') return true
  if (who === 'bound') return opts.bound !== false
  if (who.some((r) => roles.includes(r))) return true
  // Own-household and residents' uses are for everyone bound, unless the caller asks about role work only.
  return opts.asResident !== false && (!!a.self || !!a.residents) && opts.bound !== false
}
