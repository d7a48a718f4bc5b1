/**
 * The vote's rules through the real SDK and the emulator: limits under 200 concurrent requests, windows,
 * electorate, cooldown, night pause, unapproved entries, retries, and counts == valid vote records.
 */
import { demoOpenid } from '../../emulator/seed/roster'
import { NOW, at, startTestCloud, uid, type TestCloud } from '../fixtures/cloud'
import { holdBackSlowSdkWarnings } from './mall-setup'
import { ADMIN, approvedEntries, countsVsRecords, createActivity, grantVoteRoles, VOTE_AT } from './vote-setup'

holdBackSlowSdkWarnings()
let c: TestCloud
let act: any
let E: Awaited<ReturnType<typeof approvedEntries>>

beforeAll(async () => {
  c = await startTestCloud({ rules: false })
  await grantVoteRoles(c)
  act = await createActivity(c)
  E = await approvedEntries(c, act.id)
}, 120000)
afterAll(() => c.stop())

const vote = (who: string, entryId: string, now = VOTE_AT, requestId?: string) => c.call(who, 'vote', 'vote', { entryId }, { now, requestId })

it('200 concurrent votes by one voter for one entry on one day count exactly once', async () => {
  const results = await Promise.all(Array.from({ length: 200 }, () => vote('m-eerdun', E.qj)))
  const ok = results.filter((r) => r.ok)
  expect(ok).toHaveLength(1)
  const codes = new Set(results.filter((r) => !r.ok).map((r) => (r as any).error.code))
  expect([...codes]).toEqual(['VOTE.ENTRY_LIMIT'])
  const valid = c.dump('vote_records').filter((r) => r.memberId === 'm-eerdun' && r.state === 'valid')
  expect(valid).toHaveLength(1)
  const { counters, records } = countsVsRecords(c)
  expect(counters).toEqual(records)
  expect(counters[E.qj]).toBe(1)
}, 120000)

it('per-entry limit above one: 60 concurrent votes for one entry stop exactly at the limit', async () => {
  const a2 = await createActivity(c, { title: '每个作品每天两票', rules: { perDay: 5, perEntryPerDay: 2, cooldownDays: 0, nightPause: null, burstPerMinute: 5 } })
  const e2 = await approvedEntries(c, a2.id)
  const results = await Promise.all(Array.from({ length: 60 }, () => vote('m-suhe', e2.tj)))
  expect(results.filter((r) => r.ok)).toHaveLength(2)
  const st = await c.ok('m-suhe', 'vote', 'voteStatus', { activityId: a2.id }, { now: VOTE_AT })
  expect(st.byEntry[e2.tj]).toBe(2)
  expect(st.remainingToday).toBe(3)
}, 120000)

it('the per-day limit holds across entries, even when all are asked at once; the next day allows again', async () => {
  const all = [E.qj, E.tj, E.xf, E.town]
  const results = await Promise.all(all.flatMap((id) => [vote('m-baoyin', id), vote('m-baoyin', id), vote('m-baoyin', id)]))
  expect(results.filter((r) => r.ok)).toHaveLength(3)
  const codes = results.filter((r) => !r.ok).map((r) => (r as any).error.code)
  for (const code of codes) expect(['VOTE.DAY_LIMIT', 'VOTE.ENTRY_LIMIT']).toContain(code)
  expect(codes).toContain('VOTE.DAY_LIMIT')
  const st = await c.ok('m-baoyin', 'vote', 'voteStatus', { activityId: act.id }, { now: VOTE_AT })
  expect(st).toMatchObject({ eligible: true, usedToday: 3, remainingToday: 0, perDay: 3 })
  const next = await vote('m-baoyin', E.qj, new Date(VOTE_AT.getTime() + 86400000))
  expect(next.ok).toBe(true)
  if (next.ok) expect(next.data.status.remainingToday).toBe(2)
}, 120000)

