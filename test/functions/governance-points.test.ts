/**
 * Issue 7, points: corrections are claims (item 3), the 大会 record (4), earned points vs balance (6),
 * backdating and rule versions (7), objector identity (8), party-group scoping, own household, 公示 end,
 * content security (12) and retried meetings (13). People hold several roles and live in claimant
 * households: 巴特尔 书记+两委 (QJ-001), 其其格 两委+工作人员 (QJ-002), 高娃 网格员 (QJ-005).
 */
import { NOW, QJ, approveAssembly, at, record, startTestCloud, toAssembly, uid, type TestCloud } from '../fixtures/cloud'
import { DEMO_RULES } from '../../emulator/seed/rules'

let c: TestCloud
beforeAll(async () => {
  c = await startTestCloud()
})
afterAll(() => c.stop())

const TOWN_ADMIN = 'm-zhaojianguo'
const claim = (id: string) => c.dump('claims').find((x) => x._id === id)
const ledgerOf = (h: string) => c.dump('ledger_entries').filter((e) => e.householdId === h)
const pointsOf = (h: string) => c.dump('household_points').find((p) => p._id === h)
/** The west grid's chain: 张海 records, 斯琴 first review, 其其格 and 孟和 联席复审 (for households of 西片). */
async function westToAssembly(households: string[], itemId: string, occurredOn = '2026-11-20') {
  const r = await c.ok(QJ.gridWorkerWest, 'points', 'recordClaims', { villageId: QJ.village, ruleItemId: itemId, quantity: 1, occurredOn, entries: households.map((householdId) => ({ householdId })) })
  for (const claimId of r.claimIds) {
    await c.ok(QJ.leader2, 'points', 'review', { claimId, step: 'first', decision: 'approve' })
    await c.ok('m-qiqige', 'points', 'review', { claimId, step: 'second', decision: 'approve' })
    await c.ok('m-menghe', 'points', 'review', { claimId, step: 'second', decision: 'approve' })
  }
  return r.claimIds as string[]
}
const meeting = (claimIds: string[], over: Record<string, unknown> = {}) => ({
  villageId: QJ.village,
  title: '村民代表会议',
  meetingDate: '2026-11-24',
  membersTotal: 40,
  present: 33,
  votesFor: 30,
  votesAgainst: 2,
  votesAbstain: 1,
  claimIds,
  ...over
})

