/**
 * 积分制 ledger (append-only, derived balance, corrections, veto effects), cycles in China time, tallies,
 * the year summary with 三挂钩, the xlsx export and the ranking — through the bundled function and the real SDK.
 */
import ExcelJS from 'exceljs'
import { NOW, QJ, allowBackdating, at, approveAssembly, correctPoints, startTestCloud, toAssembly, type TestCloud } from '../fixtures/cloud'

let c: TestCloud
beforeAll(async () => {
  c = await startTestCloud()
  // these tests record work from September on: the village allows 90 days of 补录 (default 7)
  await allowBackdating(c)
})
afterAll(() => c.stop())

/** Records, reviews, passes and posts one item for households (the grid worker of their grid records). */
async function post(households: string[], itemId: string, quantity: number, occurredOn: string, gridWorker = QJ.gridWorkerEast) {
  const r = await c.ok(gridWorker, 'points', 'recordClaims', { villageId: QJ.village, ruleItemId: itemId, quantity, occurredOn, entries: households.map((householdId) => ({ householdId })) })
  await toAssembly(c, r.claimIds, NOW, gridWorker === QJ.gridWorkerWest ? QJ.leader2 : QJ.leader)
  await approveAssembly(c, r.claimIds)
  const t = await c.timer(at(6))
  if (!t.ok) throw new Error(JSON.stringify(t))
  return r.claimIds as string[]
}
const points = (h: string) => c.dump('household_points').find((p) => p._id === h)
const entriesOf = (h: string) => c.dump('ledger_entries').filter((e) => e.householdId === h).sort((a, b) => a.seq - b.seq)

function expectLedgerConsistent() {
  const all = c.dump('household_points')
  expect(all.length).toBeGreaterThan(0)
  for (const p of all) {
    const es = entriesOf(p._id)
    expect(es.reduce((s, e) => s + e.amount, 0)).toBe(p.balance)
    expect(es.map((e) => e.seq)).toEqual(es.map((_, i) => i + 1))
    let running = 0
    for (const e of es) {
      running += e.amount
      expect(e.balanceAfter).toBe(running)
      expect(e.balanceAfter).toBeGreaterThanOrEqual(0)
    }
    // earned totals per period are the sums of the entries earned in them
    const byQuarter = new Map<string, number>()
    for (const e of es) if (e.kind !== 'redeem' && e.kind !== 'refund') byQuarter.set(e.periods.quarter, (byQuarter.get(e.periods.quarter) ?? 0) + (e.earnedAmount ?? e.amount))
    for (const [q, sum] of byQuarter) expect(p.earned[q]).toBe(sum)
  }
}

