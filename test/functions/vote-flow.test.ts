/**
 * 双晒 end to end through the functions: create → submit → review → vote → judge → close → publish, the
 * result recomputed from stored votes and scores, anti-fraud report, voiding exactly once, reconcile, exports,
 * and the village vote.
 */
import { demoOpenid } from '../../emulator/seed/roster'
import { fakeRiskRank } from '../../emulator/wx-openapi'
import { reconcileVotes } from '../../cloudfunctions/_shared/app/vote/reconcile-votes'
import { NOW, at, startTestCloud, type TestCloud } from '../fixtures/cloud'
import { holdBackSlowSdkWarnings } from './mall-setup'
import { ADMIN, JUDGE2, SECRETARIES, TOWN_SECRETARY, approvedEntries, countsVsRecords, createActivity, grantVoteRoles, media, parts, VOTE_AT } from './vote-setup'

holdBackSlowSdkWarnings()
let c: TestCloud
beforeAll(async () => {
  c = await startTestCloud({ rules: false })
  await grantVoteRoles(c)
}, 120000)
afterAll(() => c.stop())

describe('entries and review', () => {
  let act: any
  beforeAll(async () => {
    act = await createActivity(c, { judges: [{ memberId: ADMIN, categories: ['town', 'street', 'village', 'community'] }, { memberId: JUDGE2, categories: ['village', 'community'] }] })
  })

  it('a secretary submits for their own unit only, inside the submission window, in a known category', async () => {
    const m = await media(c)
    const wrongOrg = await c.call(SECRETARIES.qj, 'vote', 'submitEntry', { activityId: act.id, orgId: 'v-tj', category: 'village', title: 'x', parts: parts(), ...m })
    expect(wrongOrg.ok || wrongOrg.error.code).toBe('AUTH.FORBIDDEN')
    const late = await c.call(SECRETARIES.qj, 'vote', 'submitEntry', { activityId: act.id, orgId: 'v-qj', category: 'village', title: 'x', parts: parts(), ...m }, { now: at(21) })
    expect(late.ok || late.error.code).toBe('VOTE.SUBMIT_CLOSED')
    const cat = await c.call(SECRETARIES.qj, 'vote', 'submitEntry', { activityId: act.id, orgId: 'v-qj', category: 'nope', title: 'x', parts: parts(), ...m })
    expect(cat.ok || cat.error.code).toBe('VOTE.CATEGORY_UNKNOWN')
    const villager = await c.call('m-eerdun', 'vote', 'submitEntry', { activityId: act.id, orgId: 'v-qj', category: 'village', title: 'x', parts: parts(), ...m })
    expect(villager.ok || villager.error.code).toBe('AUTH.FORBIDDEN')
    const risky = await c.call(SECRETARIES.qj, 'vote', 'submitEntry', { activityId: act.id, orgId: 'v-qj', category: 'village', title: '违禁测试', parts: parts(), ...m })
    expect(risky.ok || risky.error.code).toBe('CONTENT.RISKY')
    const missing = await c.call(SECRETARIES.qj, 'vote', 'submitEntry', { activityId: act.id, orgId: 'v-qj', category: 'village', title: 'x', parts: { ...parts(), service: '' }, ...m })
    expect(missing.ok || missing.error.message).toContain('为民服务办实事')
  })

  it('pending entries are seen by their author and staff only; staff ask for changes, the author edits, staff approve', async () => {
    const m = await media(c)
    const e = await c.ok(SECRETARIES.qj, 'vote', 'submitEntry', { activityId: act.id, orgId: 'v-qj', category: 'village', title: '第一稿', parts: parts(), ...m })
    expect(e.state).toBe('pending')
    const twice = await c.ok(SECRETARIES.qj, 'vote', 'submitEntry', { activityId: act.id, orgId: 'v-qj', category: 'village', title: '第一稿（改）', parts: parts(), ...m })
    expect(twice.id).toBe(e.id)
    expect((await c.call('m-eerdun', 'vote', 'getEntry', { entryId: e.id })).ok).toBe(false)
    expect(await c.ok('m-eerdun', 'vote', 'listEntries', { activityId: act.id, states: ['pending'] })).toEqual([])
    const queue = await c.ok(ADMIN, 'vote', 'reviewQueue', { activityId: act.id })
    expect(queue.map((x: any) => x.id)).toEqual([e.id])
    const noReason = await c.call(ADMIN, 'vote', 'reviewEntry', { entryId: e.id, decision: 'changes', reason: '' })
    expect(noReason.ok || noReason.error.code).toBe('INPUT.INVALID')
    // Village staff cannot review a town activity's entries.
    const villageStaff = await c.call('m-lixiulan', 'vote', 'reviewEntry', { entryId: e.id, decision: 'approve' })
    expect(villageStaff.ok || villageStaff.error.code).toBe('AUTH.FORBIDDEN')
    const back = await c.ok(ADMIN, 'vote', 'reviewEntry', { entryId: e.id, decision: 'changes', reason: '视频太暗，请重拍' })
    expect(back).toMatchObject({ state: 'changes', reviewNote: '视频太暗，请重拍' })
    const again = await c.call(ADMIN, 'vote', 'reviewEntry', { entryId: e.id, decision: 'approve' })
    expect(again.ok || again.error.code).toBe('VOTE.STATE_CHANGED')
    await c.ok(SECRETARIES.qj, 'vote', 'submitEntry', { activityId: act.id, orgId: 'v-qj', category: 'village', title: '第二稿', parts: parts(), ...m })
    const ok = await c.ok(ADMIN, 'vote', 'reviewEntry', { entryId: e.id, decision: 'approve' })
    expect(ok.state).toBe('approved')
    const locked = await c.call(SECRETARIES.qj, 'vote', 'submitEntry', { activityId: act.id, orgId: 'v-qj', category: 'village', title: '第三稿', parts: parts(), ...m })
    expect(locked.ok || locked.error.code).toBe('VOTE.ENTRY_LOCKED')
    const listed = await c.ok('m-eerdun', 'vote', 'listEntries', { activityId: act.id, category: 'village' })
    expect(listed.map((x: any) => x.title)).toEqual(['第二稿'])
  })

  it('staff cannot review their own entry (separation of duties)', async () => {
    // 赵建国 is town admin; give him an entry of his own through a secretary grant by… nobody else can: use 布和 as staff instead.
    await c.ok(ADMIN, 'identity', 'grantRole', { memberId: TOWN_SECRETARY, role: 'staff', orgId: 'town-xa' })
    const e = await c.ok(TOWN_SECRETARY, 'vote', 'submitEntry', { activityId: act.id, orgId: 'town-xa', category: 'town', title: '兴安镇', parts: parts(), ...(await media(c)) })
    const own = await c.call(TOWN_SECRETARY, 'vote', 'reviewEntry', { entryId: e.id, decision: 'approve' })
    expect(own.ok || own.error.code).toBe('AUTH.FORBIDDEN')
    expect(own.ok || own.error.message).toContain('自己提交')
    expect((await c.call(ADMIN, 'vote', 'reviewEntry', { entryId: e.id, decision: 'approve' })).ok).toBe(true)
  })
})

