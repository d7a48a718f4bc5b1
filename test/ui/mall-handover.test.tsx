import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { OrderView } from '../../types/contract'
import HandoverPage from '../../src/mall/pages/handover/index'
import { callsTo, fail, mockFunctions, ok, resetAll } from './helpers'

const scanCode = jest.fn()
;(Taro as unknown as Record<string, unknown>).scanCode = scanCode

beforeEach(() => {
  resetAll()
  scanCode.mockReset()
})

const SCOPES = [{ id: 'v1', name: '红星村', kind: 'village', parentId: null, path: [], roles: ['staff'] }]

function order(over: Partial<OrderView> = {}): OrderView {
  return {
    id: 'o1',
    windowId: 'w1',
    householdId: 'h1',
    householdName: '王小锐家',
    items: [
      { goodsId: 'g1', name: '抽纸', price: 20, qty: 4 },
      { goodsId: 'g2', name: '洗衣粉', price: 100, qty: 1 }
    ],
    total: 180,
    state: 'reserved',
    stateLabel: '待领取',
    pickupCode: '123456',
    qr: null,
    windowClosesAt: '2026-11-30T10:00:00.000Z',
    placedByName: '王小锐',
    proxy: false,
    createdAt: '2026-11-25T01:00:00.000Z',
    pickedUpAt: null,
    cancelReason: null,
    ...over
  }
}

const PICKED = order({ state: 'picked_up', stateLabel: '已领取', pickedUpAt: '2026-11-25T03:05:00.000Z' })
const q = (c: HTMLElement, sel: string) => c.querySelector(sel) as HTMLElement

