/** The audit chain as a pure state machine: every transition and every refusal. */
import { assemblyDecision, assemblyOutcome, canPost, objection, review, SECOND_REVIEW_QUORUM, STEP_STATE, type ReviewInput } from '../../cloudfunctions/_shared/domain/audit'
import type { Approval, ClaimState } from '../../cloudfunctions/_shared/data/points-records'

const T = new Date('2026-11-24T02:00:00Z')
const ap = (step: Approval['step'], by: string, round = 1): Approval => ({ step, by, byName: by, at: T, round })
const input = (over: Partial<ReviewInput> = {}): ReviewInput => ({
  state: 'first_review',
  round: 1,
  approvals: [],
  claimHouseholdId: 'h-claim',
  step: 'first',
  decision: 'approve',
  reason: undefined,
  reviewerId: 'm-rev',
  reviewerHouseholdId: 'h-rev',
  ...over
})

describe('review: approvals move the claim along the chain', () => {
  it('first approve → second_review with an approval for this round', () => {
    expect(review(input())).toEqual({ ok: true, value: { to: 'second_review', approval: { step: 'first', by: 'm-rev', round: 1 } } })
  })

  it('the first second-review approval keeps the claim at second_review; the second distinct one moves it to assembly', () => {
    const one = review(input({ state: 'second_review', step: 'second', approvals: [ap('first', 'm-lead')] }))
    expect(one).toEqual({ ok: true, value: { to: 'second_review', approval: { step: 'second', by: 'm-rev', round: 1 } } })
    const two = review(input({ state: 'second_review', step: 'second', approvals: [ap('first', 'm-lead'), ap('second', 'm-a')] }))
    expect(two).toMatchObject({ ok: true, value: { to: 'assembly' } })
    expect(SECOND_REVIEW_QUORUM).toBe(2)
  })

  it('second-review approvals from an earlier round do not count toward the quorum', () => {
    const r = review(input({ state: 'second_review', step: 'second', round: 2, approvals: [ap('first', 'm-lead', 2), ap('second', 'm-a', 1), ap('second', 'm-b', 1)] }))
    expect(r).toMatchObject({ ok: true, value: { to: 'second_review' } })
  })

  it('maps steps to the states they act on', () => {
    expect(STEP_STATE).toEqual({ first: 'first_review', second: 'second_review', assembly: 'assembly' })
  })
})

describe('review: reject and send back', () => {
  it.each([
    ['first', 'first_review', 'reject', 'rejected'],
    ['first', 'first_review', 'send_back', 'returned'],
    ['second', 'second_review', 'reject', 'rejected'],
    ['second', 'second_review', 'send_back', 'returned']
  ] as const)('%s step %s with %s → %s, no approval recorded', (step, state, decision, to) => {
    const approvals = step === 'second' ? [ap('first', 'm-lead')] : []
    expect(review(input({ step, state, decision, reason: '照片不清楚', approvals }))).toEqual({ ok: true, value: { to, approval: null } })
  })

  it.each([undefined, null, '', ' ', ' 好 '])('reason %p is not enough → AUDIT.REASON_REQUIRED', (reason) => {
    expect(review(input({ decision: 'reject', reason }))).toMatchObject({ ok: false, code: 'AUDIT.REASON_REQUIRED' })
    expect(review(input({ decision: 'send_back', reason }))).toMatchObject({ ok: false, code: 'AUDIT.REASON_REQUIRED' })
  })

  it('approve needs no reason', () => {
    expect(review(input({ reason: undefined })).ok).toBe(true)
  })
})

describe('review: refusals', () => {
  it.each([
    ['second', 'first_review'],
    ['first', 'returned'],
    ['second', 'returned'],
    ['first', 'rejected'],
    ['second', 'rejected'],
    ['first', 'second_review'],
    ['first', 'assembly'],
    ['second', 'assembly'],
    ['first', 'publicity'],
    ['second', 'posted']
  ] as const)('step %s on a claim in %s', (step, state) => {
    const r = review(input({ step, state }))
    const expected = step === 'second' && state === 'first_review' ? 'AUDIT.STEP_SKIPPED' : 'AUDIT.STATE_CHANGED'
    expect(r).toMatchObject({ ok: false, code: expected })
  })

  it('a reviewer from the claim’s own household → AUDIT.SELF_REVIEW (whatever the decision)', () => {
    for (const decision of ['approve', 'reject', 'send_back'] as const) {
      expect(review(input({ reviewerHouseholdId: 'h-claim', decision, reason: '理由充分' }))).toMatchObject({ ok: false, code: 'AUDIT.SELF_REVIEW' })
    }
  })

  it('a reviewer without a household is not a self-review', () => {
    expect(review(input({ reviewerHouseholdId: null })).ok).toBe(true)
  })

  it('the same person approving twice in one round → AUDIT.DUPLICATE_APPROVER (same step or first then second)', () => {
    expect(review(input({ state: 'second_review', step: 'second', approvals: [ap('first', 'm-lead'), ap('second', 'm-rev')] }))).toMatchObject({ ok: false, code: 'AUDIT.DUPLICATE_APPROVER' })
    expect(review(input({ state: 'second_review', step: 'second', approvals: [ap('first', 'm-rev')] }))).toMatchObject({ ok: false, code: 'AUDIT.DUPLICATE_APPROVER' })
    // and they cannot send it back either once they approved
    expect(review(input({ state: 'second_review', step: 'second', decision: 'send_back', reason: '再看看', approvals: [ap('first', 'm-rev')] }))).toMatchObject({ ok: false, code: 'AUDIT.DUPLICATE_APPROVER' })
  })

  it('an approval from an earlier round does not block the same person in a new round', () => {
    expect(review(input({ round: 2, approvals: [ap('first', 'm-rev', 1)] })).ok).toBe(true)
  })
})

