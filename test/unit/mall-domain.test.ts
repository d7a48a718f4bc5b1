import { createHash } from 'crypto'
import { eligibility, pickupCodeFor, priceOrder, windowOpen, yuan, type GoodsState } from '../../cloudfunctions/_shared/domain/mall'

const sha = (s: string) => createHash('sha1').update(s).digest('hex')

const item = (id: string, over: Partial<GoodsState> = {}): GoodsState => ({ _id: id, name: `商品${id}`, price: 10, stock: 5, active: true, limitPerHousehold: null, ...over })
const goodsMap = (...gs: GoodsState[]) => new Map(gs.map((g) => [g._id, g]))

describe('eligibility', () => {
  it('is eligible at exactly the threshold', () => {
    expect(eligibility(80, 80, '2026-Q4', false)).toEqual({ eligible: true, reason: null })
  })

  it('explains the quarter points and the threshold when below it', () => {
    const e = eligibility(79, 80, '2026-Q4', false)
    expect(e.eligible).toBe(false)
    expect(e.reason).toBe('2026年第4季度积分79分，满80分才能兑换')
  })

  it('a household ineligible for the year is refused whatever its points, with its own reason', () => {
    const e = eligibility(500, 80, '2026-Q1', true)
    expect(e.eligible).toBe(false)
    expect(e.reason).toMatch(/本年度/)
    expect(e.reason).toMatch(/否决/)
  })

  it('a zero threshold lets a household with no points in', () => {
    expect(eligibility(0, 0, '2026-Q2', false).eligible).toBe(true)
  })
})

describe('windowOpen', () => {
  const opens = new Date('2026-11-24T00:00:00Z')
  const closes = new Date('2026-11-24T10:00:00Z')
  it('includes the opening instant and excludes the closing one', () => {
    expect(windowOpen(opens, closes, new Date(opens.getTime() - 1))).toBe(false)
    expect(windowOpen(opens, closes, opens)).toBe(true)
    expect(windowOpen(opens, closes, new Date(closes.getTime() - 1))).toBe(true)
    expect(windowOpen(opens, closes, closes)).toBe(false)
  })
})

