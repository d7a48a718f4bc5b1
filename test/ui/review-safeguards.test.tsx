/**
 * Review safeguards (issue 8, items 9 and 10): objected claims are marked with their reasons in every queue and
 * confirmed apart in a batch; approve controls are not offered on claims the viewer may not approve.
 */
import { fireEvent, render, waitFor } from '@testing-library/react'
import ReviewPage from '../../src/points/pages/review/index'
import ClaimPage from '../../src/points/pages/claim/index'
import type { ClaimView } from '../../types/contract'
import { callsTo, mockFunctions, ok, resetAll } from './helpers'
import { showModal, taroMock } from './mocks/taro'

jest.mock('@tarojs/components', () => {
  const actual = jest.requireActual('./mocks/taro-components')
  const { createElement } = jest.requireActual('react')
  return { ...actual, Picker: ({ children }: { children?: unknown }) => createElement('div', { className: 'mock-picker' }, children) }
})

beforeEach(resetAll)

function claim(id: string, over: Partial<ClaimView> = {}): ClaimView {
  return {
    id,
    villageId: 'v1',
    householdId: `h-${id}`,
    householdCode: '3-012',
    householdName: `${id}家`,
    memberName: null,
    item: { id: 'clean', name: '人居环境义务劳动', category: 'basic', points: 10, unit: '次' },
    ruleVersion: 1,
    quantity: 2,
    amount: 20,
    note: '',
    photos: [],
    photoUrls: [],
    source: 'grid_worker',
    recordedByName: '张网格',
    occurredOn: '2026-11-20',
    state: 'second_review',
    stateLabel: '待两委联席复审',
    approvals: [],
    publicityEndsAt: null,
    lastReason: null,
    postedAmount: null,
    createdAt: '2026-11-20T02:00:00.000Z',
    openObjections: [],
    mayApprove: true,
    approvedByMe: false,
    notApprovableReason: null,
    ...over
  }
}

const scope = (roles: string[]) => [{ id: 'v1', name: '红星村', kind: 'village', parentId: null, path: [], roles }]
const cards = (container: HTMLElement) => Array.from(container.querySelectorAll('.review-claim')) as HTMLElement[]
const modal = (i: number) => (showModal.mock.calls[i] as unknown as [{ title: string; content: string; confirmText: string; cancelText: string }])[0]
const objection = { reason: '那天他家没有人参加', at: '2026-11-22T02:00:00.000Z', byName: '那仁' }

