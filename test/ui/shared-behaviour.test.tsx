/**
 * Rules every page gets from the shared parts, tested once on the shared part:
 *  - lists refresh after a change made from them or from a page they opened (useQuery + useReloadOnShow);
 *  - a later success takes an earlier failure's toast off the screen (useMutation / call);
 *  - a disabled button keeps its label, looks disabled and says why (BigButton);
 *  - a batch result names what each row is about and wraps (ResultList).
 */
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import { useState } from 'react'
import { BigButton } from '../../src/components/big-button'
import { ResultList } from '../../src/components/result-list'
import { useMutation, useQuery, useReloadOnShow } from '../../src/hooks/use-call'
import { call } from '../../src/services/call'
import { callsTo, fail, mockFunctions, ok, resetAll } from './helpers'
import { hideToast, showToast, taroMock } from './mocks/taro'

beforeEach(() => resetAll())

function GoodsList() {
  const list = useQuery(() => call('mall', 'listGoods', { villageId: 'v1', includeInactive: true }), [])
  useReloadOnShow(list.reload)
  return <div className='count'>{list.data?.length ?? '-'}</div>
}

function Restock() {
  const m = useMutation(() => call('mall', 'restock', { goodsId: 'g1', delta: 1, reason: '补货' }))
  return (
    <button className='restock' onClick={() => void m.run()}>
      补货
    </button>
  )
}

function goods(n: number) {
  return Array.from({ length: n }, (_, i) => ({ id: `g${i}` }))
}

describe('lists stay fresh', () => {
  it('a list reloads once after a successful change made anywhere, not after a failed one', async () => {
    let n = 1
    let restockOk = false
    mockFunctions({
      'mall.listGoods': () => ok(goods(n)),
      'mall.restock': () => (restockOk ? ok({ goodsId: 'g1', stock: 2 }) : fail('MALL.GOODS_NOT_FOUND', '没有这件商品'))
    })
    const { container } = render(
      <div>
        <GoodsList />
        <Restock />
      </div>
    )
    await waitFor(() => expect(container.querySelector('.count')?.textContent).toBe('1'))
    n = 2
    fireEvent.click(container.querySelector('.restock') as HTMLElement)
    await waitFor(() => expect(callsTo('mall.restock')).toHaveLength(1))
    await act(() => new Promise((r) => setTimeout(r, 20)))
    expect(callsTo('mall.listGoods')).toHaveLength(1)
    expect(container.querySelector('.count')?.textContent).toBe('1')

    restockOk = true
    fireEvent.click(container.querySelector('.restock') as HTMLElement)
    await waitFor(() => expect(container.querySelector('.count')?.textContent).toBe('2'))
    await act(() => new Promise((r) => setTimeout(r, 20)))
    expect(callsTo('mall.listGoods')).toHaveLength(2)
  })

  it('a list mounted after its page first showed reloads when the page shows again after another page', async () => {
    let n = 1
    mockFunctions({ 'mall.listGoods': () => ok(goods(n)) })
    function Tabs() {
      const [on, setOn] = useState(false)
      return (
        <div>
          <button className='tab' onClick={() => setOn(true)}>
            商品
          </button>
          {on ? <GoodsList /> : null}
        </div>
      )
    }
    const { container } = render(<Tabs />)
    fireEvent.click(container.querySelector('.tab') as HTMLElement)
    await waitFor(() => expect(container.querySelector('.count')?.textContent).toBe('1'))
    // A show without a hide (the page's own first show arriving late) does not reload.
    act(() => taroMock.show())
    await act(() => new Promise((r) => setTimeout(r, 10)))
    expect(callsTo('mall.listGoods')).toHaveLength(1)
    n = 3
    act(() => taroMock.hide())
    act(() => taroMock.show())
    await waitFor(() => expect(container.querySelector('.count')?.textContent).toBe('3'))
  })
})

describe('toasts', () => {
  it('a success clears the toast of an earlier failure; an unrelated success toast is left alone', async () => {
    let found = false
    mockFunctions({ 'mall.restock': () => (found ? ok({ goodsId: 'g1', stock: 2 }) : fail('NOT_FOUND', '没有找到要找的内容')) })
    const { container } = render(<Restock />)
    fireEvent.click(container.querySelector('.restock') as HTMLElement)
    await waitFor(() => expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '没有找到要找的内容' })))
    expect(hideToast).not.toHaveBeenCalled()
    found = true
    fireEvent.click(container.querySelector('.restock') as HTMLElement)
    await waitFor(() => expect(hideToast).toHaveBeenCalledTimes(1))
    // Nothing failed since: the next success hides nothing.
    fireEvent.click(container.querySelector('.restock') as HTMLElement)
    await waitFor(() => expect(callsTo('mall.restock')).toHaveLength(3))
    await act(() => new Promise((r) => setTimeout(r, 10)))
    expect(hideToast).toHaveBeenCalledTimes(1)
  })
})

describe('disabled buttons', () => {
  it('keep their label, carry the disabled look and say why', () => {
    const { container } = render(
      <BigButton type='default' disabled reason='兑换日结束后才能结算' className='settle'>
        结算过期订单
      </BigButton>
    )
    const button = container.querySelector('.settle') as HTMLButtonElement
    expect(button.textContent).toBe('结算过期订单')
    expect(button.disabled).toBe(true)
    expect(button.className).toContain('cs-button--disabled')
    expect(container.querySelector('.cs-button__reason')?.textContent).toBe('兑换日结束后才能结算')
  })

  it('a loading button is not dressed as disabled and shows no reason', () => {
    const { container } = render(
      <BigButton loading disabled reason='不会显示' className='save'>
        保存
      </BigButton>
    )
    const button = container.querySelector('.save') as HTMLButtonElement
    expect(button.className).toContain('cs-button--loading')
    expect(button.className).not.toContain('cs-button--disabled')
    expect(container.querySelector('.cs-button__reason')).toBeNull()
  })
})

describe('batch results', () => {
  it('one row per item with its title and outcome, and a summary', () => {
    const { container } = render(
      <ResultList
        rows={[
          { key: 'c_f85b9c821bc4b233', title: '额尔敦家 人居环境义务劳动', ok: true, status: '待两委联席复审' },
          { key: 'c_2', title: '王桂荣家 参加村民大会', ok: false, status: '同一个人在一条审核链上只能审批一次' }
        ]}
      />
    )
    const rows = container.querySelectorAll('.cs-results__row')
    expect(rows).toHaveLength(2)
    expect(rows[0]!.querySelector('.cs-results__title')?.textContent).toBe('额尔敦家 人居环境义务劳动')
    expect(rows[1]!.className).toContain('cs-results__row--failed')
    expect(container.textContent).not.toContain('c_f85b9c821bc4b233')
    expect(container.querySelector('.cs-results__summary')?.textContent).toBe('1 条成功，1 条没有成功')
  })
})
