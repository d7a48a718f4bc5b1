/**
 * The authorization matrix, cell by cell, against the real functions: generated from the access declared in
 * types/contract (the same table `npm run authz` prints). A denied cell is refused with AUTH.FORBIDDEN and
 * writes nothing (the emulator's write counters do not move); an allowed cell succeeds on valid input.
 */
import { contract, type Access } from '../../types/contract'
import { ACTORS, matrixRows, RELATIONS, type Actor, type Relation } from '../../types/contract/authz'
import { NOW, startTestCloud, type TestCloud } from '../fixtures/cloud'
import { actorId, actorOpenid, seedCast } from './authz/cast'
import { Fixture, SAMPLES, type SampleOut } from './authz/samples'

const WRITES = ['database.insertDocument', 'database.modifyDocument', 'database.modifyAndReturnDoc', 'database.removeDocument', 'database.commitTransaction', 'storage.getUploadMetadata']

let c: TestCloud
let fx: Fixture
beforeAll(async () => {
  c = await startTestCloud()
  seedCast(c.local.emulator.engine, NOW)
  fx = new Fixture(c)
  await fx.setup()
}, 120000)
afterAll(() => c.stop())

const writes = () => {
  const k = c.local.emulator.engine.counters()
  return WRITES.reduce((n, a) => n + (k[a] ?? 0), 0)
}

/** AUTHZ_ONLY=study,vote runs the cells of those functions only (while writing samples). */
const only = process.env.AUTHZ_ONLY ? process.env.AUTHZ_ONLY.split(',') : null
const actions = Object.entries(contract)
  .filter(([fn]) => !only || only.includes(fn))
  .flatMap(([fn, acts]) =>
  Object.entries(acts as Record<string, { access: Access; mutation: boolean }>).map(([action, d]) => ({ fn, action, access: d.access, mutation: d.mutation }))
)

/**
 * Inputs are made once per action (and step) for every call that cannot change anything — denied cells and
 * queries — and afresh for each allowed mutation, which consumes its records.
 */
const reusable = new Map<string, SampleOut>()

it('every action has a sample input for the matrix', () => {
  expect(actions.map((a) => `${a.fn}.${a.action}`).filter((k) => !SAMPLES[k])).toEqual([])
})

describe.each(actions.map((a) => [`${a.fn}.${a.action}`, a] as const))('%s', (_name, a) => {
  const cases: Array<[string, Actor, Relation, 'allow' | 'deny', string | undefined]> = []
  for (const row of matrixRows(a.fn, a.action, a.access)) {
    for (const rel of RELATIONS) {
      const cell = row.cells[rel]
      if (cell === 'n/a') continue
      cases.push([`${row.variant ? `[${row.variant}] ` : ''}${row.actor} · ${rel} → ${cell}`, row.actor, rel, cell, row.variant])
    }
  }
  it.each(cases)('%s', async (_label, actor, rel, cell, variant) => {
    const sample = SAMPLES[`${a.fn}.${a.action}`]
    if (!sample) throw new Error(`no sample for ${a.fn}.${a.action}`)
    const openid = actorOpenid(actor, rel)
    const who = { actor, rel, memberId: actorId(actor, rel), openid, allowed: cell === 'allow', variant }
    const key = `${a.fn}.${a.action}|${variant ?? ''}|${cell === 'deny' ? 'deny' : 'allow'}`
    const fresh = cell === 'allow' && a.mutation
    // Inputs that depend on who calls (importing a file one registered) are never shared.
    const own = ['identity.importRoster', 'points.resubmitClaim', 'study.importPairs', 'study.getThread', 'study.pairVisits'].includes(`${a.fn}.${a.action}`)
    let out = fresh || own ? undefined : reusable.get(key)
    if (!out) {
      out = await sample(fx, who)
      if (!fresh && !own) reusable.set(key, out)
    }
    const { input, expect: expected } = out
    const before = writes()
    const res = await c.call(null, a.fn, a.action, input, { openid })
    if (cell === 'deny') {
      expect(res).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
      expect(writes()).toBe(before)
    } else if (expected) {
      expect(res).toMatchObject({ ok: false, error: { code: expected } })
    } else {
      expect(res.ok ? 'ok' : `${res.error.code} ${res.error.message}`).toBe('ok')
    }
    await out.cleanup?.()
  })
})

it('the cast covers every actor and relation (but roles that cannot be held on a town)', () => {
  expect(ACTORS.length * RELATIONS.length - 3).toBe(c.dump('members').filter((m) => m._id.startsWith('az-') && !m._id.startsWith('az-tmp')).length)
})
