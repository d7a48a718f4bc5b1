import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import ReviewPage, { parseVotes } from '../../src/points/pages/review/index'
import { chinaDateTime, chinaToday } from '../../src/points/shared'
import type { ClaimView } from '../../types/contract'
import { callsTo, fail, mockFunctions, ok, resetAll } from './helpers'
import { navigateTo, previewImage, showModal, showToast, taroMock } from './mocks/taro'

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
    photos: ['cloud://p/1.jpg'],
    photoUrls: ['https://tmp.example/p/1.jpg'],
    source: 'grid_worker',
    recordedByName: '张网格',
    occurredOn: '2026-11-20',
    state: 'first_review',
    stateLabel: '待党小组初审',
    approvals: [],
    publicityEndsAt: null,
    lastReason: null,
    postedAmount: null,
    createdAt: '2026-11-20T02:00:00.000Z',
    ...over
  }
}

const scope = (roles: string[]) => [{ id: 'v1', name: '红星村', kind: 'village', parentId: null, path: [], roles }]

function cards(container: HTMLElement): HTMLElement[] {
  return Array.from(container.querySelectorAll('.review-claim')) as HTMLElement[]
}

describe('党小组初审', () => {
  beforeEach(() => {
    taroMock.router.params = { step: 'first' }
  })

  it('shows household, item, quantity, amount, photos and recorder; 通过 calls review approve', async () => {
    mockFunctions({
      'identity.myScopes': () => ok(scope(['group_leader'])),
      'points.reviewQueue': () => ok({ items: [claim('c1'), claim('c2', { photos: [] })], total: 2 }),
      'points.review': () => ok({ state: 'second_review' })
    })
    const { container } = render(<ReviewPage />)
    await waitFor(() => expect(cards(container)).toHaveLength(2))
    const first = cards(container)[0]
    expect(first.textContent).toContain('c1家')
    expect(first.textContent).toContain('人居环境义务劳动')
    expect(first.textContent).toContain('2 次 × +10 分')
    expect(first.querySelector('.points-claim__amount')?.textContent).toBe('+20')
    expect(first.textContent).toContain('录入：张网格')
    expect(first.querySelectorAll('.points-claim__photo img')).toHaveLength(1)
    expect(cards(container)[1].querySelector('.points-claim__photos')?.textContent).toBe('没有照片')
    expect(callsTo('points.reviewQueue')[0].data).toEqual({ villageId: 'v1', step: 'first', offset: 0, limit: 100 })

    fireEvent.click(first.querySelector('.review-approve') as HTMLElement)
    await waitFor(() => expect(callsTo('points.review')).toHaveLength(1))
    expect(callsTo('points.review')[0].data).toEqual({ claimId: 'c1', step: 'first', decision: 'approve' })
    expect(callsTo('points.review')[0].requestId).toBeTruthy()
  })

  it('shows the photos as thumbnails that open the viewer over the whole list; 查看详情 opens the claim', async () => {
    const urls = ['https://tmp.example/a.jpg', 'https://tmp.example/b.jpg', 'https://tmp.example/c.jpg']
    mockFunctions({
      'identity.myScopes': () => ok(scope(['group_leader'])),
      'points.reviewQueue': () =>
        ok({
          items: [
            claim('c1', { photos: ['cloud://p/a.jpg', 'cloud://p/b.jpg', 'cloud://p/c.jpg'], photoUrls: urls }),
            claim('c2', { photos: ['cloud://p/1.jpg', 'cloud://p/2.jpg'], photoUrls: ['https://tmp.example/1.jpg'] })
          ],
          total: 2
        })
    })
    const { container } = render(<ReviewPage />)
    await waitFor(() => expect(cards(container)).toHaveLength(2))
    const [first, second] = cards(container)
    const thumbs = Array.from(first.querySelectorAll('.points-claim__photo')) as HTMLElement[]
    expect(thumbs.map((t) => t.querySelector('img')?.getAttribute('src'))).toEqual(urls)
    expect(first.textContent).not.toContain('张照片')
    fireEvent.click(thumbs[1])
    expect(previewImage).toHaveBeenCalledWith({ urls, current: urls[1] })
    // Tapping a photo does not open the claim page.
    expect(navigateTo).not.toHaveBeenCalled()
    // A photo whose link could not be made is pointed to the detail page.
    expect(second.querySelectorAll('.points-claim__photo')).toHaveLength(1)
    expect(second.querySelector('.points-claim__photos-missing')?.textContent).toContain('1 张照片暂时打不开')

    fireEvent.click(first.querySelector('.review-detail') as HTMLElement)
    expect(navigateTo).toHaveBeenCalledWith({ url: '/points/pages/claim/index?id=c1' })
  })

  it('shows at most 4 thumbnails on a card, the last with how many more', async () => {
    const urls = Array.from({ length: 6 }, (_, i) => `https://tmp.example/${i}.jpg`)
    mockFunctions({
      'identity.myScopes': () => ok(scope(['group_leader'])),
      'points.reviewQueue': () => ok({ items: [claim('c1', { photos: urls.map((_, i) => `cloud://p/${i}.jpg`), photoUrls: urls })], total: 1 })
    })
    const { container } = render(<ReviewPage />)
    await waitFor(() => expect(cards(container)).toHaveLength(1))
    const thumbs = Array.from(cards(container)[0].querySelectorAll('.points-claim__photo')) as HTMLElement[]
    expect(thumbs).toHaveLength(4)
    expect(thumbs[3].querySelector('.points-claim__photo-more')?.textContent).toBe('+2')
    fireEvent.click(thumbs[3])
    expect(previewImage).toHaveBeenCalledWith({ urls, current: urls[3] })
  })

  it('退回 needs a reason of at least 2 characters, then sends send_back with it', async () => {
    mockFunctions({
      'identity.myScopes': () => ok(scope(['group_leader'])),
      'points.reviewQueue': () => ok({ items: [claim('c1')], total: 1 }),
      'points.review': () => ok({ state: 'returned' })
    })
    const { container } = render(<ReviewPage />)
    await waitFor(() => expect(cards(container)).toHaveLength(1))
    fireEvent.click(container.querySelector('.review-send-back') as HTMLElement)
    fireEvent.click(container.querySelector('.review-confirm') as HTMLElement)
    await waitFor(() => expect(container.querySelector('.points-reason__error')?.textContent).toBe('请写明原因（至少2个字）'))
    fireEvent.change(container.querySelector('.review-reason__input input') as HTMLElement, { target: { value: ' 好 ' } })
    fireEvent.click(container.querySelector('.review-confirm') as HTMLElement)
    await waitFor(() => expect(container.querySelector('.points-reason__error')?.textContent).toBe('请写明原因（至少2个字）'))
    expect(callsTo('points.review')).toHaveLength(0)

    fireEvent.change(container.querySelector('.review-reason__input input') as HTMLElement, { target: { value: ' 照片看不清 ' } })
    fireEvent.click(container.querySelector('.review-confirm') as HTMLElement)
    await waitFor(() => expect(callsTo('points.review')).toHaveLength(1))
    expect(callsTo('points.review')[0].data).toEqual({ claimId: 'c1', step: 'first', decision: 'send_back', reason: '照片看不清' })
    // Sending back is not final: no confirm dialog.
    expect(showModal).not.toHaveBeenCalled()
  })

  it('不通过 asks for confirmation; cancelling sends nothing, a server error is shown', async () => {
    mockFunctions({
      'identity.myScopes': () => ok(scope(['group_leader'])),
      'points.reviewQueue': () => ok({ items: [claim('c1')], total: 1 }),
      'points.review': () => fail('AUDIT.SELF_REVIEW', '不能审核自己家的申报')
    })
    const { container } = render(<ReviewPage />)
    await waitFor(() => expect(cards(container)).toHaveLength(1))
    fireEvent.click(container.querySelector('.review-reject') as HTMLElement)
    fireEvent.change(container.querySelector('.review-reason__input input') as HTMLElement, { target: { value: '不符合标准' } })
    showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
    fireEvent.click(container.querySelector('.review-confirm') as HTMLElement)
    await waitFor(() => expect(showModal).toHaveBeenCalledTimes(1))
    expect(callsTo('points.review')).toHaveLength(0)

    fireEvent.click(container.querySelector('.review-confirm') as HTMLElement)
    await waitFor(() => expect(callsTo('points.review')).toHaveLength(1))
    expect(callsTo('points.review')[0].data).toEqual({ claimId: 'c1', step: 'first', decision: 'reject', reason: '不符合标准' })
    await waitFor(() => expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '不能审核自己家的申报' })))
  })

  it('批量通过 sends the ticked claims and shows each result by household and item, never by id', async () => {
    let batched = false
    const c1 = claim('c1', { householdName: '王家' })
    const c3 = claim('c3', { householdName: '李家' })
    mockFunctions({
      'identity.myScopes': () => ok(scope(['group_leader'])),
      // After the batch the approved claims leave the queue, as on the server.
      'points.reviewQueue': () => (batched ? ok({ items: [claim('c2')], total: 1 }) : ok({ items: [c1, claim('c2'), c3], total: 3 })),
      'points.reviewMany': () =>
        (batched = true) &&
        ok({
          results: [
            { claimId: 'c1', ok: true, state: 'second_review', code: null, message: null },
            { claimId: 'c3', ok: false, state: null, code: 'AUDIT.DUPLICATE_APPROVER', message: '同一个人在一条审核链上只能审批一次' }
          ]
        })
    })
    const { container } = render(<ReviewPage />)
    await waitFor(() => expect(cards(container)).toHaveLength(3))
    fireEvent.click(cards(container)[0].querySelector('.points-claim__check') as HTMLElement)
    fireEvent.click(cards(container)[2].querySelector('.points-claim__check') as HTMLElement)
    expect(container.querySelector('.review-approve-many')?.textContent).toContain('2 条，共 +40 分')
    fireEvent.click(container.querySelector('.review-approve-many') as HTMLElement)
    await waitFor(() => expect(callsTo('points.reviewMany')).toHaveLength(1))
    expect(callsTo('points.reviewMany')[0].data).toEqual({ claimIds: ['c1', 'c3'], step: 'first', decision: 'approve' })
    await waitFor(() => expect(container.querySelectorAll('.review-results .cs-results__row')).toHaveLength(2))
    await waitFor(() => expect(cards(container)).toHaveLength(1))
    const okRow = container.querySelector('.review-results .cs-results__row--ok') as HTMLElement
    const failedRow = container.querySelector('.review-results .cs-results__row--failed') as HTMLElement
    expect(okRow.querySelector('.cs-results__title')?.textContent).toBe(`王家 ${c1.item.name} · ${c1.occurredOn}`)
    expect(okRow.querySelector('.cs-results__status')?.textContent).toContain('待两委联席复审')
    expect(failedRow.querySelector('.cs-results__status')?.textContent).toContain('同一个人在一条审核链上只能审批一次')
    expect(container.querySelector('.review-results')?.textContent).not.toMatch(/\bc[13]\b/)
    expect(container.querySelector('.cs-results__summary')?.textContent).toBe('1 条成功，1 条没有成功')
  })

  it('says so when the user is not a group leader', async () => {
    mockFunctions({ 'identity.myScopes': () => ok(scope(['grid_worker'])) })
    render(<ReviewPage />)
    await screen.findByText('您没有党小组初审的权限')
  })
})

