import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { GoodsView, Output } from '../../types/contract'
import ShopPage from '../../src/mall/pages/shop/index'
import { tilesFor } from '../../src/features/tiles'
import { callsTo, fail, mockFunctions, ok, resetAll } from './helpers'
import { household } from './fixtures/identity'
import { cloud, navigateTo, taroMock } from './mocks/taro'

beforeEach(resetAll)

type Shop = Output<'mall', 'shop'>

function goods(over: Partial<GoodsView> & { id: string; name: string; price: number }): GoodsView {
  return { villageId: 'v1', photo: null, photoUrl: null, yuan: over.price / 5, stock: 10, limitPerHousehold: null, active: true, ...over }
}

const GOODS = [
  goods({ id: 'g1', name: '抽纸', price: 20, limitPerHousehold: 4 }),
  goods({ id: 'g2', name: '洗衣粉', price: 100, stock: 5, limitPerHousehold: 2 }),
  goods({ id: 'g3', name: '大米', price: 300, stock: 3 })
]

const WINDOW = {
  id: 'w1',
  villageId: 'v1',
  title: '第四季度兑换日',
  opensAt: '2026-11-24T00:00:00.000Z',
  closesAt: '2026-11-30T10:00:00.000Z',
  quarter: '2026-Q4',
  open: true,
  swept: false
}

function shop(over: Partial<Shop> = {}): Shop {
  return {
    villageId: 'v1',
    householdId: 'h1',
    householdName: null,
    window: WINDOW,
    nextWindow: null,
    pickup: { place: '村委会一楼爱心超市', hours: '每周二、周五 9:00–11:30', phone: '0476-1234567' },
    goods: GOODS,
    used: {},
    balance: 235,
    quarterPoints: 95,
    threshold: 80,
    pointsPerYuan: 5,
    eligible: true,
    reason: null,
    ...over
  }
}

function order(id = 'o1') {
  return {
    id,
    windowId: 'w1',
    householdId: 'h1',
    householdName: '王小锐家',
    items: [{ goodsId: 'g1', name: '抽纸', price: 20, qty: 1 }],
    total: 20,
    state: 'reserved' as const,
    stateLabel: '待领取',
    pickupCode: '123456',
    qr: 'data:image/png;base64,AAAA',
    windowClosesAt: WINDOW.closesAt,
    placedByName: '王小锐',
    proxy: false,
    createdAt: '2026-11-25T01:00:00.000Z',
    pickedUpAt: null,
    cancelReason: null
  }
}

const q = (c: HTMLElement, sel: string) => c.querySelector(sel) as HTMLElement
const card = (c: HTMLElement, name: string) => Array.from(c.querySelectorAll('.mall-goods')).find((el) => el.textContent?.includes(name)) as HTMLElement

