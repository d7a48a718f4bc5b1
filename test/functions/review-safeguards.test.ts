/**
 * Review safeguards (issue 8, items 9 and 10): claims with an open objection carry its reason in every review
 * queue and on the claim's page for reviewers (the objector's name only for 两委), and each claim says whether
 * the caller may still approve it, so approve controls are not offered and then refused.
 */
import { NOW, QJ, approveAssembly, at, record, startTestCloud, toAssembly, type TestCloud } from '../fixtures/cloud'

let c: TestCloud
beforeAll(async () => {
  c = await startTestCloud()
})
afterAll(() => c.stop())

const queue = async (who: string, step: 'first' | 'second' | 'assembly', now = NOW) =>
  (await c.ok(who, 'points', 'reviewQueue', { villageId: QJ.village, step, offset: 0, limit: 100 }, { now })).items as any[]
const inQueue = async (who: string, step: 'first' | 'second' | 'assembly', id: string, now = NOW) => (await queue(who, step, now)).find((x) => x.id === id)
const ADMIN = 'm-zhaojianguo'

describe('objections in the review queues', () => {
  let objected: string
  let plain: string
  beforeAll(async () => {
    ;[objected, plain] = await record(c, ['h-qj-06', 'h-qj-07'])
    await toAssembly(c, [objected, plain])
    await approveAssembly(c, [objected, plain])
    await c.ok('m-naren', 'points', 'raiseObjection', { claimId: objected, reason: '那天他家没有人参加' }, { now: at(1) })
  })

  it('the 两委 queue marks the objected claim with the reason and the objector; the other claim has none', async () => {
    const item = await inQueue(QJ.committee[0], 'second', objected, at(1))
    expect(item.openObjections).toEqual([{ reason: '那天他家没有人参加', byName: '那仁', at: at(1).toISOString() }])
    // the unobjected claim went on to 公示 and is in no queue
    expect(await inQueue(QJ.committee[0], 'second', plain, at(1))).toBeUndefined()
  })

  it('claimDetail: reviewers see the reason; only 两委 see who objected; the household sees neither field', async () => {
    const committee = await c.ok(QJ.committee[2], 'points', 'claimDetail', { claimId: objected }, { now: at(1) })
    expect(committee.claim.openObjections).toEqual([expect.objectContaining({ reason: '那天他家没有人参加', byName: '那仁' })])
    const leader = await c.ok(QJ.leader, 'points', 'claimDetail', { claimId: objected }, { now: at(1) })
    expect(leader.claim.openObjections).toEqual([expect.objectContaining({ reason: '那天他家没有人参加', byName: null })])
    expect(JSON.stringify(leader.claim)).not.toContain('那仁')
    const household = await c.ok(QJ.villager, 'points', 'claimDetail', { claimId: objected }, { now: at(1) })
    expect(household.claim.openObjections).toBeUndefined()
    expect(household.claim.mayApprove).toBeUndefined()
    expect(JSON.stringify(household)).not.toContain('那仁')
  })

  it('the 大会 queue keeps the mark: an admin sees the reason without the name, 两委 with it', async () => {
    await c.ok(QJ.committee[0], 'points', 'review', { claimId: objected, step: 'second', decision: 'approve' }, { now: at(2) })
    await c.ok(QJ.committee[1], 'points', 'review', { claimId: objected, step: 'second', decision: 'approve' }, { now: at(2) })
    const [admin, bateer] = await Promise.all([inQueue(ADMIN, 'assembly', objected, at(2)), inQueue(QJ.committee[2], 'assembly', objected, at(2))])
    expect(admin.openObjections).toEqual([expect.objectContaining({ reason: '那天他家没有人参加', byName: null })])
    expect(bateer.openObjections).toEqual([expect.objectContaining({ byName: '那仁' })])
    // a new notice period answers the objection: back in 公示 the claim shows none to reviewers
    await approveAssembly(c, [objected], at(2))
    const after = await c.ok(QJ.committee[0], 'points', 'claimDetail', { claimId: objected }, { now: at(2) })
    expect(after.claim.state).toBe('publicity')
    expect(after.claim.openObjections).toEqual([])
  })

  it('an objection in a later notice period replaces the answered one: only the open one is listed', async () => {
    const [id] = await record(c, ['h-qj-07'])
    await toAssembly(c, [id])
    await approveAssembly(c, [id])
    await c.ok('m-naren', 'points', 'raiseObjection', { claimId: id, reason: '数量不对' }, { now: at(1) })
    await c.ok(QJ.committee[0], 'points', 'review', { claimId: id, step: 'second', decision: 'approve' }, { now: at(2) })
    await c.ok(QJ.committee[1], 'points', 'review', { claimId: id, step: 'second', decision: 'approve' }, { now: at(2) })
    await approveAssembly(c, [id], at(2))
    await c.ok(QJ.villager, 'points', 'raiseObjection', { claimId: id, reason: '照片不是那天的' }, { now: at(3) })
    const item = await inQueue(QJ.committee[2], 'second', id, at(3))
    expect(item.openObjections).toEqual([{ reason: '照片不是那天的', byName: '额尔敦', at: at(3).toISOString() }])
  })
})

