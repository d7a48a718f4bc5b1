import { contract, mayUse, rolesFor, type ActionName, type FnName, type Role } from '../../types/contract'
import type { Tile } from '../components/tile-grid'

/** `fn.action`, checked against the contract. */
export type ActionRef = { [F in FnName]: `${F}.${ActionName<F>}` }[FnName]

export interface TileDef extends Tile {
  /** 首页 (everyone) or 工作台 (staff and reviewers). */
  place: 'home' | 'work'
  /**
   * The action the page exists for: the tile shows exactly when that action's declared access lets the
   * user call it (types/contract). No second role list lives in the app.
   */
  action: ActionRef
  /** For actions with per-step roles (初审/复审/大会): the step this tile opens. */
  variant?: string
  /** A 工作台 tile for everyone's own things (my orders, my objections), shown through `self`/residents access. */
  own?: boolean
  /** Lower first. */
  order: number
}

export function accessOf(ref: ActionRef) {
  const [fn, action] = ref.split('.') as [FnName, string]
  return (contract[fn] as Record<string, { access: import('../../types/contract').Access }>)[action].access
}

/** The roles an action (with this step) names; empty for audiences such as 'bound'. */
export function rolesOf(ref: ActionRef, variant?: string): readonly Role[] {
  const who = rolesFor(accessOf(ref), variant)
  return typeof who === 'string' ? [] : who
}

/** Roles that manage the roster pages (households, import, grants' village picker). */
export const ROSTER_ROLES: readonly Role[] = rolesOf('identity.saveHousehold')

/** May someone with these roles use this action at all (the server still checks scope)? */
export function canUse(ref: ActionRef, roles: readonly Role[], opts: { variant?: string; asResident?: boolean } = {}): boolean {
  return mayUse(accessOf(ref), roles, opts)
}

/**
 * Every entry on 首页 and 工作台. Features add their tiles here (one object each); pages filter by the
 * declared access of each tile's action. URLs are absolute page paths (subpackage root + page).
 */