it('refuses outside the window, in the night pause, outside the electorate, in the cooldown, and for unapproved entries', async () => {
  const before = await vote('m-tuya', E.qj, at(2))
  expect(before.ok || before.error.code).toBe('VOTE.OUTSIDE_WINDOW')
  const after = await vote('m-tuya', E.qj, at(41))
  expect(after.ok || after.error.code).toBe('VOTE.OUTSIDE_WINDOW')
  // 02:00 China time is inside the 23:00–06:00 pause.
  const night = await vote('m-tuya', E.qj, new Date('2026-11-29T18:00:00Z'))
  expect(night.ok || night.error.code).toBe('VOTE.NIGHT_PAUSE')
  expect(night.ok || night.error.message).toContain('23:00')
  // A village-only activity: 团结村 people are outside.
  const local = await c.ok('m-lixiulan', 'vote', 'saveActivity', {
    kind: 'village', orgId: 'v-qj', title: '移风易俗先进典型评议', electorate: { orgId: 'v-qj', mode: 'household' },
    submitOpens: at(-2).toISOString(), submitCloses: at(0.5).toISOString(), voteOpens: at(1).toISOString(), voteCloses: at(9).toISOString(),
    rules: { perDay: 1, perEntryPerDay: 1, cooldownDays: 0, nightPause: null, burstPerMinute: 5 }
  })
  const nominee = await c.ok('m-lixiulan', 'vote', 'nominate', { activityId: local.id, householdId: 'h-qj-07', title: '婚事新办' })
  const outsider = await c.call('m-zhaodefa', 'vote', 'vote', { entryId: nominee.id, choice: 'approve' }, { now: at(2) })
  expect(outsider.ok || outsider.error.code).toBe('VOTE.NOT_ELECTORATE')
  // Party-only electorate.
  const party = await createActivity(c, { title: '党员测评', electorate: { orgId: 'town-xa', partyOnly: true, mode: 'members' } })
  const pe = await approvedEntries(c, party.id)
  const masses = await vote('m-tuya', pe.qj)
  expect(masses.ok || masses.error.code).toBe('VOTE.NOT_ELECTORATE')
  expect((await vote('m-aodeng', pe.qj)).ok).toBe(true)
  // Cooldown: 周玉兰 binds her WeChat one day into the voting; three days must pass.
  c.local.emulator.engine.insertRaw('bindings', [{ _id: demoOpenid('m-zhouyulan'), memberId: 'm-zhouyulan', via: 'invite', at: at(4) }])
  const early = await c.ok('m-zhouyulan', 'vote', 'voteStatus', { activityId: act.id }, { now: VOTE_AT })
  expect(early.eligible).toBe(false)
  expect(early.reason).toContain('3天')
  const cool = await vote('m-zhouyulan', E.qj, VOTE_AT)
  expect(cool.ok || cool.error.code).toBe('VOTE.COOLDOWN')
  expect((await vote('m-zhouyulan', E.qj, at(7.1))).ok).toBe(true)
  // Unapproved (pending) entry.
  const pending = await c.ok('m-liujing', 'vote', 'submitEntry', {
    activityId: act.id, orgId: 'c-xf', category: 'community', title: '改过的', parts: { ideas: 'a', results: 'b', highlights: 'c', service: 'd' }, cover: 'cloud://x/c.png', video: 'cloud://x/v.mp4'
  }).catch((e) => e)
  expect(String(pending)).toContain('VOTE.ENTRY_LOCKED')
  const t2 = await createActivity(c, { title: '审核前' })
  const p = await c.ok('m-bateer', 'vote', 'submitEntry', { activityId: t2.id, orgId: 'v-qj', category: 'village', title: '待审', parts: { ideas: 'a', results: 'b', highlights: 'c', service: 'd' }, cover: 'cloud://x/c.png', video: 'cloud://x/v.mp4' })
  const unapproved = await vote('m-tuya', p.id)
  expect(unapproved.ok || unapproved.error.code).toBe('VOTE.ENTRY_NOT_OPEN')
  await c.ok(ADMIN, 'vote', 'reviewEntry', { entryId: p.id, decision: 'reject', reason: '视频不清楚' })
  const rejected = await vote('m-tuya', p.id)
  expect(rejected.ok || rejected.error.message).toContain('未通过')
})

it('a withdrawn entry takes no votes; a rejected-after-approval entry stops taking them', async () => {
  const t = await createActivity(c, { title: '撤回测试' })
  const e = await approvedEntries(c, t.id)
  expect((await vote('m-naren', e.tj)).ok).toBe(true)
  await c.ok('m-wangzhiqiang', 'vote', 'withdrawEntry', { entryId: e.tj })
  const r = await vote('m-gerile', e.tj)
  expect(r.ok || r.error.code).toBe('VOTE.ENTRY_NOT_OPEN')
  await c.ok(ADMIN, 'vote', 'reviewEntry', { entryId: e.xf, decision: 'reject', reason: '内容不符' })
  const r2 = await vote('m-gerile', e.xf)
  expect(r2.ok || r2.error.code).toBe('VOTE.ENTRY_NOT_OPEN')
  // Someone else's entry cannot be withdrawn by another secretary.
  const other = await c.call('m-bateer', 'vote', 'withdrawEntry', { entryId: e.xf })
  expect(other.ok || other.error.code).toBe('AUTH.FORBIDDEN')
})

it('retries with the same requestId have one effect, even 20 at once', async () => {
  const requestId = uid()
  const results = await Promise.all(Array.from({ length: 20 }, () => vote('m-aruna', E.xf, VOTE_AT, requestId)))
  for (const r of results) expect(r.ok).toBe(true)
  expect(c.dump('vote_records').filter((r) => r.memberId === 'm-aruna')).toHaveLength(1)
  // Later, the same request again (the reply was lost): still one vote, still ok.
  const again = await vote('m-aruna', E.xf, VOTE_AT, requestId)
  expect(again.ok).toBe(true)
  expect(c.dump('vote_records').filter((r) => r.memberId === 'm-aruna' && r.state === 'valid')).toHaveLength(1)
  const { counters, records } = countsVsRecords(c)
  expect(counters).toEqual(records)
})

it('bad input gets clear codes, never a crash', async () => {
  const r1 = await c.call('m-aruna', 'vote', 'vote', { entryId: '' }, { now: VOTE_AT })
  expect(r1.ok || r1.error.code).toBe('INPUT.INVALID')
  const r2 = await c.call('m-aruna', 'vote', 'vote', { entryId: 'nope' }, { now: VOTE_AT })
  expect(r2.ok || r2.error.code).toBe('VOTE.ENTRY_NOT_FOUND')
  const r3 = await c.call(null, 'vote', 'vote', { entryId: E.qj }, { now: VOTE_AT, openid: 'stranger' })
  expect(r3.ok || r3.error.code).toBe('AUTH.UNBOUND')
  const r4 = await c.call(ADMIN, 'vote', 'saveActivity', { ...((await import('./vote-setup')).activityInput({ weights: { votes: 50, performance: 30, overall: 20 } })) })
  expect(r4.ok || r4.error.code).toBe('INPUT.INVALID')
  const r5 = await c.call(ADMIN, 'vote', 'saveActivity', { ...((await import('./vote-setup')).activityInput({ weights: { votes: 30, performance: 30, overall: 30 } })) })
  expect(r5.ok || r5.error.message).toContain('100')
  const r6 = await c.call('m-eerdun', 'vote', 'saveActivity', (await import('./vote-setup')).activityInput())
  expect(r6.ok || r6.error.code).toBe('AUTH.FORBIDDEN')
  void NOW
})