describe('cycles in China time and the ledger', () => {
  it('a claim that occurred on 2026-09-30 (China) counts to 2026-Q3 and 2026-09 though posted in Q4', async () => {
    const [id] = await post(['h-qj-08'], 'greening', 2, '2026-09-30')
    const cl = c.dump('claims').find((x) => x._id === id)
    expect(cl.periods).toMatchObject({ year: '2026', quarter: '2026-Q3', month: '2026-09', day: '2026-09-30' })
    const [e] = entriesOf('h-qj-08')
    expect(e.at.getTime()).toBe(at(6).getTime()) // posted on 2026-11-30
    expect(e.periods.quarter).toBe('2026-Q3')
    expect(points('h-qj-08').earned).toMatchObject({ '2026': 10, '2026-Q3': 10, '2026-09': 10 })
    expect(points('h-qj-08').earned['2026-Q4']).toBeUndefined()
    const bal = await c.ok('m-naren', 'points', 'balance', {})
    expect(bal).toMatchObject({ balance: 10, yearPoints: 10, quarterPoints: 0, quarter: '2026-Q4', month: '2026-11', pendingClaims: 0 })
  })

  it('caps per month: greening (5/次, cap 20 a month) posts at most 20 in November, the rest at 0 with a reason', async () => {
    const [a] = await post(['h-qj-08'], 'greening', 3, '2026-11-02')
    const [b] = await post(['h-qj-08'], 'greening', 3, '2026-11-03')
    expect(c.dump('claims').find((x) => x._id === a).postedAmount).toBe(15)
    expect(c.dump('claims').find((x) => x._id === b).postedAmount).toBe(5)
    expect(points('h-qj-08').earned['2026-11']).toBe(20)
    const last = entriesOf('h-qj-08').at(-1)
    expect(last.reason).toMatch(/按规定计5分/)
    expectLedgerConsistent()
  })

  it('zero_quarter veto (违法违纪) zeroes the quarter but leaves other quarters', async () => {
    expect(points('h-qj-08').earned['2026-Q4']).toBe(20)
    const [id] = await post(['h-qj-08'], 'illegal', 1, '2026-11-21')
    const p = points('h-qj-08')
    expect(p.earned['2026-Q4']).toBe(0)
    expect(p.earned['2026-Q3']).toBe(10)
    expect(p.balance).toBe(10)
    const e = entriesOf('h-qj-08').at(-1)
    expect(e).toMatchObject({ kind: 'veto', claimId: id, amount: -20 })
    expectLedgerConsistent()
  })

  it('ineligible_year veto marks the year; the year summary shows not eligible and no honour', async () => {
    await post(['h-qj-07'], 'goodman', 10, '2026-10-15')
    await post(['h-qj-07'], 'compact', 1, '2026-11-10')
    const p = points('h-qj-07')
    expect(p.ineligibleYears).toEqual(['2026'])
    expect(p.balance).toBe(180)
    const y = await c.ok(QJ.committee[0], 'points', 'yearSummary', { villageId: QJ.village, year: '2026' })
    const row = y.households.find((h: any) => h.householdId === 'h-qj-07')
    expect(row).toMatchObject({ points: 180, eligible: false, honour: null, credit: '良好' })
    expect(y.priority.map((r: any) => r.householdId)).not.toContain('h-qj-07')
  })

  it('a correction is a new entry (after two more 两委 members, the 大会 and 公示); old entries are never edited', async () => {
    const before = entriesOf('h-qj-07').map((e) => ({ ...e }))
    await correctPoints(c, 'h-qj-07', -30, '重复登记，扣回')
    expect(points('h-qj-07').balance).toBe(150)
    const after = entriesOf('h-qj-07')
    expect(after).toHaveLength(before.length + 1)
    expect(after.slice(0, before.length)).toEqual(before)
    expect(after.at(-1)).toMatchObject({ kind: 'correction', amount: -30, balanceAfter: 150 })
    expect(after.at(-1).reason).toMatch(/重复登记/)
    expect(after.at(-1).approvals.map((a: any) => a.step)).toEqual(['propose', 'second', 'second', 'assembly'])
    await correctPoints(c, 'h-qj-07', 30, '核实无误，补回')
    expect(points('h-qj-07').balance).toBe(180)
    // villagers and grid workers cannot propose one
    expect(await c.call(QJ.villager, 'points', 'proposeCorrection', { householdId: 'h-qj-06', amount: 10, reason: '给自己加分' })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(await c.call(QJ.gridWorkerEast, 'points', 'proposeCorrection', { householdId: 'h-qj-06', amount: 10, reason: '给别人加分' })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expectLedgerConsistent()
  })

  it('the ledger view: a villager reads their own, not the neighbour’s', async () => {
    const l = await c.ok('m-wangguirong', 'points', 'ledger', {})
    expect(l.total).toBe(entriesOf('h-qj-07').length)
    expect(l.items[0].seq).toBe(l.total) // newest first
    expect(l.items.at(-1).approvals.map((a: any) => a.step)).toEqual(['first', 'second', 'second', 'assembly'])
    expect(await c.call('m-wangguirong', 'points', 'ledger', { householdId: 'h-qj-06' })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
  })
})

describe('tallies, the year summary (三挂钩) and the export', () => {
  beforeAll(async () => {
    await post(['h-qj-06'], 'goodman', 10, '2026-11-18') // 200 → 五星? no: 三星 (≥180), 优秀 (≥200)
    await post(['h-qj-12', 'h-qj-13'], 'goodman', 6, '2026-11-19', QJ.gridWorkerWest) // 120 each → 良好, ties
    await post(['h-qj-14'], 'goodman', 1, '2026-10-08', QJ.gridWorkerWest) // 20 → 一般
  })

  it('tally per household and per grid for a month and a quarter', async () => {
    const m = await c.ok(QJ.committee[0], 'points', 'tally', { villageId: QJ.village, period: '2026-11' })
    const byH = new Map(m.households.map((h: any) => [h.householdId, h.points]))
    expect(byH.get('h-qj-06')).toBe(200)
    expect(byH.get('h-qj-12')).toBe(120)
    expect(byH.get('h-qj-14')).toBe(0)
    expect(byH.get('h-qj-08')).toBe(0) // 20 from greening, −20 veto
    expect(byH.get('h-qj-07')).toBe(-20 + 0) // compact −20 in November; corrections ±30 both in November
    expect(m.households).toHaveLength(15)
    const grids = new Map(m.grids.map((g: any) => [g.gridName, g]))
    expect(grids.get('东片网格')).toMatchObject({ gridId: QJ.gridEast, households: 8, points: 200 + 0 - 20 })
    expect(grids.get('西片网格')).toMatchObject({ gridId: QJ.gridWest, households: 7, points: 240 })

    const q3 = await c.ok(QJ.committee[0], 'points', 'tally', { villageId: QJ.village, period: '2026-Q3' })
    expect(q3.households.filter((h: any) => h.points !== 0).map((h: any) => [h.householdId, h.points])).toEqual([['h-qj-08', 10]])
    const q4 = await c.ok(QJ.committee[0], 'points', 'tally', { villageId: QJ.village, period: '2026-Q4' })
    expect(new Map(q4.households.map((h: any) => [h.householdId, h.points])).get('h-qj-14')).toBe(20)
    expect(new Map(q4.households.map((h: any) => [h.householdId, h.points])).get('h-qj-07')).toBe(180)
    // sorted by points
    const pts = q4.households.map((h: any) => h.points)
    expect(pts).toEqual([...pts].sort((a: number, b: number) => b - a))
    // villagers may not read tallies
    expect(await c.call(QJ.villager, 'points', 'tally', { villageId: QJ.village, period: '2026-11' })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
  })

  it('yearSummary: honours by thresholds, credit 优秀/良好/一般, and the priority list with shared ranks', async () => {
    const y = await c.ok(QJ.committee[0], 'points', 'yearSummary', { villageId: QJ.village, year: '2026' })
    const row = (h: string) => y.households.find((r: any) => r.householdId === h)
    expect(row('h-qj-06')).toMatchObject({ points: 200, honour: '三星级文明户', credit: '优秀', eligible: true })
    expect(row('h-qj-12')).toMatchObject({ points: 120, honour: null, credit: '良好', eligible: true })
    expect(row('h-qj-14')).toMatchObject({ points: 20, honour: null, credit: '一般' })
    expect(row('h-qj-01')).toMatchObject({ points: 0, honour: null, credit: '一般', eligible: true })
    expect(y.priority.map((r: any) => [r.householdId, r.rank])).toEqual([['h-qj-06', 1], ['h-qj-12', 2], ['h-qj-13', 2], ['h-qj-14', 4], ['h-qj-08', 5]])

    // thresholds come from the village settings
    const s = await c.ok(QJ.committee[0], 'points', 'getSettings', { villageId: QJ.village })
    const { mall: _mall, ...rest } = s
    await c.ok(QJ.committee[0], 'points', 'saveSettings', { ...rest, honours: [{ name: '最美家庭', minPoints: 100 }], credit: { excellent: 120, good: 20 }, priorityTopN: 2 })
    const y2 = await c.ok(QJ.committee[0], 'points', 'yearSummary', { villageId: QJ.village, year: '2026' })
    expect(y2.households.find((r: any) => r.householdId === 'h-qj-12')).toMatchObject({ honour: '最美家庭', credit: '优秀' })
    expect(y2.households.find((r: any) => r.householdId === 'h-qj-14')).toMatchObject({ honour: null, credit: '良好' })
    expect(y2.households.find((r: any) => r.householdId === 'h-qj-07')).toMatchObject({ honour: null, eligible: false })
    expect(y2.priority.map((r: any) => r.householdId)).toEqual(['h-qj-06', 'h-qj-12', 'h-qj-13'])
    await c.ok(QJ.committee[0], 'points', 'saveSettings', rest)
  })

  it('exportReport returns an xlsx that downloads and parses with the right rows', async () => {
    const t = await c.ok(QJ.committee[0], 'points', 'exportReport', { villageId: QJ.village, kind: 'tally', period: '2026-11' })
    expect(t.rows).toBe(15)
    const res = await fetch(t.url)
    expect(res.status).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as any)
    const ws = wb.worksheets[0]
    expect(ws.name).toBe('2026-11积分')
    expect(ws.rowCount).toBe(1 + 15)
    expect(ws.getRow(1).values).toEqual([undefined, '户号', '户主', '网格', '积分'])
    expect(ws.getRow(2).values).toEqual([undefined, 'QJ-006', '额尔敦', '东片网格', 200])
    expect(wb.worksheets[1].rowCount).toBe(1 + 2)

    const y = await c.ok(QJ.committee[0], 'points', 'exportReport', { villageId: QJ.village, kind: 'year', period: '2026' })
    const wb2 = new ExcelJS.Workbook()
    await wb2.xlsx.load(Buffer.from(await (await fetch(y.url)).arrayBuffer()) as any)
    expect(wb2.worksheets[0].rowCount).toBe(1 + 15)
    const texts: string[] = []
    wb2.worksheets[0].eachRow((r) => texts.push((r.values as unknown[]).join('|')))
    expect(texts.find((t2) => t2.includes('QJ-007'))).toMatch(/已取消/)
    expect(wb2.worksheets[1].rowCount).toBe(1 + 5)
    expect(await c.call(QJ.villager, 'points', 'exportReport', { villageId: QJ.village, kind: 'tally', period: '2026-11' })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
  })

  it('ranking: masked names, my own row flagged; switched off → villagers get RANKING.DISABLED', async () => {
    const r = await c.ok(QJ.villager, 'points', 'ranking', {})
    expect(r.year).toBe('2026')
    expect(r.items[0]).toMatchObject({ rank: 1, householdMasked: '额*敦家', points: 200, mine: true })
    expect(r.items.filter((i: any) => i.mine)).toHaveLength(1)
    // equal points share a rank: 200, 180, 120, 120, 20, 10
    expect(r.items.slice(0, 6).map((i: any) => [i.rank, i.points])).toEqual([[1, 200], [2, 180], [3, 120], [3, 120], [5, 20], [6, 10]])
    expect(JSON.stringify(r)).not.toMatch(/额尔敦|孙凤英|乌兰/)
    const other = await c.ok('m-sunfengying', 'points', 'ranking', {})
    expect(other.items.find((i: any) => i.mine)).toMatchObject({ points: 120, householdMasked: '孙*英家' })

    const s = await c.ok(QJ.committee[0], 'points', 'getSettings', { villageId: QJ.village })
    const { mall: _mall, ...rest } = s
    await c.ok(QJ.committee[0], 'points', 'saveSettings', { ...rest, rankingEnabled: false })
    expect(await c.call(QJ.villager, 'points', 'ranking', {})).toMatchObject({ ok: false, error: { code: 'RANKING.DISABLED' } })
    // staff still see it for their work
    expect((await c.ok(QJ.committee[0], 'points', 'ranking', { villageId: QJ.village })).items.length).toBeGreaterThan(0)
    await c.ok(QJ.committee[0], 'points', 'saveSettings', { ...rest, rankingEnabled: true })
    expect((await c.call(QJ.villager, 'points', 'ranking', {})).ok).toBe(true)
  })

  it('after everything: balance equals the sum of entries for every household', async () => {
    expectLedgerConsistent()
    for (const p of c.dump('household_points')) {
      const r = await c.ok(QJ.committee[0], 'points', 'balance', { householdId: p._id })
      expect(r.balance).toBe(entriesOf(p._id).reduce((s, e) => s + e.amount, 0))
    }
    expect(NOW.toISOString()).toBe('2026-11-24T02:00:00.000Z')
  })
})
