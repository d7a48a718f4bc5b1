import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import PublicityPage from '../../src/points/pages/publicity/index'
import { chinaDateTime } from '../../src/points/shared'
import { callsTo, fail, mockFunctions, ok, resetAll } from './helpers'
import { meOutput } from './fixtures/identity'
import { showModal, showToast } from './mocks/taro'

beforeEach(resetAll)

const items = [
  { claimId: 'c1', householdMasked: '王*锐家', itemName: '人居环境义务劳动', quantity: 2, unit: '次', amount: 20, occurredOn: '2026-11-20', endsAt: '2026-11-30T10:00:00.000Z', objections: 0 },
  { claimId: 'c2', householdMasked: '李*明家', itemName: '邻里互助', quantity: 1, unit: '次', amount: 5, occurredOn: '2026-11-21', endsAt: '2026-11-30T10:00:00.000Z', objections: 1 }
]

function rows(container: HTMLElement): HTMLElement[] {
  return Array.from(container.querySelectorAll('.publicity-item')) as HTMLElement[]
}

describe('公示栏', () => {
  it('lists masked households with item, amount and deadline for my village', async () => {
    mockFunctions({
      'identity.me': () => ok(meOutput({ roles: [] })),
      'identity.myScopes': () => ok([]),
      'points.publicity': () => ok({ items })
    })
    const { container } = render(<PublicityPage />)
    await waitFor(() => expect(rows(container)).toHaveLength(2))
    expect(callsTo('points.publicity')[0].data).toEqual({ villageId: 'v1' })
    expect(rows(container)[0].textContent).toContain('王*锐家')
    expect(rows(container)[0].textContent).toContain('人居环境义务劳动 · 2次')
    expect(rows(container)[0].textContent).toContain('+20')
    expect(rows(container)[0].textContent).toContain(`公示截止 ${chinaDateTime('2026-11-30T10:00:00.000Z')}`)
    expect(rows(container)[1].textContent).toContain('已有 1 条异议')
    // Villagers do not post.
    expect(container.querySelector('.publicity-post-due')).toBeNull()
  })

  it('an objection needs a reason, is confirmed, then sent', async () => {
    mockFunctions({
      'identity.me': () => ok(meOutput({ roles: [] })),
      'identity.myScopes': () => ok([]),
      'points.publicity': () => ok({ items }),
      'points.raiseObjection': () => ok({ state: 'second_review' })
    })
    const { container } = render(<PublicityPage />)
    await waitFor(() => expect(rows(container)).toHaveLength(2))
    fireEvent.click(rows(container)[1].querySelector('.publicity-object') as HTMLElement)
    fireEvent.click(container.querySelector('.publicity-object-submit') as HTMLElement)
    await waitFor(() => expect(container.querySelector('.points-reason__error')?.textContent).toBe('请写明异议的理由（至少2个字）'))
    fireEvent.change(container.querySelector('.publicity-objection__reason input') as HTMLElement, { target: { value: '1' } })
    fireEvent.click(container.querySelector('.publicity-object-submit') as HTMLElement)
    await waitFor(() => expect(container.querySelector('.points-reason__error')).not.toBeNull())
    expect(callsTo('points.raiseObjection')).toHaveLength(0)
    expect(showModal).not.toHaveBeenCalled()

    fireEvent.change(container.querySelector('.publicity-objection__reason input') as HTMLElement, { target: { value: '那天他家没人参加' } })
    fireEvent.click(container.querySelector('.publicity-object-submit') as HTMLElement)
    await waitFor(() => expect(callsTo('points.raiseObjection')).toHaveLength(1))
    expect(showModal).toHaveBeenCalledTimes(1)
    expect(callsTo('points.raiseObjection')[0].data).toEqual({ claimId: 'c2', reason: '那天他家没人参加' })
    await waitFor(() => expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '异议已提交，将重新审核' })))
  })

  it('shows the server message when the notice period has closed', async () => {
    mockFunctions({
      'identity.me': () => ok(meOutput({ roles: [] })),
      'identity.myScopes': () => ok([]),
      'points.publicity': () => ok({ items }),
      'points.raiseObjection': () => fail('PUBLICITY.CLOSED', '公示期已经结束，不能再提异议')
    })
    const { container } = render(<PublicityPage />)
    await waitFor(() => expect(rows(container)).toHaveLength(2))
    fireEvent.click(rows(container)[0].querySelector('.publicity-object') as HTMLElement)
    fireEvent.change(container.querySelector('.publicity-objection__reason input') as HTMLElement, { target: { value: '分数不对' } })
    fireEvent.click(container.querySelector('.publicity-object-submit') as HTMLElement)
    await waitFor(() => expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '公示期已经结束，不能再提异议' })))
  })

  it('两委 can post claims whose notice period ended, after confirming', async () => {
    mockFunctions({
      'identity.me': () => ok(meOutput()),
      'identity.myScopes': () => ok([{ id: 'v1', name: '红星村', kind: 'village', parentId: null, path: [], roles: ['committee', 'grid_worker'] }]),
      'points.publicity': () => ok({ items: [] }),
      'points.postDue': () => ok({ posted: 3, failed: 0 })
    })
    const { container } = render(<PublicityPage />)
    await screen.findByText('现在没有正在公示的积分')
    await waitFor(() => expect(container.querySelector('.publicity-post-due')).not.toBeNull())
    fireEvent.click(container.querySelector('.publicity-post-due') as HTMLElement)
    await waitFor(() => expect(callsTo('points.postDue')).toHaveLength(1))
    expect(showModal).toHaveBeenCalledTimes(1)
    expect(callsTo('points.postDue')[0].data).toEqual({ villageId: 'v1' })
    await waitFor(() => expect(container.querySelector('.publicity-post-result')?.textContent).toBe('已入账 3 条'))
  })
})
