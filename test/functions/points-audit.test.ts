/**
 * 积分制 audit chain (网格员打分 → 党小组初审 → 两委联席复审 → 大会审议 → 公示 → 入账) and 公示 with objections,
 * through the bundled function and the real SDK.
 */
import { maskName } from '../../types/contract/common'
import { verifyChain } from '../../cloudfunctions/_shared/domain/hash-chain'
import { endOfChinaDayAfter } from '../../cloudfunctions/_shared/domain/china-time'
import { NOW, QJ, at, approveAssembly, record, startTestCloud, toAssembly, type TestCloud } from '../fixtures/cloud'

let c: TestCloud
beforeAll(async () => {
  c = await startTestCloud()
})
afterAll(() => c.stop())

const claim = (id: string) => c.dump('claims').find((x) => x._id === id)
const audit = (id: string) => c.dump('audit_entries').filter((a) => a.claimId === id).sort((a, b) => a.seq - b.seq)
const rev = (who: string, claimId: string, step: 'first' | 'second', decision: 'approve' | 'reject' | 'send_back' = 'approve', reason?: string, now = NOW) =>
  c.call(who, 'points', 'review', { claimId, step, decision, ...(reason === undefined ? {} : { reason }) }, { now })
/** Everyone present voted (attendance = members, so the quorum holds); the majority is of those present. */
const assembly = (ids: string[], votes: [number, number, number], now = NOW) => {
  const present = Math.max(1, votes[0] + votes[1] + votes[2])
  return c.call(QJ.committee[2], 'points', 'decideAssembly', { villageId: QJ.village, title: '党员（村民代表）大会', meetingDate: '2026-11-24', membersTotal: present, present, votesFor: votes[0], votesAgainst: votes[1], votesAbstain: votes[2], claimIds: ids }, { now })
}
/** 公示 ends at the end of the China-time day `days` after `from` (issue 7, item 12). */
const dayEnd = (days: number, from = NOW) => endOfChinaDayAfter(from, days)

