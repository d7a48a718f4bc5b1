import { spawnSync } from 'child_process'
import { mkdtempSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import tcb from '@cloudbase/node-sdk'
import { reconcile, verifyAudit } from '../../cloudfunctions/_shared/app/maintenance/checks'
import { startLocalCloud } from '../../emulator/local-cloud'
import { seedRoster } from '../../emulator/seed/seed'
import { NOW, QJ, adoptDemoRules, correctPoints, postPoints, startTestCloud, type TestCloud } from '../fixtures/cloud'

let c: TestCloud
beforeAll(async () => {
  c = await startTestCloud()
  await postPoints(c, QJ.plainHouseholds, 'greening', 2)
  await correctPoints(c, 'h-qj-06', -3, '重复登记更正')
})
afterAll(() => c.stop())

const db = () => tcb.init({ env: process.env.TCB_ENV }).database()

describe('reconcile and verify-audit', () => {
  it('find nothing wrong in data written by the functions', async () => {
    const r = await reconcile()
    expect(r.households).toBe(3)
    expect(r.mismatches).toEqual([])
    const v = await verifyAudit()
    expect(v.claims).toBe(4)
    // three claims: record, first, second ×2, assembly, post; the correction: propose, second ×2, assembly, post
    expect(v.entries).toBe(3 * 6 + 5)
    expect(v.broken).toEqual([])
  })

  it('reconcile reports a household whose ledger was edited behind the functions’ back', async () => {
    const entry = c.dump('ledger_entries').find((e) => e.householdId === 'h-qj-07')
    await db().collection('ledger_entries').doc(entry._id).update({ amount: entry.amount + 100 })
    const r = await reconcile()
    expect(r.mismatches).toEqual([{ householdId: 'h-qj-07', balance: 10, sum: 110, entries: 1, seq: 1 }])
    await db().collection('ledger_entries').doc(entry._id).update({ amount: entry.amount })
    expect((await reconcile()).mismatches).toEqual([])
  })

  it('verify-audit reports an edited audit entry and a deleted one', async () => {
    const claim = c.dump('claims').find((x) => x.householdId === 'h-qj-08')
    await db().collection('audit_entries').doc(`${claim._id}:2`).update({ reason: '改过的理由' })
    expect((await verifyAudit()).broken).toEqual([{ claimId: claim._id, brokenAt: 2 }])
    await db().collection('audit_entries').doc(`${claim._id}:2`).update({ reason: null })
    expect((await verifyAudit()).broken).toEqual([])
    await db().collection('audit_entries').doc(`${claim._id}:6`).remove()
    expect((await verifyAudit()).broken).toEqual([{ claimId: claim._id, brokenAt: 6 }])
  })
})

describe('the npm scripts exit non-zero on a mismatch', () => {
  it('reconcile over a data file', async () => {
    await c.stop()
    const dir = mkdtempSync(join(tmpdir(), 'cunshe-rec-'))
    const dataFile = join(dir, 'store.json')
    const local = await startLocalCloud({ dataFile })
    seedRoster(local.emulator.engine, NOW)
    const t = { local, ok: async (who: string | null, fn: string, action: string, data: unknown = {}, o: { now?: Date } = {}) => {
      const r = (await local.call(fn, action, data, { openid: who ? `demo-${who}` : undefined, now: o.now ?? NOW })) as any
      if (!r.ok) throw new Error(JSON.stringify(r))
      return r.data
    } } as unknown as TestCloud
    await adoptDemoRules(t, 'v-qj')
    // a correction through its chain: proposed, two more 两委 members, the town records the meeting, the timer posts
    const as = async (who: string, action: string, data: unknown) => {
      const r = (await local.call('points', action, data, { openid: `demo-${who}`, now: NOW })) as any
      if (!r.ok) throw new Error(JSON.stringify(r))
      return r.data
    }
    const { claimId } = await as('m-qiqige', 'proposeCorrection', { householdId: 'h-qj-06', amount: 7, reason: '测试' })
    await as('m-menghe', 'review', { claimId, step: 'second', decision: 'approve' })
    await as('m-bateer', 'review', { claimId, step: 'second', decision: 'approve' })
    await as('m-zhaojianguo', 'decideAssembly', { villageId: 'v-qj', title: '村民代表会议', meetingDate: '2026-11-24', membersTotal: 40, present: 33, votesFor: 30, votesAgainst: 2, votesAbstain: 1, claimIds: [claimId] })
    await local.runner.invoke('scheduler', {}, { timer: true, now: new Date(NOW.getTime() + 6 * 86400000) })
    await local.stop()
    const run = () => spawnSync(join(__dirname, '../../node_modules/.bin/tsx'), ['scripts/reconcile.ts', '--data', dataFile], { cwd: join(__dirname, '../..'), encoding: 'utf8', env: { ...process.env, TENCENTCLOUD_SECRETID: '', TCB_ENV: '' } })
    const good = run()
    expect(good.stdout).toContain('1 households, 0 mismatches')
    expect(good.status).toBe(0)
    // tamper with the stored file through the emulator, then run the script again
    const again = await startLocalCloud({ dataFile })
    await tcb.init({ env: process.env.TCB_ENV }).database().collection('household_points').doc('h-qj-06').update({ balance: 8 })
    await again.stop()
    const bad = run()
    expect(bad.stdout).toContain('MISMATCH household h-qj-06: balance 8 vs Σ entries 7')
    expect(bad.status).toBe(1)
    rmSync(dir, { recursive: true, force: true })
    c = await startTestCloud({ rules: false })
  }, 120000)
})

describe('request records', () => {
  it('the scheduler forgets request ids older than a week, keeps recent ones', async () => {
    await c.ok('m-qiqige', 'identity', 'createInvite', { memberId: 'm-zhoujian' }, { now: NOW })
    await c.ok('m-qiqige', 'identity', 'createInvite', { memberId: 'm-zhouyulan' }, { now: new Date(NOW.getTime() + 6 * 86400000) })
    expect(c.dump('requests')).toHaveLength(2)
    const r = await c.timer(new Date(NOW.getTime() + 8 * 86400000))
    expect(r.ok).toBe(true)
    expect((r as any).data.pruned).toBe(1)
    expect(c.dump('requests')).toHaveLength(1)
  })
})