describe('3. corrections are claims: two other 两委 members, then 大会 and 公示', () => {
  it('a correction waits at 两委联席复审, its proposer cannot approve it, and nothing is posted on one word', async () => {
    const r = await c.ok('m-qiqige', 'points', 'proposeCorrection', { householdId: 'h-qj-12', amount: 30, reason: '十月义务巡逻漏记' })
    expect(r.state).toBe('second_review')
    expect(claim(r.claimId)).toMatchObject({ source: 'correction', amount: 30, recordedBy: 'm-qiqige', note: '十月义务巡逻漏记' })
    expect(ledgerOf('h-qj-12')).toHaveLength(0)
    expect(await c.call('m-qiqige', 'points', 'review', { claimId: r.claimId, step: 'second', decision: 'approve' })).toMatchObject({ ok: false, error: { code: 'AUDIT.DUPLICATE_APPROVER' } })
    const queue = await c.ok('m-menghe', 'points', 'reviewQueue', { villageId: QJ.village, step: 'second' })
    expect(queue.items.find((x: any) => x.id === r.claimId)).toMatchObject({ source: 'correction', item: { name: '积分更正（补加）' } })
    await c.ok('m-menghe', 'points', 'review', { claimId: r.claimId, step: 'second', decision: 'approve' })
    expect(claim(r.claimId).state).toBe('second_review')
    await c.ok('m-bateer', 'points', 'review', { claimId: r.claimId, step: 'second', decision: 'approve' })
    expect(claim(r.claimId).state).toBe('assembly')
    // 三 signatures so far (其其格 proposed, 孟和 and 巴特尔 approved): the meeting is recorded by someone else.
    expect(await c.call('m-bateer', 'points', 'decideAssembly', meeting([r.claimId]))).toMatchObject({ ok: false, error: { code: 'ASSEMBLY.NOTHING_LEFT' } })
    const a = await c.ok(TOWN_ADMIN, 'points', 'decideAssembly', meeting([r.claimId]))
    expect(a).toMatchObject({ passed: true, claims: 1, excluded: [] })
    expect(ledgerOf('h-qj-12')).toHaveLength(0)
    await c.timer(at(6))
    expect(ledgerOf('h-qj-12')).toEqual([expect.objectContaining({ kind: 'correction', amount: 30, claimId: r.claimId })])
    expect(ledgerOf('h-qj-12')[0].reason).toContain('十月义务巡逻漏记')
    expect(pointsOf('h-qj-12').balance).toBe(30)
  })

  it('only 两委 propose, never for their own household, always with a reason', async () => {
    expect(await c.call(QJ.villager, 'points', 'proposeCorrection', { householdId: 'h-qj-07', amount: 10, reason: '加分' })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(await c.call(QJ.shop, 'points', 'proposeCorrection', { householdId: 'h-qj-07', amount: 10, reason: '加分' })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(await c.call('m-bateer', 'points', 'proposeCorrection', { householdId: 'h-qj-01', amount: 99, reason: '给自己家加分' })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(await c.call('m-qiqige', 'points', 'proposeCorrection', { householdId: 'h-qj-07', amount: 10, reason: '' })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    expect(await c.call('m-qiqige', 'points', 'proposeCorrection', { householdId: 'h-qj-07', amount: 10, reason: '违禁测试' })).toMatchObject({ ok: false, error: { code: 'CONTENT.RISKY' } })
    expect(c.dump('claims').filter((x) => x.source === 'correction' && x.householdId !== 'h-qj-12')).toHaveLength(0)
  })
})

describe('4. 大会审议: recorder, attendance, quorum and majority', () => {
  it('claims of the recorder’s household and claims the recorder approved are left out and listed', async () => {
    const ids = await record(c, ['h-qj-01', 'h-qj-06'], 'meeting')
    await toAssembly(c, ids)
    // 巴特尔 (书记+两委) lives in QJ-001: his household's claim is not his to record.
    const r = await c.ok('m-bateer', 'points', 'decideAssembly', meeting(ids))
    expect(r).toMatchObject({ passed: true, claims: 1, attendance: { present: 33, total: 40 } })
    expect(r.excluded).toEqual([{ claimId: ids[0], householdName: '巴特尔家', reason: '登记人家里的申报' }])
    expect(claim(ids[0]).state).toBe('assembly')
    expect(claim(ids[1]).state).toBe('publicity')
    // 其其格 approved it at 联席复审: she may not record its meeting either.
    expect(await c.call('m-qiqige', 'points', 'decideAssembly', meeting([ids[0]]))).toMatchObject({ ok: false, error: { code: 'ASSEMBLY.NOTHING_LEFT' } })
    const rec = c.dump('assemblies').find((x) => x._id === r.assemblyId)
    expect(rec).toMatchObject({ body: 'villager_reps', membersTotal: 40, present: 33, votesFor: 30, claimIds: [ids[1]], excluded: [expect.objectContaining({ claimId: ids[0] })] })
  })

  it('without two thirds present nothing is decided; more than half of those present must vote for', async () => {
    const ids = await record(c, ['h-qj-07', 'h-qj-08'], 'meeting')
    await toAssembly(c, ids)
    const before = c.dump('assemblies').length
    expect(await c.call('m-bateer', 'points', 'decideAssembly', meeting(ids, { present: 26, votesFor: 26, votesAgainst: 0, votesAbstain: 0 }))).toMatchObject({ ok: false, error: { code: 'ASSEMBLY.NO_QUORUM' } })
    expect(await c.call('m-bateer', 'points', 'decideAssembly', meeting(ids, { present: 30, votesFor: 25, votesAgainst: 6, votesAbstain: 0 }))).toMatchObject({ ok: false, error: { code: 'ASSEMBLY.VOTES_INVALID' } })
    expect(await c.call('m-bateer', 'points', 'decideAssembly', meeting(ids, { membersTotal: undefined }))).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    expect(c.dump('assemblies').length).toBe(before)
    expect(ids.map((id) => claim(id).state)).toEqual(['assembly', 'assembly'])
    // 12 for, 10 against, 8 present without voting: more than half of those voting, not of those present.
    const r = await c.ok('m-bateer', 'points', 'decideAssembly', meeting(ids, { present: 30, votesFor: 12, votesAgainst: 10, votesAbstain: 0 }))
    expect(r.passed).toBe(false)
    expect(ids.map((id) => claim(id).state)).toEqual(['rejected', 'rejected'])
  })

  it('a 党员大会 counts the party members with a vote from the roster; a village may set its own quorum', async () => {
    const party = c.dump('members').filter((m) => m.villageId === QJ.village && m.personClass === 'party' && !m.removed).length
    const ids = await westToAssembly(['h-qj-13'], 'meeting')
    const few = await c.call('m-bateer', 'points', 'decideAssembly', meeting(ids, { body: 'party_members', membersTotal: undefined, present: 2, votesFor: 2, votesAgainst: 0, votesAbstain: 0 }))
    expect(few).toMatchObject({ ok: false, error: { code: 'ASSEMBLY.NO_QUORUM', details: { total: party } } })
    const settings = await c.ok('m-bateer', 'points', 'getSettings', { villageId: QJ.village })
    await c.ok('m-qiqige', 'points', 'saveSettings', { ...settings, mall: undefined, assembly: { ...settings.assembly, party_members: { quorum: [1, 10], majority: [1, 2] } } })
    const r = await c.ok('m-bateer', 'points', 'decideAssembly', meeting(ids, { body: 'party_members', membersTotal: undefined, present: 2, votesFor: 2, votesAgainst: 0, votesAbstain: 0 }))
    expect(r).toMatchObject({ passed: true, attendance: { present: 2, total: party } })
    const listed = await c.ok('m-qiqige', 'points', 'assemblies', { villageId: QJ.village })
    expect(listed.find((x: any) => x.id === r.assemblyId)).toMatchObject({ body: 'party_members', present: 2, membersTotal: party, recordedByName: '巴特尔' })
  })
})

describe('6. earned points and spendable balance', () => {
  it('a deduction larger than the balance counts in full against earned points; the balance stops at zero and the rest is recorded', async () => {
    const h = 'h-qj-15'
    const [g] = await westToAssembly([h], 'greening')
    await approveAssembly(c, [g])
    await c.timer(at(6))
    expect(pointsOf(h)).toMatchObject({ balance: 5 })
    const [v] = await westToAssembly([h], 'lavish') // −10
    await approveAssembly(c, [v])
    await c.timer(at(6))
    const p = pointsOf(h)
    expect(p.balance).toBe(0)
    expect(p.earned['2026']).toBe(-5)
    expect(p.earned['2026-Q4']).toBe(-5)
    const veto = ledgerOf(h).find((e) => e.claimId === v)
    expect(veto).toMatchObject({ kind: 'veto', amount: -5, earnedAmount: -10, notTaken: -5, balanceAfter: 0 })
    expect(ledgerOf(h).reduce((s, e) => s + e.amount, 0)).toBe(p.balance)
    const bal = await c.ok('m-aoqier', 'points', 'balance', {}, { now: at(6) })
    expect(bal).toMatchObject({ balance: 0, yearPoints: -5, quarterPoints: -5 })
    const shown = await c.ok('m-qiqige', 'points', 'ledger', { householdId: h })
    expect(shown.items.find((e: any) => e.claimId === v)).toMatchObject({ amount: -5, notTaken: -5 })
    expect(claim(v).postedAmount).toBe(-10)
  })
})

describe('7. backdating and rule versions', () => {
  it('occurredOn at most 7 days back (village setting), never in a settled quarter or a summarised year', async () => {
    const base = { villageId: QJ.village, ruleItemId: 'meeting', quantity: 1, entries: [{ householdId: 'h-qj-07' }] }
    expect(await c.call(QJ.gridWorkerEast, 'points', 'recordClaims', { ...base, occurredOn: '2026-11-16' })).toMatchObject({ ok: false, error: { code: 'CLAIM.TOO_OLD' } })
    expect((await c.call(QJ.gridWorkerEast, 'points', 'recordClaims', { ...base, occurredOn: '2026-11-17' })).ok).toBe(true)
    const settings = await c.ok('m-bateer', 'points', 'getSettings', { villageId: QJ.village })
    await c.ok('m-qiqige', 'points', 'saveSettings', { ...settings, mall: undefined, backdateDays: 90 })
    // Q3's redemption window has closed: Q3 is settled.
    await c.ok(QJ.shop, 'mall', 'saveWindow', { villageId: QJ.village, title: '三季度兑换日', opensAt: '2026-10-08T00:00:00.000Z', closesAt: '2026-10-10T00:00:00.000Z', quarter: '2026-Q3' }, { now: at(-50) })
    expect(await c.call(QJ.gridWorkerEast, 'points', 'recordClaims', { ...base, occurredOn: '2026-09-28' })).toMatchObject({ ok: false, error: { code: 'CLAIM.PERIOD_CLOSED' } })
    expect((await c.call(QJ.gridWorkerEast, 'points', 'recordClaims', { ...base, occurredOn: '2026-10-02' })).ok).toBe(true)
    await c.ok('m-qiqige', 'points', 'saveSettings', { ...settings, mall: undefined, backdateDays: 7 })
  })

  it('a claim is scored by the rule set in force on occurredOn; caps follow the item across versions', async () => {
    const h = 'h-qj-14'
    // Three 庭院绿化 under v1 (5 points, cap 20 a month): 15 used.
    for (const day of ['2026-11-18', '2026-11-19', '2026-11-20']) {
      const [id] = await westToAssembly([h], 'greening', day)
      await approveAssembly(c, [id])
    }
    await c.timer(at(6))
    // v2 adopted on 2026-11-22 raises it to 7.
    const v2 = DEMO_RULES.map((i) => (i.id === 'greening' ? { ...i, points: 7 } : i))
    const draft = await c.ok('m-qiqige', 'points', 'saveDraftRules', { villageId: QJ.village, title: '修订标准', items: v2 })
    expect(await c.call('m-qiqige', 'points', 'adoptRules', { ruleSetId: draft.ruleSetId, adoptedOn: '2026-11-22', adoptedBy: '村民代表大会', note: '' })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    await c.ok('m-bateer', 'points', 'adoptRules', { ruleSetId: draft.ruleSetId, adoptedOn: '2026-11-22', adoptedBy: '村民代表大会', note: '' })
    const [before] = await westToAssembly([h], 'greening', '2026-11-21')
    const [after] = await westToAssembly([h], 'greening', '2026-11-23')
    expect([claim(before).amount, claim(before).ruleVersion]).toEqual([5, 1])
    expect([claim(after).amount, claim(after).ruleVersion]).toEqual([7, 2])
    await approveAssembly(c, [after])
    await c.timer(at(6))
    // 15 used under v1, so the v2 claim gets only the 5 left of the month's 20.
    expect(ledgerOf(h).find((e) => e.claimId === after).amount).toBe(5)
    expect(pointsOf(h).earned['2026-11']).toBe(20)
  })
})

describe('8. objections', () => {
  it('the objector is seen only by the 两委 handling it; one objection per person per claim, even at once', async () => {
    const [id] = await record(c, ['h-qj-07'], 'meeting')
    await toAssembly(c, [id])
    await approveAssembly(c, [id])
    const results = await Promise.all([1, 2, 3].map(() => c.call('m-naren', 'points', 'raiseObjection', { claimId: id, reason: '那天没见到他家来人' }, { now: at(1) })))
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    for (const r of results.filter((x) => !x.ok)) expect(['PUBLICITY.ALREADY_OBJECTED', 'PUBLICITY.NOT_IN_PUBLICITY', 'AUDIT.STATE_CHANGED']).toContain((r as any).error.code)
    const docs = c.dump('objections').filter((o) => o.claimId === id)
    expect(docs).toEqual([expect.objectContaining({ _id: `${id}:m-naren:1`, by: 'm-naren' })])
    const objectionBy = async (who: string) => (await c.ok(who, 'points', 'claimDetail', { claimId: id })).audit.find((a: any) => a.action === 'objection').byName
    expect(await objectionBy('m-wangguirong')).toBe('村民') // the household objected to
    expect(await objectionBy(QJ.gridWorkerEast)).toBe('村民')
    expect(await objectionBy(QJ.leader)).toBe('村民')
    expect(await objectionBy('m-qiqige')).toBe('那仁')
    expect(JSON.stringify(await c.ok(QJ.villager, 'points', 'publicity', { villageId: QJ.village }))).not.toContain('那仁')
  })
})

describe('12. scoping and small rules', () => {
  it('党小组初审 only for the grids the leader’s party group covers', async () => {
    const [east] = await record(c, ['h-qj-06'], 'meeting')
    // 斯琴 leads the second party group (西片 only).
    expect(await c.call(QJ.leader2, 'points', 'review', { claimId: east, step: 'first', decision: 'approve' })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    const q2 = await c.ok(QJ.leader2, 'points', 'reviewQueue', { villageId: QJ.village, step: 'first' })
    expect(q2.items.map((x: any) => x.id)).not.toContain(east)
    const q1 = await c.ok(QJ.leader, 'points', 'reviewQueue', { villageId: QJ.village, step: 'first' })
    expect(q1.items.map((x: any) => x.id)).toContain(east)
    expect(await c.call(QJ.leader2, 'points', 'reviewMany', { claimIds: [east], step: 'first', decision: 'approve' })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(claim(east).state).toBe('first_review')
  })

  it('a grid worker cannot score their own household (the whole batch is refused)', async () => {
    const before = c.dump('claims').length
    const r = await c.call(QJ.gridWorkerEast, 'points', 'recordClaims', { villageId: QJ.village, ruleItemId: 'meeting', quantity: 1, occurredOn: '2026-11-20', entries: [{ householdId: 'h-qj-06' }, { householdId: 'h-qj-05' }] })
    expect(r).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN', details: { rule: 'notOwnHousehold', householdId: 'h-qj-05' } } })
    expect(c.dump('claims').length).toBe(before)
  })

  it('公示 ends at the end of a China-time day', async () => {
    const [id] = await record(c, ['h-qj-08'], 'meeting')
    await toAssembly(c, [id])
    const a = await approveAssembly(c, [id], new Date('2026-11-24T09:30:00.000Z')) // 17:30 China time
    // 5 days' notice: ends at midnight China time after 2026-11-29
    expect(a.publicityEndsAt).toBe('2026-11-29T16:00:00.000Z')
    expect(new Date(claim(id).publicityEndsAt).toISOString()).toBe('2026-11-29T16:00:00.000Z')
  })

  it('review reasons go through content security', async () => {
    const [id] = await record(c, ['h-qj-08'], 'meeting')
    expect(await c.call(QJ.leader, 'points', 'review', { claimId: id, step: 'first', decision: 'send_back', reason: '违禁测试内容' })).toMatchObject({ ok: false, error: { code: 'CONTENT.RISKY' } })
    expect(claim(id).state).toBe('first_review')
  })
})

describe('13. a retried meeting answers and stores as its first attempt', () => {
  it('a 大会 batch retried a day after a crash keeps the first attempt’s 公示 times for every claim', async () => {
    const ids = await record(c, ['h-qj-06', 'h-qj-07', 'h-qj-08'], 'meeting')
    await toAssembly(c, ids)
    const requestId = uid()
    const engine = c.local.emulator.engine
    engine.failNth(2, { action: 'database.modifyDocument', collection: 'claims' })
    const first = await c.call('m-bateer', 'points', 'decideAssembly', meeting(ids), { requestId, now: NOW })
    engine.clearFaults()
    expect(first).toMatchObject({ ok: false, error: { code: 'SYS.INTERNAL' } })
    expect(ids.map((id) => claim(id).state)).toEqual(['publicity', 'assembly', 'assembly'])
    const retry = await c.ok('m-bateer', 'points', 'decideAssembly', meeting(ids), { requestId, now: at(1) })
    expect(retry).toMatchObject({ claims: 3, publicityEndsAt: '2026-11-29T16:00:00.000Z' })
    const ends = ids.map((id) => new Date(claim(id).publicityEndsAt).toISOString())
    expect(new Set(ends)).toEqual(new Set(['2026-11-29T16:00:00.000Z']))
    expect(c.dump('assemblies').filter((x) => x._id === retry.assemblyId)).toHaveLength(1)
    // and a third call answers exactly as the second
    expect(await c.ok('m-bateer', 'points', 'decideAssembly', meeting(ids), { requestId, now: at(2) })).toEqual(retry)
  })
})

describe('rule adoption', () => {
  it('the 两委 member who drafted the standards does not record their adoption', async () => {
    const other = await startTestCloud({ rules: false })
    try {
      const draft = await other.ok('m-menghe', 'points', 'saveDraftRules', { villageId: QJ.village, title: '标准', items: DEMO_RULES }, { now: at(-10) })
      expect(await other.call('m-menghe', 'points', 'adoptRules', { ruleSetId: draft.ruleSetId, adoptedOn: '2026-11-01', adoptedBy: '村民代表大会', note: '' })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN', details: { rule: 'notProposer' } } })
      expect(await other.ok('m-bateer', 'points', 'adoptRules', { ruleSetId: draft.ruleSetId, adoptedOn: '2026-11-01', adoptedBy: '村民代表大会', note: '' })).toMatchObject({ version: 1 })
    } finally {
      await other.stop()
    }
  })
})
