import dns from 'dns'
import http from 'http'
import https from 'https'
import tcb from '@cloudbase/node-sdk'
import { COLLECTION_DEFS } from '../cloudfunctions/_shared/data/collections'
import { startEmulator } from './index'

const outside = new Set<string>()
const origLookup = dns.lookup
;(dns as unknown as { lookup: unknown }).lookup = (host: string, ...rest: unknown[]) => {
  outside.add(`dns:${host}`)
  return (origLookup as unknown as (...a: unknown[]) => unknown)(host, ...rest)
}
for (const mod of [http, https]) {
  const orig = mod.request
  ;(mod as unknown as { request: unknown }).request = (...args: unknown[]) => {
    const a0 = args[0] as string | URL | { hostname?: string; host?: string }
    const host = typeof a0 === 'string' ? new URL(a0).host : a0 instanceof URL ? a0.host : a0.hostname ?? a0.host
    outside.add(`http:${String(host)}`)
    return (orig as unknown as (...a: unknown[]) => unknown)(...args)
  }
}

async function main(): Promise<void> {
  const emu = await startEmulator({ collections: COLLECTION_DEFS })
  Object.assign(process.env, emu.sdkEnv())
  const app = tcb.init({ env: emu.envId })
  const db = app.database()
  await db.collection('households').add({ _id: 'h1', villageId: 'v', code: '1' })
  // warm-up
  for (let i = 0; i < 50; i++) await db.collection('households').doc('h1').get()
  let t = performance.now()
  const N = 2000
  for (let i = 0; i < N; i++) await db.collection('households').doc('h1').get()
  let ms = performance.now() - t
  const seq = (N / ms) * 1000
  t = performance.now()
  await Promise.all(Array.from({ length: N }, () => db.collection('households').doc('h1').get()))
  ms = performance.now() - t
  const par = (N / ms) * 1000

  const docs = Array.from({ length: 100_000 }, (_x, i) => ({
    householdId: `h${i % 500}`,
    villageId: 'v1',
    delta: (i * 7919) % 100,
    at: new Date(1_700_000_000_000 + i * 1000),
    reason: 'claim'
  }))
  t = performance.now()
  emu.engine.insertRaw('ledger_entries', docs)
  const insertMs = performance.now() - t
  t = performance.now()
  const top = await db.collection('ledger_entries').where({ villageId: 'v1' }).orderBy('at', 'desc').limit(20).get()
  const topMs = performance.now() - t
  t = performance.now()
  const top2 = await db.collection('ledger_entries').where({ householdId: 'h7' }).orderBy('at', 'desc').limit(20).get()
  const top2Ms = performance.now() - t
  t = performance.now()
  const cnt = await db.collection('ledger_entries').where({ householdId: 'h7' }).count()
  const cntMs = performance.now() - t
  t = performance.now()
  const agg = await db.collection('ledger_entries').aggregate().match({ villageId: 'v1' }).group({ _id: '$householdId', s: db.command.aggregate.sum('$delta') }).sort({ s: -1 }).limit(20).end()
  const aggMs = performance.now() - t
  process.stdout.write(
    JSON.stringify(
      {
        seqGetPerSec: Math.round(seq),
        parallelGetPerSec: Math.round(par),
        insertRaw100kMs: Math.round(insertMs),
        top20AllMatchMs: Math.round(topMs),
        top20Household200Ms: Math.round(top2Ms),
        count200Ms: Math.round(cntMs),
        aggregateGroup100kMs: Math.round(aggMs),
        sizes: [top.data.length, top2.data.length, cnt.total, agg.data.length],
        outside: [...outside]
      },
      null,
      1
    ) + '\n'
  )
  await emu.stop()
}
void main()
