import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import MyPointsPage from '../../src/points/pages/my/index'
import ClaimPage from '../../src/points/pages/claim/index'
import RankingPage from '../../src/points/pages/ranking/index'
import { chinaDateTime, chinaToday, parseCheckinPayload, signed } from '../../src/points/shared'
import type { ClaimView, LedgerEntryView } from '../../types/contract'
import { callsTo, fail, mockFunctions, ok, resetAll } from './helpers'
import { navigateTo, previewImage, taroMock } from './mocks/taro'

beforeEach(resetAll)

function claim(over: Partial<ClaimView> = {}): ClaimView {
  return {
    id: 'c1',
    villageId: 'v1',
    householdId: 'h1',
    householdCode: '3-012',
    householdName: '王小锐家',
    memberName: null,
    item: { id: 'clean', name: '人居环境义务劳动', category: 'incentive', points: 10, unit: '次' },
    ruleVersion: 1,
    quantity: 1,
    amount: 10,
    note: '',
    photos: [],
    photoUrls: [],
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

function entry(over: Partial<LedgerEntryView> = {}): LedgerEntryView {
  return {
    id: 'e1',
    seq: 1,
    amount: 50,
    notTaken: 0,
    balanceAfter: 50,
    kind: 'claim',
    reason: '人居环境清运垃圾 1车',
    ruleItemName: '人居环境清运垃圾',
    claimId: 'c0',
    orderId: null,
    approvals: [],
    at: '2026-11-01T16:30:00.000Z',
    workDay: '2026-11-01',
    countsIn: '2026-Q4',
    ...over
  }
}

const balance = {
  householdId: 'h1',
  householdName: '王小锐家',
  balance: 235,
  yearPoints: 310,
  quarterPoints: 95,
  monthPoints: 40,
  year: '2026',
  quarter: '2026-Q4',
  month: '2026-11',
  pendingClaims: 2
}

describe('我家积分', () => {
  it('shows the balance, where each pending claim sits in the chain, and the reason of every ledger entry', async () => {
    mockFunctions({
      'points.balance': () => ok(balance),
      'points.myClaims': () =>
        ok({
          items: [
            claim(),
            claim({ id: 'c2', state: 'publicity', stateLabel: '公示中', publicityEndsAt: '2026-11-27T10:00:00.000Z' }),
            claim({ id: 'c3', state: 'posted', stateLabel: '已入账' })
          ],
          total: 3
        }),
      'points.ledger': () =>
        ok({
          items: [
            entry(),
            entry({ id: 'e2', seq: 2, amount: -10, balanceAfter: 40, kind: 'veto', reason: '婚丧嫁娶大操大办', ruleItemName: null, claimId: null }),
            entry({ id: 'e3', seq: 3, amount: -15, balanceAfter: 25, kind: 'redeem', reason: '爱心超市兑换 洗衣粉', ruleItemName: null, claimId: null, orderId: 'o1' })
          ],
          total: 3
        })
    })
    const { container } = render(<MyPointsPage />)
    await waitFor(() => expect(container.querySelector('.points-balance__value')?.textContent).toBe('235'))
    expect(container.querySelector('.points-balance__year')?.textContent).toContain('310')
    expect(container.querySelector('.points-balance__quarter')?.textContent).toContain('95')
    expect(container.querySelector('.points-balance__month')?.textContent).toContain('40')
    expect(container.querySelector('.points-balance__pending')?.textContent).toContain('2 条')

    await waitFor(() => expect(container.querySelectorAll('.points-claim-item')).toHaveLength(2))
    const claims = container.querySelectorAll('.points-claim-item')
    // Posted claims are in the ledger, not in the pending list.
    expect(claims[0].querySelector('.points-claim__state')?.textContent).toBe('待党小组初审')
    expect(claims[0].querySelector('.points-chain__step--now')?.textContent).toBe('党小组初审')
    expect(claims[1].querySelector('.points-claim__state')?.textContent).toBe('公示中')
    expect(claims[1].textContent).toContain(`公示截止 ${chinaDateTime('2026-11-27T10:00:00.000Z')}`)

    await waitFor(() => expect(container.querySelectorAll('.points-ledger-item')).toHaveLength(3))
    const rows = Array.from(container.querySelectorAll('.points-ledger-item'))
    expect(rows.map((r) => r.querySelector('.points-ledger-item__reason')?.textContent)).toEqual([
      '人居环境清运垃圾 1车积分',
      '婚丧嫁娶大操大办否决',
      '爱心超市兑换 洗衣粉兑换'
    ])
    expect(rows.map((r) => r.querySelector('.points-ledger-item__amount')?.textContent)).toEqual(['+50', '-10', '-15'])
    // China time: 16:30 UTC on Nov 1 is Nov 2, 00:30 in Beijing.
    expect(rows[0].textContent).toContain('2026-11-02 00:30')
    expect(rows[0].textContent).toContain('余额 50')

    fireEvent.click(claims[0].querySelector('.points-claim__main') as HTMLElement)
    expect(navigateTo).toHaveBeenCalledWith({ url: '/points/pages/claim/index?id=c1' })
  })

  it('reconciles: refused claims are not 正在审核, entries show posting and work dates, and the quarter entries add up to 本季度', async () => {
    mockFunctions({
      'points.balance': () => ok({ ...balance, quarterPoints: 40 }),
      'points.myClaims': () =>
        ok({ items: [claim(), claim({ id: 'c4', state: 'rejected', stateLabel: '不通过', lastReason: '没有参加' })], total: 2 }),
      'points.ledger': () =>
        ok({
          items: [
            entry({ id: 'e3', seq: 3, amount: -15, balanceAfter: 45, kind: 'redeem', reason: '爱心超市兑换', ruleItemName: null, claimId: null, workDay: null, countsIn: null, at: '2026-11-20T02:00:00.000Z' }),
            // Work done on Sep 28 (Q3) posted on Oct 12: counts in Q3, not in this quarter.
            entry({ id: 'e2', seq: 2, amount: 20, balanceAfter: 60, workDay: '2026-09-28', countsIn: '2026-Q3', at: '2026-10-12T02:00:00.000Z' }),
            entry({ id: 'e1', seq: 1, amount: 40, balanceAfter: 40, workDay: '2026-10-02', countsIn: '2026-Q4', at: '2026-10-10T02:00:00.000Z' })
          ],
          total: 3
        })
    })
    const { container } = render(<MyPointsPage />)
    await waitFor(() => expect(container.querySelectorAll('.points-ledger-item')).toHaveLength(3))
    await waitFor(() => expect(container.querySelectorAll('.points-claim-item')).toHaveLength(1))
    expect(container.querySelector('.points-claims')?.textContent).not.toContain('不通过')
    expect(container.querySelector('.points-refused')?.textContent).toContain('不通过')
    const rows = Array.from(container.querySelectorAll('.points-ledger-item'))
    expect(rows[0].querySelector('.points-ledger-item__posted')?.textContent).toContain('入账 2026-11-20 10:00')
    expect(rows[0].querySelector('.points-ledger-item__work')).toBeNull()
    expect(rows[1].querySelector('.points-ledger-item__work')?.textContent).toBe('做事日期 2026-09-28')
    expect(rows.map((r) => Boolean(r.querySelector('.points-ledger-item__quarter')))).toEqual([false, false, true])
    expect(container.querySelector('.points-ledger__sum')?.textContent).toBe('标“计入本季度”的 1 条合计 +40 分，就是本季度的 40 分。')
  })

  it('asks for another household when opened by staff with householdId, and shows errors with a retry', async () => {
    taroMock.router.params = { householdId: 'h9' }
    mockFunctions({
      'points.balance': () => fail('AUTH.FORBIDDEN', '您没有权限做这件事'),
      'points.myClaims': () => ok({ items: [], total: 0 }),
      'points.ledger': () => ok({ items: [], total: 0 })
    })
    render(<MyPointsPage />)
    await screen.findByText('您没有权限做这件事')
    expect(screen.getByText('重试')).toBeTruthy()
    await screen.findByText('还没有积分记录')
    await screen.findByText('没有正在审核的积分')
    expect(callsTo('points.balance')[0].data).toEqual({ householdId: 'h9' })
    expect(callsTo('points.ledger')[0].data).toEqual({ householdId: 'h9', offset: 0, limit: 20 })
  })
})

describe('积分详情', () => {
  it('shows photos (tap to preview) and the audit trail with reasons', async () => {
    taroMock.router.params = { id: 'c1' }
    mockFunctions({
      'points.claimDetail': () =>
        ok({
          claim: claim({ state: 'returned', stateLabel: '已退回，待网格员修改', lastReason: '照片看不清' }),
          photoUrls: ['https://x/1.jpg', 'https://x/2.jpg'],
          audit: [
            { seq: 1, at: '2026-11-20T02:00:00.000Z', byName: '张网格', action: 'record', from: null, to: 'first_review', reason: null, hash: 'a' },
            { seq: 2, at: '2026-11-21T02:00:00.000Z', byName: '李组长', action: 'first_send_back', from: 'first_review', to: 'returned', reason: '照片看不清', hash: 'b' }
          ]
        })
    })
    const { container } = render(<ClaimPage />)
    await waitFor(() => expect(container.querySelectorAll('.points-audit-item')).toHaveLength(2))
    const items = container.querySelectorAll('.points-audit-item')
    expect(items[0].textContent).toContain('网格员录入 · 张网格')
    expect(items[1].textContent).toContain('党小组初审退回 · 李组长')
    expect(items[1].textContent).toContain('待党小组初审 → 已退回，待网格员修改')
    expect(items[1].textContent).toContain('原因：照片看不清')
    const photos = container.querySelectorAll('.points-claim-photo')
    expect(photos).toHaveLength(2)
    fireEvent.click(photos[1])
    expect(previewImage).toHaveBeenCalledWith({ urls: ['https://x/1.jpg', 'https://x/2.jpg'], current: 'https://x/2.jpg' })
  })
})

describe('积分排名', () => {
  it('highlights my household', async () => {
    mockFunctions({
      'points.ranking': () =>
        ok({
          year: '2026',
          items: [
            { rank: 1, householdMasked: '李*明家', points: 400, mine: false },
            { rank: 2, householdMasked: '王*锐家', points: 310, mine: true }
          ]
        })
    })
    const { container } = render(<RankingPage />)
    await waitFor(() => expect(container.querySelectorAll('.ranking-item')).toHaveLength(2))
    const mine = container.querySelectorAll('.ranking-item--mine')
    expect(mine).toHaveLength(1)
    expect(mine[0].textContent).toContain('王*锐家')
    expect(container.querySelector('.ranking-mine')?.textContent).toBe('我家排第 2 名，310 分')
  })

  it('explains nicely when the village switched rankings off', async () => {
    mockFunctions({ 'points.ranking': () => fail('RANKING.DISABLED', '本村没有开启积分排名') })
    const { container } = render(<RankingPage />)
    await waitFor(() => expect(container.querySelector('.ranking-disabled__text')?.textContent).toBe('本村没有开启积分排名'))
    expect(container.querySelector('.cs-error')).toBeNull()
    expect(container.querySelectorAll('.ranking-item')).toHaveLength(0)
  })
})

describe('points helpers', () => {
  it('uses China time for days and shows signed amounts', () => {
    expect(chinaToday(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01')
    expect(chinaToday(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31')
    expect(signed(5)).toBe('+5')
    expect(signed(-5)).toBe('-5')
    expect(parseCheckinPayload('x')).toBeNull()
  })
})
