import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { OrderView } from '../../types/contract'
import OrdersPage from '../../src/mall/pages/orders/index'
import { OrderCard } from '../../src/mall/components/order-card'
import { callsTo, fail, mockFunctions, ok, resetAll } from './helpers'
import { navigateTo, showToast, taroMock } from './mocks/taro'

beforeEach(resetAll)

const QR = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='

function order(over: Partial<OrderView> = {}): OrderView {
  return {
    id: 'o1',
    windowId: 'w1',
    householdId: 'h1',
    householdName: '王小锐家',
    items: [{ goodsId: 'g1', name: '抽纸', price: 20, qty: 4 }],
    total: 80,
    state: 'reserved',
    stateLabel: '待领取',
    pickupCode: '123456',
    qr: QR,
    windowClosesAt: '2026-11-30T10:00:00.000Z',
    placedByName: '王小锐',
    proxy: false,
    createdAt: '2026-11-25T01:00:00.000Z',
    pickedUpAt: null,
    cancelReason: null,
    ...over
  }
}

const ORDERS = [
  order({ id: 'o0', state: 'picked_up', stateLabel: '已领取', pickupCode: '654321', qr: null, pickedUpAt: '2026-08-20T02:30:00.000Z', createdAt: '2026-08-19T01:00:00.000Z' }),
  order()
]

