/**
 * The points changes for fit and finish, through the bundled function and the real SDK:
 *  - 积分明细 entries say when the work was done and which quarter they count in, so a villager can add them up;
 *  - 签到码: a code stays valid for a grace period after it rotates, typed codes are read forgivingly;
 *  - 我的异议: a villager sees the objections they raised and how each ended;
 *  - 工作台 counts: what waits for me, only for queues I may work.
 */
import { DAY, NOW, QJ, approveAssembly, at, postPoints, record, startTestCloud, toAssembly, type TestCloud, allowBackdating } from '../fixtures/cloud'

let c: TestCloud
beforeAll(async () => {
  c = await startTestCloud()
  // These tests record work on fixed past days: let the village accept them (补录 limit, issue 7).
  await allowBackdating(c, 90)
})
afterAll(() => c.stop())

describe('积分明细 reconciles', () => {
  it('each entry carries its work day and quarter; the entries counting in this quarter add up to 本季度', async () => {
    // Work on Sep 30 (Q3), posted in Q4; work in November (Q4).
    const q3 = await record(c, ['h-qj-07'], 'greening', 2, NOW, { occurredOn: '2026-09-30' })
    await toAssembly(c, q3)
    await approveAssembly(c, q3)
    expect((await c.timer(at(6))).ok).toBe(true)
    await postPoints(c, ['h-qj-07'], 'greening', 1, at(7))
    const ledger = await c.ok('m-wangguirong', 'points', 'ledger', { offset: 0, limit: 50 }, { now: at(14) })
    const bal = await c.ok('m-wangguirong', 'points', 'balance', {}, { now: at(14) })
    expect(ledger.items).toHaveLength(2)
    // Newest posting first; the running balance follows from the entry below it.
    expect(ledger.items[0].balanceAfter - ledger.items[0].amount).toBe(ledger.items[1].balanceAfter)
    expect(new Date(ledger.items[0].at).getTime()).toBeGreaterThan(new Date(ledger.items[1].at).getTime())
    expect(ledger.items[1]).toMatchObject({ workDay: '2026-09-30', countsIn: '2026-Q3' })
    expect(ledger.items[0]).toMatchObject({ workDay: '2026-11-20', countsIn: '2026-Q4' })
    const inQuarter = ledger.items.filter((e: { countsIn: string | null }) => e.countsIn === bal.quarter)
    expect(inQuarter.reduce((s: number, e: { amount: number }) => s + e.amount, 0)).toBe(bal.quarterPoints)
    expect(bal.quarterPoints).toBe(5)
    expect(bal.balance).toBe(15)
  })
})

