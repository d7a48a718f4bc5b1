/**
 * 爱心超市 pickup information as village settings: 两委 set the place, hours and phone; the shop shows them to
 * every household; callers that send only the two numbers leave them as they are.
 */
import { QJ, startTestCloud, type TestCloud } from '../fixtures/cloud'
import { goodsPicturePng } from '../../emulator/seed/goods-pictures'

let c: TestCloud
beforeAll(async () => {
  c = await startTestCloud()
})
afterAll(() => c.stop())

const info = { pickupPlace: '嘎查村委会一楼爱心超市', openHours: '每周二、周五 9:00–11:30', contactPhone: '0476-8621001' }

describe('pickup place, hours and phone', () => {
  it('are empty until set, then shown on the shop; a two-number save keeps them', async () => {
    expect((await c.ok(QJ.villager, 'mall', 'shop', {})).pickup).toEqual({ place: '', hours: '', phone: '' })
    const saved = await c.ok(QJ.committee[0], 'mall', 'saveMallSettings', { villageId: QJ.village, threshold: 80, pointsPerYuan: 5, ...info })
    expect(saved).toEqual({ threshold: 80, pointsPerYuan: 5, ...info })
    expect((await c.ok(QJ.villager, 'mall', 'shop', {})).pickup).toEqual({ place: info.pickupPlace, hours: info.openHours, phone: info.contactPhone })
    const again = await c.ok(QJ.committee[1], 'mall', 'saveMallSettings', { villageId: QJ.village, threshold: 90, pointsPerYuan: 5 })
    expect(again).toMatchObject({ threshold: 90, ...info })
    expect(await c.ok(QJ.shop, 'mall', 'getMallSettings', { villageId: QJ.village })).toMatchObject({ threshold: 90, pointsPerYuan: 5, ...info })
  })

  it('two 两委 saving at once both land, the last one wins whole', async () => {
    const a = { villageId: QJ.village, threshold: 80, pointsPerYuan: 5, ...info, openHours: '每周一 9:00–11:00' }
    const b = { villageId: QJ.village, threshold: 80, pointsPerYuan: 5, ...info, openHours: '每周四 9:00–11:00' }
    const [ra, rb] = await Promise.all([c.call(QJ.committee[0], 'mall', 'saveMallSettings', a), c.call(QJ.committee[1], 'mall', 'saveMallSettings', b)])
    expect([ra.ok, rb.ok]).toEqual([true, true])
    const now = await c.ok(QJ.shop, 'mall', 'getMallSettings', { villageId: QJ.village })
    expect(['每周一 9:00–11:00', '每周四 9:00–11:00']).toContain(now.openHours)
  })

  it('refuses letters in the phone, an over-long place, and villagers', async () => {
    expect(await c.call(QJ.committee[0], 'mall', 'saveMallSettings', { villageId: QJ.village, threshold: 80, pointsPerYuan: 5, contactPhone: '打电话给我' })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    expect(await c.call(QJ.committee[0], 'mall', 'saveMallSettings', { villageId: QJ.village, threshold: 80, pointsPerYuan: 5, pickupPlace: '很'.repeat(41) })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    expect(await c.call(QJ.villager, 'mall', 'saveMallSettings', { villageId: QJ.village, threshold: 0, pointsPerYuan: 5, ...info })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect((await c.ok(QJ.shop, 'mall', 'getMallSettings', { villageId: QJ.village })).threshold).toBe(80)
  })
})

describe('demo goods pictures', () => {
  it('are real PNG pictures, different per kind of goods', () => {
    const names = ['抽纸（一提）', '香皂', '洗衣粉', '洗洁精', '毛巾', '大米（10斤）', '食用油（5升）', '手电筒']
    const pngs = names.map(goodsPicturePng)
    for (const p of pngs) {
      expect(p.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a')
      expect(p.readUInt32BE(16)).toBe(240)
      expect(p.readUInt32BE(20)).toBe(240)
    }
    expect(new Set(pngs.map((p) => p.toString('base64'))).size).toBe(names.length)
  })
})
