/** Shared set-up for the 云支部 (study) function tests. */
import { demoOpenid } from '../../emulator/seed/roster'
import { NOW, type TestCloud } from '../fixtures/cloud'

/** 前进嘎查 party members: 巴特尔 (书记+两委), 其其格 (两委+工作人员), 乌云 (党小组长 pg1), 敖登/宝音/浩斯 (流动党员). */
export const ST = {
  village: 'v-qj',
  branch: 'v-qj-br',
  group1: 'v-qj-pg1',
  secretary: 'm-bateer',
  staff: 'm-qiqige',
  leader1: 'm-wuyun',
  leader2: 'm-siqin',
  gridWorkerEast: 'm-gaowa',
  gridWorkerWest: 'm-zhanghai',
  mobile: ['m-aodeng', 'm-baoyin', 'm-haosi'] as const,
  inVillage: ['m-bateer', 'm-qiqige', 'm-menghe', 'm-wuyun', 'm-siqin', 'm-aoqier'] as const,
  office: 'm-buhe',
  /** 在村党员 of the west grid without a phone (代办 target). */
  noPhone: 'm-aoqier',
  otherVillageMember: 'm-wangzhiqiang',
  townAdmin: 'm-zhaojianguo',
  villager: 'm-eerdun'
}

export const HOUR = 3600000

/** A session around NOW (default: started 30 min ago, ends in 90 min) of the 前进嘎查 branch. */
export async function schedule(c: TestCloud, extra: Record<string, unknown> = {}, who = ST.secretary, now = NOW) {
  return c.ok(who, 'study', 'scheduleSession', {
    orgId: ST.branch,
    type: 'branch_assembly',
    title: '第四季度支部党员大会',
    startsAt: new Date(now.getTime() - 0.5 * HOUR).toISOString(),
    endsAt: new Date(now.getTime() + 1.5 * HOUR).toISOString(),
    place: '村委会会议室',
    meeting: { kind: 'tencent', code: '123456789', password: '1234' },
    agenda: '学习文件；讨论发展党员',
    ...extra
  }, { now })
}

export async function currentCode(c: TestCloud, sessionId: string, now = NOW, who = ST.secretary): Promise<string> {
  const r = await c.ok(who, 'study', 'sessionCode', { sessionId }, { now })
  return r.code
}

export async function pair(c: TestCloud, memberId: string, buddyId: string, kind: 'mobile' | 'office' = 'mobile', now = NOW) {
  return c.ok(ST.staff, 'study', 'savePair', { memberId, buddyId, kind }, { now })
}

/** Adds `n` bound 在村 party members of the 前进嘎查 branch (one household each), for concurrency tests. */
export function addPartyMembers(c: TestCloud, n: number, prefix = 'pm'): string[] {
  const engine = c.local.emulator.engine
  const template = engine.dump('members').find((m) => m._id === 'm-aoqier')
  const household = engine.dump('households').find((h) => h._id === 'h-qj-15')
  const members = []
  const bindings = []
  const households = []
  const ids: string[] = []
  for (let i = 1; i <= n; i++) {
    const id = `m-${prefix}${i}`
    const hid = `h-qj-${prefix}${i}`
    households.push({ ...household, _id: hid, code: `QJ-${prefix.toUpperCase()}${i}`, headMemberId: id, headName: `党员${i}`, memberCount: 1 })
    members.push({ ...template, _id: id, name: `测试党员${i}`, householdId: hid, isHead: true, phone: `1390000${String(i).padStart(4, '0')}`, openid: demoOpenid(id), roles: [] })
    bindings.push({ _id: demoOpenid(id), memberId: id, via: 'demo', at: NOW })
    ids.push(id)
  }
  engine.insertRaw('households', households)
  engine.insertRaw('members', members)
  engine.insertRaw('bindings', bindings)
  return ids
}
