import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import BindRequestsPage, { chinaDateTime, reasonError } from '../../src/admin/pages/bind-requests/index'
import type { Output } from '../../types/contract'
import { callsTo, fail, mockFunctions, ok, resetAll } from './helpers'
import { household } from './fixtures/identity'
import { showToast } from './mocks/taro'

type BindRequest = Output<'identity', 'listBindRequests'>[number]

beforeEach(resetAll)

const scope = (roles: string[]) => [{ id: 'v1', name: '红星村', kind: 'village', parentId: null, path: [], roles }]

function bindRequest(id: string, over: Partial<BindRequest> = {}): BindRequest {
  return { id, name: '李秀英', phoneMasked: '139****0002', note: '三组 王家媳妇', status: 'pending', createdAt: '2026-11-20T01:30:00.000Z', ...over }
}

const requests: BindRequest[] = [
  bindRequest('b1'),
  bindRequest('b2', { name: '赵大爷', phoneMasked: '137****0003', note: '', createdAt: '2026-11-21T12:05:00.000Z' }),
  bindRequest('b3', { name: '钱已办', status: 'approved' }),
  bindRequest('b4', { name: '孙被拒', status: 'rejected' })
]

const h1 = household()
const householdItem = { id: h1.id, code: h1.code, name: h1.name, address: h1.address, villageId: h1.villageId, villageName: h1.villageName, gridId: h1.gridId, gridName: h1.gridName, headMemberId: h1.headMemberId, memberCount: 2, headName: '王小锐' }

function cards(container: HTMLElement): HTMLElement[] {
  return Array.from(container.querySelectorAll('.bind-request')) as HTMLElement[]
}

function mockAll(over: Record<string, Parameters<typeof mockFunctions>[0][string]> = {}) {
  mockFunctions({
    'identity.myScopes': () => ok(scope(['staff'])),
    'identity.listBindRequests': () => ok(requests),
    'identity.listHouseholds': () => ok({ items: [householdItem], total: 1 }),
    'identity.getHousehold': () => ok(household()),
    'identity.decideBindRequest': (data) => ok({ status: (data as { approve: boolean }).approve ? 'approved' : 'rejected' }),
    ...over
  })
}

describe('绑定申请 list', () => {
  it('lists pending requests with name, masked phone, note and China time; 已处理 shows the others', async () => {
    mockAll()
    const { container } = render(<BindRequestsPage />)
    await screen.findByText('赵大爷')
    expect(callsTo('identity.listBindRequests')[0].data).toEqual({ villageId: 'v1' })
    const shown = cards(container)
    expect(shown).toHaveLength(2)
    // Oldest waiting first.
    expect(shown[0].textContent).toContain('李秀英')
    expect(shown[0].textContent).toContain('139****0002')
    expect(shown[0].textContent).toContain('三组 王家媳妇')
    expect(shown[0].textContent).toContain('2026-11-20 09:30')
    expect(shown[1].textContent).toContain('2026-11-21 20:05')
    expect(shown[1].querySelector('.bind-request__note')).toBeNull()
    expect(container.querySelectorAll('.bind-request__approve')).toHaveLength(2)
    expect(container.querySelectorAll('.bind-request__reject')).toHaveLength(2)
    expect(screen.getByText('待处理（2）')).toBeTruthy()

    fireEvent.click(screen.getByText('已处理'))
    const doneCards = cards(container)
    expect(doneCards.map((c) => c.querySelector('.bind-request__name')?.textContent)).toEqual(['钱已办', '孙被拒'])
    expect(doneCards[0].textContent).toContain('已同意')
    expect(doneCards[1].textContent).toContain('已拒绝')
    expect(container.querySelectorAll('.bind-request__approve, .bind-request__reject')).toHaveLength(0)
  })

  it('shows an empty state when nothing is waiting', async () => {
    mockAll({ 'identity.listBindRequests': () => ok([]) })
    render(<BindRequestsPage />)
    await screen.findByText('没有待处理的绑定申请')
  })

  it('shows the server message with 重试 when the list fails', async () => {
    let failOnce = true
    mockAll({
      'identity.listBindRequests': () => {
        if (failOnce) {
          failOnce = false
          return fail('AUTH.FORBIDDEN', '您没有权限')
        }
        return ok(requests)
      }
    })
    const { container } = render(<BindRequestsPage />)
    await screen.findByText('您没有权限')
    fireEvent.click(screen.getByText('重试'))
    await waitFor(() => expect(cards(container)).toHaveLength(2))
  })

  it('does not offer the page to roles that cannot manage the roster (e.g. only 书记)', async () => {
    mockAll({ 'identity.myScopes': () => ok(scope(['secretary'])) })
    render(<BindRequestsPage />)
    await screen.findByText('您暂无审核绑定申请的权限')
    expect(callsTo('identity.listBindRequests')).toHaveLength(0)
  })
})

