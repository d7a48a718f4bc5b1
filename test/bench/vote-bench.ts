/**
 * Vote numbers for `npm run bench`: database operations of one vote (writes and reads), the cost of a category
 * ranking at 1k and 1M votes, and vote throughput through the local gateway with 50 concurrent clients next to
 * the emulator's raw insert rate in the same run.
 */
import http from 'http'
import { randomUUID } from 'crypto'
import tcb from '@cloudbase/node-sdk'
import type { LocalCloud } from '../../emulator/local-cloud'
import { demoOpenid } from '../../emulator/seed/roster'
import { COLLECTIONS } from '../../cloudfunctions/_shared/data/collections'
import { SHARDS } from '../../cloudfunctions/_shared/domain/vote'

const DAY = 86400000
type Row = { what: string; ops: number; ms: number; detail: string }
type Measure = <T>(what: string, fn: () => Promise<T>) => Promise<T>

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

function post(url: string, body: unknown, openid: string): Promise<{ ok: boolean; ms: number }> {
  const t0 = process.hrtime.bigint()
  const data = Buffer.from(JSON.stringify(body))
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': data.length, 'x-cunshe-openid': openid }, agent: keepAlive }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const env = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { ok: boolean }
        resolve({ ok: env.ok, ms: Number(process.hrtime.bigint() - t0) / 1e6 })
      })
    })
    req.on('error', reject)
    req.end(data)
  })
}
const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 64 })

/** 50 extra bound voters of 前进嘎查 (bulk insert, shaped like the seeded roster). */
function addVoters(local: LocalCloud, n: number, at: Date): string[] {
  const engine = local.emulator.engine
  const template = engine.dump(COLLECTIONS.members).find((m) => m._id === 'm-naren')
  const ids = Array.from({ length: n }, (_, i) => `m-benchv${i}`)
  engine.insertRaw(COLLECTIONS.members, ids.map((id, i) => ({ ...template, _id: id, name: `投票人${i}`, openid: demoOpenid(id), roles: [], isHead: false })))
  engine.insertRaw(COLLECTIONS.bindings, ids.map((id) => ({ _id: demoOpenid(id), memberId: id, via: 'demo', at })))
  return ids
}