const published: { act: any; E: Awaited<ReturnType<typeof approvedEntries>> } = { act: null, E: null as never }

describe('judging, publishing, recomputation', () => {
  let act: any
  let E: Awaited<ReturnType<typeof approvedEntries>>
  beforeAll(async () => {
    act = await createActivity(c, { title: '评分测试', judges: [{ memberId: ADMIN, categories: ['town', 'village', 'community'] }, { memberId: JUDGE2, categories: ['village', 'community'] }] })
    E = await approvedEntries(c, act.id)
    published.act = act
    published.E = E
    // Votes: 前进 4, 团结 2, 幸福 1.
    const voters = ['m-eerdun', 'm-suhe', 'm-baoyin', 'm-tuya']
    for (const [i, v] of voters.entries()) {
      await c.ok(v, 'vote', 'vote', { entryId: E.qj }, { now: VOTE_AT })
      if (i < 2) await c.ok(v, 'vote', 'vote', { entryId: E.tj }, { now: VOTE_AT })
      if (i < 1) await c.ok(v, 'vote', 'vote', { entryId: E.xf }, { now: VOTE_AT })
    }
  })

  it('a judge never scores their own unit, nor a category not theirs, nor out of range', async () => {
    const own = await c.call(ADMIN, 'vote', 'scoreEntry', { entryId: E.tj, performance: 90, overall: 90 })
    expect(own.ok || own.error.code).toBe('AUTH.FORBIDDEN')
    expect(own.ok || own.error.message).toContain('本单位')
    const ownTown = await c.call(ADMIN, 'vote', 'scoreEntry', { entryId: E.town, performance: 90, overall: 90 })
    expect(ownTown.ok || ownTown.error.code).toBe('AUTH.FORBIDDEN')
    const own2 = await c.call(JUDGE2, 'vote', 'scoreEntry', { entryId: E.xf, performance: 90, overall: 90 })
    expect(own2.ok || own2.error.code).toBe('AUTH.FORBIDDEN')
    const notCat = await c.call(JUDGE2, 'vote', 'scoreEntry', { entryId: E.town, performance: 90, overall: 90 })
    expect(notCat.ok || notCat.error.code).toBe('VOTE.NOT_JUDGE_CATEGORY')
    const range = await c.call(JUDGE2, 'vote', 'scoreEntry', { entryId: E.qj, performance: 101, overall: 90 })
    expect(range.ok || range.error.code).toBe('INPUT.INVALID')
    const notJudge = await c.call('m-eerdun', 'vote', 'scoreEntry', { entryId: E.qj, performance: 80, overall: 80 })
    expect(notJudge.ok || notJudge.error.code).toBe('AUTH.FORBIDDEN')
    const queue = await c.ok(ADMIN, 'vote', 'judgeQueue', { activityId: act.id })
    expect(queue.find((q: any) => q.id === E.tj).ownOrg).toBe(true)
    expect(queue.find((q: any) => q.id === E.qj).ownOrg).toBe(false)
    expect(queue.every((q: any) => q.votes === null)).toBe(true)
  })

  it('scores change until judging closes, stay hidden from staff until then, and freeze after', async () => {
    await c.ok(ADMIN, 'vote', 'scoreEntry', { entryId: E.qj, performance: 70, overall: 80, comment: '扎实' })
    await c.ok(ADMIN, 'vote', 'scoreEntry', { entryId: E.qj, performance: 90, overall: 80, comment: '扎实，有亮点' })
    await c.ok(JUDGE2, 'vote', 'scoreEntry', { entryId: E.qj, performance: 80, overall: 70 })
    await c.ok(ADMIN, 'vote', 'scoreEntry', { entryId: E.xf, performance: 95, overall: 95 })
    await c.ok(JUDGE2, 'vote', 'scoreEntry', { entryId: E.tj, performance: 60, overall: 60 })
    expect(c.dump('vote_scores').filter((s) => s.entryId === E.qj)).toHaveLength(2)
    const hidden = await c.call(ADMIN, 'vote', 'scores', { activityId: act.id })
    expect(hidden.ok || hidden.error.code).toBe('VOTE.JUDGING_OPEN')
    const live = await c.ok(ADMIN, 'vote', 'results', { activityId: act.id })
    expect(live.scoresVisible).toBe(false)
    expect(live.categories.flatMap((x: any) => x.rows).every((r: any) => r.performance === null)).toBe(true)
    const mine = await c.ok(JUDGE2, 'vote', 'judgeQueue', { activityId: act.id })
    expect(mine.find((q: any) => q.id === E.qj).myScore).toMatchObject({ performance: 80, overall: 70 })
    const early = await c.call(ADMIN, 'vote', 'closeJudging', { activityId: act.id }, { now: VOTE_AT })
    expect(early.ok || early.error.code).toBe('INPUT.INVALID')
    const publishEarly = await c.call(ADMIN, 'vote', 'publish', { activityId: act.id }, { now: at(41) })
    expect(publishEarly.ok || publishEarly.error.code).toBe('VOTE.JUDGING_OPEN')
    await c.ok(ADMIN, 'vote', 'closeJudging', { activityId: act.id }, { now: at(41) })
    const frozen = await c.call(ADMIN, 'vote', 'scoreEntry', { entryId: E.qj, performance: 100, overall: 100 }, { now: at(41) })
    expect(frozen.ok || frozen.error.code).toBe('VOTE.JUDGING_CLOSED')
    const all = await c.ok(ADMIN, 'vote', 'scores', { activityId: act.id }, { now: at(41) })
    expect(all).toHaveLength(4)
  })

  it('publishes the weighted table (votes as share of the category top, capped at their weight) and recomputes it identically', async () => {
    const t = await c.ok(ADMIN, 'vote', 'publish', { activityId: act.id }, { now: at(42) })
    const village = t.categories.find((x: any) => x.key === 'village')
    expect(village.topVotes).toBe(4)
    const qj = village.rows.find((r: any) => r.entryId === E.qj)
    // 30 × 4/4 + (90+80)/2 × 0.4 + (80+70)/2 × 0.3 = 30 + 34 + 22.5
    expect(qj).toMatchObject({ votes: 4, voteScore: 30, performance: 85, overall: 75, total: 86.5, rank: 1, award: '一等奖' })
    const tj = village.rows.find((r: any) => r.entryId === E.tj)
    expect(tj).toMatchObject({ votes: 2, voteScore: 15, total: 15 + 24 + 18, rank: 2, award: '二等奖' })
    for (const r of t.categories.flatMap((x: any) => x.rows)) expect(r.voteScore).toBeLessThanOrEqual(30)
    const again = await c.call(ADMIN, 'vote', 'publish', { activityId: act.id }, { now: at(42) })
    expect(again.ok || again.error.code).toBe('VOTE.ALREADY_PUBLISHED')
    expect(await c.ok('m-eerdun', 'vote', 'publishedResult', { activityId: act.id })).toEqual(t)
    expect(await c.ok(ADMIN, 'vote', 'recompute', { activityId: act.id })).toEqual({ same: true, differences: [] })
  })

  it('exports votes per entry and day, scores, and the final table as xlsx', async () => {
    for (const what of ['votes', 'scores', 'result'] as const) {
      const x = await c.ok(ADMIN, 'vote', 'exportXlsx', { activityId: act.id, what })
      expect(x.fileId).toMatch(/\.xlsx$/)
      expect(x.rows).toBeGreaterThan(0)
    }
  })
})