describe('签到码 grace and forgiving typing', () => {
  let activityId = ''
  const t0 = new Date('2026-11-24T02:00:05.000Z')
  beforeAll(async () => {
    activityId = (await c.ok(QJ.gridWorkerEast, 'points', 'createActivity', { villageId: QJ.village, title: '清扫广场', ruleItemId: 'greening', quantity: 1, place: '村部', startsAt: at(-0.01).toISOString(), endsAt: at(0.5).toISOString() }, { now: at(-0.02) })).activityId
  })

  it('the venue screen says when the code changes, with the server clock and the grace period', async () => {
    const code = await c.ok(QJ.committee[0], 'points', 'activityCode', { activityId }, { now: t0 })
    expect(code.validUntil).toBe('2026-11-24T02:00:30.000Z')
    expect(code.now).toBe(t0.toISOString())
    expect(code.graceSeconds).toBe(120)
  })

  it('five villagers typing the shown code at once, 100 s after it rotated, all check in; a retry is the same check-in', async () => {
    const { code } = await c.ok(QJ.committee[0], 'points', 'activityCode', { activityId }, { now: t0 })
    const late = new Date(t0.getTime() + 125000)
    const people = ['m-eerdun', 'm-wangguirong', 'm-naren', 'm-lixia', 'm-zhaoshulin']
    const typed = ['　' + code.split('').map((d: string) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).join(''), `${code.slice(0, 3)} ${code.slice(3)}`, `${code.slice(0, 3)}-${code.slice(3)}`, code, ` ${code} `]
    const ids = people.map((_, i) => `req-checkin-${i}-0000`)
    const res = await Promise.all(people.map((p, i) => c.call(p, 'points', 'checkin', { activityId, code: typed[i] }, { now: late, requestId: ids[i] })))
    expect(res.map((r) => r.ok)).toEqual([true, true, true, true, true])
    const again = await c.call(people[0], 'points', 'checkin', { activityId, code: typed[0] }, { now: new Date(late.getTime() + 600000), requestId: ids[0] })
    expect(again).toMatchObject({ ok: true, data: { claimId: (res[0] as { data: { claimId: string } }).data.claimId } })
    expect(c.dump('checkins').filter((k) => k.activityId === activityId)).toHaveLength(5)
    const after = await c.ok(QJ.committee[0], 'points', 'activityCode', { activityId }, { now: late })
    expect(after.checkins).toBe(5)
  })

  it('a code older than the grace period, a wrong code and letters are refused with a message for typists', async () => {
    const { code } = await c.ok(QJ.committee[0], 'points', 'activityCode', { activityId }, { now: t0 })
    const tooLate = new Date(t0.getTime() + 25000 + 121000 + 30000)
    const r = await c.call('m-suhe', 'points', 'checkin', { activityId, code }, { now: tooLate })
    // (one-in-a-million: the current code equals the old one)
    if (r.ok === false) expect(r.error).toMatchObject({ code: 'CHECKIN.CODE_INVALID', message: expect.stringContaining('屏幕上最新的签到码') })
    const wrong = String((Number(code) + 1) % 1000000).padStart(6, '0')
    expect(await c.call('m-suhe', 'points', 'checkin', { activityId, code: wrong }, { now: t0 })).toMatchObject({ ok: false, error: { code: 'CHECKIN.CODE_INVALID' } })
    expect(await c.call('m-suhe', 'points', 'checkin', { activityId, code: '12a456' }, { now: t0 })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    expect(await c.call('m-suhe', 'points', 'checkin', { activityId, code: '1234567' }, { now: t0 })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    expect(c.dump('checkins').filter((k) => k.memberId === 'm-suhe')).toHaveLength(0)
  })
})

describe('我的异议', () => {
  let ids: string[] = []
  beforeAll(async () => {
    const base = at(20)
    ids = await record(c, ['h-qj-08', 'h-qj-06'], 'greening', 1, base)
    await toAssembly(c, ids, base)
    await approveAssembly(c, ids, base)
    await c.ok('m-eerdun', 'points', 'raiseObjection', { claimId: ids[0], reason: '那天他家没有人来' }, { now: new Date(base.getTime() + DAY) })
    await c.ok('m-wangguirong', 'points', 'raiseObjection', { claimId: ids[1], reason: '不同意' }, { now: new Date(base.getTime() + DAY) })
  })

  it('shows my objections only, open while 两委 look again, then how each ended', async () => {
    const base = at(20)
    let mine = await c.ok('m-eerdun', 'points', 'myObjections', {}, { now: new Date(base.getTime() + DAY) })
    expect(mine.items).toHaveLength(1)
    expect(mine.items[0]).toMatchObject({ claimId: ids[0], reason: '那天他家没有人来', outcome: 'open', householdMasked: '那*家', state: 'second_review' })
    expect(JSON.stringify(mine)).not.toContain('那仁')
    const counts = await c.ok('m-eerdun', 'points', 'workCounts', {}, { now: new Date(base.getTime() + DAY) })
    expect(counts).toMatchObject({ myObjectionsOpen: 1, first: null, second: null, assembly: null, objected: null })

    await c.ok(QJ.committee[0], 'points', 'review', { claimId: ids[0], step: 'second', decision: 'reject', reason: '核实没有参加' }, { now: new Date(base.getTime() + 2 * DAY) })
    mine = await c.ok('m-eerdun', 'points', 'myObjections', {}, { now: new Date(base.getTime() + 2 * DAY) })
    expect(mine.items[0]).toMatchObject({ outcome: 'upheld', text: '异议成立，这条积分不予入账' })
    expect((await c.ok('m-eerdun', 'points', 'workCounts', {})).myObjectionsOpen).toBe(0)

    const other = await c.ok('m-wangguirong', 'points', 'myObjections', {})
    expect(other.items.map((i: { claimId: string }) => i.claimId)).toEqual([ids[1]])
    expect(other.items[0].outcome).toBe('open')
  })

  it('a stranger to the village gets an empty list, not someone else’s objections', async () => {
    const r = await c.ok('m-zhaodefa', 'points', 'myObjections', {})
    expect(r.items).toEqual([])
  })
})

describe('工作台 counts', () => {
  it('reviewers see their queues (objected ones apart), the grid worker their returned claims, at once for many callers', async () => {
    const fresh = await record(c, ['h-qj-08'], 'greening', 1, at(30))
    await c.ok(QJ.leader, 'points', 'review', { claimId: fresh[0], step: 'first', decision: 'send_back', reason: '照片看不清' }, { now: at(30) })
    const waiting = await record(c, ['h-qj-07'], 'greening', 1, at(30))
    const claims = c.dump('claims')
    const inState = (s: string) => claims.filter((x) => x.villageId === QJ.village && x.state === s).length
    const [leader, committee, grid, villager] = await Promise.all([
      c.ok(QJ.leader, 'points', 'workCounts', {}, { now: at(30) }),
      c.ok(QJ.committee[0], 'points', 'workCounts', { villageId: QJ.village }, { now: at(30) }),
      c.ok(QJ.gridWorkerEast, 'points', 'workCounts', {}, { now: at(30) }),
      c.ok('m-naren', 'points', 'workCounts', {}, { now: at(30) })
    ])
    expect(waiting).toHaveLength(1)
    expect(leader).toMatchObject({ first: inState('first_review'), second: null, assembly: null })
    expect(leader.first).toBeGreaterThan(0)
    expect(committee).toMatchObject({ first: null, second: inState('second_review'), assembly: inState('assembly') })
    expect(committee.objected).toBe(claims.filter((x) => x.state === 'second_review' && x.objections > 0).length)
    expect(grid.returned).toBe(claims.filter((x) => x.recordedBy === QJ.gridWorkerEast && x.state === 'returned').length)
    expect(grid.returned).toBeGreaterThan(0)
    expect(villager).toMatchObject({ first: null, second: null, assembly: null, returned: 0 })
  })

  it('another village is refused; bad input is INPUT.INVALID', async () => {
    expect(await c.call('m-naren', 'points', 'workCounts', { villageId: 'v-tj' })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(await c.call('m-naren', 'points', 'workCounts', { villageId: 5 })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    expect(await c.call('m-naren', 'points', 'myObjections', { limit: 5000 })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
  })
})

describe('exports named in plain Chinese', () => {
  it('积分汇总 of a quarter and the year summary', async () => {
    const tally = await c.ok(QJ.committee[0], 'points', 'exportReport', { villageId: QJ.village, kind: 'tally', period: '2026-Q4' })
    expect(tally.fileName).toBe('前进嘎查-2026年第4季度-积分汇总.xlsx')
    expect(tally.fileId).toMatch(/^cloud:|exports\//)
    const year = await c.ok(QJ.committee[0], 'points', 'exportReport', { villageId: QJ.village, kind: 'year', period: '2026' })
    expect(year.fileName).toBe('前进嘎查-2026年-年度总结.xlsx')
    const roster = await c.ok(QJ.committee[0], 'identity', 'exportRoster', { villageId: QJ.village })
    expect(roster.fileName).toBe('前进嘎查-户籍名册-2026年11月24日.xlsx')
  })
})
