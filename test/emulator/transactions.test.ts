import type { Emulator } from '../../emulator'
import { App, Tx, codeOf, startTestEmulator } from './helpers'

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
  emu.engine.clearFaults()
  emu.engine.insertRaw('accounts', [
    { _id: 'A', n: 100 },
    { _id: 'B', n: 0 }
  ])
})
afterEach(() => {
  delete process.env.TCB_SEQID
  jest.restoreAllMocks()
})

const balances = (): Record<string, number> =>
  Object.fromEntries(emu.engine.dump('accounts').map((d) => [d._id as string, d.n as number]))

describe('transactions through the real SDK', () => {
  it('commits single-document operations atomically (runTransaction)', async () => {
    const db = app.database()
    const _ = db.command
    const result = await db.runTransaction(async (tx: Tx) => {
      const a = (await tx.collection('accounts').doc('A').get()).data as { n: number }
      expect(a.n).toBe(100)
      await tx.collection('accounts').doc('A').update({ n: _.inc(-30) })
      await tx.collection('accounts').doc('B').update({ n: _.inc(30) })
      await tx.collection('accounts').add({ _id: 'log1', kind: 'transfer' })
      await tx.collection('accounts').doc('C').set({ n: 7 })
      // own writes are visible inside the transaction, not outside
      expect(((await tx.collection('accounts').doc('A').get()).data as { n: number }).n).toBe(70)
      expect(balances().A).toBe(100)
      return 'done'
    })
    expect(result).toBe('done')
    expect(balances()).toMatchObject({ A: 70, B: 30, C: 7 })
    expect(emu.engine.dump('accounts').find((d) => d._id === 'log1')).toEqual({ _id: 'log1', kind: 'transfer' })
    expect(emu.engine.openTransactions()).toBe(0)
  })

  it('removes in a transaction and rollback discards everything', async () => {
    const db = app.database()
    const tx = await db.startTransaction()
    await tx.collection('accounts').doc('B').remove()
    expect((await tx.collection('accounts').doc('B').get()).data).toBeNull()
    await tx.rollback()
    expect(balances()).toEqual({ A: 100, B: 0 })
    const tx2 = await db.startTransaction()
    await tx2.collection('accounts').doc('B').remove()
    await tx2.commit()
    expect(balances()).toEqual({ A: 100 })
  })

  it('reads a snapshot: a concurrent commit is invisible after the first read', async () => {
    const db = app.database()
    const _ = db.command
    const tx = await db.startTransaction()
    expect(((await tx.collection('accounts').doc('A').get()).data as { n: number }).n).toBe(100)
    await db.collection('accounts').doc('A').update({ n: _.inc(1) }) // outside the transaction
    expect(((await tx.collection('accounts').doc('A').get()).data as { n: number }).n).toBe(100)
    // writing what it read, now stale, conflicts at once
    expect(await codeOf(tx.collection('accounts').doc('A').update({ n: 0 }))).toBe('DATABASE_TRANSACTION_CONFLICT')
    expect(await codeOf(tx.commit())).toBe('DATABASE_TRANSACTION_FAIL') // aborted by the conflict
    expect(balances().A).toBe(101)
  })

  it('first writer wins: two overlapping transactions writing one document', async () => {
    const db = app.database()
    const _ = db.command
    const t1 = await db.startTransaction()
    const t2 = await db.startTransaction()
    await t1.collection('accounts').doc('A').update({ n: _.inc(-10) })
    const err = await t2
      .collection('accounts')
      .doc('A')
      .update({ n: _.inc(-20) })
      .then(() => null, (e: { code: string }) => e)
    expect(err?.code).toBe('DATABASE_TRANSACTION_CONFLICT')
    await t1.commit()
    expect(balances().A).toBe(90)
    // a transaction that started before t1 committed cannot write A either (it was committed since t3 started)
    const t3 = await db.startTransaction()
    await db.collection('accounts').doc('A').update({ n: _.inc(1) })
    expect(await codeOf(t3.collection('accounts').doc('A').update({ n: 0 }))).toBe('DATABASE_TRANSACTION_CONFLICT')
    expect(balances().A).toBe(91)
  })

  it('runTransaction retries on DATABASE_TRANSACTION_CONFLICT', async () => {
    const db = app.database()
    const _ = db.command
    const holder = await db.startTransaction()
    await holder.collection('accounts').doc('A').update({ n: _.inc(5) })
    let attempts = 0
    await db.runTransaction(async (tx: Tx) => {
      attempts++
      if (attempts === 2) await holder.commit() // the other writer finishes; the retry succeeds
      const a = (await tx.collection('accounts').doc('A').get()).data as { n: number }
      await tx.collection('accounts').doc('A').update({ n: a.n + 1 })
    })
    expect(attempts).toBe(2)
    expect(balances().A).toBe(106)

    // stale read → conflict → retry
    let tries = 0
    await db.runTransaction(async (tx: Tx) => {
      tries++
      const a = (await tx.collection('accounts').doc('A').get()).data as { n: number }
      if (tries === 1) await db.collection('accounts').doc('A').update({ n: _.inc(1000) })
      await tx.collection('accounts').doc('A').update({ n: a.n * 2 })
    })
    expect(tries).toBe(2)
    expect(balances().A).toBe(2212)
    expect(emu.engine.openTransactions()).toBe(0)
  })

  it('a non-transactional write to a document written by an open transaction fails that transaction at commit', async () => {
    const db = app.database()
    const _ = db.command
    const tx = await db.startTransaction()
    await tx.collection('accounts').doc('A').update({ n: 1 })
    await tx.collection('accounts').doc('B').update({ n: 1 })
    await db.collection('accounts').doc('A').update({ n: _.inc(1) })
    expect(await codeOf(tx.commit())).toBe('DATABASE_TRANSACTION_CONFLICT')
    expect(balances()).toEqual({ A: 101, B: 0 })
  })

  it('inserting an existing _id fails the transaction', async () => {
    const db = app.database()
    const tx = await db.startTransaction()
    await tx.collection('accounts').doc('B').update({ n: 5 })
    expect(await codeOf(tx.collection('accounts').add({ _id: 'A', n: 1 }))).toBe('DATABASE_DUPLICATE_WRITE')
    expect(await codeOf(tx.commit())).toBe('DATABASE_TRANSACTION_FAIL')
    expect(balances()).toEqual({ A: 100, B: 0 })
    // a concurrent insert of the same new _id: the later committer loses
    const t1 = await db.startTransaction()
    await t1.collection('accounts').add({ _id: 'N', n: 1 })
    await db.collection('accounts').add({ _id: 'N', n: 2 })
    expect(await codeOf(t1.commit())).toBe('DATABASE_TRANSACTION_CONFLICT')
    expect(balances().N).toBe(2)
  })

  it('a unique-index violation at commit aborts the whole transaction', async () => {
    const db = app.database()
    emu.engine.insertRaw('items', [{ _id: 'x', code: 'taken' }])
    const tx = await db.startTransaction()
    await tx.collection('accounts').doc('A').update({ n: 0 })
    await tx.collection('items').add({ _id: 'y', code: 'taken' })
    expect(await codeOf(tx.commit())).toBe('DATABASE_DUPLICATE_WRITE')
    expect(balances().A).toBe(100)
    expect(emu.engine.dump('items')).toHaveLength(1)
  })

  it('an injected fault on commit leaves no partial write', async () => {
    const db = app.database()
    const _ = db.command
    emu.engine.failNth(1, { action: 'database.commitTransaction' })
    const err = await db
      .runTransaction(async (tx: Tx) => {
        await tx.collection('accounts').doc('A').update({ n: _.inc(-50) })
        await tx.collection('accounts').doc('B').update({ n: _.inc(50) })
      })
      .then(() => null, (e: { code: string }) => e)
    expect(err?.code).toBe('EMULATOR_INJECTED_FAULT')
    expect(balances()).toEqual({ A: 100, B: 0 })
    expect(emu.engine.openTransactions()).toBe(0)
  })

  it('an injected fault on a write inside a transaction poisons it', async () => {
    const db = app.database()
    emu.engine.failNth(2, { action: 'database.modifyDocument', collection: 'accounts' })
    const tx = await db.startTransaction()
    await tx.collection('accounts').doc('A').update({ n: 1 })
    expect(await codeOf(tx.collection('accounts').doc('B').update({ n: 1 }))).toBe('EMULATOR_INJECTED_FAULT')
    expect(await codeOf(tx.commit())).toBe('DATABASE_TRANSACTION_FAIL')
    expect(balances()).toEqual({ A: 100, B: 0 })
  })

  it('rejects where() queries inside a transaction', async () => {
    const db = app.database()
    const _ = db.command
    // where().get() carries the transactionId: always detected
    const tx = await db.startTransaction()
    expect(await codeOf(tx.collection('accounts').where({ n: 100 }).get())).toBe('EMULATOR_WHERE_IN_TRANSACTION')

    // where().update()/remove()/count() are sent WITHOUT the transactionId: detected via the invocation's TCB_SEQID
    process.env.TCB_SEQID = 'invocation-1'
    for (const op of [
      (t: typeof tx) => t.collection('accounts').where({ _id: 'A' }).update({ n: _.inc(1) }),
      (t: typeof tx) => t.collection('accounts').where({ _id: 'B' }).remove(),
      (t: typeof tx) => t.collection('accounts').where({ n: 0 }).count()
    ]) {
      const t = await db.startTransaction()
      await t.collection('accounts').doc('A').get()
      expect(await codeOf(op(t))).toBe('EMULATOR_WHERE_IN_TRANSACTION')
      expect(await codeOf(t.commit())).toBe('DATABASE_TRANSACTION_FAIL')
    }
    expect(balances()).toEqual({ A: 100, B: 0 })

    // another invocation's conditional update while this invocation's transaction is open is fine
    const t = await db.startTransaction()
    process.env.TCB_SEQID = 'invocation-2'
    const r = await db.collection('accounts').where({ _id: 'B', n: _.gte(0) }).update({ n: _.inc(1) })
    expect(r.updated).toBe(1)
    process.env.TCB_SEQID = 'invocation-1'
    await t.commit()
  })

  it('aborts transactions older than 30 s', async () => {
    const db = app.database()
    const tx = await db.startTransaction()
    await tx.collection('accounts').doc('A').update({ n: 1 })
    const realNow = Date.now
    jest.spyOn(Date, 'now').mockImplementation(() => realNow() + 31_000)
    expect(await codeOf(tx.commit())).toBe('DATABASE_TRANSACTION_FAIL')
    jest.restoreAllMocks()
    expect(balances().A).toBe(100)
    // its write no longer blocks others
    await db.runTransaction(async (t: Tx) => {
      await t.collection('accounts').doc('A').update({ n: 2 })
    })
    expect(balances().A).toBe(2)
  })
})
