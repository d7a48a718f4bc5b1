/**
 * `npm run bench`: database operations (emulator counters) and wall time per user action, through the
 * real functions and SDK. Balance and ranking reads are measured at 1k and 100k ledger entries to show
 * they do not grow with the ledger. Prints a table; run on demand, not part of `npm test`.
 */
import { randomUUID } from 'crypto'
import { buildFunctions } from '../../scripts/build-functions'
import { startLocalCloud, type LocalCloud } from '../../emulator/local-cloud'
import { seedRoster } from '../../emulator/seed/seed'
import { DEMO_RULES } from '../../emulator/seed/rules'
import { demoOpenid } from '../../emulator/seed/roster'
import { COLLECTIONS } from '../../cloudfunctions/_shared/data/collections'
import { currentPeriods } from '../../cloudfunctions/_shared/domain/china-time'
import { benchVotes } from './vote-bench'

const NOW = new Date('2026-11-24T02:00:00Z')
const DAY = 86400000
const rows: Array<{ what: string; ops: number; ms: number; detail: string }> = []

async function measure<T>(local: LocalCloud, what: string, fn: () => Promise<T>): Promise<T> {
  local.emulator.engine.resetCounters()
  const t0 = process.hrtime.bigint()
  const r = await fn()
  const ms = Number(process.hrtime.bigint() - t0) / 1e6
  const c = local.emulator.engine.counters()
  const detail = Object.entries(c)
    .filter(([k]) => k !== 'total')
    .map(([k, v]) => `${k.replace('database.', '')}:${v}`)
    .join(' ')
  rows.push({ what, ops: c.total ?? 0, ms, detail })
  return r
}

