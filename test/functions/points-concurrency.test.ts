/**
 * 积分制 invariants under concurrency, through the bundled functions and the real SDK: caps hold when many
 * posters race, one approval has one effect however often it arrives, and the audit trail is a verifiable
 * hash chain that detects tampering.
 */
import tcb from '@cloudbase/node-sdk'
import { verifyChain } from '../../cloudfunctions/_shared/domain/hash-chain'
import { NOW, QJ, at, record, startTestCloud, uid, uploadAs, type TestCloud } from '../fixtures/cloud'

/** A photo the east grid worker uploaded through the app. */
let PHOTO = ''

let c: TestCloud
beforeAll(async () => {
  c = await startTestCloud()
  PHOTO = await uploadAs(c, QJ.gridWorkerEast, 'claim_photo')
})
afterAll(() => c.stop())

const auditOf = (id: string) => c.dump('audit_entries').filter((a) => a.claimId === id).sort((a, b) => a.seq - b.seq)
const claim = (id: string) => c.dump('claims').find((x) => x._id === id)

describe('(a) caps hold when posting races', () => {
  it('50 claims on a capped item (清洁 +10, cap 40 a month) for one household post exactly 40, however many posters run', async () => {
    const household = 'h-qj-06'
    const recorded = await Promise.all(
      Array.from({ length: 50 }, () =>
        c.ok(QJ.gridWorkerEast, 'points', 'recordClaims', { villageId: QJ.village, ruleItemId: 'clean', quantity: 1, photos: [PHOTO], occurredOn: '2026-11-20', entries: [{ householdId: household }] })
      )
    )
    const ids: string[] = recorded.map((r) => r.claimIds[0])
    expect(new Set(ids).size).toBe(50)
    const first = await c.ok(QJ.leader, 'points', 'reviewMany', { claimIds: ids, step: 'first', decision: 'approve' })
    expect(first.results.every((r: any) => r.ok)).toBe(true)
    // the two 两委 members review concurrently
    const seconds = await Promise.all([QJ.committee[0], QJ.committee[1]].map((who) => c.ok(who, 'points', 'reviewMany', { claimIds: ids, step: 'second', decision: 'approve' })))
    expect(seconds.flatMap((s) => s.results).every((r: any) => r.ok)).toBe(true)
    expect(ids.every((id) => claim(id).state === 'assembly')).toBe(true)
    const a = await c.ok(QJ.committee[2], 'points', 'decideAssembly', { villageId: QJ.village, title: '十一月大会', meetingDate: '2026-11-24', membersTotal: 50, present: 42, votesFor: 40, votesAgainst: 0, votesAbstain: 2, claimIds: ids })
    expect(a).toMatchObject({ passed: true, claims: 50 })
    expect(ids.every((id) => claim(id).state === 'publicity')).toBe(true)

    const due = at(6)
    const started = Date.now()
    const runs = await Promise.all([
      c.timer(due),
      c.timer(due),
      c.timer(due),
      c.call(QJ.committee[0], 'points', 'postDue', { villageId: QJ.village }, { now: due }),
      c.call(QJ.committee[1], 'points', 'postDue', { villageId: QJ.village }, { now: due }),
      c.call(QJ.committee[2], 'points', 'postDue', { villageId: QJ.village }, { now: due })
    ])
    const elapsed = Date.now() - started
    for (const r of runs) expect(r.ok).toBe(true)
    const postedCounts = runs.map((r: any) => r.data.posted as number)
    expect(postedCounts.reduce((s, n) => s + n, 0)).toBe(50)
    expect(runs.every((r: any) => (r.data.failed ?? r.data.postFailed) === 0)).toBe(true)

    const claims = ids.map(claim)
    expect(claims.every((x) => x.state === 'posted')).toBe(true)
    expect(claims.reduce((s, x) => s + x.postedAmount, 0)).toBe(40)
    expect(claims.filter((x) => x.postedAmount === 10)).toHaveLength(4)
    const entries = c.dump('ledger_entries').filter((e) => e.householdId === household)
    const forItem = entries.filter((e) => ids.includes(e.claimId))
    expect(forItem).toHaveLength(50) // one entry per claim, never two
    expect(new Set(forItem.map((e) => e.claimId)).size).toBe(50)
    expect(forItem.filter((e) => e.periods.month === '2026-11').reduce((s, e) => s + e.amount, 0)).toBe(40)
    const p = c.dump('household_points').find((x) => x._id === household)
    expect(p.balance).toBe(entries.reduce((s, e) => s + e.amount, 0))
    expect(p.balance).toBe(40)
    expect(entries.map((e) => e.seq).sort((x, y) => x - y)).toEqual(entries.map((_, i) => i + 1))
    expect(c.dump('cap_counters').filter((k) => k._id.startsWith(`${household}:`) && k._id.endsWith(':clean:2026-11'))).toEqual([expect.objectContaining({ used: 40 })])
    // every claim's chain ends with exactly one post
    for (const id of ids) expect(auditOf(id).filter((e) => e.action === 'post')).toHaveLength(1)
    expect(elapsed).toBeLessThan(30000)
  })
})

