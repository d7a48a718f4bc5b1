/**
 * 积分制 edge cases around years and deductions: a finished year's ranking after the new year has begun, and
 * capped deductions that must not take a balance below zero.
 */
import { DEMO_RULES } from '../../emulator/seed/rules'
import { QJ, adoptDemoRules, approveAssembly, startTestCloud, toAssembly, type TestCloud } from '../fixtures/cloud'

let c: TestCloud
beforeAll(async () => {
  c = await startTestCloud({ rules: false })
  // the demo rules plus a capped deduction that is not a veto item (机动项目: 不按时清理门前雪 −10, cap 30 a month)
  await adoptDemoRules(c, QJ.village, [...DEMO_RULES, { id: 'snow', name: '不按时清理门前积雪', category: 'flexible', classes: ['party', 'masses', 'grid_worker'], points: -10, unit: '次', cap: 30, capCycle: 'month', evidenceRequired: false, activeFrom: null, activeTo: null, vetoEffect: 'none' }])
})
afterAll(() => c.stop())

async function post(household: string, itemId: string, quantity: number, occurredOn: string, now: Date) {
  const r = await c.ok(QJ.gridWorkerEast, 'points', 'recordClaims', { villageId: QJ.village, ruleItemId: itemId, quantity, occurredOn, entries: [{ householdId: household }] }, { now })
  await toAssembly(c, r.claimIds, now)
  await approveAssembly(c, r.claimIds, now)
  const t = await c.timer(new Date(now.getTime() + 6 * 86400000))
  if (!t.ok) throw new Error(JSON.stringify(t))
  return r.claimIds[0] as string
}

const sum = (h: string) => c.dump('ledger_entries').filter((e) => e.householdId === h).reduce((s, e) => s + e.amount, 0)

// Issue 7 (item 6): this test asserted the old clamping (the deduction cut to what the balance held). A
// deduction now counts in full against earned points; only the balance stops at zero, and the ledger
// records the part it could not take.
it('a capped deduction counts in full against earned points; the balance never goes below zero, the rest is recorded', async () => {
  const now = new Date('2026-11-24T02:00:00Z')
  await post('h-qj-08', 'greening', 1, '2026-11-20', now) // +5
  const id = await post('h-qj-08', 'snow', 2, '2026-11-21', now) // −20, but only 5 to take
  const p = c.dump('household_points').find((x) => x._id === 'h-qj-08')
  expect(p.balance).toBe(0)
  expect(sum('h-qj-08')).toBe(0)
  expect(c.dump('claims').find((x) => x._id === id).postedAmount).toBe(-20)
  expect(p.earned['2026-11']).toBe(-15)
  expect(c.dump('ledger_entries').find((e) => e.claimId === id)).toMatchObject({ amount: -5, earnedAmount: -20, notTaken: -15, balanceAfter: 0 })
  expect(c.dump('ledger_entries').every((e) => e.balanceAfter >= 0)).toBe(true)
})

it('the 2026 ranking still lists 2026 points after a household has earned in 2027, and a late-posted December claim counts to 2026', async () => {
  const dec = new Date('2026-12-10T02:00:00Z')
  await post('h-qj-06', 'goodman', 5, '2026-12-08', dec) // 100 in 2026, posted 2026-12-16
  await post('h-qj-07', 'goodman', 3, '2026-12-08', dec) // 60 in 2026
  // a claim for 2026-12-30, posted on 2027-01-05
  const late = new Date('2026-12-30T02:00:00Z')
  await post('h-qj-07', 'goodman', 3, '2026-12-30', late) // +60 → 120 in 2026
  // 2027: 额尔敦's household earns again
  const jan = new Date('2027-01-10T02:00:00Z')
  await post('h-qj-06', 'greening', 1, '2027-01-09', jan)

  const after = new Date('2027-01-20T02:00:00Z')
  const r2026 = await c.ok(QJ.villager, 'points', 'ranking', { year: '2026' }, { now: after })
  expect(r2026.year).toBe('2026')
  expect(r2026.items.map((i: any) => [i.householdMasked, i.points, i.rank])).toEqual([
    ['王*荣家', 120, 1],
    ['额*敦家', 100, 2],
    ['那*家', -15, 3] // +5 then −20 (counted in full): in the year's list, below zero
  ])
  const r2027 = await c.ok(QJ.villager, 'points', 'ranking', {}, { now: after })
  expect(r2027.year).toBe('2027')
  expect(r2027.items.map((i: any) => [i.householdMasked, i.points, i.mine])).toEqual([['额*敦家', 5, true]])
  // the year summary agrees
  const y = await c.ok(QJ.committee[0], 'points', 'yearSummary', { villageId: QJ.village, year: '2026' }, { now: after })
  expect(y.households.find((h: any) => h.householdId === 'h-qj-07').points).toBe(120)
  expect(y.households.find((h: any) => h.householdId === 'h-qj-06').points).toBe(100)
})
