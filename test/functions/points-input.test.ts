/**
 * 积分制: realistic bad input for every action of the points function → INPUT.INVALID with a Chinese message,
 * and nothing written. Callers are people who could do the action with good input.
 */
import { contract } from '../../types/contract'
import { DEMO_RULES } from '../../emulator/seed/rules'
import { QJ, at, record, startTestCloud, toAssembly, type TestCloud } from '../fixtures/cloud'

let c: TestCloud
let claimId: string
let assemblyClaim: string
let activityId: string
let ruleSetId: string

const WRITTEN = ['rule_sets', 'village_settings', 'claims', 'audit_entries', 'assemblies', 'objections', 'ledger_entries', 'household_points', 'cap_counters', 'activities', 'checkins', 'requests', 'exports']
const snapshot = () => Object.fromEntries(WRITTEN.map((n) => [n, JSON.stringify(c.dump(n))]))

beforeAll(async () => {
  c = await startTestCloud()
  ;[claimId] = await record(c, ['h-qj-06'])
  ;[assemblyClaim] = await record(c, ['h-qj-07'])
  await toAssembly(c, [assemblyClaim])
  activityId = (await c.ok(QJ.gridWorkerEast, 'points', 'createActivity', { villageId: QJ.village, title: '清扫', ruleItemId: 'greening', startsAt: at(-0.01).toISOString(), endsAt: at(0.1).toISOString() })).activityId
  ruleSetId = (await c.ok(QJ.committee[0], 'points', 'saveDraftRules', { villageId: QJ.village, title: '草案', items: DEMO_RULES })).ruleSetId
})
afterAll(() => c.stop())

const recordBase = { villageId: QJ.village, ruleItemId: 'greening', quantity: 1, occurredOn: '2026-11-20', entries: [{ householdId: 'h-qj-06' }] }
const settingsBase = { villageId: QJ.village, rankingEnabled: true, noticeDays: 5, honours: [{ name: '文明户', minPoints: 100 }], credit: { excellent: 200, good: 120 }, priorityTopN: 10 }
const assemblyBase = { villageId: QJ.village, title: '大会', meetingDate: '2026-11-24', membersTotal: 12, present: 10, votesFor: 10, votesAgainst: 0, votesAbstain: 0, claimIds: ['x'] }
const manyHouseholds = Array.from({ length: 101 }, (_, i) => ({ householdId: `h-${i}` }))

