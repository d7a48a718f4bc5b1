import { compareResults, computeResult, inNightPause, limitsOf, phaseOf, villageApproved, voterKeyOf, voterRefusal } from '../../cloudfunctions/_shared/domain/vote'

const W = { votes: 30, performance: 40, overall: 30 }
const AWARDS = [{ label: '一等奖', count: 1 }, { label: '二等奖', count: 1 }]
const cats = [{ key: 'v', label: '村' }, { key: 't', label: '镇' }]
const entries = [
  { id: 'a', category: 'v', title: 'A', orgName: 'A村', ownerName: '甲' },
  { id: 'b', category: 'v', title: 'B', orgName: 'B村', ownerName: '乙' },
  { id: 'c', category: 't', title: 'C', orgName: 'C镇', ownerName: '丙' }
]
const at = new Date('2026-11-24T02:00:00Z')

describe('weighted result', () => {
  it('normalises votes within the category to its top count, capped at the vote weight, and averages judges', () => {
    const t = computeResult(cats, W, AWARDS, entries, new Map([['a', 200], ['b', 50], ['c', 3]]), [
      { entryId: 'a', performance: 60, overall: 60 },
      { entryId: 'b', performance: 100, overall: 100 },
      { entryId: 'b', performance: 90, overall: 80 }
    ], at)
    const v = t.categories[0]
    expect(v.topVotes).toBe(200)
    expect(v.rows.map((r) => [r.entryId, r.voteScore, r.performance, r.overall, r.total, r.rank, r.award])).toEqual([
      ['b', 7.5, 95, 90, 7.5 + 38 + 27, 1, '一等奖'],
      ['a', 30, 60, 60, 30 + 24 + 18, 2, '二等奖']
    ])
    // A small category: its own top is 3, so 3 votes weigh as much as 200 elsewhere.
    expect(t.categories[1].rows[0]).toMatchObject({ votes: 3, voteScore: 30, performance: null, total: 30 })
    // Votes never decide alone: the most-voted entry lost to judges' scores.
    expect(v.rows[0].votes).toBeLessThan(v.rows[1].votes)
  })

  it('gives equal totals the same rank, no award without any score, and recomputes identically', () => {
    const votes = new Map([['a', 10], ['b', 10]])
    const t1 = computeResult(cats, W, AWARDS, entries, votes, [], at)
    expect(t1.categories[0].rows.map((r) => r.rank)).toEqual([1, 1])
    expect(t1.categories[1].rows[0]).toMatchObject({ total: 0, award: null })
    const t2 = computeResult(cats, W, AWARDS, entries, new Map(votes), [], new Date())
    expect(compareResults(t1, t2)).toEqual([])
    const t3 = computeResult(cats, W, AWARDS, entries, new Map([['a', 10], ['b', 9]]), [], at)
    expect(compareResults(t1, t3).join()).toContain('votes 10 ≠ 9')
  })
})

describe('rules', () => {
  const base = {
    kind: 'showcase' as const,
    submitOpens: new Date('2026-11-01T00:00:00Z'),
    submitCloses: new Date('2026-11-20T00:00:00Z'),
    voteOpens: new Date('2026-11-21T00:00:00Z'),
    voteCloses: new Date('2026-12-31T00:00:00Z'),
    judgingClosed: false,
    published: false,
    rules: { perDay: 3, perEntryPerDay: 1, cooldownDays: 3, nightPause: { start: '23:00', end: '06:00' }, burstPerMinute: 10 },
    electorate: { orgId: 'town', partyOnly: false, mode: 'members', representativeIds: [] as string[] }
  }
  const voter = { memberId: 'm', householdId: 'h', orgPath: ['city', 'town', 'v1'], villageId: 'v1', party: false, boundAt: new Date('2026-01-01T00:00:00Z') }

  it('phases follow the windows and the flags', () => {
    expect(phaseOf(base, new Date('2026-10-01T00:00:00Z'))).toBe('upcoming')
    expect(phaseOf(base, new Date('2026-11-10T00:00:00Z'))).toBe('submitting')
    expect(phaseOf(base, at)).toBe('voting')
    expect(phaseOf(base, new Date('2027-01-05T00:00:00Z'))).toBe('judging')
    expect(phaseOf({ ...base, judgingClosed: true }, at)).toBe('closed')
    expect(phaseOf({ ...base, published: true }, at)).toBe('published')
    expect(phaseOf({ ...base, kind: 'village' }, new Date('2027-01-05T00:00:00Z'))).toBe('closed')
  })

  it('night pause wraps midnight in China time', () => {
    const p = { start: '23:00', end: '06:00' }
    expect(inNightPause(p, new Date('2026-11-24T15:30:00Z'))).toBe(true) // 23:30
    expect(inNightPause(p, new Date('2026-11-24T21:59:00Z'))).toBe(true) // 05:59
    expect(inNightPause(p, new Date('2026-11-24T22:00:00Z'))).toBe(false) // 06:00
    expect(inNightPause({ start: '12:00', end: '13:00' }, new Date('2026-11-24T04:30:00Z'))).toBe(true) // 12:30
    expect(inNightPause(null, new Date('2026-11-24T15:30:00Z'))).toBe(false)
  })

  it('refuses by electorate, party, representatives, window, pause and cooldown, in that order', () => {
    expect(voterRefusal(base, voter, at)).toBeNull()
    expect(voterRefusal(base, { ...voter, orgPath: ['city', 'other'], villageId: 'v9' }, at)?.code).toBe('VOTE.NOT_ELECTORATE')
    expect(voterRefusal({ ...base, electorate: { ...base.electorate, partyOnly: true } }, voter, at)?.message).toContain('党员')
    expect(voterRefusal({ ...base, electorate: { ...base.electorate, mode: 'representatives', representativeIds: ['x'] } }, voter, at)?.message).toContain('村民代表')
    expect(voterRefusal(base, voter, new Date('2026-11-20T12:00:00Z'))?.code).toBe('VOTE.OUTSIDE_WINDOW')
    expect(voterRefusal(base, voter, new Date('2026-11-24T16:00:00Z'))?.code).toBe('VOTE.NIGHT_PAUSE')
    const fresh = voterRefusal(base, { ...voter, boundAt: new Date('2026-11-23T02:00:00Z') }, at)
    expect(fresh?.code).toBe('VOTE.COOLDOWN')
    expect(fresh?.message).toContain('11月26日 10:00')
  })

  it('household mode counts per household; the village vote allows one ballot per nominee; approval is a majority', () => {
    expect(voterKeyOf('household', { memberId: 'm', householdId: 'h' })).toBe('h')
    expect(voterKeyOf('members', { memberId: 'm', householdId: 'h' })).toBe('m')
    expect(limitsOf('village', base.rules)).toEqual({ perDay: 100000, perEntry: 1 })
    expect(limitsOf('showcase', base.rules)).toEqual({ perDay: 3, perEntry: 1 })
    expect(villageApproved(3, 2)).toBe(true)
    expect(villageApproved(2, 2)).toBe(false)
    expect(villageApproved(0, 0)).toBe(false)
  })
})
