/**
 * Demo 双晒 and village vote, driven through the real vote function: a town activity in its voting phase with
 * entries in all four categories (short real video clips under ./media, generated once with ffmpeg from its
 * lavfi test sources, 5 s 320×240 H.264), ten days of votes, two judges with partial scores, one burst of
 * votes in a single minute, and a finished 移风易俗先进典型 vote in 前进嘎查.
 */
import { randomUUID } from 'crypto'
import { readFileSync } from 'fs'
import { join } from 'path'
import type { FunctionRunner } from '../function-runner'
import { COLLECTIONS } from '../../cloudfunctions/_shared/data/collections'
import { currentPeriods, dayStart } from '../../cloudfunctions/_shared/domain/china-time'
import { demoOpenid, HOUSEHOLDS } from './roster'

const DAY = 86400000
type Envelope = { ok: true; data: any } | { ok: false; error: { code: string; message: string } }

async function sdk() {
  const tcb = (await import('@cloudbase/node-sdk')).default
  return tcb.init({ env: process.env.TCB_ENV })
}

async function uploadMedia(name: string): Promise<string> {
  const app = await sdk()
  const res = (await app.uploadFile({ cloudPath: `vote/demo-${randomUUID().slice(0, 8)}-${name}`, fileContent: readFileSync(join(__dirname, 'media', name)) })) as { fileID: string }
  return res.fileID
}