async function main() {
  await buildFunctions({ quiet: true })
  const local = await startLocalCloud({ gateway: true, gatewayPort: 0 })
  seedRoster(local.emulator.engine, NOW)
  const call = async (who: string | null, fn: string, action: string, data: unknown = {}, now = NOW) => {
    const r = (await local.runner.invoke(fn, { action, data, requestId: randomUUID().replace(/-/g, '') }, who ? { openid: demoOpenid(who), now } : { timer: true, now })) as any
    if (!r.ok) throw new Error(`${fn}.${action}: ${JSON.stringify(r.error)}`)
    return r.data
  }
  const draft = await call('m-qiqige', 'points', 'saveDraftRules', { villageId: 'v-qj', title: 'bench', items: DEMO_RULES })
  await call('m-bateer', 'points', 'adoptRules', { ruleSetId: draft.ruleSetId, adoptedOn: '2026-08-01' })
  // Warm up: the first invocation of each function loads its bundle (a cold start, as in SCF).
  await local.runner.invoke('vote', { action: 'listActivities', data: {} }, { openid: demoOpenid('m-bateer'), now: NOW })
  for (const fn of ['identity', 'points', 'mall', 'study']) await local.runner.invoke(fn, { action: 'me' }, { openid: demoOpenid('m-bateer'), now: NOW })
  await measure(local, 'identity.me (the walking skeleton)', () => call('m-bateer', 'identity', 'me'))
  // 云支部: one on-site check-in and one text relay (target ≤ 8 db ops per check-in).
  const session = await call('m-bateer', 'study', 'scheduleSession', { orgId: 'v-qj-br', type: 'party_lecture', title: '党课', startsAt: new Date(NOW.getTime() - 1800000).toISOString(), endsAt: new Date(NOW.getTime() + 3600000).toISOString() })
  await call('m-qiqige', 'study', 'savePair', { memberId: 'm-baoyin', buddyId: 'm-siqin' })
  await local.runner.invoke('study', { action: 'mySessions' }, { openid: demoOpenid('m-menghe'), now: NOW })
  const { code } = await call('m-bateer', 'study', 'sessionCode', { sessionId: session.id })
  await measure(local, 'study.checkIn (on site, rotating code)', () => call('m-menghe', 'study', 'checkIn', { sessionId: session.id, code }))
  await measure(local, 'study.sendRelay (text, content-checked)', () => call('m-siqin', 'study', 'sendRelay', { sessionId: session.id, memberId: 'm-baoyin', kind: 'text', text: '会上学习了党章' }))
  await measure(local, 'study.markRead (member)', () => call('m-baoyin', 'study', 'markRead', { sessionId: session.id }))

  const one = await measure(local, 'points.recordClaims (1 household)', () =>
    call('m-gaowa', 'points', 'recordClaims', { villageId: 'v-qj', ruleItemId: 'greening', quantity: 1, occurredOn: '2026-11-20', entries: [{ householdId: 'h-qj-07' }] })
  )
  await measure(local, 'points.review (one step: 初审)', () => call('m-wuyun', 'points', 'review', { claimId: one.claimIds[0], step: 'first', decision: 'approve' }))
  await call('m-qiqige', 'points', 'review', { claimId: one.claimIds[0], step: 'second', decision: 'approve' })
  await call('m-menghe', 'points', 'review', { claimId: one.claimIds[0], step: 'second', decision: 'approve' })
  await call('m-bateer', 'points', 'decideAssembly', { villageId: 'v-qj', title: '大会', meetingDate: '2026-11-24', membersTotal: 12, present: 9, votesFor: 9, votesAgainst: 0, votesAbstain: 0, claimIds: one.claimIds })
  await measure(local, 'final posting of one claim (scheduler)', () => call(null, 'scheduler', 'timer', {}, new Date(NOW.getTime() + 6 * DAY)))

  // A batch of 100 claims through to the assembly: 5 activities × 20 households (the east grid has 8, so use both workers' grids via batches).
  const hh = ['h-qj-01', 'h-qj-02', 'h-qj-03', 'h-qj-04', 'h-qj-05', 'h-qj-06', 'h-qj-07', 'h-qj-08']
  const ids: string[] = []
  for (let i = 0; ids.length < 100; i++) {
    const r = await call('m-gaowa', 'points', 'recordClaims', { villageId: 'v-qj', ruleItemId: 'meeting', quantity: 1, occurredOn: '2026-11-20', entries: hh.map((householdId) => ({ householdId })) })
    ids.push(...r.claimIds)
  }
  const batch = ids.slice(0, 100)
  // Reviews: households of the reviewers themselves are reviewed by the other leader / members.
  for (const claimId of batch) {
    const c = local.emulator.engine.dump(COLLECTIONS.claims).find((x) => x._id === claimId)
    const first = c.householdId === 'h-qj-04' ? 'm-siqin' : 'm-wuyun'
    await call(first, 'points', 'review', { claimId, step: 'first', decision: 'approve' })
    const seconds = ['m-qiqige', 'm-menghe', 'm-bateer'].filter((m) => !(m === 'm-qiqige' && c.householdId === 'h-qj-02') && !(m === 'm-menghe' && c.householdId === 'h-qj-03') && !(m === 'm-bateer' && c.householdId === 'h-qj-01'))
    await call(seconds[0], 'points', 'review', { claimId, step: 'second', decision: 'approve' })
    await call(seconds[1], 'points', 'review', { claimId, step: 'second', decision: 'approve' })
  }
  await measure(local, 'points.decideAssembly (batch of 100 claims)', () =>
    call('m-bateer', 'points', 'decideAssembly', { villageId: 'v-qj', title: '大会', meetingDate: '2026-11-24', membersTotal: 40, present: 33, votesFor: 30, votesAgainst: 0, votesAbstain: 0, claimIds: batch })
  )

  // Ledger at 1k and 100k entries: bulk-load history (balance docs kept equal to the entries' sum).
  const year = currentPeriods(NOW).year
  const loadLedger = (total: number) => {
    const existing = local.emulator.engine.dump(COLLECTIONS.ledgerEntries).length
    const households = local.emulator.engine.dump(COLLECTIONS.households) as Array<{ _id: string; villageId: string }>
    const docs = []
    for (let i = existing; i < total; i++) {
      const h = households[i % households.length]
      docs.push({ _id: `bench_${i}`, householdId: h._id, villageId: h.villageId, seq: 1000000 + i, amount: 1, balanceAfter: 0, kind: 'correction', reason: 'bench', claimId: null, orderId: null, ruleItemName: null, periods: currentPeriods(NOW), evidence: [], approvals: [], by: 'bench', at: new Date(NOW.getTime() - (i % 300) * DAY) })
    }
    local.emulator.engine.insertRaw(COLLECTIONS.ledgerEntries, docs)
  }
  const reads = async (label: string) => {
    await measure(local, `points.balance (${label} ledger entries)`, () => call('m-eerdun', 'points', 'balance'))
    await measure(local, `points.ranking top-20 (${label} ledger entries)`, () => call('m-eerdun', 'points', 'ranking', { villageId: 'v-qj', year, limit: 20 }))
  }
  loadLedger(1000)
  await reads('1k')
  loadLedger(100000)
  await reads('100k')

  // 爱心超市: give a household points, open a window, order and hand over.
  // A 积分更正 through its chain (proposer, two other 两委, the 大会 recorded by the town admin, 公示, posting).
  const fix = await call('m-qiqige', 'points', 'proposeCorrection', { householdId: 'h-qj-07', amount: 500, reason: '基准测试补记' })
  await call('m-menghe', 'points', 'review', { claimId: fix.claimId, step: 'second', decision: 'approve' })
  await call('m-bateer', 'points', 'review', { claimId: fix.claimId, step: 'second', decision: 'approve' })
  await call('m-zhaojianguo', 'points', 'decideAssembly', { villageId: 'v-qj', title: '村民代表会议', meetingDate: '2026-11-24', membersTotal: 40, present: 33, votesFor: 30, votesAgainst: 0, votesAbstain: 0, claimIds: [fix.claimId] })
  await call(null, 'scheduler', 'timer', {}, new Date(NOW.getTime() + 7 * DAY))
  const g1 = await call('m-lixiulan', 'mall', 'saveGoods', { villageId: 'v-qj', name: '香皂', price: 10, initialStock: 100 })
  const g2 = await call('m-lixiulan', 'mall', 'saveGoods', { villageId: 'v-qj', name: '毛巾', price: 15, initialStock: 100, limitPerHousehold: 5 })
  const g3 = await call('m-lixiulan', 'mall', 'saveGoods', { villageId: 'v-qj', name: '抽纸', price: 58, initialStock: 100 })
  const w = await call('m-lixiulan', 'mall', 'saveWindow', { villageId: 'v-qj', title: '兑换日', opensAt: new Date(NOW.getTime() - DAY).toISOString(), closesAt: new Date(NOW.getTime() + 5 * DAY).toISOString() })
  const o1 = await measure(local, 'mall.placeOrder (1 item)', () => call('m-wangguirong', 'mall', 'placeOrder', { windowId: w.id, items: [{ goodsId: g1.id, qty: 1 }] }))
  await measure(local, 'mall.placeOrder (3 items, one with a limit)', () =>
    call('m-wangguirong', 'mall', 'placeOrder', { windowId: w.id, items: [{ goodsId: g1.id, qty: 2 }, { goodsId: g2.id, qty: 1 }, { goodsId: g3.id, qty: 1 }] })
  )
  await measure(local, 'mall.handOver', () => call('m-lixiulan', 'mall', 'handOver', { orderId: o1.id, code: o1.pickupCode }))

  // 双晒: one vote's writes, ranking at 1k vs 1M votes, gateway throughput beside the raw insert rate.
  const voteLines: string[] = []
  await benchVotes(local, NOW, (what, fn) => measure(local, what, fn), rows, (s) => voteLines.push(s))

  await local.stop()
  const w1 = Math.max(...rows.map((r) => r.what.length))
  process.stdout.write(`\n${'action'.padEnd(w1)}  ${'db ops'.padStart(6)}  ${'ms'.padStart(8)}  breakdown\n`)
  for (const r of rows) process.stdout.write(`${r.what.padEnd(w1)}  ${String(r.ops).padStart(6)}  ${r.ms.toFixed(1).padStart(8)}  ${r.detail}\n`)
  const pick = (s: string) => rows.find((r) => r.what === s)!
  for (const kind of ['points.balance', 'points.ranking top-20']) {
    const a = pick(`${kind} (1k ledger entries)`)
    const b = pick(`${kind} (100k ledger entries)`)
    process.stdout.write(`${kind}: ops 1k→100k ${a.ops}→${b.ops} (ratio ${(b.ops / a.ops).toFixed(2)}), time ratio ${(b.ms / a.ms).toFixed(2)}\n`)
  }
  for (const l of voteLines) process.stdout.write(l)
  const checkIn = pick('study.checkIn (on site, rotating code)')
  process.stdout.write(`study.checkIn: ${checkIn.ops} db ops (target ≤ 8) ${checkIn.ops <= 8 ? 'OK' : 'OVER'}\n`)
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`)
  process.exit(1)
})