describe('核销 handover page', () => {
  it('looks up a scanned QR payload and hands the order over after confirming', async () => {
    scanCode.mockResolvedValue({ result: 'cunshe:order:o1:123456', scanType: 'QR_CODE' })
    mockFunctions({
      'identity.myScopes': () => ok(SCOPES),
      'mall.lookupOrder': () => ok(order()),
      'mall.handOver': () => ok(PICKED)
    })
    const { container } = render(<HandoverPage />)
    fireEvent.click(await screen.findByText('扫码'))
    await waitFor(() => expect(q(container, '.handover-result')).toBeTruthy())
    expect(callsTo('mall.lookupOrder')[0].data).toEqual({ villageId: 'v1', code: 'cunshe:order:o1:123456' })
    expect((q(container, '.handover-code-input') as HTMLInputElement).value).toBe('123456')
    const result = q(container, '.handover-result')
    expect(result.textContent).toContain('王小锐家')
    expect(result.textContent).toContain('抽纸')
    expect(result.textContent).toContain('4 件')
    expect(result.textContent).toContain('待领取')
    expect(container.querySelector('.handover-warning')).toBeNull()

    fireEvent.click(q(container, '.handover-confirm'))
    expect(screen.getByRole('dialog').textContent).toContain('洗衣粉 × 1')
    expect(callsTo('mall.handOver')).toHaveLength(0)
    fireEvent.click(screen.getByText('确认发放', { selector: '.nut-dialog-footer-ok' }))
    await waitFor(() => expect(q(container, '.handover-done')?.textContent).toContain('已发放给 王小锐家'))
    const sent = callsTo('mall.handOver')
    expect(sent).toHaveLength(1)
    // 核销 sends the household's code with the order (an order id alone hands nothing over)
    expect(sent[0].data).toEqual({ orderId: 'o1', code: 'cunshe:order:o1:123456' })
    expect(sent[0].requestId).toBeTruthy()
    expect(container.querySelector('.handover-confirm')).toBeNull()
    expect(q(container, '.handover-result').textContent).toContain('已领取')
  })

  it('does nothing when scanning is cancelled', async () => {
    scanCode.mockRejectedValue(new Error('scanCode:fail cancel'))
    mockFunctions({ 'identity.myScopes': () => ok(SCOPES) })
    const { container } = render(<HandoverPage />)
    fireEvent.click(await screen.findByText('扫码'))
    await waitFor(() => expect(scanCode).toHaveBeenCalled())
    expect(callsTo('mall.lookupOrder')).toHaveLength(0)
    expect(container.querySelector('.handover-error')).toBeNull()
  })

  it('accepts a typed 6-digit code and shows an already picked-up order clearly, without a hand-over button', async () => {
    mockFunctions({ 'identity.myScopes': () => ok(SCOPES), 'mall.lookupOrder': () => ok(PICKED) })
    const { container } = render(<HandoverPage />)
    await screen.findByText('扫码')
    fireEvent.change(q(container, '.handover-code-input'), { target: { value: ' 123 456 ' } })
    fireEvent.click(q(container, '.handover-lookup'))
    await waitFor(() => expect(q(container, '.handover-warning')?.textContent).toContain('这个兑换单已经领取过了（11月25日 11:05）'))
    expect(callsTo('mall.lookupOrder')[0].data).toEqual({ villageId: 'v1', code: '123456' })
    expect(container.querySelector('.handover-confirm')).toBeNull()
  })

  it('rejects a malformed code before asking the server', async () => {
    mockFunctions({ 'identity.myScopes': () => ok(SCOPES), 'mall.lookupOrder': () => ok(order()) })
    const { container } = render(<HandoverPage />)
    await screen.findByText('扫码')
    fireEvent.change(q(container, '.handover-code-input'), { target: { value: '12a45' } })
    fireEvent.click(q(container, '.handover-lookup'))
    expect(q(container, '.handover-error').textContent).toBe('取货码是6位数字，请核对后再输')
    expect(callsTo('mall.lookupOrder')).toHaveLength(0)
  })

  it('shows the server message when the code is unknown', async () => {
    mockFunctions({ 'identity.myScopes': () => ok(SCOPES), 'mall.lookupOrder': () => fail('MALL.ORDER_NOT_FOUND', '没有找到这个兑换单') })
    const { container } = render(<HandoverPage />)
    await screen.findByText('扫码')
    fireEvent.change(q(container, '.handover-code-input'), { target: { value: '000000' } })
    fireEvent.click(q(container, '.handover-lookup'))
    await waitFor(() => expect(q(container, '.handover-error')?.textContent).toBe('没有找到这个兑换单'))
    expect(container.querySelector('.handover-result')).toBeNull()
  })

  it('shows ALREADY_PICKED_UP from the server when someone else handed it over meanwhile', async () => {
    let lookups = 0
    mockFunctions({
      'identity.myScopes': () => ok(SCOPES),
      'mall.lookupOrder': () => ok(lookups++ === 0 ? order() : PICKED),
      'mall.handOver': () => fail('MALL.ALREADY_PICKED_UP', '这个兑换单已经领取过了')
    })
    const { container } = render(<HandoverPage />)
    await screen.findByText('扫码')
    fireEvent.change(q(container, '.handover-code-input'), { target: { value: '123456' } })
    fireEvent.click(q(container, '.handover-lookup'))
    await waitFor(() => expect(q(container, '.handover-confirm')).toBeTruthy())
    fireEvent.click(q(container, '.handover-confirm'))
    fireEvent.click(screen.getByText('确认发放', { selector: '.nut-dialog-footer-ok' }))
    await waitFor(() => expect(q(container, '.handover-warning')?.textContent).toBe('这个兑换单已经领取过了'))
    await waitFor(() => expect(q(container, '.handover-result').textContent).toContain('已领取'))
    expect(container.querySelector('.handover-confirm')).toBeNull()
    expect(container.querySelector('.handover-done')).toBeNull()
  })

  it('tells people without a shop role that they cannot hand over', async () => {
    mockFunctions({ 'identity.myScopes': () => ok([{ ...SCOPES[0], roles: ['grid_worker'] }]) })
    render(<HandoverPage />)
    await screen.findByText('只有村里的工作人员可以核销发放')
  })
})