describe('assembly', () => {
  const ready = [ap('first', 'm-lead'), ap('second', 'm-a'), ap('second', 'm-b')]
  it('a ready claim goes to publicity when passed, to rejected when not', () => {
    expect(assemblyDecision('assembly', ready, 1, true)).toEqual({ ok: true, value: 'publicity' })
    expect(assemblyDecision('assembly', ready, 1, false)).toEqual({ ok: true, value: 'rejected' })
  })
  it.each(['first_review', 'second_review'] as ClaimState[])('from %s → AUDIT.STEP_SKIPPED', (s) => {
    expect(assemblyDecision(s, ready, 1, true)).toMatchObject({ ok: false, code: 'AUDIT.STEP_SKIPPED' })
  })
  it.each(['publicity', 'posted', 'rejected', 'returned'] as ClaimState[])('from %s → AUDIT.STATE_CHANGED', (s) => {
    expect(assemblyDecision(s, ready, 1, true)).toMatchObject({ ok: false, code: 'AUDIT.STATE_CHANGED' })
  })
  it('in assembly state but missing approvals of this round → AUDIT.STEP_SKIPPED', () => {
    expect(assemblyDecision('assembly', [ap('second', 'm-a'), ap('second', 'm-b')], 1, true)).toMatchObject({ ok: false, code: 'AUDIT.STEP_SKIPPED' })
    expect(assemblyDecision('assembly', [ap('first', 'm-lead'), ap('second', 'm-a'), ap('second', 'm-a')], 1, true)).toMatchObject({ ok: false, code: 'AUDIT.STEP_SKIPPED' })
    expect(assemblyDecision('assembly', ready, 2, true)).toMatchObject({ ok: false, code: 'AUDIT.STEP_SKIPPED' })
  })
  const rule = { quorum: [2, 3] as [number, number], majority: [1, 2] as [number, number] }
  it.each([
    [10, 0, 0, true],
    [6, 5, 0, true],
    [5, 5, 0, false],
    [5, 3, 2, false], // abstentions count as present: 5 of 10 is not a majority
    [6, 3, 2, true],
    [0, 3, 0, false]
  ])('votes for %i, against %i, abstain %i (all present) → passed %p', (f, a, ab, passed) => {
    const present = f + a + ab
    expect(assemblyOutcome({ total: present, present, votesFor: f, votesAgainst: a, votesAbstain: ab }, rule)).toEqual({ ok: true, value: { passed } })
  })
  it('needs two thirds of the members present, and more than half of those present in favour (not of those voting)', () => {
    expect(assemblyOutcome({ total: 30, present: 19, votesFor: 19, votesAgainst: 0, votesAbstain: 0 }, rule)).toMatchObject({ ok: false, code: 'ASSEMBLY.NO_QUORUM' })
    expect(assemblyOutcome({ total: 30, present: 20, votesFor: 11, votesAgainst: 0, votesAbstain: 0 }, rule)).toEqual({ ok: true, value: { passed: true } })
    expect(assemblyOutcome({ total: 30, present: 20, votesFor: 10, votesAgainst: 2, votesAbstain: 0 }, rule)).toEqual({ ok: true, value: { passed: false } })
    expect(assemblyOutcome({ total: 30, present: 20, votesFor: 15, votesAgainst: 6, votesAbstain: 0 }, rule)).toMatchObject({ ok: false, code: 'ASSEMBLY.VOTES_INVALID' })
    expect(assemblyOutcome({ total: 30, present: 31, votesFor: 15, votesAgainst: 0, votesAbstain: 0 }, rule)).toMatchObject({ ok: false, code: 'ASSEMBLY.VOTES_INVALID' })
  })
})

describe('公示: objection and posting', () => {
  const ends = new Date('2026-11-29T02:00:00Z')
  it('an objection within the period reopens at second_review', () => {
    expect(objection('publicity', ends, new Date(ends.getTime() - 1))).toEqual({ ok: true, value: 'second_review' })
  })
  it('at or after the end → PUBLICITY.CLOSED', () => {
    expect(objection('publicity', ends, ends)).toMatchObject({ ok: false, code: 'PUBLICITY.CLOSED' })
    expect(objection('publicity', ends, new Date(ends.getTime() + 1))).toMatchObject({ ok: false, code: 'PUBLICITY.CLOSED' })
    expect(objection('publicity', null, T)).toMatchObject({ ok: false, code: 'PUBLICITY.CLOSED' })
  })
  it.each(['first_review', 'second_review', 'assembly', 'posted', 'rejected', 'returned'] as ClaimState[])('not in publicity (%s) → PUBLICITY.NOT_IN_PUBLICITY', (s) => {
    expect(objection(s, ends, T)).toMatchObject({ ok: false, code: 'PUBLICITY.NOT_IN_PUBLICITY' })
  })
  it('posts only in publicity once the period is over', () => {
    expect(canPost('publicity', ends, ends)).toBe(true)
    expect(canPost('publicity', ends, new Date(ends.getTime() - 1))).toBe(false)
    expect(canPost('publicity', null, ends)).toBe(false)
    expect(canPost('posted', ends, ends)).toBe(false)
    expect(canPost('second_review', ends, ends)).toBe(false)
  })
})
