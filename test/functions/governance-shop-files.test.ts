/**
 * Issue 7: 核销 on the pickup code, who sees pickup codes (item 5), the scheduler only from its timer (9),
 * window edits move open orders' deadlines (10), files only from their uploader and exports that expire
 * (11), shop threshold/rate changes by 两委 only, recorded (12). 其其格 is 两委+工作人员; 李秀兰 is shop staff only.
 */
import { STORAGE_RULE } from '../../cloudfunctions/_shared/data/collections'
import { NOW, QJ, approveAssembly, at, record, startTestCloud, toAssembly, uid, uploadAs, type TestCloud } from '../fixtures/cloud'
import { SHOP, addGoods, grant, openWindow } from './mall-setup'

let c: TestCloud
let win: any
let soap: any
beforeAll(async () => {
  c = await startTestCloud()
  await grant(c, 'h-qj-06', 300)
  await grant(c, 'h-qj-07', 300)
  soap = await addGoods(c, { name: '香皂', price: 10, stock: 100 })
  win = await openWindow(c)
})
afterAll(() => c.stop())

const order = (id: string) => c.dump('mall_orders').find((o) => o._id === id)
const HOUR = 3600000

describe('5. 核销 needs the household’s pickup code', () => {
  it('an order id alone hands nothing over; a wrong code neither; the typed code or the scanned QR does', async () => {
    const o = await c.ok(QJ.villager, 'mall', 'placeOrder', { windowId: win.id, items: [{ goodsId: soap.id, qty: 1 }] })
    expect(o.pickupCode).toMatch(/^\d{6}$/)
    expect(o.qr).toMatch(/^data:image\/png/)
    expect(await c.call(SHOP, 'mall', 'handOver', { orderId: o.id })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    const wrong = o.pickupCode === '000000' ? '111111' : '000000'
    expect(await c.call(SHOP, 'mall', 'handOver', { orderId: o.id, code: wrong })).toMatchObject({ ok: false, error: { code: 'MALL.PICKUP_CODE_WRONG' } })
    expect(order(o.id).state).toBe('reserved')
    expect(await c.ok(SHOP, 'mall', 'handOver', { orderId: o.id, code: o.pickupCode })).toMatchObject({ state: 'picked_up' })
    const o2 = await c.ok(QJ.villager, 'mall', 'placeOrder', { windowId: win.id, items: [{ goodsId: soap.id, qty: 2 }] })
    // a QR of another order does not hand this one over
    expect(await c.call(SHOP, 'mall', 'handOver', { orderId: o2.id, code: `cunshe:order:${o.id}:${o.pickupCode}` })).toMatchObject({ ok: false, error: { code: 'MALL.PICKUP_CODE_WRONG' } })
    expect(await c.ok(SHOP, 'mall', 'handOver', { orderId: o2.id, code: `cunshe:order:${o2.id}:${o2.pickupCode}` })).toMatchObject({ state: 'picked_up' })
  })

  it('pickup codes are shown to the household and the village’s shop staff only — not to the grid worker who redeemed for them', async () => {
    const o = await c.ok(QJ.gridWorkerEast, 'mall', 'placeOrder', { householdId: 'h-qj-07', windowId: win.id, items: [{ goodsId: soap.id, qty: 1 }] })
    expect(o).toMatchObject({ proxy: true, pickupCode: null, qr: null })
    const byWorker = await c.ok(QJ.gridWorkerEast, 'mall', 'myOrders', { householdId: 'h-qj-07' })
    expect(byWorker.find((x: any) => x.id === o.id)).toMatchObject({ pickupCode: null, qr: null })
    const own = await c.ok('m-wangguirong', 'mall', 'myOrders', {})
    expect(own.find((x: any) => x.id === o.id).pickupCode).toBe(order(o.id).pickupCode)
    const staff = await c.ok(SHOP, 'mall', 'windowOrders', { windowId: win.id })
    expect(staff.find((x: any) => x.id === o.id).pickupCode).toBe(order(o.id).pickupCode)
    // shop staff of another village cannot look orders up at all
    expect(await c.call('m-chenhong', 'mall', 'windowOrders', { windowId: win.id })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
  })
})

describe('9. the scheduler runs only from its timer', () => {
  it('a user or an untriggered call is refused and nothing runs; the timer posts', async () => {
    const [id] = await record(c, ['h-qj-08'], 'meeting')
    await toAssembly(c, [id])
    await approveAssembly(c, [id])
    const late = at(6)
    expect(await c.local.runner.invoke('scheduler', {}, { openid: 'demo-m-bateer', now: late })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(await c.local.runner.invoke('scheduler', {}, { now: late })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(await c.local.runner.invoke('scheduler', { action: 'timer' }, { openid: 'demo-m-zhaojianguo', timer: true, now: late } as never)).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(c.dump('claims').find((x) => x._id === id).state).toBe('publicity')
    expect(await c.timer(late)).toMatchObject({ ok: true })
    expect(c.dump('claims').find((x) => x._id === id).state).toBe('posted')
  })
})

describe('10. editing a window moves its open orders’ pickup deadline', () => {
  it('an order is not expired while its (extended) window is open, and expires after the new end', async () => {
    const w = await c.ok(SHOP, 'mall', 'saveWindow', { villageId: QJ.village, title: '加开兑换日', opensAt: new Date(NOW.getTime() + 7 * HOUR).toISOString(), closesAt: new Date(NOW.getTime() + 9 * HOUR).toISOString() })
    const at8 = new Date(NOW.getTime() + 8 * HOUR)
    const o = await c.ok(QJ.villager, 'mall', 'placeOrder', { windowId: w.id, items: [{ goodsId: soap.id, qty: 1 }] }, { now: at8 })
    const newEnd = new Date(NOW.getTime() + 30 * HOUR)
    await c.ok(SHOP, 'mall', 'saveWindow', { windowId: w.id, villageId: QJ.village, title: '加开兑换日（延长）', opensAt: new Date(NOW.getTime() + 7 * HOUR).toISOString(), closesAt: newEnd.toISOString() }, { now: at8 })
    expect(new Date(order(o.id).windowClosesAt).toISOString()).toBe(newEnd.toISOString())
    expect((await c.ok('m-eerdun', 'mall', 'myOrders', {}, { now: at8 })).find((x: any) => x.id === o.id).windowClosesAt).toBe(newEnd.toISOString())
    await c.timer(new Date(NOW.getTime() + 12 * HOUR))
    expect(order(o.id).state).toBe('reserved')
    await c.timer(new Date(NOW.getTime() + 31 * HOUR))
    expect(order(o.id).state).toBe('expired')
  })
})

describe('11. files', () => {
  it('a claim may cite only photos its grid worker uploaded through the app for claims', async () => {
    const mine = await uploadAs(c, QJ.gridWorkerEast, 'claim_photo')
    const base = { villageId: QJ.village, ruleItemId: 'clean', quantity: 1, occurredOn: '2026-11-20', entries: [{ householdId: 'h-qj-06' }] }
    expect((await c.call(QJ.gridWorkerEast, 'points', 'recordClaims', { ...base, photos: [mine] })).ok).toBe(true)
    // someone else's upload, an unregistered file, or a goods photo: refused
    const west = { ...base, entries: [{ householdId: 'h-qj-12' }] }
    expect(await c.call(QJ.gridWorkerWest, 'points', 'recordClaims', { ...west, photos: [mine] })).toMatchObject({ ok: false, error: { code: 'FILE.NOT_YOURS' } })
    expect(await c.call(QJ.gridWorkerWest, 'identity', 'registerUpload', { fileId: mine, purpose: 'claim_photo' })).toMatchObject({ ok: false, error: { code: 'FILE.NOT_YOURS' } })
    const tcb = (await import('@cloudbase/node-sdk')).default
    const stray = ((await tcb.init({ env: process.env.TCB_ENV }).uploadFile({ cloudPath: `uploads/${uid()}.png`, fileContent: Buffer.from('x') })) as { fileID: string }).fileID
    expect(await c.call(QJ.gridWorkerEast, 'points', 'recordClaims', { ...base, photos: [stray] })).toMatchObject({ ok: false, error: { code: 'FILE.NOT_YOURS' } })
    const goodsPhoto = await uploadAs(c, QJ.gridWorkerEast, 'goods_photo')
    expect(await c.call(QJ.gridWorkerEast, 'points', 'recordClaims', { ...base, photos: [goodsPhoto] })).toMatchObject({ ok: false, error: { code: 'FILE.NOT_YOURS' } })
    expect(await c.call(QJ.gridWorkerEast, 'identity', 'registerUpload', { fileId: 'cloud://nowhere/uploads/none.png', purpose: 'claim_photo' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('goods and imports likewise', async () => {
    const other = await uploadAs(c, 'm-qiqige', 'goods_photo')
    expect(await c.call(SHOP, 'mall', 'saveGoods', { villageId: QJ.village, name: '毛巾', price: 15, photo: other })).toMatchObject({ ok: false, error: { code: 'FILE.NOT_YOURS' } })
    const mine = await uploadAs(c, SHOP, 'goods_photo')
    const g = await c.ok(SHOP, 'mall', 'saveGoods', { villageId: QJ.village, name: '毛巾', price: 15, photo: mine })
    // editing the item keeps its photo without re-registering it, even by another staff member
    expect((await c.ok('m-qiqige', 'mall', 'saveGoods', { goodsId: g.id, villageId: QJ.village, name: '毛巾（大）', price: 16, photo: mine })).photo).toBe(mine)
    const sheet = await uploadAs(c, QJ.gridWorkerEast, 'roster_import', Buffer.from('not really xlsx'), 'r.xlsx')
    expect(await c.call('m-qiqige', 'identity', 'importRoster', { villageId: QJ.village, fileId: sheet })).toMatchObject({ ok: false, error: { code: 'FILE.NOT_YOURS' } })
  })

  it('exports are written under unguessable names for whoever asked, never citable, and deleted after 24 hours', async () => {
    const x = await c.ok('m-qiqige', 'identity', 'exportRoster', { villageId: QJ.village })
    expect(x.fileId).toMatch(/\/exports\/[0-9a-f]{32}\//)
    const rec = c.dump('exports').find((e) => e.fileId === x.fileId)
    expect(rec).toMatchObject({ owner: 'm-qiqige' })
    expect(await c.call('m-qiqige', 'identity', 'registerUpload', { fileId: x.fileId, purpose: 'roster_import' })).toMatchObject({ ok: false, error: { code: 'FILE.NOT_YOURS' } })
    expect(await c.call('m-qiqige', 'identity', 'importRoster', { villageId: QJ.village, fileId: x.fileId })).toMatchObject({ ok: false, error: { code: 'FILE.NOT_YOURS' } })
    const path = x.fileId.replace(/^cloud:\/\/[^/]+\//, '')
    expect(c.local.emulator.engine.storageFiles().some((f) => x.fileId.endsWith(f) || f.endsWith(path))).toBe(true)
    await c.timer(new Date(NOW.getTime() + 23 * HOUR))
    expect(c.dump('exports').find((e) => e.fileId === x.fileId)).toBeDefined()
    await c.timer(new Date(NOW.getTime() + 25 * HOUR))
    expect(c.dump('exports').find((e) => e.fileId === x.fileId)).toBeUndefined()
    expect(c.local.emulator.engine.storageFiles().some((f) => x.fileId.endsWith(f) || f.endsWith(path))).toBe(false)
  })

  it('the deployed storage rule lets clients upload their own files and read none directly', () => {
    expect(STORAGE_RULE).toEqual({ read: false, write: 'resource.openid == auth.openid' })
  })
})

describe('12. the shop’s threshold and rate', () => {
  it('change only by a 两委 member, recorded with who, when, old and new', async () => {
    expect(await c.call(SHOP, 'mall', 'saveMallSettings', { villageId: QJ.village, threshold: 10, pointsPerYuan: 1 })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    await c.ok('m-qiqige', 'mall', 'saveMallSettings', { villageId: QJ.village, threshold: 100, pointsPerYuan: 4 }, { now: at(1) })
    const change = c.dump('settings_changes').filter((x) => x.villageId === QJ.village)
    expect(change).toEqual([expect.objectContaining({ what: 'mall', old: expect.objectContaining({ threshold: 80, pointsPerYuan: 5 }), new: expect.objectContaining({ threshold: 100, pointsPerYuan: 4 }), by: 'm-qiqige', byName: '其其格' })])
    expect(new Date(change[0].at).toISOString()).toBe(at(1).toISOString())
    const shown = await c.ok(SHOP, 'mall', 'getMallSettings', { villageId: QJ.village })
    expect(shown).toMatchObject({ threshold: 100, pointsPerYuan: 4, changes: [{ byName: '其其格', old: { threshold: 80 }, new: { threshold: 100 } }] })
  })
})