type Case = [action: string, who: string, data: unknown, label: string]
const CASES: Case[] = [
  ['getRules', QJ.villager, { villageId: '' }, 'empty village id'],
  ['saveDraftRules', QJ.committee[0], { villageId: QJ.village, title: '新标准', items: [{ ...DEMO_RULES[0], points: 0 }] }, 'an item worth 0 points'],
  ['saveDraftRules', QJ.committee[0], { villageId: QJ.village, title: '新标准', items: [DEMO_RULES[0], DEMO_RULES[0]] }, 'duplicate item ids'],
  ['saveDraftRules', QJ.committee[0], { villageId: QJ.village, title: '新标准', items: [] }, 'no items'],
  ['saveDraftRules', QJ.committee[0], { villageId: QJ.village, title: '新标准', items: [{ ...DEMO_RULES[0], activeFrom: '2026-06-01', activeTo: '2026-05-01' }] }, 'active period ends before it starts'],
  ['saveDraftRules', QJ.committee[0], { villageId: QJ.village, title: '新标准', items: [{ ...DEMO_RULES[0], vetoEffect: 'zero_quarter' }] }, 'a veto effect on a basic item'],
  ['adoptRules', QJ.committee[2], { ruleSetId: 'x', adoptedOn: '2026/08/15' }, 'a date with slashes'],
  ['getSettings', QJ.committee[0], { villageId: 123 }, 'a number as village id'],
  ['saveSettings', QJ.committee[0], { ...settingsBase, noticeDays: 0 }, 'a notice period of 0 days'],
  ['saveSettings', QJ.committee[0], { ...settingsBase, credit: { excellent: 100, good: 150 } }, '良好 above 优秀'],
  ['recordClaims', QJ.gridWorkerEast, { ...recordBase, entries: [] }, 'no households'],
  ['recordClaims', QJ.gridWorkerEast, { ...recordBase, entries: manyHouseholds }, '101 households'],
  ['recordClaims', QJ.gridWorkerEast, { ...recordBase, quantity: 0 }, 'quantity 0'],
  ['recordClaims', QJ.gridWorkerEast, { ...recordBase, quantity: 2.5 }, 'a fractional quantity'],
  ['recordClaims', QJ.gridWorkerEast, { ...recordBase, quantity: '1' }, 'quantity as a string'],
  ['recordClaims', QJ.gridWorkerEast, { ...recordBase, occurredOn: '20.11.2026' }, 'a date in the wrong format'],
  ['recordClaims', QJ.gridWorkerEast, { ...recordBase, entries: [{ householdId: 'h-qj-06' }, { householdId: 'h-qj-06' }] }, 'the same household twice'],
  ['recordClaims', QJ.gridWorkerEast, { ...recordBase, photos: Array(10).fill('cloud://x/p.jpg') }, '10 photos'],
  ['resubmitClaim', QJ.gridWorkerEast, { claimId: 'c', quantity: -1 }, 'a negative quantity'],
  ['myClaims', QJ.villager, { limit: 1000 }, 'a page of 1000'],
  ['recordedByMe', QJ.gridWorkerEast, { villageId: QJ.village, state: 'approved' }, 'an unknown state'],
  ['claimDetail', QJ.villager, {}, 'no claim id'],
  ['reviewQueue', QJ.leader, { villageId: QJ.village, step: 'third' }, 'an unknown step'],
  ['review', QJ.leader, { claimId: 'c', step: 'first', decision: 'maybe' }, 'an unknown decision'],
  ['review', QJ.leader, { claimId: 'c', step: 'first', decision: 'reject', reason: 'x'.repeat(201) }, 'a 201-character reason'],
  ['reviewMany', QJ.leader, { claimIds: [], step: 'first', decision: 'approve' }, 'no claims'],
  ['reviewMany', QJ.leader, { claimIds: ['a'], step: 'first', decision: 'send_back', reason: '退回' }, 'send back in bulk'],
  ['decideAssembly', QJ.committee[2], { ...assemblyBase, votesFor: -1 }, 'negative votes'],
  ['decideAssembly', QJ.committee[2], { ...assemblyBase, claimIds: Array.from({ length: 201 }, (_, i) => `c${i}`) }, '201 claims'],
  ['decideAssembly', QJ.committee[2], { ...assemblyBase, meetingDate: '昨天' }, 'a meeting date in words'],
  ['publicity', QJ.villager, {}, 'no village'],
  ['decideAssembly', QJ.committee[2], { ...assemblyBase, present: 0 }, 'nobody present'],
  ['decideAssembly', QJ.committee[2], { ...assemblyBase, body: 'everyone' }, 'an unknown body'],
  ['assemblies', QJ.committee[0], { villageId: '' }, 'an empty village id'],
  ['raiseObjection', QJ.villager, { claimId: 'c', reason: '不' }, 'a one-character reason'],
  ['postDue', QJ.committee[0], { villageId: '' }, 'an empty village id'],
  ['proposeCorrection', QJ.committee[0], { householdId: 'h-qj-06', amount: 0, reason: '调整' }, 'a zero correction'],
  ['proposeCorrection', QJ.committee[0], { householdId: 'h-qj-06', amount: 20000, reason: '调整' }, 'an out-of-range correction'],
  ['proposeCorrection', QJ.committee[0], { householdId: 'h-qj-06', amount: 10, reason: '' }, 'no reason'],
  ['balance', QJ.villager, { householdId: 42 }, 'a number as household id'],
  ['ledger', QJ.villager, { offset: -1 }, 'a negative offset'],
  ['ranking', QJ.villager, { year: '26' }, 'a two-digit year'],
  ['ranking', QJ.villager, { limit: 500 }, 'a limit of 500'],
  ['tally', QJ.committee[0], { villageId: QJ.village, period: '2026-Q5' }, 'a fifth quarter'],
  ['yearSummary', QJ.committee[0], { villageId: QJ.village, year: '2026-Q1' }, 'a quarter for a year'],
  ['exportReport', QJ.committee[0], { villageId: QJ.village, kind: 'pdf', period: '2026' }, 'an unknown report kind'],
  ['createActivity', QJ.gridWorkerEast, { villageId: QJ.village, title: '清扫', ruleItemId: 'greening', startsAt: at(1).toISOString(), endsAt: at(0).toISOString() }, 'ends before it starts'],
  ['createActivity', QJ.gridWorkerEast, { villageId: QJ.village, title: '清扫', ruleItemId: 'greening', startsAt: 'tomorrow 9am', endsAt: at(1).toISOString() }, 'a start time in words'],
  ['createActivity', QJ.gridWorkerEast, { villageId: QJ.village, title: '清扫', ruleItemId: 'greening', startsAt: at(0).toISOString(), endsAt: at(8).toISOString() }, 'an 8-day window'],
  ['listActivities', QJ.villager, { villageId: null }, 'a null village'],
  ['activityCode', QJ.gridWorkerEast, { activityId: '' }, 'an empty activity id'],
  ['checkin', QJ.villager, { activityId: 'a', code: '12345' }, 'a five-digit code'],
  ['myObjections', QJ.villager, { offset: -1, limit: 10 }, 'a negative offset'],
  ['workCounts', QJ.villager, { villageId: 42 }, 'a village id that is a number']
]