describe('爱心超市 shop page', () => {
  it('shows the ineligibility reason and disables ordering', async () => {
    mockFunctions({
      'mall.shop': () => ok(shop({ balance: 60, quarterPoints: 60, eligible: false, reason: '2026年第4季度积分60分，满80分才能兑换' })),
      'mall.placeOrder': () => ok(order())
    })
    const { container } = render(<ShopPage />)
    await waitFor(() => expect(q(container, '.mall-eligibility')).toBeTruthy())
    expect(q(container, '.mall-eligibility').textContent).toBe('2026年第4季度积分60分，满80分才能兑换')
    expect(q(container, '.mall-eligibility').className).toContain('mall-eligibility--no')
    expect(q(container, '.mall-balance').textContent).toContain('60')
    expect(q(container, '.mall-quarter').textContent).toContain('满 80 分')
    const adds = Array.from(container.querySelectorAll('.mall-goods__add')) as HTMLButtonElement[]
    expect(adds).toHaveLength(3)
    expect(adds.every((b) => b.disabled)).toBe(true)
    fireEvent.click(adds[0])
    expect(container.querySelector('.mall-goods__qty')).toBeNull()
    const submit = q(container, '.mall-order-submit') as HTMLButtonElement
    expect(submit.disabled).toBe(true)
    fireEvent.click(submit)
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(callsTo('mall.placeOrder')).toHaveLength(0)
  })

  it('shows the next window when none is open', async () => {
    mockFunctions({
      'mall.shop': () => ok(shop({ window: null, nextWindow: { ...WINDOW, id: 'w2', open: false, opensAt: '2027-02-28T16:00:00.000Z' }, eligible: false, reason: '现在不是兑换时间' }))
    })
    const { container } = render(<ShopPage />)
    await waitFor(() => expect(q(container, '.mall-window')?.textContent).toContain('下次兑换日：3月1日'))
    expect(q(container, '.mall-eligibility').textContent).toBe('现在不是兑换时间')
  })

  it('shows the server reason as is when no window is open and the household is short of points, with the quarter points beside it', async () => {
    const reason = '现在不是兑换时间；2026年第4季度积分60分，满80分才能兑换'
    mockFunctions({ 'mall.shop': () => ok(shop({ window: null, quarterPoints: 60, eligible: false, reason })) })
    const { container } = render(<ShopPage />)
    await waitFor(() => expect(q(container, '.mall-eligibility')).toBeTruthy())
    expect(q(container, '.mall-eligibility').textContent).toBe(reason)
    expect(q(container, '.mall-quarter').textContent).toBe('本季度积分 60 分，满 80 分可以兑换')
  })

  it('counts what the household already holds in this window against the per-household limit', async () => {
    mockFunctions({ 'mall.shop': () => ok(shop({ used: { g1: 2, g2: 2 } })) })
    const { container } = render(<ShopPage />)
    await waitFor(() => expect(container.querySelectorAll('.mall-goods')).toHaveLength(3))

    // 抽纸: 每户限4件, 2 already held → at most 2 more.
    const tissue = () => card(container, '抽纸')
    expect(tissue().querySelector('.mall-goods__limit')?.textContent).toBe('每户限4件，本次兑换日已兑2件')
    fireEvent.click(tissue().querySelector('.mall-goods__add') as HTMLElement)
    fireEvent.click(tissue().querySelector('.mall-goods__plus') as HTMLElement)
    expect(tissue().querySelector('.mall-goods__qty')?.textContent).toBe('2')
    expect(tissue().querySelector('.mall-goods__plus')?.className).toContain('cs-stepper__btn--off')
    fireEvent.click(tissue().querySelector('.mall-goods__plus') as HTMLElement)
    expect(tissue().querySelector('.mall-goods__qty')?.textContent).toBe('2')

    // 洗衣粉: 每户限2件, both already held → cannot be added at all.
    const powder = card(container, '洗衣粉')
    expect(powder.querySelector('.mall-goods__limit')?.className).toContain('mall-goods__limit--reached')
    const add = powder.querySelector('.mall-goods__add') as HTMLButtonElement
    expect(add.disabled).toBe(true)
    expect(add.textContent).toBe('已兑满')
    fireEvent.click(add)
    expect(powder.querySelector('.mall-goods__qty')).toBeNull()

    // 大米 has no limit and nothing used: the plain stock rule.
    expect(card(container, '大米').querySelector('.mall-goods__limit')).toBeNull()
    expect(q(container, '.mall-cart-total').textContent).toContain('合计 40 积分')
  })

  it('keeps the server message when the limit was reached meanwhile, and trims the cart to what is left', async () => {
    let used: Record<string, number> = {}
    mockFunctions({
      'mall.shop': () => ok(shop({ used })),
      'mall.placeOrder': () => {
        // Someone else of the household ordered 3 抽纸 on another phone.
        used = { g1: 3 }
        return fail('MALL.LIMIT_EXCEEDED', '“抽纸”每户限4件，本次兑换日已兑3件')
      }
    })
    const { container } = render(<ShopPage />)
    await waitFor(() => expect(container.querySelectorAll('.mall-goods')).toHaveLength(3))
    fireEvent.click(card(container, '抽纸').querySelector('.mall-goods__add') as HTMLElement)
    fireEvent.click(card(container, '抽纸').querySelector('.mall-goods__plus') as HTMLElement)
    expect(card(container, '抽纸').querySelector('.mall-goods__qty')?.textContent).toBe('2')
    fireEvent.click(q(container, '.mall-order-submit'))
    fireEvent.click(screen.getByText('确认兑换', { selector: '.nut-dialog-footer-ok' }))
    await waitFor(() => expect(q(container, '.mall-order-error')?.textContent).toBe('“抽纸”每户限4件，本次兑换日已兑3件'))
    await waitFor(() => expect(card(container, '抽纸').querySelector('.mall-goods__limit')?.textContent).toBe('每户限4件，本次兑换日已兑3件'))
    expect(card(container, '抽纸').querySelector('.mall-goods__qty')?.textContent).toBe('1')
    expect(q(container, '.mall-cart-total').textContent).toContain('合计 20 积分')
    expect(callsTo('mall.shop')).toHaveLength(2)
  })

  it('adds to the cart with steppers, totals it, marks what the household cannot afford and warns when over balance', async () => {
    mockFunctions({ 'mall.shop': () => ok(shop()) })
    const { container } = render(<ShopPage />)
    await waitFor(() => expect(container.querySelectorAll('.mall-goods')).toHaveLength(3))
    expect(q(container, '.mall-eligibility').className).toContain('mall-eligibility--ok')
    expect(card(container, '抽纸').textContent).toContain('每户限4件')
    expect(card(container, '抽纸').textContent).toContain('约4元')

    // 大米 costs 300 > 235: marked and not addable.
    const rice = card(container, '大米')
    expect(rice.className).toContain('mall-goods--unaffordable')
    expect((rice.querySelector('.mall-goods__add') as HTMLButtonElement).disabled).toBe(true)

    fireEvent.click(card(container, '洗衣粉').querySelector('.mall-goods__add') as HTMLElement)
    expect(q(container, '.mall-cart-total').textContent).toContain('合计 100 积分')
    fireEvent.click(card(container, '洗衣粉').querySelector('.mall-goods__plus') as HTMLElement)
    expect(card(container, '洗衣粉').querySelector('.mall-goods__qty')?.textContent).toBe('2')
    // Limit 2 per household: + does nothing more.
    fireEvent.click(card(container, '洗衣粉').querySelector('.mall-goods__plus') as HTMLElement)
    expect(card(container, '洗衣粉').querySelector('.mall-goods__qty')?.textContent).toBe('2')

    fireEvent.click(card(container, '抽纸').querySelector('.mall-goods__add') as HTMLElement)
    expect(q(container, '.mall-cart-total').textContent).toContain('合计 220 积分（约44元）')
    expect(container.querySelector('.mall-cart-warning')).toBeNull()
    expect((q(container, '.mall-order-submit') as HTMLButtonElement).disabled).toBe(false)

    fireEvent.click(card(container, '抽纸').querySelector('.mall-goods__plus') as HTMLElement)
    expect(q(container, '.mall-cart-total').textContent).toContain('合计 240 积分')
    expect(q(container, '.mall-cart-warning').textContent).toContain('还差 5 分')
    expect((q(container, '.mall-order-submit') as HTMLButtonElement).disabled).toBe(true)

    // Back under the balance.
    fireEvent.click(card(container, '抽纸').querySelector('.mall-goods__minus') as HTMLElement)
    expect(container.querySelector('.mall-cart-warning')).toBeNull()
    expect((q(container, '.mall-order-submit') as HTMLButtonElement).disabled).toBe(false)
  })

  it('places the order with one requestId across a double tap, transport retries and a re-submit, then opens the order', async () => {
    mockFunctions({ 'mall.shop': () => ok(shop()), 'mall.placeOrder': () => ok(order('o77')) })
    // The network drops: every placeOrder attempt of the first submission fails, then the first attempt of the second.
    const routed = cloud.callFunction.getMockImplementation() as (o: { name: string; data: { action: string } }) => Promise<unknown>
    let drops = 5
    cloud.callFunction.mockImplementation(async (o: { name: string; data: { action: string } }) => {
      if (o.data.action === 'placeOrder' && drops > 0) {
        drops--
        throw new Error('timeout')
      }
      return routed(o)
    })
    const { container } = render(<ShopPage />)
    await waitFor(() => expect(container.querySelectorAll('.mall-goods')).toHaveLength(3))
    fireEvent.click(card(container, '抽纸').querySelector('.mall-goods__add') as HTMLElement)

    const submit = q(container, '.mall-order-submit')
    fireEvent.click(submit)
    fireEvent.click(submit)
    expect(screen.getAllByRole('dialog')).toHaveLength(1)
    expect(screen.getByRole('dialog').textContent).toContain('抽纸 × 1')
    fireEvent.click(screen.getByText('确认兑换', { selector: '.nut-dialog-footer-ok' }))
    await waitFor(() => expect(q(container, '.mall-order-error')?.textContent).toBe('网络不好，请检查网络后再试'))
    expect(callsTo('mall.placeOrder')).toHaveLength(4)
    expect(navigateTo).not.toHaveBeenCalled()

    // The villager taps again: same intent, same requestId.
    fireEvent.click(q(container, '.mall-order-submit'))
    fireEvent.click(screen.getByText('确认兑换', { selector: '.nut-dialog-footer-ok' }))
    await waitFor(() => expect(navigateTo).toHaveBeenCalledWith({ url: '/mall/pages/orders/index?id=o77' }))
    const sent = callsTo('mall.placeOrder')
    expect(sent).toHaveLength(6)
    expect(new Set(sent.map((s) => s.requestId)).size).toBe(1)
    expect(sent[0].requestId).toBeTruthy()
    expect(sent[0].data).toEqual({ windowId: 'w1', items: [{ goodsId: 'g1', qty: 1 }] })
    // The cart is emptied after the order.
    expect(q(container, '.mall-cart-total').textContent).toContain('合计 0 积分')
  })

  it('ignores a second confirm while the order is in flight, and a changed cart is a new intent', async () => {
    let release: (v: unknown) => void = () => undefined
    let first = true
    mockFunctions({
      'mall.shop': () => ok(shop()),
      'mall.placeOrder': () => {
        if (first) {
          first = false
          return fail('MALL.OUT_OF_STOCK', '“洗衣粉”库存不够了')
        }
        return new Promise((resolve) => {
          release = () => resolve(ok(order('o2')))
        })
      }
    })
    const { container } = render(<ShopPage />)
    await waitFor(() => expect(container.querySelectorAll('.mall-goods')).toHaveLength(3))
    fireEvent.click(card(container, '洗衣粉').querySelector('.mall-goods__add') as HTMLElement)
    fireEvent.click(q(container, '.mall-order-submit'))
    fireEvent.click(screen.getByText('确认兑换', { selector: '.nut-dialog-footer-ok' }))
    await waitFor(() => expect(q(container, '.mall-order-error')?.textContent).toBe('“洗衣粉”库存不够了'))

    // Change the cart: a new intent gets a new requestId.
    fireEvent.click(card(container, '抽纸').querySelector('.mall-goods__add') as HTMLElement)
    expect(container.querySelector('.mall-order-error')).toBeNull()
    fireEvent.click(q(container, '.mall-order-submit'))
    fireEvent.click(screen.getByText('确认兑换', { selector: '.nut-dialog-footer-ok' }))
    await waitFor(() => expect((q(container, '.mall-order-submit') as HTMLButtonElement).disabled).toBe(true))
    fireEvent.click(q(container, '.mall-order-submit'))
    expect(screen.queryByRole('dialog')).toBeNull()
    release(undefined)
    await waitFor(() => expect(navigateTo).toHaveBeenCalledWith({ url: '/mall/pages/orders/index?id=o2' }))
    const sent = callsTo('mall.placeOrder')
    expect(sent).toHaveLength(2)
    expect(sent[0].requestId).not.toBe(sent[1].requestId)
    expect(sent[1].data).toEqual({ windowId: 'w1', items: [{ goodsId: 'g1', qty: 1 }, { goodsId: 'g2', qty: 1 }] })
  })

  it('代办: a grid worker picks a household, sees whom it is for, and orders for it', async () => {
    taroMock.router.params = { proxy: '1' }
    mockFunctions({
      'identity.myScopes': () => ok([{ id: 'v1', name: '红星村', kind: 'village', parentId: null, path: [], roles: ['grid_worker'] }]),
      'identity.listHouseholds': () =>
        ok({ items: [{ ...household({ id: 'h7', code: '3-020', name: '李大山家' }), members: undefined, memberCount: 3, headName: '李大山' }], total: 1 }),
      'mall.shop': (data) => ok(shop({ householdId: (data as { householdId?: string }).householdId ?? null, householdName: '李大山家（3-020）' })),
      'mall.placeOrder': () => ok({ ...order('o9'), proxy: true })
    })
    const { container } = render(<ShopPage />)
    fireEvent.click(await screen.findByText('李大山'))
    await waitFor(() => expect(q(container, '.mall-proxy-banner')?.textContent).toContain('正在为 李大山家（3-020） 代办兑换'))
    expect(callsTo('mall.shop')[0].data).toEqual({ householdId: 'h7' })
    fireEvent.click(card(container, '抽纸').querySelector('.mall-goods__add') as HTMLElement)
    fireEvent.click(q(container, '.mall-order-submit'))
    expect(screen.getByRole('dialog').textContent).toContain('代办：李大山家（3-020）')
    fireEvent.click(screen.getByText('确认兑换', { selector: '.nut-dialog-footer-ok' }))
    await waitFor(() => expect(navigateTo).toHaveBeenCalledWith({ url: '/mall/pages/orders/index?id=o9&householdId=h7' }))
    expect(callsTo('mall.placeOrder')[0].data).toMatchObject({ householdId: 'h7', windowId: 'w1' })
  })

  it('代办 by householdId param names the household from the shop answer, without asking the roster', async () => {
    taroMock.router.params = { householdId: 'h6' }
    mockFunctions({
      'mall.shop': () => ok(shop({ householdId: 'h6', householdName: '额尔敦家（QJ-006）' })),
      'identity.getHousehold': () => ok(household())
    })
    const { container } = render(<ShopPage />)
    await waitFor(() => expect(q(container, '.mall-proxy-banner')?.textContent).toContain('正在为 额尔敦家（QJ-006） 代办兑换'))
    expect(q(container, '.mall-balance__label').textContent).toBe('这一户可用积分')
    expect(callsTo('mall.shop')[0].data).toEqual({ householdId: 'h6' })
    expect(callsTo('identity.getHousehold')).toHaveLength(0)
  })

  it('shows the server message when the shop cannot load', async () => {
    mockFunctions({ 'mall.shop': () => fail('ROSTER.HOUSEHOLD_NOT_FOUND', '您还没有登记到某一户') })
    render(<ShopPage />)
    await screen.findByText('您还没有登记到某一户')
    expect(screen.getByText('重试')).toBeTruthy()
  })
})

