/** Scoring (applicability, caps, veto amounts) and the ledger's cached totals. */
import { applyCap, capKey, checkApplicable, claimAmount, vetoAmount } from '../../cloudfunctions/_shared/domain/scoring'
import { applyEntry, deduct, emptyPoints } from '../../cloudfunctions/_shared/domain/ledger'
import { currentPeriods } from '../../cloudfunctions/_shared/domain/china-time'
import type { RuleItem } from '../../cloudfunctions/_shared/data/points-records'

const item = (over: Partial<RuleItem> = {}): RuleItem => ({
  id: 'clean',
  name: '人居环境整治义务劳动',
  category: 'basic',
  classes: ['party', 'masses'],
  points: 10,
  unit: '次',
  cap: 40,
  capCycle: 'month',
  evidenceRequired: true,
  activeFrom: null,
  activeTo: null,
  vetoEffect: 'none',
  ...over
})

describe('checkApplicable', () => {
  it('applies to listed classes only', () => {
    expect(checkApplicable(item(), 'masses', '2026-11-20')).toEqual({ ok: true, value: true })
    expect(checkApplicable(item(), 'grid_worker', '2026-11-20')).toMatchObject({ ok: false, code: 'RULES.CLASS_NOT_APPLICABLE' })
    expect(checkApplicable(item({ classes: ['party'] }), 'masses', '2026-11-20')).toMatchObject({ ok: false, code: 'RULES.CLASS_NOT_APPLICABLE' })
  })
  it('respects the active period, inclusive at both ends', () => {
    const seasonal = item({ activeFrom: '2026-03-01', activeTo: '2026-05-31' })
    expect(checkApplicable(seasonal, 'masses', '2026-02-28')).toMatchObject({ ok: false, code: 'RULES.ITEM_INACTIVE' })
    expect(checkApplicable(seasonal, 'masses', '2026-03-01').ok).toBe(true)
    expect(checkApplicable(seasonal, 'masses', '2026-05-31').ok).toBe(true)
    expect(checkApplicable(seasonal, 'masses', '2026-06-01')).toMatchObject({ ok: false, code: 'RULES.ITEM_INACTIVE' })
    expect(checkApplicable(item({ activeFrom: '2026-03-01' }), 'masses', '2030-01-01').ok).toBe(true)
    expect(checkApplicable(item({ activeTo: '2026-03-01' }), 'masses', '2020-01-01').ok).toBe(true)
  })
  it('class is checked before the period', () => {
    expect(checkApplicable(item({ classes: ['party'], activeTo: '2020-01-01' }), 'masses', '2026-11-20')).toMatchObject({ code: 'RULES.CLASS_NOT_APPLICABLE' })
  })
})

describe('claimAmount and capKey', () => {
  it('points × quantity, signs kept', () => {
    expect(claimAmount({ points: 50 }, 2)).toBe(100)
    expect(claimAmount({ points: -10 }, 3)).toBe(-30)
  })
  it('picks the period of the cap cycle', () => {
    const p = currentPeriods(new Date('2026-11-24T02:00:00Z'))
    expect(capKey('week', p)).toBe('2026-W48')
    expect(capKey('month', p)).toBe('2026-11')
    expect(capKey('quarter', p)).toBe('2026-Q4')
    expect(capKey('year', p)).toBe('2026')
  })
})

describe('applyCap', () => {
  it('posts the whole amount under the cap', () => {
    expect(applyCap(40, 0, 10)).toEqual({ allowed: 10, used: 10 })
    expect(applyCap(40, 30, 10)).toEqual({ allowed: 10, used: 40 })
  })
  it('posts only the room left, then nothing', () => {
    expect(applyCap(40, 35, 10)).toEqual({ allowed: 5, used: 40 })
    expect(applyCap(40, 40, 10)).toEqual({ allowed: 0, used: 40 })
    expect(applyCap(40, 55, 10)).toEqual({ allowed: 0, used: 55 })
  })
  it('caps deductions by magnitude', () => {
    expect(applyCap(30, 20, -20)).toEqual({ allowed: -10, used: 30 })
  })
  it('no cap: everything posts, the counter still counts', () => {
    expect(applyCap(null, 100, 20)).toEqual({ allowed: 20, used: 120 })
  })
  it('fifty +10 postings against a cap of 40 total exactly 40', () => {
    let used = 0
    let total = 0
    for (let i = 0; i < 50; i++) {
      const r = applyCap(40, used, 10)
      used = r.used
      total += r.allowed
    }
    expect(total).toBe(40)
    expect(used).toBe(40)
  })
})