function rng(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

export async function seedVote(runner: FunctionRunner, now: Date): Promise<{ votes: number }> {
  const run = async (who: string, at: Date, action: string, data: unknown, fn = 'vote'): Promise<any> => {
    const res = (await runner.invoke(fn, { action, data, requestId: randomUUID().replace(/-/g, '') }, { openid: demoOpenid(who), now: at })) as Envelope
    if (!res.ok) throw new Error(`${fn}.${action} as ${who}: ${res.error.code} ${res.error.message}`)
    return res.data
  }
  const random = rng(7012026)
  const ago = (days: number, hour = 10, minute = 0) => new Date(dayStart(currentPeriods(new Date(now.getTime() - days * DAY)).day).getTime() + hour * 3600000 + minute * 60000)

  // The roster loader dates every binding at load time; the demo's people bound their WeChat long ago,
  // except 格日乐, who bound during the activity (the anti-fraud report lists her).
  const db = (await sdk()).database()
  await db.collection(COLLECTIONS.bindings).where({ via: 'demo' }).update({ at: new Date(now.getTime() - 400 * DAY) })
  await db.collection(COLLECTIONS.bindings).doc(demoOpenid('m-gerile')).update({ at: ago(8, 9) })

  const admin = 'm-zhaojianguo'
  await run(admin, ago(70), 'grantRole', { memberId: 'm-zhaominghui', role: 'judge', orgId: 'town-xa' }, 'identity')
  await run(admin, ago(70), 'grantRole', { memberId: 'm-buhe', role: 'secretary', orgId: 'town-xa' }, 'identity')

  const act = await run(admin, ago(65), 'saveActivity', {
    orgId: 'town-xa',
    title: `${currentPeriods(now).year}年“晒党建、晒成绩”双晒活动`,
    description: '镇（街道）、村（社区）党组织书记晒思路举措、工作成效、特色亮点和为民服务办实事，线上投票与评委打分相结合。',
    electorate: { orgId: 'town-xa', partyOnly: false, mode: 'members' },
    submitOpens: ago(64, 0).toISOString(),
    submitCloses: ago(20, 0).toISOString(),
    voteOpens: ago(12, 8).toISOString(),
    voteCloses: new Date(now.getTime() + 40 * DAY).toISOString(),
    rules: { perDay: 3, perEntryPerDay: 1, cooldownDays: 3, nightPause: { start: '23:00', end: '06:00' }, burstPerMinute: 6 },
    weights: { votes: 30, performance: 40, overall: 30 },
    judges: [
      { memberId: admin, categories: ['town', 'street', 'village', 'community'] },
      { memberId: 'm-zhaominghui', categories: ['town', 'street', 'village', 'community'] }
    ]
  })
  const parts = (place: string) => ({
    ideas: `${place}坚持党建引领，把支部建在产业链上，党员带头包联农户。`,
    results: '村集体经济收入比上年增长三成，人居环境整治全覆盖。',
    highlights: '“党员中心户”联系群众，网格员每周走访。',
    service: '为群众办实事二十余件：修路、打井、帮办医保。'
  })
  const plan = [
    { who: 'm-buhe', orgId: 'town-xa', category: 'town', title: '兴安镇：产业兴旺路子宽', clip: 1 },
    { who: 'm-buhe', orgId: 'town-xa', category: 'street', title: '兴安镇街道：楼院党建暖人心', clip: 2 },
    { who: 'm-bateer', orgId: 'v-qj', category: 'village', title: '前进嘎查：草原上的红色网格', clip: 3 },
    { who: 'm-wangzhiqiang', orgId: 'v-tj', category: 'village', title: '团结村：小院经济富乡亲', clip: 4 },
    { who: 'm-liujing', orgId: 'c-xf', category: 'community', title: '幸福社区：十五分钟便民圈', clip: 1 }
  ]
  const entries: string[] = []
  for (const [i, p] of plan.entries()) {
    const [cover, video] = await Promise.all([uploadMedia(`cover-${p.clip}.jpg`), uploadMedia(`clip-${p.clip}.mp4`)])
    const e = await run(p.who, ago(40 - i), 'submitEntry', { activityId: act.id, orgId: p.orgId, category: p.category, title: p.title, parts: parts(p.title.split('：')[0]), cover, video })
    entries.push(e.id)
  }
  // Staff review: four approved, one sent back for changes (still waiting in the queue after the fix).
  for (const id of entries.slice(0, 4)) await run(admin, ago(30), 'reviewEntry', { entryId: id, decision: 'approve' })
  await run(admin, ago(30), 'reviewEntry', { entryId: entries[4], decision: 'changes', reason: '视频声音太小，请重新录制' })
  const [cover, video] = await Promise.all([uploadMedia('cover-4.jpg'), uploadMedia('clip-4.mp4')])
  await run('m-liujing', ago(25), 'submitEntry', { activityId: act.id, orgId: 'c-xf', category: 'community', title: '幸福社区：十五分钟便民圈', parts: parts('幸福社区'), cover, video })
  await run(admin, ago(22), 'reviewEntry', { entryId: entries[4], decision: 'approve' })

  // Ten days of votes from the town's bound people (no role holders among the voters).
  const voters = HOUSEHOLDS.flatMap((h) => h.members).filter((m) => !m.roles?.length && !['m-zhouyulan', 'm-zhoujian', 'm-buhe'].includes(m.id))
  const weight = [1.4, 0.6, 1.8, 1.0, 0.8]
  // 团结村 people who will vote in the burst two evenings ago keep that day's votes for it.
  const burst = voters.filter((v) => HOUSEHOLDS.some((h) => h.village === 'v-tj' && h.members.includes(v))).slice(0, 8)
  let votes = 0
  for (let d = 10; d >= 0; d--) {
    for (const v of voters) {
      if (random() < 0.45 || (d === 2 && burst.includes(v))) continue
      const n = 1 + Math.floor(random() * 3)
      const picks = new Set<string>()
      while (picks.size < n) {
        let r = random() * weight.reduce((a, b) => a + b, 0)
        let k = 0
        while (r > weight[k]) r -= weight[k++]
        picks.add(entries[Math.min(k, entries.length - 1)])
      }
      const hour = d === 0 ? Math.min(8 + Math.floor(random() * 2), cstHour(now) - 1) : 8 + Math.floor(random() * 13)
      for (const entryId of picks) {
        const res = (await runner.invoke('vote', { action: 'vote', data: { entryId }, requestId: randomUUID().replace(/-/g, '') }, { openid: demoOpenid(v.id), now: ago(d, hour, Math.floor(random() * 59)) })) as Envelope
        if (res.ok) votes++
      }
    }
  }
  // One burst: 前进嘎查's entry gets eight votes inside one minute two evenings ago.
  for (const v of burst) {
    const res = (await runner.invoke('vote', { action: 'vote', data: { entryId: entries[2] }, requestId: randomUUID().replace(/-/g, '') }, { openid: demoOpenid(v.id), now: ago(2, 22, 15) })) as Envelope
    if (res.ok) votes++
  }
  // Two judges, partial scores (never their own unit).
  await run(admin, ago(3), 'scoreEntry', { entryId: entries[2], performance: 88, overall: 85, comment: '牧区网格化有特色' })
  await run(admin, ago(3), 'scoreEntry', { entryId: entries[4], performance: 82, overall: 80, comment: '' })
  await run('m-zhaominghui', ago(2), 'scoreEntry', { entryId: entries[2], performance: 90, overall: 86, comment: '成效实在' })
  await run('m-zhaominghui', ago(2), 'scoreEntry', { entryId: entries[3], performance: 78, overall: 80, comment: '' })

  // A finished village vote: ten households of 前进嘎查 nominated as 移风易俗先进典型, one ballot per household.
  const staff = 'm-lixiulan'
  const village = await run(staff, ago(30), 'saveActivity', {
    kind: 'village',
    orgId: 'v-qj',
    title: '前进嘎查移风易俗先进典型户评议',
    description: '婚事新办、丧事简办、孝老爱亲，每户分红地12亩。',
    electorate: { orgId: 'v-qj', mode: 'household' },
    submitOpens: ago(30, 0).toISOString(),
    submitCloses: ago(21, 0).toISOString(),
    voteOpens: ago(20, 8).toISOString(),
    voteCloses: ago(13, 20).toISOString(),
    rules: { perDay: 1, perEntryPerDay: 1, cooldownDays: 0, nightPause: null, burstPerMinute: 50 }
  })
  const reasons = ['婚事新办，不要彩礼', '丧事简办', '孝老爱亲', '邻里和睦', '不大操大办', '垃圾分类带头', '红白事简办', '勤劳致富带头', '热心公益', '家风淳朴']
  const qj = HOUSEHOLDS.filter((h) => h.village === 'v-qj')
  const nominees: string[] = []
  for (const [i, h] of qj.slice(0, 10).entries()) {
    const n = await run(staff, ago(25), 'nominate', { activityId: village.id, householdId: h.id, title: reasons[i] })
    nominees.push(n.id)
  }
  for (const h of qj) {
    const voter = h.members.find((m) => m.id !== 'm-zhouyulan' && m.id !== 'm-zhoujian')
    if (!voter) continue
    for (const [i, entryId] of nominees.entries()) {
      const choice = i === 9 && random() < 0.7 ? 'reject' : random() < 0.1 ? 'reject' : 'approve'
      await run(voter.id, ago(18, 9 + (i % 8)), 'vote', { entryId, choice })
      votes++
    }
  }
  return { votes }
}

function cstHour(d: Date): number {
  return new Date(d.getTime() + 8 * 3600000).getUTCHours()
}