describe('anti-fraud report and voiding', () => {
  let act: any
  let E: Awaited<ReturnType<typeof approvedEntries>>
  beforeAll(async () => {
    act = await createActivity(c, { title: '防刷票', rules: { perDay: 3, perEntryPerDay: 1, cooldownDays: 0, nightPause: null, burstPerMinute: 5 } })
    E = await approvedEntries(c, act.id)
    // A burst: 6 voters for 团结村 in the same minute.
    const burst = ['m-zhaodefa', 'm-qianxiuying', 'm-zhaoxiaomei', 'm-sunjianhua', 'm-zhouli', 'm-wuchunlan']
    await Promise.all(burst.map((v) => c.ok(v, 'vote', 'vote', { entryId: E.tj }, { now: VOTE_AT })))
    // 马军 uses all three votes on two days.
    for (const d of [0, 1]) for (const id of [E.tj, E.qj, E.xf]) await c.ok('m-majun', 'vote', 'vote', { entryId: id }, { now: new Date(VOTE_AT.getTime() + d * 86400000 + 3600000) })
  })

  it('reports bursts per entry per minute, accounts bound during the activity, voters at every limit, and WeChat risk ranks', async () => {
    // 周建 binds during the activity and votes.
    c.local.emulator.engine.insertRaw('bindings', [{ _id: demoOpenid('m-zhoujian'), memberId: 'm-zhoujian', via: 'invite', at: at(1) }])
    await c.ok('m-zhoujian', 'vote', 'vote', { entryId: E.qj }, { now: VOTE_AT })
    const r = await c.ok(ADMIN, 'vote', 'fraudReport', { activityId: act.id })
    expect(r.bursts).toEqual([expect.objectContaining({ entryId: E.tj, votes: 6 })])
    expect(r.newAccounts.map((x: any) => x.voterKey)).toEqual(['m-zhoujian'])
    expect(r.limitHitters).toEqual([expect.objectContaining({ voterKey: 'm-majun', days: 2, votes: 6 })])
    const majun = r.voters.find((v: any) => v.voterKey === 'm-majun')
    expect(majun.riskRank).toBe(fakeRiskRank(demoOpenid('m-majun')))
    expect(r.voters.find((v: any) => v.voterKey === 'm-zhaodefa').reasons).toContain('集中刷票时段投票')
    const calls = c.local.emulator.engine.openApiCalls().filter((x) => x.api === 'riskControl.getUserRiskRank')
    expect(calls.length).toBeGreaterThanOrEqual(8)
    expect((calls[0].data as any).scene).toBe(1)
    const denied = await c.call('m-eerdun', 'vote', 'fraudReport', { activityId: act.id })
    expect(denied.ok || denied.error.code).toBe('AUTH.FORBIDDEN')
  })

  it('voiding a voter drops counts exactly once, even when asked 10 times at once; the audit trail keeps the votes', async () => {
    const before = countsVsRecords(c).counters
    const results = await Promise.all(Array.from({ length: 10 }, () => c.call(ADMIN, 'vote', 'voidVoter', { activityId: act.id, voterKey: 'm-majun', reason: '同一设备连续投满' })))
    const ok = results.filter((x) => x.ok)
    expect(ok).toHaveLength(1)
    expect(ok[0].ok && ok[0].data.voided).toBe(6)
    for (const x of results.filter((y) => !y.ok)) expect((x as any).error.code).toBe('VOTE.ALREADY_VOIDED')
    const after = countsVsRecords(c)
    expect(after.counters).toEqual(after.records)
    expect(after.counters[E.tj]).toBe(before[E.tj] - 2)
    expect(after.counters[E.qj]).toBe(before[E.qj] - 2)
    const kept = c.dump('vote_records').filter((r) => r.voterKey === 'm-majun')
    expect(kept).toHaveLength(6)
    expect(kept.every((r) => r.voided && r.voidReason === '同一设备连续投满')).toBe(true)
    const again = await c.call(ADMIN, 'vote', 'voidVoter', { activityId: act.id, voterKey: 'm-majun', reason: '再来一次' })
    expect(again.ok || again.error.code).toBe('VOTE.ALREADY_VOIDED')
    const report = await c.ok(ADMIN, 'vote', 'fraudReport', { activityId: act.id })
    expect(report.voters.find((v: any) => v.voterKey === 'm-majun')).toMatchObject({ voided: true, votes: 0 })
    const noReason = await c.call(ADMIN, 'vote', 'voidVoter', { activityId: act.id, voterKey: 'm-zhouli', reason: '' })
    expect(noReason.ok || noReason.error.code).toBe('INPUT.INVALID')
  })
})