describe('两委联席复审', () => {
  beforeEach(() => {
    taroMock.router.params = { step: 'second' }
  })

  it('marks an objected claim with the reason and the objector; an unobjected claim has no mark', async () => {
    mockFunctions({
      'identity.myScopes': () => ok(scope(['committee'])),
      'points.reviewQueue': () => ok({ items: [claim('c1', { openObjections: [objection] }), claim('c2')], total: 2 })
    })
    const { container } = render(<ReviewPage />)
    await waitFor(() => expect(cards(container)).toHaveLength(2))
    const [objected, plain] = cards(container)
    expect(objected.className).toContain('points-claim--objected')
    expect(objected.querySelector('.points-claim__objection')?.textContent).toContain('有异议（1 条）')
    expect(objected.querySelector('.points-claim__objection-reason')?.textContent).toContain('那仁：那天他家没有人参加')
    expect(plain.className).not.toContain('points-claim--objected')
    expect(plain.querySelector('.points-claim__objection')).toBeNull()
  })

  it('hides the objector when the server gives no name (not 两委)', async () => {
    mockFunctions({
      'identity.myScopes': () => ok(scope(['committee'])),
      'points.reviewQueue': () => ok({ items: [claim('c1', { openObjections: [{ ...objection, byName: null }] })], total: 1 })
    })
    const { container } = render(<ReviewPage />)
    await waitFor(() => expect(cards(container)).toHaveLength(1))
    expect(cards(container)[0].querySelector('.points-claim__objection-reason')?.textContent).toMatch(/^那天他家没有人参加/)
  })

  it('a claim already approved by me has no 通过, shows why, cannot be ticked, and 全选 skips it', async () => {
    mockFunctions({
      'identity.myScopes': () => ok(scope(['committee'])),
      'points.reviewQueue': () => ok({ items: [claim('c1', { mayApprove: false, approvedByMe: true, notApprovableReason: '您已经审批过这条' }), claim('c2')], total: 2 }),
      'points.reviewMany': () => ok({ results: [{ claimId: 'c2', ok: true, state: 'assembly', code: null, message: null }] })
    })
    const { container } = render(<ReviewPage />)
    await waitFor(() => expect(cards(container)).toHaveLength(2))
    const [mine, other] = cards(container)
    expect(mine.querySelector('.review-approve')).toBeNull()
    // 退回 / 不通过 would be refused by the same rule: not offered either
    expect(mine.querySelector('.review-send-back')).toBeNull()
    expect(mine.querySelector('.review-reject')).toBeNull()
    expect(mine.querySelector('.review-no-approve')?.textContent).toBe('您已经审批过这条')
    expect(mine.querySelector('.points-check--off')).not.toBeNull()
    expect(other.querySelector('.review-approve')).not.toBeNull()
    expect(container.querySelector('.review-skipped-note')?.textContent).toContain('1 条您不能通过')
    fireEvent.click(container.querySelector('.review-select-all') as HTMLElement)
    await waitFor(() => expect(container.querySelector('.review-approve-many')?.textContent).toContain('1 条'))
    fireEvent.click(container.querySelector('.review-approve-many') as HTMLElement)
    await waitFor(() => expect(callsTo('points.reviewMany')).toHaveLength(1))
    expect(callsTo('points.reviewMany')[0].data).toMatchObject({ claimIds: ['c2'] })
  })

  it('a batch with objected claims lists them apart and asks a separate confirmation; 回去再看 sends nothing', async () => {
    mockFunctions({
      'identity.myScopes': () => ok(scope(['committee'])),
      'points.reviewQueue': () => ok({ items: [claim('c1', { openObjections: [objection] }), claim('c2')], total: 2 }),
      'points.reviewMany': () => ok({ results: [] })
    })
    const { container } = render(<ReviewPage />)
    await waitFor(() => expect(cards(container)).toHaveLength(2))
    fireEvent.click(container.querySelector('.review-select-all') as HTMLElement)
    await waitFor(() => expect(container.querySelector('.review-objected')?.textContent).toContain('有 1 条有异议'))
    expect(container.querySelector('.review-objected__item')?.textContent).toBe('c1家 人居环境义务劳动：那天他家没有人参加')
    showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
    fireEvent.click(container.querySelector('.review-approve-many') as HTMLElement)
    await waitFor(() => expect(showModal).toHaveBeenCalledTimes(1))
    expect(modal(0)).toMatchObject({ title: '有 1 条有异议', confirmText: '核实过，继续', cancelText: '回去再看' })
    expect(modal(0).content).toContain('那天他家没有人参加')
    expect(callsTo('points.reviewMany')).toHaveLength(0)
    // confirmed twice (the objections, then the batch): the batch goes out
    fireEvent.click(container.querySelector('.review-approve-many') as HTMLElement)
    await waitFor(() => expect(callsTo('points.reviewMany')).toHaveLength(1))
    expect(showModal).toHaveBeenCalledTimes(3)
  })

  it('approving one objected claim asks to confirm with its reason', async () => {
    mockFunctions({
      'identity.myScopes': () => ok(scope(['committee'])),
      'points.reviewQueue': () => ok({ items: [claim('c1', { openObjections: [objection] })], total: 1 }),
      'points.review': () => ok({ state: 'second_review' })
    })
    const { container } = render(<ReviewPage />)
    await waitFor(() => expect(cards(container)).toHaveLength(1))
    showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
    fireEvent.click(container.querySelector('.review-approve') as HTMLElement)
    await waitFor(() => expect(showModal).toHaveBeenCalledTimes(1))
    expect(modal(0).content).toContain('那天他家没有人参加')
    expect(callsTo('points.review')).toHaveLength(0)
  })
})

describe('大会 batch', () => {
  beforeEach(() => {
    taroMock.router.params = { step: 'assembly' }
  })

  it('lists the objected claims in the form and confirms them apart before the meeting is recorded', async () => {
    mockFunctions({
      'identity.myScopes': () => ok(scope(['committee'])),
      'points.reviewQueue': () => ok({ items: [claim('c1', { state: 'assembly', openObjections: [objection] }), claim('c2', { state: 'assembly', mayApprove: false, notApprovableReason: '您已经审批过这条' })], total: 2 }),
      'points.assemblies': () => ok([])
    })
    const { container } = render(<ReviewPage />)
    await waitFor(() => expect(cards(container)).toHaveLength(2))
    expect(cards(container)[0].querySelector('.points-claim__objection')).not.toBeNull()
    expect(cards(container)[1].querySelector('.review-no-approve')?.textContent).toBe('您已经审批过这条')
    fireEvent.click(container.querySelector('.review-select-all') as HTMLElement)
    await waitFor(() => expect(container.querySelector('.assembly-form .review-objected__item')?.textContent).toContain('c1家'))
    expect(container.querySelector('.assembly-submit')?.textContent).toContain('1 条')
  })
})

describe('the claim page', () => {
  it('shows the open objection to a reviewer; a claim without the field (the household) shows none', async () => {
    taroMock.router.params = { id: 'c1' }
    mockFunctions({ 'points.claimDetail': () => ok({ claim: claim('c1', { openObjections: [{ ...objection, byName: null }] }), photoUrls: [], audit: [] }) })
    const reviewer = render(<ClaimPage />)
    await waitFor(() => expect(reviewer.container.querySelector('.points-claim__objection')?.textContent).toContain('那天他家没有人参加'))
    reviewer.unmount()
    const { openObjections: _hidden, mayApprove: _m, ...plain } = claim('c1')
    mockFunctions({ 'points.claimDetail': () => ok({ claim: plain, photoUrls: [], audit: [] }) })
    const household = render(<ClaimPage />)
    await waitFor(() => expect(household.container.querySelector('.points-claim-detail')).not.toBeNull())
    expect(household.container.querySelector('.points-claim__objection')).toBeNull()
  })
})