describe('我的兑换 orders page', () => {
  it('shows the pickup code big and the QR for a reserved order, and highlights the new one first', async () => {
    taroMock.router.params = { id: 'o1' }
    mockFunctions({ 'mall.myOrders': () => ok(ORDERS) })
    const { container } = render(<OrdersPage />)
    await waitFor(() => expect(container.querySelectorAll('.mall-order')).toHaveLength(2))
    const [first, second] = Array.from(container.querySelectorAll('.mall-order'))
    expect(first.className).toContain('mall-order--highlight')
    expect(first.className).toContain('mall-order--reserved')
    expect(first.querySelector('.mall-order__code')?.textContent).toBe('123456')
    expect(first.querySelector('.mall-order__qr')?.getAttribute('src')).toBe(QR)
    expect(first.textContent).toContain('兑换成功')
    expect(first.textContent).toContain('共 80 积分')
    expect(first.querySelector('.mall-order__state')?.textContent).toBe('待领取')
    // A picked-up order shows no code or QR and cannot be cancelled.
    expect(second.querySelector('.mall-order__state')?.textContent).toBe('已领取')
    expect(second.querySelector('.mall-order__code')).toBeNull()
    expect(second.querySelector('.mall-order__qr')).toBeNull()
    expect(second.querySelector('.mall-order__cancel')).toBeNull()
    expect(second.textContent).toContain('领取时间：8月20日 10:30')
    expect(callsTo('mall.myOrders')[0].data).toEqual({})
  })

  it('tells by when to pick up a reserved order (the window end, China time)', async () => {
    mockFunctions({ 'mall.myOrders': () => ok(ORDERS) })
    const { container } = render(<OrdersPage />)
    await waitFor(() => expect(container.querySelectorAll('.mall-order')).toHaveLength(2))
    const reserved = container.querySelector('.mall-order--reserved') as HTMLElement
    // 2026-11-30T10:00Z is 18:00 in China.
    expect(reserved.querySelector('.mall-order__deadline')?.textContent).toBe('请在 11月30日 18:00 前领取')
    expect(container.querySelector('.mall-order--picked_up .mall-order__deadline')).toBeNull()
  })

  it('order card: the deadline only for reserved orders that carry one, also on staff views', () => {
    const { container, rerender } = render(<OrderCard order={order({ windowClosesAt: '2027-01-01T03:05:00.000Z' })} showHousehold />)
    expect(container.querySelector('.mall-order__deadline')?.textContent).toBe('请在 1月1日 11:05 前领取')
    expect(container.querySelector('.mall-order__code')).toBeNull()
    rerender(<OrderCard order={order({ windowClosesAt: null })} showCode />)
    expect(container.querySelector('.mall-order__deadline')).toBeNull()
    expect(container.querySelector('.mall-order__hint')?.textContent).toContain('请在兑换日结束前到村里领取')
    rerender(<OrderCard order={order({ state: 'expired', stateLabel: '过期退回' })} showCode />)
    expect(container.querySelector('.mall-order__deadline')).toBeNull()
  })

  it('asks the household for it (代办) when opened with householdId', async () => {
    taroMock.router.params = { householdId: 'h7' }
    mockFunctions({ 'mall.myOrders': () => ok([]) })
    render(<OrdersPage />)
    await screen.findByText('还没有兑换过商品')
    expect(callsTo('mall.myOrders')[0].data).toEqual({ householdId: 'h7' })
    fireEvent.click(screen.getByText('去爱心超市'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/mall/pages/shop/index?householdId=h7' })
  })

  it('cancels a reserved order with a reason, only after confirming', async () => {
    let cancelled = false
    mockFunctions({
      'mall.myOrders': () => ok(cancelled ? [order({ state: 'cancelled', stateLabel: '已取消', qr: null, cancelReason: '家里有事' })] : [order()]),
      'mall.cancelOrder': () => {
        cancelled = true
        return ok(order({ state: 'cancelled', stateLabel: '已取消', qr: null, cancelReason: '家里有事' }))
      }
    })
    const { container } = render(<OrdersPage />)
    fireEvent.click(await screen.findByText('取消兑换'))
    fireEvent.click(screen.getByText('其他'))
    fireEvent.change(container.querySelector('.mall-cancel-reason') as HTMLInputElement, { target: { value: ' 事' } })
    fireEvent.click(container.querySelector('.mall-cancel-confirm') as HTMLElement)
    expect(container.querySelector('.mall-cancel__error')?.textContent).toBe('请写明取消原因')
    expect(screen.queryByRole('dialog')).toBeNull()

    fireEvent.change(container.querySelector('.mall-cancel-reason') as HTMLInputElement, { target: { value: '家里有事' } })
    fireEvent.click(container.querySelector('.mall-cancel-confirm') as HTMLElement)
    expect(screen.getByRole('dialog').textContent).toContain('积分会退回')
    fireEvent.click(screen.getByText('取消', { selector: '.nut-dialog-footer-cancel' }))
    expect(callsTo('mall.cancelOrder')).toHaveLength(0)

    fireEvent.click(container.querySelector('.mall-cancel-confirm') as HTMLElement)
    fireEvent.click(screen.getByText('确定取消', { selector: '.nut-dialog-footer-ok' }))
    await waitFor(() => expect(container.querySelector('.mall-order__state')?.textContent).toBe('已取消'))
    const sent = callsTo('mall.cancelOrder')
    expect(sent).toHaveLength(1)
    expect(sent[0].data).toEqual({ orderId: 'o1', reason: '家里有事' })
    expect(sent[0].requestId).toBeTruthy()
    expect(container.querySelector('.mall-order__code')).toBeNull()
    expect(container.textContent).toContain('取消原因：家里有事，积分已退回')
  })

  it('shows the server message when the order cannot be cancelled any more', async () => {
    mockFunctions({
      'mall.myOrders': () => ok([order()]),
      'mall.cancelOrder': () => fail('MALL.ALREADY_PICKED_UP', '这个兑换单已经领取过了')
    })
    const { container } = render(<OrdersPage />)
    fireEvent.click(await screen.findByText('取消兑换'))
    fireEvent.click(container.querySelector('.mall-cancel-confirm') as HTMLElement)
    fireEvent.click(screen.getByText('确定取消', { selector: '.nut-dialog-footer-ok' }))
    await waitFor(() => expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '这个兑换单已经领取过了' })))
    expect(callsTo('mall.cancelOrder')[0].data).toEqual({ orderId: 'o1', reason: '不想要了' })
  })

  it('shows the error view with retry when orders cannot load', async () => {
    mockFunctions({ 'mall.myOrders': () => fail('ROSTER.HOUSEHOLD_NOT_FOUND', '您还没有登记到某一户') })
    render(<OrdersPage />)
    await screen.findByText('您还没有登记到某一户')
    expect(screen.getByText('重试')).toBeTruthy()
  })
})
