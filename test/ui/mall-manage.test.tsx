import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { GoodsView } from '../../types/contract'
import ManagePage from '../../src/mall/pages/manage/index'
import GoodsEditPage from '../../src/mall/pages/goods-edit/index'
import ReportPage from '../../src/mall/pages/report/index'
import { callsTo, fail, mockFunctions, ok, resetAll } from './helpers'
import { downloadFile, navigateBack, openDocument, taroMock } from './mocks/taro'

beforeEach(resetAll)

const SCOPES = [{ id: 'v1', name: '红星村', kind: 'village', parentId: null, path: [], roles: ['committee'] }]
const TISSUE: GoodsView = { id: 'g1', villageId: 'v1', name: '抽纸', photo: null, photoUrl: null, price: 20, yuan: 4, stock: 3, limitPerHousehold: 4, active: true }
const q = (c: HTMLElement, sel: string) => c.querySelector(sel) as HTMLElement
const field = (c: HTMLElement, name: string) => c.querySelector(`.cs-field--${name} input`) as HTMLInputElement

const WINDOW = {
  id: 'w1',
  villageId: 'v1',
  title: '第三季度兑换日',
  opensAt: '2026-09-28T00:00:00.000Z',
  closesAt: '2026-09-30T10:00:00.000Z',
  quarter: '2026-Q3',
  open: false,
  swept: false
}

describe('超市管理 manage page', () => {
  it('restocks with a reason after confirming, and refuses taking away more than the stock', async () => {
    let stock = 3
    mockFunctions({
      'identity.myScopes': () => ok(SCOPES),
      'mall.listGoods': () => ok([{ ...TISSUE, stock }]),
      'mall.restock': (data) => {
        stock += (data as { delta: number }).delta
        return ok({ ...TISSUE, stock })
      }
    })
    const { container } = render(<ManagePage />)
    await waitFor(() => expect(q(container, '.mall-manage-goods__stock')?.textContent).toBe('库存 3 件'))
    fireEvent.click(q(container, '.mall-manage-restock'))
    fireEvent.click(screen.getByText('减少（损坏、过期等）'))
    fireEvent.change(field(container, 'restock-qty'), { target: { value: '5' } })
    fireEvent.change(field(container, 'restock-reason'), { target: { value: '破损' } })
    fireEvent.click(q(container, '.mall-restock-save'))
    expect(q(container, '.cs-field--restock-qty .cs-field__error').textContent).toBe('库存只有3件')
    expect(screen.queryByRole('dialog')).toBeNull()

    fireEvent.click(screen.getByText('补货（增加）'))
    fireEvent.change(field(container, 'restock-qty'), { target: { value: '10' } })
    fireEvent.change(field(container, 'restock-reason'), { target: { value: '镇里调拨' } })
    fireEvent.click(q(container, '.mall-restock-save'))
    expect(screen.getByRole('dialog').textContent).toContain('抽纸：增加 10 件，库存变为 13 件')
    fireEvent.click(screen.getByText('确定', { selector: '.nut-dialog-footer-ok' }))
    await waitFor(() => expect(q(container, '.mall-manage-goods__stock')?.textContent).toBe('库存 13 件'))
    expect(callsTo('mall.restock').map((c) => c.data)).toEqual([{ goodsId: 'g1', delta: 10, reason: '镇里调拨' }])
    expect(container.querySelector('.mall-restock')).toBeNull()
  })

  it('saves the shop rules after confirming', async () => {
    mockFunctions({
      'identity.myScopes': () => ok(SCOPES),
      'mall.listGoods': () => ok([]),
      'mall.getMallSettings': () => ok({ threshold: 80, pointsPerYuan: 5, pickupPlace: '村委会', openHours: '', contactPhone: '' }),
      'mall.saveMallSettings': (data) => ok(data)
    })
    const { container } = render(<ManagePage />)
    fireEvent.click(await screen.findByText('兑换规则'))
    await waitFor(() => expect(field(container, 'threshold').value).toBe('80'))
    fireEvent.change(field(container, 'threshold'), { target: { value: '' } })
    fireEvent.click(q(container, '.mall-settings-save'))
    expect(q(container, '.cs-field--threshold .cs-field__error').textContent).toBe('请填写整数')
    fireEvent.change(field(container, 'threshold'), { target: { value: '100' } })
    fireEvent.change(field(container, 'open-hours'), { target: { value: '每周二 9:00–11:30' } })
    fireEvent.change(field(container, 'contact-phone'), { target: { value: '0476-8621001' } })
    fireEvent.click(q(container, '.mall-settings-save'))
    expect(screen.getByRole('dialog').textContent).toContain('满 100 分可兑换，5 积分折合 1 元')
    fireEvent.click(screen.getByText('确定', { selector: '.nut-dialog-footer-ok' }))
    await waitFor(() => expect(callsTo('mall.saveMallSettings')).toHaveLength(1))
    expect(callsTo('mall.saveMallSettings')[0].data).toEqual({ villageId: 'v1', threshold: 100, pointsPerYuan: 5, pickupPlace: '村委会', openHours: '每周二 9:00–11:30', contactPhone: '0476-8621001' })
  })
})

