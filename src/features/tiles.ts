import type { Role } from '../../types/contract'
import type { Tile } from '../components/tile-grid'

/** Roles that manage the roster (households, members, grants, invitations). */
export const ROSTER_ROLES: readonly Role[] = ['admin', 'staff', 'secretary', 'committee']

export interface TileDef extends Tile {
  /** 首页 (everyone) or 工作台 (staff and reviewers). */
  place: 'home' | 'work'
  /** Shown when the user holds any of these roles; omitted = every signed-in user. */
  roles?: readonly Role[]
  /** Lower first. */
  order: number
}

/**
 * Every entry on 首页 and 工作台. Features add their tiles here (one object each); pages filter by role.
 * URLs are absolute page paths (subpackage root + page).
 */
export const TILES: TileDef[] = [
  { key: 'me-household', place: 'home', order: 90, title: '我家信息', desc: '户口、家人、积分', url: '/pages/me/index', tab: true },
  { key: 'roster', place: 'work', order: 10, roles: ROSTER_ROLES, title: '户籍名册', desc: '农户和家庭成员', url: '/admin/pages/households/index' },
  { key: 'grants', place: 'work', order: 20, roles: ['admin', 'secretary'], title: '角色授权', desc: '网格员、党小组长等', url: '/admin/pages/grants/index' },
  { key: 'roster-io', place: 'work', order: 30, roles: ROSTER_ROLES, title: '导入导出', desc: '用表格批量导入', url: '/admin/pages/import/index' },
  { key: 'bind-requests', place: 'work', order: 35, roles: ['staff', 'committee', 'admin'], title: '绑定申请', desc: '审核微信绑定申请', url: '/admin/pages/bind-requests/index' },
  { key: 'points-my', place: 'home', order: 10, title: '我家积分', desc: '积分、明细、审核进度', url: '/points/pages/my/index' },
  { key: 'points-checkin', place: 'home', order: 11, title: '扫码签到', desc: '参加活动自愿签到', url: '/points/pages/checkin/index' },
  { key: 'points-publicity', place: 'home', order: 12, title: '公示栏', desc: '积分公示，可提异议', url: '/points/pages/publicity/index' },
  { key: 'points-ranking', place: 'home', order: 13, title: '积分排名', desc: '本村农户积分排名', url: '/points/pages/ranking/index' },
  { key: 'points-rules', place: 'home', order: 14, title: '积分标准', desc: '哪些事加分、扣分', url: '/points/pages/rules/index' },
  { key: 'points-record', place: 'work', order: 40, roles: ['grid_worker'], title: '网格员打分', desc: '为农户录入积分', url: '/points/pages/record/index' },
  { key: 'points-recorded', place: 'work', order: 41, roles: ['grid_worker'], title: '我录入的', desc: '审核进度和退回修改', url: '/points/pages/recorded/index', countKey: 'returned' },
  { key: 'points-activities', place: 'work', order: 42, roles: ['grid_worker', 'staff', 'committee'], title: '活动签到', desc: '创建活动、显示签到码', url: '/points/pages/activities/index' },
  { key: 'points-review-first', place: 'work', order: 43, roles: ['group_leader'], title: '党小组初审', desc: '审核网格员录入的积分', url: '/points/pages/review/index?step=first', countKey: 'first' },
  { key: 'points-review-second', place: 'work', order: 44, roles: ['committee'], title: '两委复审', desc: '联席复审积分', url: '/points/pages/review/index?step=second', countKey: 'second' },
  { key: 'points-assembly', place: 'work', order: 45, roles: ['committee', 'admin'], title: '大会审议', desc: '登记大会表决结果', url: '/points/pages/review/index?step=assembly', countKey: 'assembly' },
  { key: 'points-reports', place: 'work', order: 46, roles: ['staff', 'committee', 'admin', 'secretary'], title: '积分统计', desc: '月度季度统计、导出', url: '/points/pages/reports/index' },
  { key: 'points-settings', place: 'work', order: 47, roles: ['committee', 'admin'], title: '积分设置', desc: '排名、公示天数、评优', url: '/points/pages/settings/index' },
  // What everyone can do from 工作台 (a villager's 工作台 is not empty). action: points.myObjections
  { key: 'points-objections', place: 'work', order: 90, title: '我的异议', desc: '我提的异议和处理结果', url: '/points/pages/objections/index', countKey: 'myObjectionsOpen' },
  // action: mall.myOrders
  { key: 'work-mall-orders', place: 'work', order: 91, title: '我的兑换', desc: '取货码和兑换记录', url: '/mall/pages/orders/index' },
  // action: points.balance
  { key: 'work-points-my', place: 'work', order: 92, title: '我家积分', desc: '积分、明细、审核进度', url: '/points/pages/my/index' },
  { key: 'mall-shop', place: 'home', order: 30, title: '爱心超市', desc: '用积分换生活用品', url: '/mall/pages/shop/index' },
  { key: 'mall-orders', place: 'home', order: 31, title: '我的兑换', desc: '取货码和兑换记录', url: '/mall/pages/orders/index' },
  { key: 'mall-handover', place: 'work', order: 50, roles: ['staff', 'committee'], title: '核销发放', desc: '扫码或输取货码发放', url: '/mall/pages/handover/index' },
  { key: 'mall-manage', place: 'work', order: 51, roles: ['staff', 'committee'], title: '超市管理', desc: '商品、库存、兑换日', url: '/mall/pages/manage/index' },
  { key: 'mall-report', place: 'work', order: 52, roles: ['staff', 'committee'], title: '兑换报表', desc: '兑换单和库存变动', url: '/mall/pages/report/index' },
  { key: 'mall-proxy', place: 'work', order: 53, roles: ['grid_worker'], title: '代办兑换', desc: '替本网格农户兑换', url: '/mall/pages/shop/index?proxy=1' }
]

export function tilesFor(place: TileDef['place'], roles: readonly Role[]): TileDef[] {
  return TILES.filter((t) => t.place === place && (!t.roles || t.roles.some((r) => roles.includes(r)))).sort((a, b) => a.order - b.order)
}