describe('同意: pick an unbound roster member', () => {
  it('searches households, shows bound members as disabled, confirms and sends the chosen member', async () => {
    let decided = false
    mockAll({
      'identity.listBindRequests': () => ok(decided ? requests.filter((r) => r.id !== 'b1') : requests),
      'identity.decideBindRequest': () => {
        decided = true
        return ok({ status: 'approved' })
      }
    })
    const { container } = render(<BindRequestsPage />)
    await screen.findByText('赵大爷')
    fireEvent.click(cards(container)[0].querySelector('.bind-request__approve') as HTMLElement)

    await screen.findByText('王小锐')
    expect(container.querySelector('.bind-picker__who')?.textContent).toContain('李秀英')
    fireEvent.change(container.querySelector('.bind-picker__input') as HTMLInputElement, { target: { value: ' 王小锐 ' } })
    fireEvent.click(screen.getByText('搜索'))
    await waitFor(() => expect(callsTo('identity.listHouseholds')).toHaveLength(2))
    expect(callsTo('identity.listHouseholds')[1].data).toMatchObject({ villageId: 'v1', q: '王小锐' })

    fireEvent.click(container.querySelector('.bind-household__head') as HTMLElement)
    await waitFor(() => expect(container.querySelectorAll('.bind-member-option')).toHaveLength(2))
    expect(callsTo('identity.getHousehold')[0].data).toEqual({ householdId: 'h1' })
    const [bound, unbound] = Array.from(container.querySelectorAll('.bind-member-option')) as HTMLElement[]
    expect(bound.className).toContain('bind-member-option--disabled')
    expect(bound.textContent).toContain('已绑定微信')
    expect(unbound.className).not.toContain('bind-member-option--disabled')

    // A member who is already bound cannot be chosen.
    fireEvent.click(bound)
    expect(screen.queryByRole('dialog')).toBeNull()

    fireEvent.click(unbound)
    const confirm = container.querySelector('.bind-confirm') as HTMLElement
    expect(confirm.textContent).toContain('李秀英')
    expect(confirm.textContent).toContain('3-012')
    expect(callsTo('identity.decideBindRequest')).toHaveLength(0)
    fireEvent.click(screen.getByText('同意绑定', { selector: '.nut-dialog-footer-ok' }))

    await waitFor(() => expect(callsTo('identity.decideBindRequest')).toHaveLength(1))
    const sent = callsTo('identity.decideBindRequest')[0]
    expect(sent.data).toEqual({ bindRequestId: 'b1', approve: true, memberId: 'm2' })
    expect(sent.requestId).toBeTruthy()
    await waitFor(() => expect(cards(container)).toHaveLength(1))
    expect(container.querySelector('.admin-result')?.textContent).toContain('已同意')
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已同意' }))
  })

  it('re-sends a failed approval with the same requestId', async () => {
    let attempts = 0
    mockAll({
      'identity.decideBindRequest': () => (++attempts === 1 ? fail('SYS.INTERNAL', '系统忙，请稍后再试') : ok({ status: 'approved' }))
    })
    const { container } = render(<BindRequestsPage />)
    await screen.findByText('赵大爷')
    fireEvent.click(cards(container)[0].querySelector('.bind-request__approve') as HTMLElement)
    fireEvent.click(await screen.findByText('王小锐'))
    fireEvent.click((await screen.findByText('李秀英', { selector: '.bind-member-option__name' })).closest('.bind-member-option') as HTMLElement)
    fireEvent.click(screen.getByText('同意绑定', { selector: '.nut-dialog-footer-ok' }))
    await waitFor(() => expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '系统忙，请稍后再试' })))
    // Still on the picker: choose again.
    fireEvent.click(container.querySelectorAll('.bind-member-option')[1] as HTMLElement)
    fireEvent.click(screen.getByText('同意绑定', { selector: '.nut-dialog-footer-ok' }))
    await waitFor(() => expect(callsTo('identity.decideBindRequest')).toHaveLength(2))
    const [a, b] = callsTo('identity.decideBindRequest')
    expect(a.requestId).toBe(b.requestId)
  })
})

describe('拒绝: needs a reason and a confirmation', () => {
  it('blocks an empty or one-character reason, then sends approve:false with the reason', async () => {
    mockAll()
    const { container } = render(<BindRequestsPage />)
    await screen.findByText('赵大爷')
    fireEvent.click(cards(container)[1].querySelector('.bind-request__reject') as HTMLElement)

    fireEvent.click(screen.getByText('拒绝申请'))
    expect(container.querySelector('.cs-field--reject-reason .cs-field__error')?.textContent).toBe('请填写拒绝原因（至少2个字）')
    expect(screen.queryByRole('dialog')).toBeNull()

    const input = container.querySelector('.cs-field--reject-reason input') as HTMLInputElement
    fireEvent.change(input, { target: { value: ' 查 ' } })
    fireEvent.click(screen.getByText('拒绝申请'))
    expect(container.querySelector('.cs-field--reject-reason .cs-field__error')).toBeTruthy()
    expect(screen.queryByRole('dialog')).toBeNull()

    fireEvent.change(input, { target: { value: ' 名册查无此人 ' } })
    fireEvent.click(screen.getByText('拒绝申请'))
    expect(container.querySelector('.bind-confirm--reject')?.textContent).toContain('赵大爷')
    // Cancelling the confirmation sends nothing.
    fireEvent.click(screen.getByText('取消', { selector: '.nut-dialog-footer-cancel' }))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(callsTo('identity.decideBindRequest')).toHaveLength(0)

    fireEvent.click(screen.getByText('拒绝申请'))
    fireEvent.click(screen.getByText('拒绝', { selector: '.nut-dialog-footer-ok' }))
    await waitFor(() => expect(callsTo('identity.decideBindRequest')).toHaveLength(1))
    expect(callsTo('identity.decideBindRequest')[0].data).toEqual({ bindRequestId: 'b2', approve: false, reason: '名册查无此人' })
    await waitFor(() => expect(callsTo('identity.listBindRequests')).toHaveLength(2))
    expect(container.querySelector('.admin-result')?.textContent).toContain('已拒绝 赵大爷 的绑定申请')
  })

  it('reasonError and chinaDateTime', () => {
    expect(reasonError('')).toBe('请填写拒绝原因（至少2个字）')
    expect(reasonError(' 否 ')).toBe('请填写拒绝原因（至少2个字）')
    expect(reasonError('不是本村')).toBe('')
    expect(reasonError('长'.repeat(101))).toBe('拒绝原因不能超过100个字')
    expect(chinaDateTime('2026-11-24T16:30:00.000Z')).toBe('2026-11-25 00:30')
  })
})
