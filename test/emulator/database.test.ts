import tcb from '@cloudbase/node-sdk'
import type { Emulator } from '../../emulator'
import { App, codeOf, startTestEmulator } from './helpers'

let emu: Emulator
let app: App

beforeAll(async () => {
  ;({ emu, app } = await startTestEmulator())
})
afterAll(async () => {
  await emu.stop()
})
beforeEach(() => {
  emu.engine.reset()
  emu.engine.resetCounters()
  emu.engine.clearFaults()
})

describe('documents through the real SDK', () => {
  it('adds, gets by id and by where, with Dates and numbers round-tripping', async () => {
    const db = app.database()
    const at = new Date('2024-05-01T08:00:00.000Z')
    const { id } = (await db.collection('items').add({ code: 'a', n: 1, price: 2.5, at, tags: ['x'] })) as { id: string }
    expect(id).toMatch(/^[0-9a-f]{32}$/)
    const byId = await db.collection('items').doc(id).get()
    expect(byId.data).toEqual([{ _id: id, code: 'a', n: 1, price: 2.5, at, tags: ['x'] }])
    expect(byId.data[0].at).toBeInstanceOf(Date)
    const byWhere = await db.collection('items').where({ code: 'a' }).get()
    expect(byWhere.data).toHaveLength(1)
    const missing = await db.collection('items').doc('nope').get()
    expect(missing.data).toEqual([])
  })

  it('supports where operators, orderBy, skip, limit and field()', async () => {
    const db = app.database()
    const _ = db.command
    emu.engine.insertRaw(
      'items',
      Array.from({ length: 30 }, (_x, i) => ({ _id: `d${i}`, code: `c${i}`, n: i, odd: i % 2 === 1, at: new Date(2024, 0, i + 1) }))
    )
    const gt = await db.collection('items').where({ n: _.gt(25) }).orderBy('n', 'desc').get()
    expect(gt.data.map((d: { n: number }) => d.n)).toEqual([29, 28, 27, 26])
    const inq = await db.collection('items').where({ code: _.in(['c1', 'c2', 'zz']) }).orderBy('n', 'asc').get()
    expect(inq.data.map((d: { n: number }) => d.n)).toEqual([1, 2])
    const or = await db.collection('items').where(_.or([{ n: 0 }, { n: _.gte(28) }])).orderBy('n', 'asc').get()
    expect(or.data.map((d: { n: number }) => d.n)).toEqual([0, 28, 29])
    const and = await db.collection('items').where({ n: _.gt(3).and(_.lt(6)), odd: true }).get()
    expect(and.data.map((d: { n: number }) => d.n)).toEqual([5])
    const neq = await db.collection('items').where({ n: _.neq(0), odd: false }).count()
    expect(neq.total).toBe(14)
    const nin = await db.collection('items').where({ n: _.nin([0, 1, 2]) }).count()
    expect(nin.total).toBe(27)
    const exists = await db.collection('items').where({ missing: _.exists(false) }).count()
    expect(exists.total).toBe(30)
    const re = await db.collection('items').where({ code: db.RegExp({ regexp: '^C2', options: 'i' }) }).count()
    expect(re.total).toBe(1 + 10) // c2, c20..c29
    const jsRe = await db.collection('items').where({ code: /^c1\d$/ }).count()
    expect(jsRe.total).toBe(10)
    const byDate = await db.collection('items').where({ at: _.gte(new Date(2024, 0, 29)) }).count()
    expect(byDate.total).toBe(2)
    const page = await db.collection('items').orderBy('n', 'asc').skip(5).limit(3).field({ n: true }).get()
    expect(page.data).toEqual([{ _id: 'd5', n: 5 }, { _id: 'd6', n: 6 }, { _id: 'd7', n: 7 }])
    const dflt = await db.collection('items').get()
    expect(dflt.data).toHaveLength(30)
  })

  it('caps limit at 1000 and defaults to 100', async () => {
    emu.engine.insertRaw('accounts', Array.from({ length: 1200 }, (_x, i) => ({ i })))
    const db = app.database()
    expect((await db.collection('accounts').get()).data).toHaveLength(100)
    expect((await db.collection('accounts').limit(5000).get()).data).toHaveLength(1000)
    expect((await db.collection('accounts').count()).total).toBe(1200)
  })

  it('updates with operators, set() replaces, upserts, removes', async () => {
    const db = app.database()
    const _ = db.command
    await db.collection('items').add({ _id: 'u1', code: 'u1', n: 1, arr: [1], nested: { a: 1, b: 2 }, gone: true })
    const r = await db.collection('items').doc('u1').update({
      n: _.inc(2),
      arr: _.push(2),
      'nested.a': 10,
      gone: _.remove(),
      stamp: db.serverDate()
    })
    expect(r.updated).toBe(1)
    const [d] = (await db.collection('items').doc('u1').get()).data
    expect(d).toMatchObject({ n: 3, arr: [1, 2], nested: { a: 10, b: 2 } })
    expect(d.gone).toBeUndefined()
    expect(d.stamp).toBeInstanceOf(Date)
    expect(Math.abs(d.stamp.getTime() - Date.now())).toBeLessThan(5000)

    await db.collection('items').doc('u1').update({ nested: { c: 3 } }) // merge: nested fields
    expect((await db.collection('items').doc('u1').get()).data[0].nested).toEqual({ a: 10, b: 2, c: 3 })

    await db.collection('items').doc('u1').update({ n: _.mul(10), arr: _.addToSet(2), m: _.max(5) })
    await db.collection('items').doc('u1').update({ arr: _.pull(1), m: _.min(4) })
    expect((await db.collection('items').doc('u1').get()).data[0]).toMatchObject({ n: 30, arr: [2], m: 4 })

    const same = await db.collection('items').doc('u1').update({ m: 4 })
    expect(same.updated).toBe(0) // nothing changed, like MongoDB nModified

    const set = await db.collection('items').doc('u1').set({ code: 'u1', only: true })
    expect(set.updated).toBe(1)
    expect((await db.collection('items').doc('u1').get()).data).toEqual([{ _id: 'u1', code: 'u1', only: true }])

    const ups = await db.collection('items').doc('u2').set({ code: 'u2' })
    expect(ups.upsertedId).toBe('u2')
    expect((await db.collection('items').doc('u2').get()).data).toEqual([{ _id: 'u2', code: 'u2' }])

    const missing = await db.collection('items').doc('nope').update({ n: 1 })
    expect(missing.updated).toBe(0)
    expect(emu.engine.dump('items')).toHaveLength(2)

    await db.collection('items').add([{ code: 'm1', n: 5 }, { code: 'm2', n: 5 }, { code: 'm3', n: 6 }])
    const multi = await db.collection('items').where({ n: 5 }).update({ flag: true })
    expect(multi.updated).toBe(2)
    const cond = await db.collection('items').where({ code: 'm3', n: _.gt(5) }).update({ n: _.inc(-1) })
    expect(cond.updated).toBe(1)
    const cond2 = await db.collection('items').where({ code: 'm3', n: _.gt(5) }).update({ n: _.inc(-1) })
    expect(cond2.updated).toBe(0)

    const ret = await db.collection('items').where({ code: 'm1' }).updateAndReturn({ n: _.inc(1) })
    expect(ret.updated).toBe(1)
    expect(ret.doc).toMatchObject({ code: 'm1', n: 6 })

    const rm = await db.collection('items').where({ n: 5 }).remove() // m2, and m3 after its decrement
    expect(rm.deleted).toBe(2)
    const rm1 = await db.collection('items').doc('u2').remove()
    expect(rm1.deleted).toBe(1)
    expect((await db.collection('items').count()).total).toBe(2)
  })

  it('aggregates with group/sort/lookup', async () => {
    const db = app.database()
    const $ = db.command.aggregate
    emu.engine.insertRaw('accounts', [
      { _id: 'a', g: 'x', v: 1 },
      { _id: 'b', g: 'x', v: 2 },
      { _id: 'c', g: 'y', v: 5 }
    ])
    emu.engine.insertRaw('items', [{ code: 'x', label: 'Group X' }])
    const res = await db
      .collection('accounts')
      .aggregate()
      .match({ v: db.command.gte(1) })
      .group({ _id: '$g', total: $.sum('$v'), n: $.sum(1) })
      .sort({ total: -1 })
      .lookup({ from: 'items', localField: '_id', foreignField: 'code', as: 'info' })
      .end()
    expect(res.data).toEqual([
      { _id: 'y', total: 5, n: 1, info: [] },
      { _id: 'x', total: 3, n: 2, info: [expect.objectContaining({ label: 'Group X' })] }
    ])
  })

  it('rejects a second add with the same _id (DATABASE_DUPLICATE_WRITE)', async () => {
    const db = app.database()
    await db.collection('items').add({ _id: 'same', code: 's1' })
    const err = await db
      .collection('items')
      .add({ _id: 'same', code: 's2' })
      .then(() => null, (e: { code: string; message: string }) => e)
    expect(err?.code).toBe('DATABASE_DUPLICATE_WRITE')
    expect(err?.message).toMatch(/E11000 duplicate key/)
    expect(emu.engine.dump('items')).toEqual([{ _id: 'same', code: 's1' }])
  })

  it('enforces unique indexes (single and compound) on insert, update and upsert', async () => {
    const db = app.database()
    await db.collection('items').add({ _id: 'i1', code: 'k1' })
    await db.collection('items').add({ _id: 'i2', code: 'k2' })
    expect(await codeOf(db.collection('items').add({ code: 'k1' }))).toBe('DATABASE_DUPLICATE_WRITE')
    expect(await codeOf(db.collection('items').doc('i2').update({ code: 'k1' }))).toBe('DATABASE_DUPLICATE_WRITE')
    expect(await codeOf(db.collection('items').doc('i3').set({ code: 'k2' }))).toBe('DATABASE_DUPLICATE_WRITE')
    await db.collection('items').doc('i2').update({ code: 'k3' }) // frees k2
    await db.collection('items').add({ code: 'k2' })

    await db.collection('households').add({ villageId: 'v1', code: '001' })
    await db.collection('households').add({ villageId: 'v2', code: '001' })
    expect(await codeOf(db.collection('households').add({ villageId: 'v1', code: '001' }))).toBe('DATABASE_DUPLICATE_WRITE')
    expect(() => emu.engine.insertRaw('households', [{ villageId: 'v9', code: '1' }, { villageId: 'v9', code: '1' }])).toThrow(/duplicate/)
    expect(emu.engine.dump('households')).toHaveLength(2) // insertRaw is all-or-nothing
  })

  it('errors on collections that do not exist', async () => {
    const db = app.database()
    expect(await codeOf(db.collection('no_such').get())).toBe('DATABASE_COLLECTION_NOT_EXIST')
    expect(await codeOf(db.collection('no_such').add({ a: 1 }))).toBe('DATABASE_COLLECTION_NOT_EXIST')
  })

  it('lands 50 concurrent _.inc(1) exactly', async () => {
    const db = app.database()
    const _ = db.command
    await db.collection('accounts').add({ _id: 'ctr', n: 0 })
    await Promise.all(Array.from({ length: 50 }, () => db.collection('accounts').doc('ctr').update({ n: _.inc(1) })))
    expect(emu.engine.dump('accounts')[0].n).toBe(50)
  })

  it('counts operations per action', async () => {
    const db = app.database()
    await db.collection('items').add({ code: 'z' })
    await db.collection('items').where({ code: 'z' }).get()
    await db.collection('items').where({ code: 'z' }).get()
    await db.collection('items').count()
    expect(emu.engine.counters()).toEqual({
      total: 4,
      'database.insertDocument': 1,
      'database.getDocument': 2,
      'database.calculateDocument': 1
    })
  })

  it('injects faults on the Nth matching operation; a failed write writes nothing', async () => {
    const db = app.database()
    emu.engine.failNth(2, { action: 'database.insertDocument', collection: 'items' })
    await db.collection('items').add({ code: 'f1' })
    await db.collection('accounts').add({ x: 1 }) // other collection: not counted
    expect(await codeOf(db.collection('items').add({ code: 'f2' }))).toBe('EMULATOR_INJECTED_FAULT')
    await db.collection('items').add({ code: 'f3' })
    expect(emu.engine.dump('items').map((d) => d.code)).toEqual(['f1', 'f3'])
  })

  it('rejects bad and missing signatures', async () => {
    const bad = tcb.init({ env: emu.envId, secretId: 'local-secret-id', secretKey: 'wrong-key' })
    expect(await codeOf(bad.database().collection('items').get())).toBe('SIGNATURE_INVALID')
    const otherId = tcb.init({ env: emu.envId, secretId: 'someone-else', secretKey: 'local-secret-key' })
    expect(await codeOf(otherId.database().collection('items').get())).toBe('SIGNATURE_INVALID')
    const res = await fetch(`${emu.url}/admin?env=${emu.envId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'database.getDocument', collectionName: 'items' })
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ code: 'SIGNATURE_INVALID' })
  })

  it('rejects unknown actions loudly', async () => {
    const err = await app.copyFile({ fileList: [{ srcPath: 'a/x.png', dstPath: 'b/x.png' }] }).then(
      () => null,
      (e: { code: string; message: string }) => e
    )
    expect(err?.code).toBe('EMULATOR_UNSUPPORTED_ACTION')
    expect(err?.message).toContain('storage.batchCopyFile')
    expect(await codeOf(app.callWxPayApi({ apiName: 'x', requestData: Buffer.from('{}') } as never))).toBe('EMULATOR_UNSUPPORTED_ACTION')
  })
})
