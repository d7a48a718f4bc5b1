/** Shared set-up for the 双晒 / village vote function tests. */
import { NOW, at, type TestCloud } from '../fixtures/cloud'

/** 赵建国: 兴安镇 admin AND 评委 (lives in 团结村). */
export const ADMIN = 'm-zhaojianguo'
/** Second judge, granted in setUp: 赵明辉 of 幸福社区. */
export const JUDGE2 = 'm-zhaominghui'
/** 布和 (前进嘎查) gets 书记 on the town to enter the 镇党委书记 category. */
export const TOWN_SECRETARY = 'm-buhe'
export const SECRETARIES = { qj: 'm-bateer', tj: 'm-wangzhiqiang', xf: 'm-liujing' }
/** Voting runs from NOW+3d; bindings in the demo roster are dated NOW, so a 3-day cooldown ends then. */
export const VOTE_AT = at(5)

export async function grantVoteRoles(c: TestCloud) {
  await c.ok(ADMIN, 'identity', 'grantRole', { memberId: JUDGE2, role: 'judge', orgId: 'town-xa' })
  await c.ok(ADMIN, 'identity', 'grantRole', { memberId: TOWN_SECRETARY, role: 'secretary', orgId: 'town-xa' })
}

export function activityInput(extra: Record<string, unknown> = {}) {
  return {
    orgId: 'town-xa',
    title: '2027年度“双晒”活动',
    description: '晒党建、晒成绩',
    electorate: { orgId: 'town-xa', partyOnly: false, mode: 'members' },
    submitOpens: at(-10).toISOString(),
    submitCloses: at(20).toISOString(),
    voteOpens: at(3).toISOString(),
    voteCloses: at(40).toISOString(),
    rules: { perDay: 3, perEntryPerDay: 1, cooldownDays: 3, nightPause: { start: '23:00', end: '06:00' }, burstPerMinute: 5 },
    weights: { votes: 30, performance: 40, overall: 30 },
    ...extra
  }
}

export async function createActivity(c: TestCloud, extra: Record<string, unknown> = {}) {
  return c.ok(ADMIN, 'vote', 'saveActivity', activityInput(extra), { now: NOW })
}

let files = 0
export async function media(c: TestCloud) {
  files++
  const cover = await c.local.upload(`uploads/cover-${files}.png`, Buffer.from('png'))
  const video = await c.local.upload(`uploads/video-${files}.mp4`, Buffer.from('mp4'))
  return { cover, video }
}

export function parts(tag = '') {
  return { ideas: `抓党建促发展${tag}`, results: '村集体收入翻番', highlights: '牧区网格化', service: '解决饮水难' }
}

export async function submit(c: TestCloud, who: string, activityId: string, orgId: string, category: string, title = '我的作品', now = NOW) {
  return c.ok(who, 'vote', 'submitEntry', { activityId, orgId, category, title, parts: parts(), ...(await media(c)) }, { now })
}

/** Submits and approves one entry per listed secretary; returns entry ids by key. */
export async function approvedEntries(c: TestCloud, activityId: string) {
  const qj = await submit(c, SECRETARIES.qj, activityId, 'v-qj', 'village', '前进嘎查：草原上的党旗')
  const tj = await submit(c, SECRETARIES.tj, activityId, 'v-tj', 'village', '团结村：小院经济')
  const xf = await submit(c, SECRETARIES.xf, activityId, 'c-xf', 'community', '幸福社区：楼栋党建')
  const town = await submit(c, TOWN_SECRETARY, activityId, 'town-xa', 'town', '兴安镇：产业振兴')
  for (const e of [qj, tj, xf, town]) await c.ok(ADMIN, 'vote', 'reviewEntry', { entryId: e.id, decision: 'approve' })
  return { qj: qj.id as string, tj: tj.id as string, xf: xf.id as string, town: town.id as string }
}

/** Σ counter shards per entry vs. valid, not voided vote records per entry, straight from the store. */
export function countsVsRecords(c: TestCloud) {
  const counters = new Map<string, number>()
  for (const d of c.dump('vote_counters')) counters.set(d.entryId, (counters.get(d.entryId) ?? 0) + d.n)
  const records = new Map<string, number>()
  for (const r of c.dump('vote_records')) if (r.state === 'valid' && !r.voided) records.set(r.entryId, (records.get(r.entryId) ?? 0) + 1)
  for (const k of records.keys()) if (!counters.has(k)) counters.set(k, 0)
  for (const k of counters.keys()) if (!records.has(k)) records.set(k, 0)
  return { counters: Object.fromEntries([...counters].sort()), records: Object.fromEntries([...records].sort()) }
}