describe('village vote (移风易俗先进典型)', () => {
  it('staff nominate; one ballot per household per nominee; the result lists counts and the approved', async () => {
    const v = await c.ok('m-lixiulan', 'vote', 'saveActivity', {
      kind: 'village', orgId: 'v-qj', title: '移风易俗先进典型户评议', electorate: { orgId: 'v-qj', mode: 'household' },
      submitOpens: at(-2).toISOString(), submitCloses: at(0.5).toISOString(), voteOpens: at(1).toISOString(), voteCloses: at(4).toISOString(),
      rules: { perDay: 1, perEntryPerDay: 1, cooldownDays: 0, nightPause: null, burstPerMinute: 50 }
    })
    expect(v.categories).toEqual([{ key: 'nominee', label: '移风易俗先进典型' }])
    // Listed for the village's people and for town staff above it, not for another village.
    const titles = async (who: string) => (await c.ok(who, 'vote', 'listActivities', { kind: 'village' })).map((x: any) => x.title)
    expect(await titles('m-eerdun')).toContain('移风易俗先进典型户评议')
    expect(await titles(ADMIN)).toContain('移风易俗先进典型户评议')
    expect(await titles('m-zhaodefa')).not.toContain('移风易俗先进典型户评议')
    const a = await c.ok('m-lixiulan', 'vote', 'nominate', { activityId: v.id, householdId: 'h-qj-07', title: '婚事新办不要彩礼' })
    const b = await c.ok('m-lixiulan', 'vote', 'nominate', { activityId: v.id, householdId: 'h-qj-08', title: '丧事简办' })
    const out = await c.call('m-lixiulan', 'vote', 'nominate', { activityId: v.id, householdId: 'h-tj-07', title: '外村' })
    expect(out.ok || out.error.code).toBe('ORG.OUT_OF_SCOPE')
    const noChoice = await c.call('m-eerdun', 'vote', 'vote', { entryId: a.id }, { now: at(2) })
    expect(noChoice.ok || noChoice.error.code).toBe('VOTE.CHOICE_REQUIRED')
    // 额尔敦 and 苏和 share a household: one ballot for it.
    const [x1, x2] = await Promise.all([
      c.call('m-eerdun', 'vote', 'vote', { entryId: a.id, choice: 'approve' }, { now: at(2) }),
      c.call('m-suhe', 'vote', 'vote', { entryId: a.id, choice: 'reject' }, { now: at(2) })
    ])
    expect([x1.ok, x2.ok].filter(Boolean)).toHaveLength(1)
    const loser = [x1, x2].find((x) => !x.ok) as any
    expect(loser.error.code).toBe('VOTE.ALREADY_VOTED')
    for (const who of ['m-tuya', 'm-wuyun', 'm-nara']) await c.ok(who, 'vote', 'vote', { entryId: a.id, choice: 'approve' }, { now: at(2) })
    await c.ok('m-tuya', 'vote', 'vote', { entryId: b.id, choice: 'reject' }, { now: at(2) })
    await c.ok('m-wuyun', 'vote', 'vote', { entryId: b.id, choice: 'reject' }, { now: at(2) })
    await c.ok('m-nara', 'vote', 'vote', { entryId: b.id, choice: 'approve' }, { now: at(2) })
    const st = await c.ok('m-tuya', 'vote', 'voteStatus', { activityId: v.id }, { now: at(2) })
    expect(st.choices).toEqual({ [a.id]: 'approve', [b.id]: 'reject' })
    const open = await c.ok('m-eerdun', 'vote', 'villageResult', { activityId: v.id }, { now: at(2) })
    expect(open.closed).toBe(false)
    expect(open.nominees.every((n: any) => !n.approved)).toBe(true)
    const late = await c.call('m-chaolu', 'vote', 'vote', { entryId: a.id, choice: 'approve' }, { now: at(5) })
    expect(late.ok || late.error.code).toBe('VOTE.OUTSIDE_WINDOW')
    const res = await c.ok('m-eerdun', 'vote', 'villageResult', { activityId: v.id }, { now: at(5) })
    expect(res.closed).toBe(true)
    expect(res.voters).toBe(4)
    const ra = res.nominees.find((n: any) => n.entryId === a.id)
    const rb = res.nominees.find((n: any) => n.entryId === b.id)
    expect(ra.yes + ra.no).toBe(4)
    expect(ra.approved).toBe(ra.yes > 2)
    expect(rb).toMatchObject({ yes: 1, no: 2, approved: false })
    expect(countsVsRecords(c).counters).toEqual(countsVsRecords(c).records)
  })
})

it('every count equals its valid vote records; a forged vote record is caught by reconcile and by the recomputation', async () => {
  const clean = await reconcileVotes()
  expect(clean.mismatches).toEqual([])
  expect(clean.entries).toBeGreaterThan(5)
  const act = published.act
  const E = published.E
    // Tampering with a stored vote is caught by the recomputation.
    const rec = c.dump('vote_records').find((r) => r.entryId === E.tj && r.state === 'valid')
    c.local.emulator.engine.insertRaw('vote_records', [{ ...rec, _id: `${rec._id}-forged`, memberId: 'm-forged' }])
    const diff = await c.ok(ADMIN, 'vote', 'recompute', { activityId: act.id })
    expect(diff.same).toBe(false)
    expect(diff.differences.join()).toContain('votes 2 ≠ 3')
    const rv = await reconcileVotes()
    expect(rv.mismatches).toEqual([{ entryId: E.tj, counted: 2, records: 3 }])
  void NOW
})