describe('vetoAmount', () => {
  it('none and ineligible_year post the item’s own deduction', () => {
    expect(vetoAmount('none', -10, 50)).toBe(-10)
    expect(vetoAmount('ineligible_year', -20, 50)).toBe(-20)
  })
  it('zero_quarter brings the quarter to exactly zero', () => {
    expect(vetoAmount('zero_quarter', -50, 20)).toBe(-20)
    expect(20 + vetoAmount('zero_quarter', -50, 20)).toBe(0)
    expect(vetoAmount('zero_quarter', -50, 120)).toBe(-120)
  })
  it('zero_quarter on a quarter already at or below zero deducts nothing more', () => {
    expect(vetoAmount('zero_quarter', -50, 0)).toBe(0)
    expect(vetoAmount('zero_quarter', -50, -10)).toBe(0)
  })
  it('counts in full against earned points whatever the balance (the ledger limits only the balance)', () => {
    expect(vetoAmount('none', -10, 0)).toBe(-10)
    expect(vetoAmount('zero_quarter', -50, 80)).toBe(-80) // even when the quarter's points were partly redeemed
    expect(deduct(-80, 30)).toEqual({ taken: -30, notTaken: -50 })
    expect(deduct(-10, -5)).toEqual({ taken: 0, notTaken: -10 })
    expect(deduct(25, 0)).toEqual({ taken: 25, notTaken: 0 })
  })
})

describe('applyEntry', () => {
  const nov = currentPeriods(new Date('2026-11-20T02:00:00Z'))
  const sep = currentPeriods(new Date('2026-09-30T02:00:00Z'))
  it('starts empty', () => {
    expect(emptyPoints()).toEqual({ balance: 0, seq: 0, earned: {}, year: '', yearPoints: 0, ineligibleYears: [] })
  })
  it('moves the balance and the earned totals of every bucket of the period, and counts seq', () => {
    const a = applyEntry(emptyPoints(), 10, nov, '2026')
    expect(a).toEqual({ balance: 10, seq: 1, earned: { '2026': 10, '2026-Q4': 10, '2026-11': 10, '2026-W47': 10 }, year: '2026', yearPoints: 10 })
    const b = applyEntry(a, 5, sep, '2026')
    expect(b.earned).toMatchObject({ '2026': 15, '2026-Q3': 5, '2026-09': 5, '2026-Q4': 10 })
    expect(b).toMatchObject({ balance: 15, seq: 2, yearPoints: 15 })
  })
  it('redemptions (no earned period) move only the balance', () => {
    const a = applyEntry(emptyPoints(), 100, nov, '2026')
    const b = applyEntry(a, -40, null, '2026')
    expect(b.balance).toBe(60)
    expect(b.earned).toEqual(a.earned)
    expect(b.yearPoints).toBe(100)
  })
  it('a deduction beyond the balance: earned falls in full, the balance only by what it held', () => {
    const a = applyEntry(emptyPoints(), 30, nov, '2026')
    const { taken } = deduct(-50, a.balance)
    const b = applyEntry(a, taken, nov, '2026', -50)
    expect(b).toMatchObject({ balance: 0, yearPoints: -20 })
    expect(b.earned['2026-Q4']).toBe(-20)
  })
  it('does not mutate its input', () => {
    const a = applyEntry(emptyPoints(), 10, nov, '2026')
    const copy = JSON.parse(JSON.stringify(a))
    applyEntry(a, 7, nov, '2026')
    expect(a).toEqual(copy)
  })
  it('yearPoints follows the current year (points earned last year do not count this year)', () => {
    const a = applyEntry(emptyPoints(), 30, currentPeriods(new Date('2025-12-20T02:00:00Z')), '2025')
    const b = applyEntry(a, 10, currentPeriods(new Date('2026-01-05T02:00:00Z')), '2026')
    expect(b).toMatchObject({ year: '2026', yearPoints: 10, balance: 40 })
  })
  it('the balance is the sum of amounts after any sequence', () => {
    const amounts = [10, 50, -10, 5, -20, 40, -40, 3]
    let p = { ...emptyPoints() }
    for (const a of amounts) p = { ...p, ...applyEntry(p, a, a > 0 ? nov : null, '2026') }
    expect(p.balance).toBe(amounts.reduce((s, a) => s + a, 0))
    expect(p.seq).toBe(amounts.length)
  })
})

describe('no negative zero in ledger amounts', () => {
  it('a fully capped deduction and an empty-quarter veto are plain 0', () => {
    expect(Object.is(applyCap(30, 30, -20).allowed, 0)).toBe(true)
    expect(Object.is(vetoAmount('zero_quarter', -50, 0), 0)).toBe(true)
  })
})