describe('大会审议', () => {
  beforeEach(() => {
    taroMock.router.params = { step: 'assembly' }
  })

  it('records the meeting and votes for the ticked claims and shows the notice deadline', async () => {
    mockFunctions({
      'identity.myScopes': () => ok(scope(['committee'])),
      'points.reviewQueue': () => ok({ items: [claim('c1', { state: 'assembly' }), claim('c2', { state: 'assembly' })], total: 2 }),
      'points.assemblies': () => ok([{ id: 'a0', title: '上次会议', meetingDate: '2026-11-01', body: 'party_members', present: 18, membersTotal: 24, votesFor: 17, votesAgainst: 0, votesAbstain: 1, passed: true, claims: 6, excluded: 1, recordedByName: '巴特尔' }]),
      'points.decideAssembly': () => ok({ assemblyId: 'a1', passed: true, claims: 2, skipped: 0, publicityEndsAt: '2026-12-01T10:00:00.000Z', attendance: { present: 40, total: 45 }, excluded: [{ claimId: 'c9', householdName: '巴特尔家', reason: '登记人家里的申报' }] })
    })
    const { container } = render(<ReviewPage />)
    await waitFor(() => expect(cards(container)).toHaveLength(2))
    expect(container.querySelector('.review-approve')).toBeNull()
    fireEvent.click(container.querySelector('.assembly-submit') as HTMLElement)
    await waitFor(() => expect(container.querySelector('.assembly-error')?.textContent).toBe('请先在上面勾选要审议的积分'))
    fireEvent.click(container.querySelector('.review-select-all') as HTMLElement)
    fireEvent.click(container.querySelector('.assembly-submit') as HTMLElement)
    await waitFor(() => expect(container.querySelector('.assembly-error')?.textContent).toBe('请填写村民代表应到人数'))
    fireEvent.change(container.querySelector('.cs-field--members-total input') as HTMLElement, { target: { value: '45' } })
    fireEvent.change(container.querySelector('.cs-field--members-present input') as HTMLElement, { target: { value: '50' } })
    fireEvent.click(container.querySelector('.assembly-submit') as HTMLElement)
    await waitFor(() => expect(container.querySelector('.assembly-error')?.textContent).toBe('实到人数不能多于应到人数'))
    fireEvent.change(container.querySelector('.cs-field--members-present input') as HTMLElement, { target: { value: '40' } })
    fireEvent.click(container.querySelector('.assembly-submit') as HTMLElement)
    await waitFor(() => expect(container.querySelector('.assembly-error')?.textContent).toBe('票数请填写整数'))
    fireEvent.change(container.querySelector('.cs-field--votes-for input') as HTMLElement, { target: { value: '31' } })
    fireEvent.change(container.querySelector('.cs-field--votes-against input') as HTMLElement, { target: { value: '2' } })
    fireEvent.click(container.querySelector('.assembly-submit') as HTMLElement)
    await waitFor(() => expect(callsTo('points.decideAssembly')).toHaveLength(1))
    expect(showModal).toHaveBeenCalled()
    expect(callsTo('points.decideAssembly')[0].data).toEqual({
      villageId: 'v1',
      title: `${chinaToday()} 村民代表会议`,
      meetingDate: chinaToday(),
      body: 'villager_reps',
      membersTotal: 45,
      present: 40,
      votesFor: 31,
      votesAgainst: 2,
      votesAbstain: 0,
      claimIds: ['c1', 'c2']
    })
    await waitFor(() => expect(container.querySelector('.assembly-result--passed')).not.toBeNull())
    expect(container.querySelector('.assembly-result')?.textContent).toContain('2 条积分进入公示')
    expect(container.querySelector('.assembly-result')?.textContent).toContain(`公示截止 ${chinaDateTime('2026-12-01T10:00:00.000Z')}`)
    expect(container.querySelector('.assembly-result__attendance')?.textContent).toBe('应到 45 人，实到 40 人')
    expect(container.querySelector('.assembly-result__excluded')?.textContent).toContain('巴特尔家：登记人家里的申报')
    expect(container.querySelector('.assembly-history__item')?.textContent).toContain('2026-11-01 党员大会：应到 24 人，实到 18 人')
  })

  it('parseVotes accepts whole numbers only', () => {
    expect(parseVotes(' 12 ')).toBe(12)
    expect(parseVotes('')).toBeNaN()
    expect(parseVotes('-1')).toBeNaN()
    expect(parseVotes('1.5')).toBeNaN()
  })
})