describe('the four steps in order', () => {
  it('初审 → 联席复审 (two distinct 两委) → 大会 → 公示 → posted, with an audit entry for every change', async () => {
    const [id] = await record(c, ['h-qj-06'], 'greening', 2)
    expect((await rev(QJ.leader, id, 'first')) as any).toMatchObject({ ok: true, data: { state: 'second_review' } })
    expect((await rev(QJ.committee[0], id, 'second')) as any).toMatchObject({ ok: true, data: { state: 'second_review' } })
    // the same 两委 member cannot count twice towards the quorum
    expect(await rev(QJ.committee[0], id, 'second')).toMatchObject({ ok: false, error: { code: 'AUDIT.DUPLICATE_APPROVER' } })
    // the assembly cannot act before the joint review is complete
    expect(await assembly([id], [30, 1, 0])).toMatchObject({ ok: false, error: { code: 'AUDIT.STEP_SKIPPED' } })
    expect((await rev(QJ.committee[1], id, 'second')) as any).toMatchObject({ ok: true, data: { state: 'assembly' } })
    const a = await assembly([id], [30, 2, 1])
    expect(a).toMatchObject({ ok: true, data: { passed: true, claims: 1 } })
    const endsAt = new Date((a as any).data.publicityEndsAt)
    expect(endsAt.toISOString()).toBe(dayEnd(5).toISOString()) // default notice: 5 days, to the end of that China-time day
    expect(claim(id)).toMatchObject({ state: 'publicity' })
    const detail = await c.ok(QJ.villager, 'points', 'claimDetail', { claimId: id })
    expect(detail.claim.approvals.map((x: any) => [x.step, x.byName])).toEqual([['first', '乌云'], ['second', '其其格'], ['second', '孟和'], ['assembly', '巴特尔']])

    // not yet due: the timer leaves it alone
    await c.timer(at(4.9))
    expect(claim(id).state).toBe('publicity')
    await c.timer(dayEnd(5))
    expect(claim(id)).toMatchObject({ state: 'posted', postedAmount: 10 })

    const entries = audit(id)
    expect(entries.map((e) => `${e.action}:${e.from}→${e.to}`)).toEqual([
      'record:null→first_review',
      'first_approve:first_review→second_review',
      'second_approve:second_review→second_review',
      'second_approve:second_review→assembly',
      'assembly_approve:assembly→publicity',
      'post:publicity→posted'
    ])
    for (const e of entries) {
      expect(e.at).toBeInstanceOf(Date)
      expect(typeof e.by).toBe('string')
      expect(e.hash).toMatch(/^[0-9a-f]{64}$/)
    }
    expect(entries[4].reason).toMatch(/2026-11-24.*赞成30、反对2、弃权1/)
    for (let i = 1; i < entries.length; i++) expect(entries[i].prevHash).toBe(entries[i - 1].hash)
    expect(verifyChain(entries, claim(id).lastHash)).toEqual({ ok: true, brokenAt: null })
  })

  it('second review before first → AUDIT.STEP_SKIPPED; first review twice → AUDIT.STATE_CHANGED', async () => {
    const [id] = await record(c, ['h-qj-07'])
    expect(await rev(QJ.committee[0], id, 'second')).toMatchObject({ ok: false, error: { code: 'AUDIT.STEP_SKIPPED' } })
    expect(await assembly([id], [10, 0, 0])).toMatchObject({ ok: false, error: { code: 'AUDIT.STEP_SKIPPED' } })
    await c.ok(QJ.leader, 'points', 'review', { claimId: id, step: 'first', decision: 'approve' })
    expect(await rev(QJ.leader, id, 'first')).toMatchObject({ ok: false, error: { code: 'AUDIT.STATE_CHANGED' } })
    expect(audit(id)).toHaveLength(2)
  })

  it('a 党小组长 who is also 两委 cannot approve the same claim twice → AUDIT.DUPLICATE_APPROVER', async () => {
    // make 孟和 (两委) a group leader too — of the east grid's party group; only the town grants to 两委 members' accounts
    await c.ok('m-zhaojianguo', 'identity', 'grantRole', { memberId: 'm-menghe', role: 'group_leader', orgId: 'v-qj-pg1' })
    const [id] = await record(c, ['h-qj-08'])
    await c.ok('m-menghe', 'points', 'review', { claimId: id, step: 'first', decision: 'approve' })
    expect(await rev('m-menghe', id, 'second')).toMatchObject({ ok: false, error: { code: 'AUDIT.DUPLICATE_APPROVER' } })
    expect(claim(id).state).toBe('second_review')
  })

  it('a reviewer cannot review a claim of their own household → AUTH.FORBIDDEN (notOwnHousehold, declared)', async () => {
    // 乌云's household QJ-004; 其其格's household QJ-002
    const [own] = await record(c, ['h-qj-04'])
    expect(await rev(QJ.leader, own, 'first')).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN', details: { rule: 'notOwnHousehold' } } })
    const [q] = await record(c, ['h-qj-02'])
    await c.ok(QJ.leader, 'points', 'review', { claimId: q, step: 'first', decision: 'approve' })
    expect(await rev(QJ.committee[0], q, 'second')).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    // and the queues leave own-household claims out
    const queue = await c.ok(QJ.committee[0], 'points', 'reviewQueue', { villageId: QJ.village, step: 'second' })
    expect(queue.items.map((x: any) => x.id)).not.toContain(q)
    const first = await c.ok(QJ.leader, 'points', 'reviewQueue', { villageId: QJ.village, step: 'first' })
    expect(first.items.map((x: any) => x.id)).not.toContain(own)
  })

  it('the wrong role → AUTH.FORBIDDEN (villager reviews, grid worker second-reviews, leader runs the assembly)', async () => {
    const [id] = await record(c, ['h-qj-06'])
    expect(await rev(QJ.villager, id, 'first')).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(await rev(QJ.gridWorkerEast, id, 'first')).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(await rev(QJ.committee[0], id, 'first')).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    await c.ok(QJ.leader, 'points', 'review', { claimId: id, step: 'first', decision: 'approve' })
    expect(await rev(QJ.leader2, id, 'second')).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    // 团结村's 两委 has no say in 前进嘎查
    expect(await rev('m-chenhong', id, 'second')).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    await c.ok(QJ.committee[0], 'points', 'review', { claimId: id, step: 'second', decision: 'approve' })
    await c.ok(QJ.committee[1], 'points', 'review', { claimId: id, step: 'second', decision: 'approve' })
    const r = await c.call(QJ.leader, 'points', 'decideAssembly', { villageId: QJ.village, title: '大会', meetingDate: '2026-11-24', membersTotal: 5, present: 5, votesFor: 5, votesAgainst: 0, votesAbstain: 0, claimIds: [id] })
    expect(r).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(await c.call(QJ.leader, 'points', 'reviewQueue', { villageId: QJ.village, step: 'second' })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(claim(id).state).toBe('assembly')
  })
})

describe('reject and send back', () => {
  it('reject or send back without a reason → AUDIT.REASON_REQUIRED (nothing changes)', async () => {
    const [id] = await record(c, ['h-qj-07'])
    expect(await rev(QJ.leader, id, 'first', 'reject')).toMatchObject({ ok: false, error: { code: 'AUDIT.REASON_REQUIRED' } })
    expect(await rev(QJ.leader, id, 'first', 'send_back', ' ')).toMatchObject({ ok: false, error: { code: 'AUDIT.REASON_REQUIRED' } })
    expect(claim(id).state).toBe('first_review')
    expect(audit(id)).toHaveLength(1)
  })

  it('send back → returned → resubmit → a new round where earlier approvals no longer count', async () => {
    const [id] = await record(c, ['h-qj-07'], 'greening', 3)
    await c.ok(QJ.leader, 'points', 'review', { claimId: id, step: 'first', decision: 'approve' })
    await c.ok(QJ.committee[0], 'points', 'review', { claimId: id, step: 'second', decision: 'approve' })
    const back = await c.ok(QJ.committee[1], 'points', 'review', { claimId: id, step: 'second', decision: 'send_back', reason: '次数与照片不符' })
    expect(back.state).toBe('returned')
    expect(claim(id)).toMatchObject({ state: 'returned', lastReason: '次数与照片不符' })
    // only the recording grid worker may resubmit
    expect(await c.call(QJ.gridWorkerWest, 'points', 'resubmitClaim', { claimId: id, quantity: 2, note: '改为2次' })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    const re = await c.ok(QJ.gridWorkerEast, 'points', 'resubmitClaim', { claimId: id, quantity: 2, note: '改为2次' })
    expect(re.state).toBe('first_review')
    expect(claim(id)).toMatchObject({ round: 2, quantity: 2, amount: 10, state: 'first_review' })
    // resubmitting again is stale
    expect(await c.call(QJ.gridWorkerEast, 'points', 'resubmitClaim', { claimId: id, quantity: 2 })).toMatchObject({ ok: false, error: { code: 'AUDIT.STATE_CHANGED' } })
    // in the new round the same people review again
    await c.ok(QJ.leader, 'points', 'review', { claimId: id, step: 'first', decision: 'approve' })
    await c.ok(QJ.committee[0], 'points', 'review', { claimId: id, step: 'second', decision: 'approve' })
    const s = await c.ok(QJ.committee[1], 'points', 'review', { claimId: id, step: 'second', decision: 'approve' })
    expect(s.state).toBe('assembly')
    const view = await c.ok(QJ.gridWorkerEast, 'points', 'claimDetail', { claimId: id })
    expect(view.claim.approvals).toHaveLength(3)
    expect(view.audit.map((e: any) => e.action)).toEqual(['record', 'first_approve', 'second_approve', 'second_send_back', 'resubmit', 'first_approve', 'second_approve', 'second_approve'])
    expect(verifyChain(audit(id), claim(id).lastHash).ok).toBe(true)
  })

  it('reject is terminal', async () => {
    const [id] = await record(c, ['h-qj-08'])
    const r = await c.ok(QJ.leader, 'points', 'review', { claimId: id, step: 'first', decision: 'reject', reason: '当天未参加' })
    expect(r.state).toBe('rejected')
    expect(await rev(QJ.leader, id, 'first')).toMatchObject({ ok: false, error: { code: 'AUDIT.STATE_CHANGED' } })
    expect(await rev(QJ.committee[0], id, 'second')).toMatchObject({ ok: false, error: { code: 'AUDIT.STATE_CHANGED' } })
    expect(await c.call(QJ.gridWorkerEast, 'points', 'resubmitClaim', { claimId: id, quantity: 1 })).toMatchObject({ ok: false, error: { code: 'AUDIT.STATE_CHANGED' } })
    expect(await assembly([id], [10, 0, 0])).toMatchObject({ ok: false, error: { code: 'AUDIT.STATE_CHANGED' } })
    expect(claim(id)).toMatchObject({ state: 'rejected', lastReason: '当天未参加' })
  })

  it('reviewMany approves a queue, reporting per-claim failures without stopping', async () => {
    const ids = await record(c, ['h-qj-06', 'h-qj-07', 'h-qj-04'])
    const r = await c.ok(QJ.leader, 'points', 'reviewMany', { claimIds: ids, step: 'first', decision: 'approve' })
    expect(r.results.map((x: any) => [x.ok, x.code])).toEqual([[true, null], [true, null], [false, 'AUDIT.SELF_REVIEW']])
    expect(r.results[2].message).toMatch(/[\u4e00-\u9fa5]/)
    expect(claim(ids[0]).state).toBe('second_review')
    expect(claim(ids[2]).state).toBe('first_review')
  })

  it('an assembly vote that does not pass rejects the whole batch', async () => {
    const ids = await record(c, ['h-qj-06', 'h-qj-07'])
    await toAssembly(c, ids)
    const r = await assembly(ids, [10, 12, 3])
    expect(r).toMatchObject({ ok: true, data: { passed: false, claims: 2, publicityEndsAt: null } })
    for (const id of ids) {
      expect(claim(id)).toMatchObject({ state: 'rejected', lastReason: '大会审议未通过', publicityEndsAt: null })
      expect(audit(id).at(-1)).toMatchObject({ action: 'assembly_reject', from: 'assembly', to: 'rejected' })
    }
    // a tie does not pass either
    const [t] = await record(c, ['h-qj-08'])
    await toAssembly(c, [t])
    expect(await assembly([t], [10, 10, 0])).toMatchObject({ ok: true, data: { passed: false } })
    expect(c.dump('assemblies').filter((a) => a.passed === false)).toHaveLength(2)
  })

  it('a batch with one claim not ready moves none of them', async () => {
    const ids = await record(c, ['h-qj-06', 'h-qj-07'])
    await toAssembly(c, [ids[0]])
    expect(await assembly(ids, [10, 0, 0])).toMatchObject({ ok: false, error: { code: 'AUDIT.STEP_SKIPPED' } })
    expect(claim(ids[0]).state).toBe('assembly')
  })
})

describe('公示', () => {
  let ids: string[]
  beforeAll(async () => {
    // a clean village state for 公示: post everything that is due, then start a fresh batch
    await c.ok(QJ.committee[2], 'points', 'postDue', { villageId: QJ.village }, { now: at(30) })
    ids = await record(c, ['h-qj-06', 'h-qj-07', 'h-qj-08'], 'greening', 2)
    await toAssembly(c, ids)
    await approveAssembly(c, ids)
  })

  it('villagers see the notice with masked names and never phone numbers', async () => {
    const p = await c.ok('m-naren', 'points', 'publicity', { villageId: QJ.village })
    const mine = p.items.filter((i: any) => ids.includes(i.claimId))
    expect(mine).toHaveLength(3)
    const byId = new Map(mine.map((i: any) => [i.claimId, i]))
    expect((byId.get(ids[1]) as any).householdMasked).toBe(`${maskName('王桂荣')}家`)
    expect((byId.get(ids[1]) as any).householdMasked).toBe('王*荣家')
    expect((byId.get(ids[0]) as any).householdMasked).toBe('额*敦家')
    expect((byId.get(ids[2]) as any).householdMasked).toBe('那*家')
    expect(JSON.stringify(p)).not.toMatch(/王桂荣|额尔敦|那仁|139\d{8}/)
    expect(mine.every((i: any) => i.amount === 10 && i.endsAt === dayEnd(5).toISOString())).toBe(true)
    // another village's villager cannot read this board
    expect(await c.call('m-zhaodefa', 'points', 'publicity', { villageId: QJ.village })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
  })

  it('an objection with a reason reopens the claim at 两委 review, audited; after re-review it is noticed again', async () => {
    const r = await c.ok('m-naren', 'points', 'raiseObjection', { claimId: ids[1], reason: '那天她家没有人参加' }, { now: at(2) })
    expect(r.state).toBe('second_review')
    expect(claim(ids[1])).toMatchObject({ state: 'second_review', objections: 1, publicityEndsAt: null, round: 2 })
    expect(audit(ids[1]).at(-1)).toMatchObject({ action: 'objection', from: 'publicity', to: 'second_review', by: 'm-naren', reason: '那天她家没有人参加' })
    expect(c.dump('objections').filter((o) => o.claimId === ids[1])).toHaveLength(1)
    // objecting again now that it is not in 公示
    expect(await c.call('m-naren', 'points', 'raiseObjection', { claimId: ids[1], reason: '再次异议' }, { now: at(2) })).toMatchObject({ ok: false, error: { code: 'PUBLICITY.NOT_IN_PUBLICITY' } })
    // the first review stands; 两委 review again, then a new assembly
    await c.ok(QJ.committee[0], 'points', 'review', { claimId: ids[1], step: 'second', decision: 'approve' }, { now: at(3) })
    await c.ok(QJ.committee[1], 'points', 'review', { claimId: ids[1], step: 'second', decision: 'approve' }, { now: at(3) })
    await approveAssembly(c, [ids[1]], at(3))
    expect(claim(ids[1])).toMatchObject({ state: 'publicity' })
    expect(new Date(claim(ids[1]).publicityEndsAt).toISOString()).toBe(dayEnd(5, at(3)).toISOString())
  })

  it('an objection after the period → PUBLICITY.CLOSED', async () => {
    const r = await c.call('m-naren', 'points', 'raiseObjection', { claimId: ids[0], reason: '不同意这个分数' }, { now: dayEnd(5) })
    expect(r).toMatchObject({ ok: false, error: { code: 'PUBLICITY.CLOSED' } })
    expect(claim(ids[0]).state).toBe('publicity')
  })

  it('a villager cannot postDue; 两委 can, by hand, after the period; the objected claim waits for its own period', async () => {
    expect(await c.call(QJ.villager, 'points', 'postDue', { villageId: QJ.village }, { now: dayEnd(5) })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    const early = await c.ok(QJ.committee[0], 'points', 'postDue', { villageId: QJ.village }, { now: at(4) })
    expect(early.posted).toBe(0)
    const due = await c.ok(QJ.committee[0], 'points', 'postDue', { villageId: QJ.village }, { now: dayEnd(5) })
    expect(due).toEqual({ posted: 2, failed: 0 })
    expect(claim(ids[0]).state).toBe('posted')
    expect(claim(ids[2]).state).toBe('posted')
    expect(claim(ids[1]).state).toBe('publicity')
    // the scheduler posts it when its own period ends
    await c.timer(at(8))
    expect(claim(ids[1]).state).toBe('publicity')
    const t = await c.timer(dayEnd(5, at(3)))
    expect(t).toMatchObject({ ok: true, data: { posted: 1 } })
    expect(claim(ids[1])).toMatchObject({ state: 'posted', postedAmount: 10 })
    for (const id of ids) expect(verifyChain(audit(id), claim(id).lastHash).ok).toBe(true)
  })

  it('the notice period follows the village setting', async () => {
    const s = await c.ok(QJ.committee[0], 'points', 'getSettings', { villageId: QJ.village })
    expect(s.noticeDays).toBe(5)
    await c.ok(QJ.committee[0], 'points', 'saveSettings', { ...s, noticeDays: 7, mall: undefined })
    const [id] = await record(c, ['h-qj-06'])
    await toAssembly(c, [id])
    const a = await approveAssembly(c, [id])
    expect(new Date(a.publicityEndsAt).toISOString()).toBe(dayEnd(7).toISOString())
    await c.ok(QJ.committee[0], 'points', 'saveSettings', { ...s, noticeDays: 5, mall: undefined })
  })
})
