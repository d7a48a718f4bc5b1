/**
 * 工作台: tiles carry the count of waiting items (from points.workCounts); a villager without roles still finds
 * what they can do there. 我的异议 lists the objections I raised and how each ended.
 */
import { render, waitFor } from '@testing-library/react'
import WorkPage from '../../src/pages/work/index'
import MyObjectionsPage from '../../src/points/pages/objections/index'
import { inviteText } from '../../src/admin/pages/household/index'
import { meOutput } from './fixtures/identity'
import { callsTo, mockFunctions, ok, resetAll } from './helpers'

beforeEach(() => resetAll())

const counts = { villageId: 'v1', first: null, second: 3, assembly: 0, objected: 1, returned: 2, myObjectionsOpen: 1 }

describe('工作台', () => {
  it('shows a count on each tile with waiting items, none on tiles without', async () => {
    mockFunctions({ 'identity.me': () => ok(meOutput()), 'points.workCounts': () => ok(counts) })
    const { container } = render(<WorkPage />)
    await waitFor(() => expect(container.querySelector('.cs-tile--points-review-second .cs-tile__count')?.textContent).toBe('3'))
    expect(container.querySelector('.cs-tile--points-recorded .cs-tile__count')?.textContent).toBe('2')
    expect(container.querySelector('.cs-tile--points-recorded .cs-tile__waiting')?.textContent).toBe('2 项等待处理')
    expect(container.querySelector('.cs-tile--points-assembly .cs-tile__count')).toBeNull()
    expect(container.querySelector('.cs-tile--points-objections .cs-tile__count')?.textContent).toBe('1')
    expect(callsTo('points.workCounts')).toHaveLength(1)
  })

  it('a villager with no roles sees what they can do: my objections, my orders, my points', async () => {
    mockFunctions({ 'identity.me': () => ok(meOutput({ roles: [] })), 'points.workCounts': () => ok({ ...counts, second: null, assembly: null, objected: null, returned: 0, myObjectionsOpen: 0 }) })
    const { container } = render(<WorkPage />)
    await waitFor(() => expect(container.querySelector('.cs-tile--points-objections')).not.toBeNull())
    expect(container.querySelector('.cs-tile--work-mall-orders')).not.toBeNull()
    expect(container.querySelector('.cs-tile--work-points-my')).not.toBeNull()
    expect(container.querySelector('.cs-tile--points-review-second')).toBeNull()
    expect(container.textContent).not.toContain('暂无管理权限')
  })
})

describe('我的异议', () => {
  it('lists each objection with its reason and how it ended', async () => {
    mockFunctions({
      'points.myObjections': () =>
        ok({
          items: [
            { id: 'o1', claimId: 'c1', householdMasked: '那*家', itemName: '庭院绿化美化', amount: 5, reason: '那天没有人来', at: '2026-11-20T02:00:00.000Z', state: 'rejected', outcome: 'upheld', text: '异议成立，这条积分不予入账' },
            { id: 'o2', claimId: 'c2', householdMasked: '王*荣家', itemName: '参加村民大会', amount: 2, reason: '不同意', at: '2026-11-21T02:00:00.000Z', state: 'second_review', outcome: 'open', text: '正在重新审核：待两委联席复审' }
          ]
        })
    })
    const { container } = render(<MyObjectionsPage />)
    await waitFor(() => expect(container.querySelectorAll('.objection-item')).toHaveLength(2))
    const [a, b] = Array.from(container.querySelectorAll('.objection-item'))
    expect(a.querySelector('.objection-item__outcome')?.textContent).toBe('异议成立')
    expect(a.querySelector('.objection-item__text')?.textContent).toBe('异议成立，这条积分不予入账')
    expect(a.textContent).toContain('我的理由：那天没有人来')
    expect(b.querySelector('.objection-item__outcome')?.textContent).toBe('处理中')
  })
})

describe('邀请码 card', () => {
  it('the copied text says where to enter the code and until when it works', () => {
    const text = inviteText({ name: '周玉兰', code: 'AB12CD', expiresAt: '2026-12-01T16:30:00.000Z' })
    expect(text).toContain('输入邀请码 AB12CD')
    expect(text).toContain('“我的”→“绑定身份”')
    // China time: 16:30 UTC on Dec 1 is Dec 2 in Beijing.
    expect(text).toContain('2026-12-02 前有效')
  })
})