it('the cases cover every action of the points contract', () => {
  expect(new Set(CASES.map(([a]) => a))).toEqual(new Set(Object.keys(contract.points)))
})

describe.each(CASES)('points.%s as %s', (action, who, data, label) => {
  it(`rejects ${label} with INPUT.INVALID in Chinese and writes nothing`, async () => {
    const fill = (d: any) => (d && typeof d === 'object' && 'claimId' in d && d.claimId === 'c' ? { ...d, claimId } : d && d.ruleSetId === 'x' ? { ...d, ruleSetId } : d && d.activityId === 'a' ? { ...d, activityId } : d)
    const filled = action === 'decideAssembly' && Array.isArray((data as any).claimIds) && (data as any).claimIds[0] === 'x' ? { ...(data as any), claimIds: [assemblyClaim] } : fill(data)
    const before = snapshot()
    const r = await c.call(who, 'points', action, filled)
    expect(r).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    expect((r as any).error.message).toMatch(/[\u4e00-\u9fa5]/)
    expect(JSON.stringify(r)).not.toMatch(/Expected|Received|ZodError|at \w+ \(/)
    expect(snapshot()).toEqual(before)
  })
})

describe('dates that look right but do not exist', () => {
  it.each([
    ['recordClaims', QJ.gridWorkerEast, () => ({ ...recordBase, occurredOn: '2026-02-30' })],
    ['recordClaims', QJ.gridWorkerEast, () => ({ ...recordBase, occurredOn: '2026-13-01' })],
    ['adoptRules', QJ.committee[2], () => ({ ruleSetId, adoptedOn: '2026-02-29' })],
    ['decideAssembly', QJ.committee[2], () => ({ ...assemblyBase, meetingDate: '2026-11-31', claimIds: [assemblyClaim] })],
    ['saveDraftRules', QJ.committee[0], () => ({ villageId: QJ.village, title: '新标准', items: [{ ...DEMO_RULES[0], activeFrom: '2026-04-31', activeTo: null }] })],
    ['tally', QJ.committee[0], () => ({ villageId: QJ.village, period: '2026-13' })]
  ] as const)('%s refuses an impossible date → INPUT.INVALID, nothing written', async (action, who, data) => {
    const before = snapshot()
    const r = await c.call(who, 'points', action, data())
    expect(r).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    expect((r as any).error.message).toMatch(/[\u4e00-\u9fa5]/)
    expect(snapshot()).toEqual(before)
  })

  it('the claim used above is still where it was', () => {
    expect(c.dump('claims').find((x) => x._id === claimId).state).toBe('first_review')
    expect(c.dump('claims').find((x) => x._id === assemblyClaim).state).toBe('assembly')
  })
})