describe('(b)/(c) one approval, one effect', () => {
  it('(b) an approval retried with its requestId (in sequence and at once) has one effect', async () => {
    const [id] = await record(c, ['h-qj-07'])
    const requestId = uid()
    const input = { claimId: id, step: 'first', decision: 'approve' }
    const one = await c.ok(QJ.leader, 'points', 'review', input, { requestId })
    const again = await c.ok(QJ.leader, 'points', 'review', input, { requestId })
    expect(again).toEqual(one)
    const [x, y] = await Promise.all([c.ok(QJ.leader, 'points', 'review', input, { requestId }), c.ok(QJ.leader, 'points', 'review', input, { requestId })])
    expect([x, y]).toEqual([one, one])
    expect(auditOf(id).filter((e) => e.action === 'first_approve')).toHaveLength(1)
    expect(claim(id).approvals).toHaveLength(1)
  })

  it('(c) 20 concurrent first-review approvals with different requestIds apply once; the rest see AUDIT.STATE_CHANGED', async () => {
    const [id] = await record(c, ['h-qj-08'])
    const started = Date.now()
    const rs = await Promise.all(Array.from({ length: 20 }, () => c.call(QJ.leader, 'points', 'review', { claimId: id, step: 'first', decision: 'approve' })))
    const elapsed = Date.now() - started
    const oks = rs.filter((r) => r.ok)
    expect(oks).toHaveLength(1)
    expect(rs.filter((r) => !r.ok).map((r: any) => r.error.code)).toEqual(Array(19).fill('AUDIT.STATE_CHANGED'))
    expect(auditOf(id).filter((e) => e.action === 'first_approve')).toHaveLength(1)
    expect(claim(id)).toMatchObject({ state: 'second_review', auditSeq: 2 })
    expect(claim(id).approvals).toHaveLength(1)
    expect(elapsed).toBeLessThan(20000)
  })

  it('(c) 20 concurrent second-review approvals by one 两委 member apply once; the rest see AUDIT.DUPLICATE_APPROVER', async () => {
    const [id] = await record(c, ['h-qj-06'], 'greening')
    await c.ok(QJ.leader, 'points', 'review', { claimId: id, step: 'first', decision: 'approve' })
    const rs = await Promise.all(Array.from({ length: 20 }, () => c.call(QJ.committee[0], 'points', 'review', { claimId: id, step: 'second', decision: 'approve' })))
    expect(rs.filter((r) => r.ok)).toHaveLength(1)
    expect(rs.filter((r) => !r.ok).map((r: any) => r.error.code)).toEqual(Array(19).fill('AUDIT.DUPLICATE_APPROVER'))
    expect(auditOf(id).filter((e) => e.action === 'second_approve')).toHaveLength(1)
    expect(claim(id)).toMatchObject({ state: 'second_review' })
    expect(claim(id).approvals.filter((a: any) => a.step === 'second')).toHaveLength(1)
  })

  it('(c) 20 concurrent approvals with the SAME requestId all get the same answer and apply once', async () => {
    const [id] = await record(c, ['h-qj-07'], 'meeting')
    const requestId = uid()
    const started = Date.now()
    const rs = await Promise.all(Array.from({ length: 20 }, () => c.call(QJ.leader, 'points', 'review', { claimId: id, step: 'first', decision: 'approve' }, { requestId })))
    const elapsed = Date.now() - started
    expect(rs.map((r) => JSON.stringify(r))).toEqual(Array(20).fill(JSON.stringify({ ok: true, data: { state: 'second_review' } })))
    expect(auditOf(id).filter((e) => e.action === 'first_approve')).toHaveLength(1)
    expect(claim(id).approvals).toHaveLength(1)
    expect(elapsed).toBeLessThan(20000)
  })

  it('(c) two different 两委 members approving at once both count: the claim reaches the assembly with two approvals', async () => {
    const [id] = await record(c, ['h-qj-08'], 'meeting')
    await c.ok(QJ.leader, 'points', 'review', { claimId: id, step: 'first', decision: 'approve' })
    const rs = await Promise.all([QJ.committee[0], QJ.committee[1]].map((who) => c.call(who, 'points', 'review', { claimId: id, step: 'second', decision: 'approve' })))
    expect(rs.every((r) => r.ok)).toBe(true)
    expect(claim(id).state).toBe('assembly')
    expect(new Set(claim(id).approvals.filter((a: any) => a.step === 'second').map((a: any) => a.by))).toEqual(new Set([QJ.committee[0], QJ.committee[1]]))
  })
})