describe('mall tiles', () => {
  it('shows shop tiles to everyone and work tiles by role', () => {
    expect(tilesFor('home', []).map((t) => t.key)).toEqual(expect.arrayContaining(['mall-shop', 'mall-orders']))
    const staff = tilesFor('work', ['staff']).map((t) => t.key)
    expect(staff).toEqual(expect.arrayContaining(['mall-handover', 'mall-manage', 'mall-report']))
    expect(staff).not.toContain('mall-proxy')
    const grid = tilesFor('work', ['grid_worker']).map((t) => t.key)
    expect(grid).toContain('mall-proxy')
    expect(grid).not.toContain('mall-handover')
  })
})

describe('爱心超市 pickup information', () => {
  it('shows the place, hours and phone the village set, and nothing when none is set', async () => {
    mockFunctions({ 'mall.shop': () => ok(shop()) })
    const { container, unmount } = render(<ShopPage />)
    await waitFor(() => expect(container.querySelector('.mall-pickup__place')?.textContent).toBe('取货地点：村委会一楼爱心超市'))
    expect(container.querySelector('.mall-pickup__hours')?.textContent).toBe('开放时间：每周二、周五 9:00–11:30')
    expect(container.querySelector('.mall-pickup__number')?.textContent).toBe('0476-1234567')
    unmount()
    mockFunctions({ 'mall.shop': () => ok(shop({ pickup: { place: '', hours: '', phone: '' } })) })
    const again = render(<ShopPage />)
    await waitFor(() => expect(again.container.querySelector('.mall-balance__value')).not.toBeNull())
    expect(again.container.querySelector('.mall-pickup')).toBeNull()
  })
})