describe('goods edit page', () => {
  it('validates, then saves a new item with its opening stock', async () => {
    taroMock.router.params = { villageId: 'v1' }
    mockFunctions({ 'mall.getMallSettings': () => ok({ threshold: 80, pointsPerYuan: 5 }), 'mall.saveGoods': () => ok(TISSUE) })
    const { container } = render(<GoodsEditPage />)
    fireEvent.click(q(container, '.mall-goods-save'))
    expect(q(container, '.cs-field--goods-name .cs-field__error').textContent).toBe('请填写商品名称')
    expect(q(container, '.cs-field--goods-price .cs-field__error').textContent).toBe('请填写兑换积分（整数）')
    fireEvent.change(field(container, 'goods-name'), { target: { value: ' 抽纸 ' } })
    fireEvent.change(field(container, 'goods-price'), { target: { value: '20' } })
    await waitFor(() => expect(q(container, '.cs-field--goods-price .cs-field__hint')?.textContent).toContain('约合 4 元'))
    fireEvent.change(field(container, 'goods-limit'), { target: { value: '4' } })
    fireEvent.change(field(container, 'goods-stock'), { target: { value: '50' } })
    fireEvent.click(q(container, '.mall-goods-save'))
    await waitFor(() => expect(navigateBack).toHaveBeenCalled())
    expect(callsTo('mall.saveGoods')[0].data).toEqual({ villageId: 'v1', name: '抽纸', photo: null, price: 20, limitPerHousehold: 4, active: true, initialStock: 50 })
  })
})

describe('兑换报表 report page', () => {
  const REPORT = {
    window: WINDOW,
    orders: { total: 5, reserved: 1, pickedUp: 3, cancelled: 1, expired: 0, points: 340 },
    goods: [{ goodsId: 'g1', name: '抽纸', ordered: 12, pickedUp: 8, stock: 30 }],
    movements: [{ goodsId: 'g1', name: '抽纸', delta: -4, reason: '兑换 王小锐家', byName: '王小锐', at: '2026-09-28T02:00:00.000Z', stockAfter: 30 }]
  }

  it('shows totals and per-goods numbers, exports, and settles expired orders after confirming', async () => {
    taroMock.router.params = { windowId: 'w1' }
    downloadFile.mockResolvedValue({ statusCode: 200, tempFilePath: '/tmp/r.xlsx' })
    openDocument.mockResolvedValue({})
    mockFunctions({
      'mall.report': () => ok(REPORT),
      'mall.windowOrders': () => ok([]),
      'mall.exportReport': () => ok({ fileId: 'f1', url: 'https://x/r.xlsx', rows: 5 }),
      'mall.expireOrders': () => ok({ expired: 1 })
    })
    const { container } = render(<ReportPage />)
    await waitFor(() => expect(q(container, '.mall-stat--picked-up .mall-stat__value')?.textContent).toBe('3'))
    expect(q(container, '.mall-stat--points .mall-stat__value').textContent).toBe('340')
    expect(q(container, '.mall-report-goods').textContent).toContain('兑出 12 件 · 已领 8 件 · 库存 30 件')
    expect(q(container, '.mall-report-movements').textContent).toContain('-4')

    fireEvent.click(q(container, '.mall-report-export'))
    await waitFor(() => expect(openDocument).toHaveBeenCalledWith(expect.objectContaining({ filePath: '/tmp/r.xlsx' })))
    expect(downloadFile).toHaveBeenCalledWith({ url: 'https://x/r.xlsx' })

    fireEvent.click(q(container, '.mall-report-expire'))
    expect(callsTo('mall.expireOrders')).toHaveLength(0)
    fireEvent.click(screen.getByText('结算', { selector: '.nut-dialog-footer-ok' }))
    await waitFor(() => expect(q(container, '.mall-report-expired')?.textContent).toContain('1 单过期'))
    expect(callsTo('mall.expireOrders')[0].data).toEqual({ villageId: 'v1' })
  })

  it('cannot settle a window that has not ended', async () => {
    taroMock.router.params = { windowId: 'w1' }
    mockFunctions({
      'mall.report': () => ok({ ...REPORT, window: { ...WINDOW, open: true, closesAt: '2099-01-01T00:00:00.000Z' } }),
      'mall.windowOrders': () => fail('AUTH.FORBIDDEN', '没有权限')
    })
    const { container } = render(<ReportPage />)
    await waitFor(() => expect(q(container, '.mall-report-expire')).toBeTruthy())
    expect((q(container, '.mall-report-expire') as HTMLButtonElement).disabled).toBe(true)
    await screen.findByText('没有权限')
  })
})