export const TILES: TileDef[] = [
  { key: 'me-household', action: 'identity.me', place: 'home', order: 90, title: '我家信息', desc: '户口、家人、积分', url: '/pages/me/index', tab: true },
  { key: 'roster', action: 'identity.saveHousehold', place: 'work', order: 10, title: '户籍名册', desc: '农户和家庭成员', url: '/admin/pages/households/index' },
  { key: 'grants', action: 'identity.grantRole', place: 'work', order: 20, title: '角色授权', desc: '网格员、党小组长等', url: '/admin/pages/grants/index' },
  { key: 'roster-io', action: 'identity.importRoster', place: 'work', order: 30, title: '导入导出', desc: '用表格批量导入', url: '/admin/pages/import/index' },
  { key: 'bind-requests', action: 'identity.listBindRequests', place: 'work', order: 35, title: '绑定申请', desc: '审核微信绑定申请', url: '/admin/pages/bind-requests/index' },
  { key: 'points-my', action: 'points.balance', place: 'home', order: 10, title: '我家积分', desc: '积分、明细、审核进度', url: '/points/pages/my/index' },
  { key: 'points-checkin', action: 'points.checkin', place: 'home', order: 11, title: '扫码签到', desc: '参加活动自愿签到', url: '/points/pages/checkin/index' },
  { key: 'points-publicity', action: 'points.publicity', place: 'home', order: 12, title: '公示栏', desc: '积分公示，可提异议', url: '/points/pages/publicity/index' },
  { key: 'points-ranking', action: 'points.ranking', place: 'home', order: 13, title: '积分排名', desc: '本村农户积分排名', url: '/points/pages/ranking/index' },
  { key: 'points-rules', action: 'points.getRules', place: 'home', order: 14, title: '积分标准', desc: '哪些事加分、扣分', url: '/points/pages/rules/index' },
  { key: 'points-record', action: 'points.recordClaims', place: 'work', order: 40, title: '网格员打分', desc: '为农户录入积分', url: '/points/pages/record/index' },
  { key: 'points-recorded', action: 'points.recordedByMe', place: 'work', order: 41, title: '我录入的', desc: '审核进度和退回修改', url: '/points/pages/recorded/index', countKey: 'returned' },
  { key: 'points-activities', action: 'points.createActivity', place: 'work', order: 42, title: '活动签到', desc: '创建活动、显示签到码', url: '/points/pages/activities/index' },
  { key: 'points-review-first', action: 'points.reviewQueue', variant: 'first', place: 'work', order: 43, title: '党小组初审', desc: '审核网格员录入的积分', url: '/points/pages/review/index?step=first', countKey: 'first' },
  { key: 'points-review-second', action: 'points.reviewQueue', variant: 'second', place: 'work', order: 44, title: '两委复审', desc: '联席复审积分', url: '/points/pages/review/index?step=second', countKey: 'second' },
  { key: 'points-assembly', action: 'points.decideAssembly', place: 'work', order: 45, title: '大会审议', desc: '登记大会表决结果', url: '/points/pages/review/index?step=assembly', countKey: 'assembly' },
  { key: 'points-reports', action: 'points.tally', place: 'work', order: 46, title: '积分统计', desc: '月度季度统计、导出', url: '/points/pages/reports/index' },
  { key: 'points-settings', action: 'points.saveSettings', place: 'work', order: 47, title: '积分设置', desc: '排名、公示天数、评优', url: '/points/pages/settings/index' },
  { key: 'mall-shop', action: 'mall.shop', place: 'home', order: 30, title: '爱心超市', desc: '用积分换生活用品', url: '/mall/pages/shop/index' },
  { key: 'mall-orders', action: 'mall.myOrders', place: 'home', order: 31, title: '我的兑换', desc: '取货码和兑换记录', url: '/mall/pages/orders/index' },
  { key: 'mall-handover', action: 'mall.handOver', place: 'work', order: 50, title: '核销发放', desc: '扫码或输取货码发放', url: '/mall/pages/handover/index' },
  { key: 'mall-manage', action: 'mall.saveGoods', place: 'work', order: 51, title: '超市管理', desc: '商品、库存、兑换日', url: '/mall/pages/manage/index' },
  { key: 'mall-report', action: 'mall.report', place: 'work', order: 52, title: '兑换报表', desc: '兑换单和库存变动', url: '/mall/pages/report/index' },
  { key: 'vote-activities', action: 'vote.listActivities', place: 'home', order: 40, title: '双晒投票', desc: '看视频，为书记投票', url: '/vote/pages/activities/index' },
  { key: 'vote-village', action: 'vote.listActivities', place: 'home', order: 41, title: '村民表决', desc: '先进典型户同意不同意', url: '/vote/pages/activities/index' },
  { key: 'vote-manage', action: 'vote.saveActivity', place: 'work', order: 60, title: '双晒管理', desc: '建活动、审作品、公布结果', url: '/vote/pages/activities/index' },
  { key: 'vote-judge', action: 'vote.judgeQueue', place: 'work', order: 61, title: '评委打分', desc: '为参评作品打分', url: '/vote/pages/activities/index' },
  { key: 'vote-submit', action: 'vote.submitEntry', place: 'work', order: 62, title: '报送作品', desc: '书记报送双晒视频', url: '/vote/pages/activities/index' },
  // 云支部 (study). Study is voluntary and never ranked.
  { key: 'study-sessions', action: 'study.listSessions', place: 'home', order: 20, title: '云支部', desc: '学习会议、签到、请假', url: '/study/pages/sessions/index' },
  { key: 'study-threads', action: 'study.myThreads', place: 'home', order: 21, title: '传达与心得', desc: '结对传达，写学习心得', url: '/study/pages/threads/index' },
  { key: 'study-materials', action: 'study.listMaterials', place: 'home', order: 22, title: '学习资料', desc: '党员电子书屋', url: '/study/pages/materials/index' },
  { key: 'study-schedule', action: 'study.scheduleSession', place: 'work', order: 65, title: '安排会议', desc: '三会一课、主题党日', url: '/study/pages/edit/index' },
  { key: 'study-calendar', action: 'study.calendar', place: 'work', order: 66, title: '三会一课', desc: '本月本季度开会情况', url: '/study/pages/calendar/index' },
  { key: 'study-pairs', action: 'study.listPairs', place: 'work', order: 67, title: '结对管理', desc: '流动党员结对、导入', url: '/study/pages/pairs/index' },
  { key: 'study-report', action: 'study.report', place: 'work', order: 68, title: '学习统计', desc: '参会、补学、导出', url: '/study/pages/report/index' },
  // 通知公告 and 居民说事
  { key: 'notice-feed', action: 'notice.feed', place: 'home', order: 5, title: '通知公告', desc: '发给我的通知，未读在前', url: '/notice/pages/feed/index' },
  { key: 'notice-report', action: 'notice.submitReport', place: 'home', order: 42, title: '居民说事', desc: '反映问题、提建议，事事有回音', url: '/notice/pages/reports/index' },
  { key: 'notice-publish', action: 'notice.publish', place: 'work', order: 70, title: '发布公告', desc: '发通知，看谁还没读', url: '/notice/pages/feed/index?managed=1' },
  { key: 'notice-reports', action: 'notice.assignReport', place: 'work', order: 71, title: '居民说事办理', desc: '分派、答复、办结，超期提醒', url: '/notice/pages/reports/index?tab=open' },
  // What everyone can do from 工作台 (a villager's 工作台 is not empty): their own things.
  { key: 'points-objections', action: 'points.myObjections', own: true, place: 'work', order: 90, title: '我的异议', desc: '我提的异议和处理结果', url: '/points/pages/objections/index', countKey: 'myObjectionsOpen' },
  { key: 'work-mall-orders', action: 'mall.myOrders', own: true, place: 'work', order: 91, title: '我的兑换', desc: '取货码和兑换记录', url: '/mall/pages/orders/index' },
  { key: 'work-points-my', action: 'points.balance', own: true, place: 'work', order: 92, title: '我家积分', desc: '积分、明细、审核进度', url: '/points/pages/my/index' },
  { key: 'mall-proxy', action: 'mall.placeOrder', place: 'work', order: 53, title: '代办兑换', desc: '替本网格农户兑换', url: '/mall/pages/shop/index?proxy=1' }
]

/** The tiles of a place for someone holding `roles`; 工作台 shows role work only, 首页 everything else. */
export function tilesFor(place: TileDef['place'], roles: readonly Role[]): TileDef[] {
  return TILES.filter((t) => t.place === place && canUse(t.action, roles, { variant: t.variant, asResident: place === 'home' || !!t.own })).sort((a, b) => a.order - b.order)
}