describe('approve controls follow what the caller may still do', () => {
  it('after one 两委 approval: that member sees approvedByMe and no approve; the next may approve', async () => {
    const [id] = await record(c, ['h-qj-06'])
    await c.ok(QJ.leader, 'points', 'review', { claimId: id, step: 'first', decision: 'approve' })
    await c.ok(QJ.committee[0], 'points', 'review', { claimId: id, step: 'second', decision: 'approve' })
    const [mine, other] = await Promise.all([inQueue(QJ.committee[0], 'second', id), inQueue(QJ.committee[1], 'second', id)])
    expect(mine).toMatchObject({ mayApprove: false, approvedByMe: true, notApprovableReason: '您已经审批过这条', openObjections: [] })
    expect(other).toMatchObject({ mayApprove: true, approvedByMe: false, notApprovableReason: null })
    // the flag agrees with what the review then does
    expect(await c.call(QJ.committee[0], 'points', 'review', { claimId: id, step: 'second', decision: 'approve' })).toMatchObject({ ok: false, error: { code: 'AUDIT.DUPLICATE_APPROVER' } })
    const detail = await c.ok(QJ.committee[0], 'points', 'claimDetail', { claimId: id })
    expect(detail.claim).toMatchObject({ mayApprove: false, approvedByMe: true })
    // the 党小组长 approved the first step of this round; a town admin holds no 两委 role for the second
    const leader = await c.ok(QJ.leader, 'points', 'claimDetail', { claimId: id })
    expect(leader.claim).toMatchObject({ mayApprove: false, approvedByMe: true })
    const admin = await c.ok(ADMIN, 'points', 'claimDetail', { claimId: id })
    expect(admin.claim).toMatchObject({ mayApprove: false, approvedByMe: false, notApprovableReason: '您没有这一步的审核权限' })
  })

  it('in the 大会 queue the two 两委 who approved cannot record it; 巴特尔 can', async () => {
    const [id] = await record(c, ['h-qj-07'])
    await toAssembly(c, [id])
    const flags = await Promise.all(QJ.committee.map((m) => inQueue(m, 'assembly', id)))
    expect(flags.map((f) => f.mayApprove)).toEqual([false, false, true])
    expect(flags[0].notApprovableReason).toBe('您已经审批过这条')
    // a retried read returns the same flags (nothing is written by reading)
    expect(await inQueue(QJ.committee[2], 'assembly', id)).toMatchObject({ mayApprove: true, approvedByMe: false })
  })

  it('a returned claim resubmitted starts a new round: earlier approvers may approve again', async () => {
    const [id] = await record(c, ['h-qj-06'])
    await c.ok(QJ.leader, 'points', 'review', { claimId: id, step: 'first', decision: 'approve' })
    await c.ok(QJ.committee[0], 'points', 'review', { claimId: id, step: 'second', decision: 'send_back', reason: '照片看不清' })
    await c.ok(QJ.gridWorkerEast, 'points', 'resubmitClaim', { claimId: id, quantity: 1, note: '补了照片', photos: [] })
    expect(await inQueue(QJ.leader, 'first', id)).toMatchObject({ mayApprove: true, approvedByMe: false })
  })

  it('bad input to the queue is refused with a clear code and no partial data', async () => {
    expect(await c.call(QJ.committee[0], 'points', 'reviewQueue', { villageId: QJ.village, step: 'final', offset: 0, limit: 10 })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    expect(await c.call(QJ.villager, 'points', 'reviewQueue', { villageId: QJ.village, step: 'second', offset: 0, limit: 10 })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
  })
})