describe('priceOrder', () => {
  it('totals several lines and returns the new stock and limit counters', () => {
    const r = priceOrder(
      [
        { goodsId: 'a', qty: 2 },
        { goodsId: 'b', qty: 1 }
      ],
      goodsMap(item('a', { price: 47, stock: 10, limitPerHousehold: 4 }), item('b', { price: 30, stock: 1 })),
      new Map([['a', 1]]),
      124
    )
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.total).toBe(124)
    expect(Object.fromEntries(r.value.stock)).toEqual({ a: 8, b: 0 })
    expect(Object.fromEntries(r.value.limits)).toEqual({ a: 3, b: 1 })
  })

  it('seed example: 235 points buy 4 packs of tissues at 5 points per yuan', () => {
    const r = priceOrder([{ goodsId: 't', qty: 4 }], goodsMap(item('t', { price: 58, stock: 4 })), new Map(), 235)
    expect(r.ok && r.value.total).toBe(232)
    expect(yuan(58, 5)).toBe(11.6)
  })

  it('unknown or inactive goods → MALL.GOODS_NOT_FOUND', () => {
    expect(priceOrder([{ goodsId: 'x', qty: 1 }], goodsMap(item('a')), new Map(), 100)).toMatchObject({ ok: false, code: 'MALL.GOODS_NOT_FOUND' })
    expect(priceOrder([{ goodsId: 'a', qty: 1 }], goodsMap(item('a', { active: false })), new Map(), 100)).toMatchObject({ ok: false, code: 'MALL.GOODS_NOT_FOUND' })
  })

  it('checks stock before the limit and the balance: the loser of the last item hears out of stock', () => {
    const r = priceOrder([{ goodsId: 'a', qty: 2 }], goodsMap(item('a', { stock: 1, limitPerHousehold: 1, price: 1000 })), new Map([['a', 1]]), 0)
    expect(r).toMatchObject({ ok: false, code: 'MALL.OUT_OF_STOCK', details: { goodsId: 'a', stock: 1, name: '商品a' } })
  })

  it('checks the limit before the balance', () => {
    const r = priceOrder([{ goodsId: 'a', qty: 2 }], goodsMap(item('a', { stock: 9, limitPerHousehold: 2, price: 1000 })), new Map([['a', 1]]), 0)
    expect(r).toMatchObject({ ok: false, code: 'MALL.LIMIT_EXCEEDED', details: { limit: 2, used: 1 } })
  })

  it('the limit counts what the household already ordered in the window, up to exactly the limit', () => {
    const g = goodsMap(item('a', { stock: 9, limitPerHousehold: 3 }))
    expect(priceOrder([{ goodsId: 'a', qty: 2 }], g, new Map([['a', 1]]), 100).ok).toBe(true)
    expect(priceOrder([{ goodsId: 'a', qty: 3 }], g, new Map([['a', 1]]), 100)).toMatchObject({ ok: false, code: 'MALL.LIMIT_EXCEEDED' })
    expect(priceOrder([{ goodsId: 'a', qty: 3 }], g, new Map(), 100).ok).toBe(true)
  })

  it('a later line failing fails the whole order (no partial result)', () => {
    const r = priceOrder(
      [
        { goodsId: 'a', qty: 1 },
        { goodsId: 'b', qty: 3 }
      ],
      goodsMap(item('a'), item('b', { stock: 2 })),
      new Map(),
      100
    )
    expect(r).toMatchObject({ ok: false, code: 'MALL.OUT_OF_STOCK', details: { goodsId: 'b' } })
  })

  it('balance: exactly enough passes, one point short → LEDGER.INSUFFICIENT_BALANCE with total and balance', () => {
    const g = goodsMap(item('a', { price: 40 }), item('b', { price: 41 }))
    const lines = [
      { goodsId: 'a', qty: 1 },
      { goodsId: 'b', qty: 1 }
    ]
    expect(priceOrder(lines, g, new Map(), 81).ok).toBe(true)
    expect(priceOrder(lines, g, new Map(), 80)).toMatchObject({ ok: false, code: 'LEDGER.INSUFFICIENT_BALANCE', details: { total: 81, balance: 80 } })
  })

  it('stock can go to zero but never below', () => {
    const g = goodsMap(item('a', { stock: 3 }))
    const r = priceOrder([{ goodsId: 'a', qty: 3 }], g, new Map(), 100)
    expect(r.ok && r.value.stock.get('a')).toBe(0)
    expect(priceOrder([{ goodsId: 'a', qty: 4 }], g, new Map(), 100)).toMatchObject({ ok: false, code: 'MALL.OUT_OF_STOCK' })
  })
})

describe('pickupCodeFor', () => {
  it('is six digits, deterministic per order and salt, and changes with the salt', () => {
    const codes = new Set<string>()
    for (let i = 0; i < 500; i++) {
      const code = pickupCodeFor(`o_${i}`, 0, sha)
      expect(code).toMatch(/^\d{6}$/)
      codes.add(code)
    }
    expect(codes.size).toBeGreaterThan(495)
    expect(pickupCodeFor('o_1', 0, sha)).toBe(pickupCodeFor('o_1', 0, sha))
    expect(pickupCodeFor('o_1', 1, sha)).not.toBe(pickupCodeFor('o_1', 0, sha))
  })

  it('pads small numbers with leading zeros', () => {
    expect(pickupCodeFor('o', 0, () => '00000007ffff')).toBe('000007')
    expect(pickupCodeFor('o', 0, () => 'ffffffff')).toBe(String(0xffffffff % 1000000).padStart(6, '0'))
  })
})

describe('yuan', () => {
  it('converts points to yuan with two decimals', () => {
    expect(yuan(5, 5)).toBe(1)
    expect(yuan(7, 5)).toBe(1.4)
    expect(yuan(1, 3)).toBe(0.33)
  })
})