describe('(d) the audit trail is a hash chain', () => {
  it('every state change has an entry (who, when, from → to) chained to the previous one; every claim verifies', async () => {
    const claims = c.dump('claims')
    expect(claims.length).toBeGreaterThan(50)
    const all = c.dump('audit_entries')
    for (const cl of claims) {
      const es = all.filter((a) => a.claimId === cl._id).sort((a, b) => a.seq - b.seq)
      expect(es.length).toBe(cl.auditSeq)
      expect(verifyChain(es, cl.lastHash)).toEqual({ ok: true, brokenAt: null })
      // consecutive entries connect: one entry's "to" is the next one's "from"
      for (let i = 1; i < es.length; i++) {
        expect(es[i].from).toBe(es[i - 1].to)
        expect(es[i].prevHash).toBe(es[i - 1].hash)
      }
      expect(es.at(-1).to).toBe(cl.state)
      for (const e of es) {
        expect(e.by).toEqual(expect.any(String))
        expect(e.byName).toEqual(expect.any(String))
        expect(e.at).toBeInstanceOf(Date)
      }
    }
  })

  it('a reason change written straight into the database breaks verification at that entry', async () => {
    const target = c.dump('claims').find((x) => x.state === 'posted')
    const es = auditOf(target._id)
    expect(verifyChain(es, target.lastHash).ok).toBe(true)
    const db = tcb.init({ env: process.env.TCB_ENV }).database()
    const victim = es[1]
    await db.collection('audit_entries').doc(victim._id).update({ reason: '已核实（篡改）' })
    const tampered = auditOf(target._id)
    expect(tampered[1].reason).toBe('已核实（篡改）')
    expect(verifyChain(tampered, target.lastHash)).toEqual({ ok: false, brokenAt: victim.seq })
    // re-hashing the edited entry does not help: the next entry points at the old hash
    const { chainHash } = await import('../../cloudfunctions/_shared/domain/hash-chain')
    const rehashed = chainHash(tampered[1].prevHash, tampered[1])
    await db.collection('audit_entries').doc(victim._id).update({ hash: rehashed })
    expect(verifyChain(auditOf(target._id), target.lastHash)).toEqual({ ok: false, brokenAt: victim.seq + 1 })
    // removing the last entry is caught against the claim's lastHash
    const other = c.dump('claims').find((x) => x.state === 'posted' && x._id !== target._id)
    const oes = auditOf(other._id)
    await db.collection('audit_entries').doc(oes.at(-1)._id).remove()
    expect(verifyChain(auditOf(other._id), other.lastHash).ok).toBe(false)
    expect(NOW.getTime()).toBeLessThan(at(1).getTime())
  })
})