export async function benchVotes(local: LocalCloud, NOW: Date, measure: Measure, rows: Row[], out: (s: string) => void) {
  const call = async (who: string, action: string, data: unknown, now = NOW, fn = 'vote') => {
    const r = (await local.runner.invoke(fn, { action, data, requestId: randomUUID().replace(/-/g, '') }, { openid: demoOpenid(who), now })) as any
    if (!r.ok) throw new Error(`${fn}.${action}: ${JSON.stringify(r.error)}`)
    return r.data
  }
  const admin = 'm-zhaojianguo'
  const realNow = new Date()
  const act = await call(admin, 'saveActivity', {
    orgId: 'town-xa',
    title: 'bench',
    electorate: { orgId: 'town-xa', mode: 'members' },
    submitOpens: new Date(NOW.getTime() - DAY).toISOString(),
    submitCloses: new Date(NOW.getTime() + DAY).toISOString(),
    voteOpens: new Date(Math.min(NOW.getTime(), realNow.getTime()) - DAY).toISOString(),
    voteCloses: new Date(Math.max(NOW.getTime(), realNow.getTime()) + 30 * DAY).toISOString(),
    rules: { perDay: 100, perEntryPerDay: 20, cooldownDays: 0, nightPause: null, burstPerMinute: 1000 }
  })
  const entries: string[] = []
  for (const [who, orgId] of [['m-bateer', 'v-qj'], ['m-wangzhiqiang', 'v-tj']] as const) {
    const e = await call(who, 'submitEntry', { activityId: act.id, orgId, category: 'village', title: `bench ${orgId}`, parts: { ideas: 'a', results: 'b', highlights: 'c', service: 'd' }, cover: 'cloud://bench/c.jpg', video: 'cloud://bench/v.mp4' })
    await call(admin, 'reviewEntry', { entryId: e.id, decision: 'approve' })
    entries.push(e.id)
  }
  // Warm: the voter's first vote of the day creates the tally; the next one is the steady state.
  await call('m-eerdun', 'vote', { entryId: entries[0] })
  await measure('vote.vote (first vote of the day: tally created)', () => call('m-naren', 'vote', { entryId: entries[0] }))
  await measure('vote.vote (a later vote the same day)', () => call('m-naren', 'vote', { entryId: entries[1] }))
  for (const r of rows.filter((x) => x.what.startsWith('vote.vote'))) {
    const writes = [...r.detail.matchAll(/(insertDocument|modifyDocument|removeDocument|modifyAndReturnDoc):(\d+)/g)].reduce((a, m) => a + Number(m[2]), 0)
    r.detail += `  → writes ${writes}`
  }

  // Ranking at 1k and 1M votes: counter shards carry the totals; vote records are loaded raw as well (for the 1M
  // case, 200k of them: the ranking never reads that collection, it is there to show it is not read).
  const engine = local.emulator.engine
  const loadVotes = (total: number, records: number, tag: string) => {
    const perEntry = Math.floor(total / entries.length)
    const docs = entries.flatMap((entryId, k) =>
      Array.from({ length: SHARDS }, (_, shard) => ({ _id: `${entryId}#${shard}`, activityId: act.id, entryId, category: 'village', shard, n: Math.floor(perEntry / SHARDS) + (k === 0 ? 1 : 0), yes: 0, no: 0 }))
    )
    const existing = new Set(engine.dump(COLLECTIONS.voteCounters).map((d) => d._id))
    const db = tcb.init({ env: process.env.TCB_ENV }).database()
    return (async () => {
      for (const d of docs) {
        const { _id, ...rest } = d
        if (existing.has(_id)) await db.collection(COLLECTIONS.voteCounters).doc(_id).set(rest)
        else engine.insertRaw(COLLECTIONS.voteCounters, [d])
      }
      for (let i = 0; i < records; i += 10000) {
        const chunk = Array.from({ length: Math.min(10000, records - i) }, (_, j) => ({
          _id: `bench-${tag}-${i + j}`, activityId: act.id, entryId: entries[(i + j) % entries.length], category: 'village', voterKey: `bench${(i + j) % 5000}`, memberId: `bench${(i + j) % 5000}`,
          voterName: 'bench', openid: 'bench', day: '2026-11-20', minute: '2026-11-20 10:00', at: NOW, boundAt: null, choice: null, shard: (i + j) % SHARDS, state: 'valid', code: null, voided: false, voidReason: null, voidedBy: null, voidedAt: null
        }))
        engine.insertRaw(COLLECTIONS.voteRecords, chunk)
      }
    })()
  }
  await loadVotes(1000, 1000, 'a')
  const r1 = await measure('vote.ranking (1k votes)', () => call('m-eerdun', 'ranking', { activityId: act.id, category: 'village' }))
  await loadVotes(1_000_000, 200_000, 'b')
  const r2 = await measure('vote.ranking (1M votes)', () => call('m-eerdun', 'ranking', { activityId: act.id, category: 'village' }))
  const a = rows.find((x) => x.what === 'vote.ranking (1k votes)')!
  const b = rows.find((x) => x.what === 'vote.ranking (1M votes)')!
  out(`vote.ranking: top count ${r1.rows[0].votes} → ${r2.rows[0].votes}; ops 1k→1M ${a.ops}→${b.ops} (ratio ${(b.ops / a.ops).toFixed(2)}), time ratio ${(b.ms / a.ms).toFixed(2)}\n`)

  // Throughput through the gateway: 50 clients, each its own voter, 20 votes each, back to back.
  const gw = local.gateway!
  const voters = addVoters(local, 50, new Date(realNow.getTime() - 30 * DAY))
  const perClient = 20
  const lat: number[] = []
  let failed = 0
  const t0 = Date.now()
  await Promise.all(
    voters.map(async (v, i) => {
      for (let k = 0; k < perClient; k++) {
        const r = await post(`${gw.url}/api/vote`, { action: 'vote', data: { entryId: entries[(i + k) % entries.length] }, requestId: randomUUID().replace(/-/g, '') }, demoOpenid(v))
        lat.push(r.ms)
        if (!r.ok) failed++
      }
    })
  )
  const secs = (Date.now() - t0) / 1000
  lat.sort((x, y) => x - y)
  out(`vote via gateway, 50 clients × ${perClient}: ${(lat.length / secs).toFixed(0)} votes/s, p50 ${pct(lat, 50).toFixed(1)} ms, p99 ${pct(lat, 99).toFixed(1)} ms, ${failed} refused/failed\n`)

  // The emulator's raw insert rate in the same run: 50 concurrent SDK clients adding small documents.
  const db = tcb.init({ env: process.env.TCB_ENV }).database()
  const n = 2000
  const t1 = Date.now()
  let next = 0
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (next < n) {
        const i = next++
        await db.collection(COLLECTIONS.jobs).add({ _id: `bench-raw-${i}`, kind: 'bench', at: new Date() })
      }
    })
  )
  out(`emulator raw insert (SDK add, 50 concurrent): ${(n / ((Date.now() - t1) / 1000)).toFixed(0)} inserts/s\n`)
}
