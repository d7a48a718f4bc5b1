/** China-time periods, rotating check-in codes, the audit hash chain and 三挂钩 — pure domain. */
import { addDays, currentPeriods, dayStart, formatCst, isCalendarDay, isPeriodKey, periodRange } from '../../cloudfunctions/_shared/domain/china-time'
import { codeFor, slotEnds, slotOf, verifyCode } from '../../cloudfunctions/_shared/domain/checkin-code'
import { canonical, chainHash, GENESIS_HASH, verifyChain, type ChainedFields } from '../../cloudfunctions/_shared/domain/hash-chain'
import { creditGrade, honourFor, priorityList, rankRows } from '../../cloudfunctions/_shared/domain/honours-and-credit'

describe('china-time: period keys', () => {
  it('2026-09-30T16:30Z is 2026-10-01 00:30 in China → Q4', () => {
    expect(currentPeriods(new Date('2026-09-30T16:30:00Z'))).toEqual({ year: '2026', quarter: '2026-Q4', month: '2026-10', week: '2026-W40', day: '2026-10-01' })
  })
  it('2026-09-30T15:59:59Z is still 2026-09-30 in China → Q3', () => {
    expect(currentPeriods(new Date('2026-09-30T15:59:59.999Z'))).toMatchObject({ quarter: '2026-Q3', month: '2026-09', day: '2026-09-30' })
  })
  it('new year in China comes 8 hours before UTC’s', () => {
    expect(currentPeriods(new Date('2026-12-31T16:00:00Z'))).toMatchObject({ year: '2027', quarter: '2027-Q1', month: '2027-01', day: '2027-01-01' })
    expect(currentPeriods(new Date('2026-12-31T15:59:59Z'))).toMatchObject({ year: '2026', quarter: '2026-Q4', day: '2026-12-31' })
  })
  it.each([
    ['2026-01-01T04:00:00Z', '2026-W01'], // Thu 1 Jan 2026
    ['2027-01-01T04:00:00Z', '2026-W53'], // Fri 1 Jan 2027 belongs to 2026's week 53
    ['2027-01-03T04:00:00Z', '2026-W53'], // Sun
    ['2027-01-04T04:00:00Z', '2027-W01'], // Mon
    ['2024-12-30T04:00:00Z', '2025-W01'], // Mon 30 Dec 2024 is in 2025-W01
    ['2021-01-03T04:00:00Z', '2020-W53'],
    ['2026-11-24T02:00:00Z', '2026-W48']
  ])('ISO week-year of %s is %s', (iso, week) => {
    expect(currentPeriods(new Date(iso)).week).toBe(week)
  })
  it('the ISO week boundary is Monday 00:00 China time (Sunday 16:00 UTC)', () => {
    expect(currentPeriods(new Date('2026-11-22T15:59:59Z')).week).toBe('2026-W47')
    expect(currentPeriods(new Date('2026-11-22T16:00:00Z')).week).toBe('2026-W48')
  })
  it.each([
    ['2026-03-31T15:00:00Z', '2026-Q1'],
    ['2026-03-31T16:00:00Z', '2026-Q2'],
    ['2026-06-30T16:00:00Z', '2026-Q3'],
    ['2026-12-15T00:00:00Z', '2026-Q4']
  ])('%s falls in %s', (iso, q) => {
    expect(currentPeriods(new Date(iso)).quarter).toBe(q)
  })
})

describe('china-time: ranges and days', () => {
  it.each([
    ['2026', '2025-12-31T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
    ['2026-Q3', '2026-06-30T16:00:00.000Z', '2026-09-30T16:00:00.000Z'],
    ['2026-Q4', '2026-09-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
    ['2026-02', '2026-01-31T16:00:00.000Z', '2026-02-28T16:00:00.000Z'],
    ['2026-12', '2026-11-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
    ['2026-09-30', '2026-09-29T16:00:00.000Z', '2026-09-30T16:00:00.000Z']
  ])('periodRange(%s) = [%s, %s)', (key, start, end) => {
    const r = periodRange(key)
    expect(r.start.toISOString()).toBe(start)
    expect(r.end.toISOString()).toBe(end)
  })
  it('the range’s start is in the period and its end is in the next', () => {
    for (const key of ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']) {
      const r = periodRange(key)
      expect(currentPeriods(r.start).quarter).toBe(key)
      expect(currentPeriods(new Date(r.end.getTime() - 1)).quarter).toBe(key)
      expect(currentPeriods(r.end).quarter).not.toBe(key)
    }
  })
  it('rejects a bad key', () => {
    expect(() => periodRange('2026-W48')).toThrow()
    expect(() => periodRange('Q4')).toThrow()
  })
  it('dayStart gives China midnight; a China day maps back to itself', () => {
    expect(dayStart('2026-09-30').toISOString()).toBe('2026-09-29T16:00:00.000Z')
    expect(currentPeriods(dayStart('2026-09-30'))).toMatchObject({ day: '2026-09-30', quarter: '2026-Q3' })
    expect(currentPeriods(dayStart('2027-01-01'))).toMatchObject({ year: '2027', week: '2026-W53' })
  })
  it('formats and adds days in China time', () => {
    expect(formatCst(new Date('2026-11-24T17:05:00Z'))).toBe('2026-11-25 01:05')
    expect(formatCst(new Date('2026-11-24T17:05:09Z'), 'YYYYMMDDHHmmss')).toBe('20261125010509')
    expect(addDays(new Date('2026-11-24T02:00:00Z'), 5).toISOString()).toBe('2026-11-29T02:00:00.000Z')
  })
  it.each([
    ['2026-02-28', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-1-1', false],
    ['2026/01/01', false]
  ])('isCalendarDay(%s) = %p', (d, ok) => {
    expect(isCalendarDay(d)).toBe(ok)
  })
  it.each([
    ['2026', true],
    ['2026-Q4', true],
    ['2026-11', true],
    ['2026-12', true],
    ['2026-13', false],
    ['2026-00', false],
    ['2026-Q5', false],
    ['2026-W48', false]
  ])('isPeriodKey(%s) = %p', (k, ok) => {
    expect(isPeriodKey(k)).toBe(ok)
  })
})

describe('check-in codes', () => {
  const secret = 'a3f1c2d4e5f60718293a4b5c6d7e8f90'
  const now = new Date('2026-11-24T02:00:10Z')
  it('six digits, deterministic per secret and slot, different across slots and secrets', () => {
    const slot = slotOf(now, 30)
    const code = codeFor(secret, slot)
    expect(code).toMatch(/^\d{6}$/)
    expect(codeFor(secret, slot)).toBe(code)
    const next = Array.from({ length: 20 }, (_, i) => codeFor(secret, slot + 1 + i))
    expect(new Set([code, ...next]).size).toBeGreaterThan(15)
    expect(codeFor('another-secret', slot)).not.toBe(code)
  })
  it('slots are 30-second windows aligned to the epoch', () => {
    expect(slotOf(new Date('2026-11-24T02:00:00Z'), 30)).toBe(slotOf(new Date('2026-11-24T02:00:29.999Z'), 30))
    expect(slotOf(new Date('2026-11-24T02:00:30Z'), 30)).toBe(slotOf(new Date('2026-11-24T02:00:00Z'), 30) + 1)
    expect(slotEnds(now, 30).toISOString()).toBe('2026-11-24T02:00:30.000Z')
  })
  it('accepts the current and the previous slot, rejects older and future ones', () => {
    const slot = slotOf(now, 30)
    expect(verifyCode(secret, codeFor(secret, slot), now, 30)).toBe(true)
    expect(verifyCode(secret, codeFor(secret, slot - 1), now, 30)).toBe(true)
    const current = codeFor(secret, slot)
    const previous = codeFor(secret, slot - 1)
    // pick slots whose codes differ from both accepted ones (collisions are one in a million)
    const older = [2, 3, 4].map((k) => codeFor(secret, slot - k)).find((x) => x !== current && x !== previous) as string
    const future = [1, 2, 3].map((k) => codeFor(secret, slot + k)).find((x) => x !== current && x !== previous) as string
    expect(verifyCode(secret, older, now, 30)).toBe(false)
    expect(verifyCode(secret, future, now, 30)).toBe(false)
    expect(verifyCode('other', current, now, 30)).toBe(codeFor('other', slot) === current || codeFor('other', slot - 1) === current)
  })
  it('a code shown at the venue stops working one rotation later', () => {
    const shown = codeFor(secret, slotOf(now, 30))
    expect(verifyCode(secret, shown, new Date(now.getTime() + 30000), 30)).toBe(true)
    const later = new Date(now.getTime() + 60000)
    const laterSlot = slotOf(later, 30)
    if (shown !== codeFor(secret, laterSlot) && shown !== codeFor(secret, laterSlot - 1)) expect(verifyCode(secret, shown, later, 30)).toBe(false)
    expect(verifyCode(secret, '12345', now, 30)).toBe(false)
  })
})

describe('hash chain', () => {
  const at = new Date('2026-11-24T02:00:00Z')
  const steps: Array<Omit<ChainedFields, 'claimId' | 'seq'>> = [
    { at, by: 'm-gaowa', action: 'record', from: null, to: 'first_review', reason: null },
    { at, by: 'm-wuyun', action: 'first_approve', from: 'first_review', to: 'second_review', reason: null },
    { at, by: 'm-qiqige', action: 'second_send_back', from: 'second_review', to: 'returned', reason: '照片不清' }
  ]
  const build = () => {
    let prev = GENESIS_HASH
    return steps.map((s, i) => {
      const f = { claimId: 'c1', seq: i + 1, ...s }
      const hash = chainHash(prev, f)
      const e = { ...f, prevHash: prev, hash }
      prev = hash
      return e
    })
  }

  it('a well-formed chain verifies against the claim’s last hash', () => {
    const es = build()
    expect(verifyChain(es, es.at(-1)!.hash)).toEqual({ ok: true, brokenAt: null })
    expect(verifyChain([], GENESIS_HASH)).toEqual({ ok: true, brokenAt: null })
  })
  it('the canonical form is stable whether time is a Date or an ISO string', () => {
    const f = { claimId: 'c1', seq: 1, ...steps[0] }
    expect(canonical(f)).toBe(canonical({ ...f, at: at.toISOString() }))
    expect(chainHash(GENESIS_HASH, f)).toMatch(/^[0-9a-f]{64}$/)
    expect(chainHash(GENESIS_HASH, f)).not.toBe(chainHash('1'.repeat(64), f))
  })
  it.each([
    ['reason', (e: any) => ({ ...e, reason: '改过的理由' })],
    ['by', (e: any) => ({ ...e, by: 'm-someone' })],
    ['to', (e: any) => ({ ...e, to: 'rejected' })],
    ['at', (e: any) => ({ ...e, at: new Date(at.getTime() + 1000) })],
    ['action', (e: any) => ({ ...e, action: 'first_reject' })]
  ])('tampering with %s breaks the chain at that entry', (_f, edit) => {
    const es = build()
    const last = es.at(-1)!.hash
    es[1] = edit(es[1])
    expect(verifyChain(es, last)).toEqual({ ok: false, brokenAt: 2 })
  })
  it('re-hashing a tampered entry breaks the link to the next one', () => {
    const es = build()
    const last = es.at(-1)!.hash
    const edited = { ...es[0], reason: '补记' }
    es[0] = { ...edited, hash: chainHash(GENESIS_HASH, edited) }
    expect(verifyChain(es, last)).toEqual({ ok: false, brokenAt: 2 })
  })
  it('dropping, reordering or truncating entries is detected', () => {
    const es = build()
    const last = es.at(-1)!.hash
    expect(verifyChain([es[0], es[2]], last).ok).toBe(false)
    expect(verifyChain([es[1], es[0], es[2]], last).ok).toBe(false)
    expect(verifyChain(es.slice(0, 2), last)).toEqual({ ok: false, brokenAt: 3 })
  })
})

describe('三挂钩', () => {
  const tiers = [
    { name: '三星级文明户', minPoints: 180 },
    { name: '五星级文明户', minPoints: 300 },
    { name: '四星级文明户', minPoints: 240 }
  ]
  it.each([
    [300, '五星级文明户'],
    [299, '四星级文明户'],
    [240, '四星级文明户'],
    [180, '三星级文明户'],
    [179, null],
    [0, null]
  ])('%i points → honour %p (thresholds in any order)', (p, h) => {
    expect(honourFor(p, tiers, true)).toBe(h)
  })
  it('no honour for a household that is not eligible, however many points', () => {
    expect(honourFor(1000, tiers, false)).toBeNull()
    expect(honourFor(1000, [], true)).toBeNull()
  })
  it.each([
    [200, '优秀'],
    [250, '优秀'],
    [199, '良好'],
    [120, '良好'],
    [119, '一般'],
    [-5, '一般']
  ])('%i points → credit %s', (p, g) => {
    expect(creditGrade(p, { excellent: 200, good: 120 })).toBe(g)
  })
  it('priority list: eligible households with points, ties share a rank, ties at the cut-off are all in', () => {
    const rows = [
      { code: 'QJ-003', points: 120, eligible: true },
      { code: 'QJ-001', points: 200, eligible: true },
      { code: 'QJ-002', points: 120, eligible: true },
      { code: 'QJ-004', points: 500, eligible: false },
      { code: 'QJ-005', points: 0, eligible: true },
      { code: 'QJ-006', points: 90, eligible: true }
    ]
    expect(priorityList(rows, 10).map((r) => [r.code, r.rank])).toEqual([['QJ-001', 1], ['QJ-002', 2], ['QJ-003', 2], ['QJ-006', 4]])
    expect(priorityList(rows, 2).map((r) => r.code)).toEqual(['QJ-001', 'QJ-002', 'QJ-003'])
    expect(priorityList(rows, 1).map((r) => r.code)).toEqual(['QJ-001'])
    expect(priorityList([], 5)).toEqual([])
  })
  it('ranking rows: equal points share a rank, the next rank skips', () => {
    expect(rankRows([{ points: 50 }, { points: 40 }, { points: 40 }, { points: 10 }]).map((r) => r.rank)).toEqual([1, 2, 2, 4])
    expect(rankRows([])).toEqual([])
  })
})
