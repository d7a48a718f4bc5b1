/**
 * 积分制: rule sets (draft → adopt, versions), claims by grid workers (single, batch, 代办, every refusal)
 * and check-in at an activity with the rotating code. Through the bundled function and the real SDK.
 */
import { codeFor, slotOf } from '../../cloudfunctions/_shared/domain/checkin-code'
import { DEMO_RULES } from '../../emulator/seed/rules'
import { NOW, QJ, at, startTestCloud, toAssembly, approveAssembly, uid, uploadAs, type TestCloud } from '../fixtures/cloud'

/** A photo the east grid worker uploaded through the app (claims cite only their recorder's uploads). */
let PHOTO = ''

describe('rule sets: draft → adopt → versions', () => {
  let c: TestCloud
  beforeAll(async () => {
    c = await startTestCloud({ rules: false })
  })
  afterAll(() => c.stop())

  it('without an adopted rule set, claims are refused with RULES.NOT_ADOPTED', async () => {
    const r = await c.call(QJ.gridWorkerEast, 'points', 'recordClaims', {
      villageId: QJ.village, ruleItemId: 'greening', quantity: 1, occurredOn: '2026-11-20', entries: [{ householdId: 'h-qj-06' }]
    })
    expect(r).toMatchObject({ ok: false, error: { code: 'RULES.NOT_ADOPTED' } })
    expect((r as any).error.message).toMatch(/村民代表大会/)
  })

  it('a draft alone is not in force; adopting it (村民代表大会, date) makes version 1 current', async () => {
    const draft = await c.ok(QJ.committee[0], 'points', 'saveDraftRules', { villageId: QJ.village, title: '2026年积分标准', items: DEMO_RULES }, { now: at(-100) })
    expect(draft.version).toBe(1)
    let rules = await c.ok(QJ.villager, 'points', 'getRules', { villageId: QJ.village })
    expect(rules.current).toBeNull()
    expect(rules.draft.version).toBe(1)
    const still = await c.call(QJ.gridWorkerEast, 'points', 'recordClaims', {
      villageId: QJ.village, ruleItemId: 'greening', quantity: 1, occurredOn: '2026-11-20', entries: [{ householdId: 'h-qj-06' }]
    })
    expect(still).toMatchObject({ ok: false, error: { code: 'RULES.NOT_ADOPTED' } })

    // a villager may not adopt
    const denied = await c.call(QJ.villager, 'points', 'adoptRules', { ruleSetId: draft.ruleSetId, adoptedOn: '2026-08-15' })
    expect(denied).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })

    const adopted = await c.ok(QJ.committee[2], 'points', 'adoptRules', { ruleSetId: draft.ruleSetId, adoptedOn: '2026-08-15', adoptedBy: '村民代表大会', note: '全票通过' }, { now: at(-99) })
    expect(adopted).toEqual({ ruleSetId: draft.ruleSetId, version: 1 })
    rules = await c.ok(QJ.villager, 'points', 'getRules', { villageId: QJ.village })
    expect(rules.current).toMatchObject({ version: 1, status: 'adopted', adoptedOn: '2026-08-15', adoptedBy: '村民代表大会', adoptionNote: '全票通过' })
    expect(rules.draft).toBeNull()

    // adopting the same set again is refused (it is no longer a draft)
    const again = await c.call(QJ.committee[2], 'points', 'adoptRules', { ruleSetId: draft.ruleSetId, adoptedOn: '2026-08-16' })
    expect(again).toMatchObject({ ok: false, error: { code: 'RULES.VERSION_CONFLICT' } })
  })

  it('claims cite the version in force; a new draft is version 2; v1 claims keep ruleVersion 1 after v2 is adopted', async () => {
    const r1 = await c.ok(QJ.gridWorkerEast, 'points', 'recordClaims', {
      villageId: QJ.village, ruleItemId: 'greening', quantity: 2, occurredOn: '2026-11-20', entries: [{ householdId: 'h-qj-07' }]
    })
    const v1Claim = r1.claimIds[0]
    expect(c.dump('claims').find((x) => x._id === v1Claim)).toMatchObject({ ruleVersion: 1, amount: 10 })

    const items2 = DEMO_RULES.map((i) => (i.id === 'greening' ? { ...i, points: 8 } : i))
    const d2 = await c.ok(QJ.committee[0], 'points', 'saveDraftRules', { villageId: QJ.village, title: '2027年积分标准', items: items2 })
    expect(d2.version).toBe(2)
    // saving the open draft again keeps version 2
    const d2b = await c.ok(QJ.committee[0], 'points', 'saveDraftRules', { villageId: QJ.village, title: '2027年积分标准（修订）', items: items2 })
    expect(d2b).toEqual({ ruleSetId: d2.ruleSetId, version: 2 })

    // while v2 is a draft, new claims still cite v1
    const r2 = await c.ok(QJ.gridWorkerEast, 'points', 'recordClaims', {
      villageId: QJ.village, ruleItemId: 'greening', quantity: 1, occurredOn: '2026-11-21', entries: [{ householdId: 'h-qj-08' }]
    })
    expect(c.dump('claims').find((x) => x._id === r2.claimIds[0]).ruleVersion).toBe(1)

    await c.ok(QJ.committee[2], 'points', 'adoptRules', { ruleSetId: d2.ruleSetId, adoptedOn: '2026-11-22', adoptedBy: '村民代表大会' })
    const rules = await c.ok(QJ.villager, 'points', 'getRules', { villageId: QJ.village })
    expect(rules.current).toMatchObject({ version: 2, title: '2027年积分标准（修订）' })
    expect(rules.history.map((h: any) => [h.version, h.status])).toEqual([[2, 'adopted'], [1, 'superseded']])

    const r3 = await c.ok(QJ.gridWorkerEast, 'points', 'recordClaims', {
      villageId: QJ.village, ruleItemId: 'greening', quantity: 2, occurredOn: '2026-11-22', entries: [{ householdId: 'h-qj-06' }]
    })
    const claims = c.dump('claims')
    expect(claims.find((x) => x._id === r3.claimIds[0])).toMatchObject({ ruleVersion: 2, amount: 16 })
    expect(claims.find((x) => x._id === v1Claim)).toMatchObject({ ruleVersion: 1, amount: 10 })
    // the villager-facing view says the same
    const mine = await c.ok('m-wangguirong', 'points', 'myClaims', {})
    expect(mine.items.map((i: any) => [i.id, i.ruleVersion, i.amount])).toEqual([[v1Claim, 1, 10]])

    // and the v1 claim still completes the chain under its own numbers
    await toAssembly(c, [v1Claim])
    await approveAssembly(c, [v1Claim])
    await c.timer(at(6))
    expect(c.dump('claims').find((x) => x._id === v1Claim)).toMatchObject({ state: 'posted', postedAmount: 10, ruleVersion: 1 })
  })
})

describe('claims by grid workers', () => {
  let c: TestCloud
  beforeAll(async () => {
    c = await startTestCloud()
    PHOTO = await uploadAs(c, QJ.gridWorkerEast, 'claim_photo')
  })
  afterAll(() => c.stop())
  const base = { villageId: QJ.village, quantity: 1, occurredOn: '2026-11-20' }

  it('records one household, and a batch for a whole activity', async () => {
    const one = await c.ok(QJ.gridWorkerEast, 'points', 'recordClaims', { ...base, ruleItemId: 'greening', entries: [{ householdId: 'h-qj-06' }], note: '清理院落' })
    expect(one.claimIds).toHaveLength(1)
    const batch = await c.ok(QJ.gridWorkerEast, 'points', 'recordClaims', {
      ...base, ruleItemId: 'clean', quantity: 2, photos: [PHOTO], entries: ['h-qj-06', 'h-qj-07', 'h-qj-08'].map((householdId) => ({ householdId }))
    })
    expect(batch.claimIds).toHaveLength(3)
    expect(new Set(batch.claimIds).size).toBe(3)
    const claims = c.dump('claims').filter((x) => batch.claimIds.includes(x._id))
    expect(claims.map((x) => x.householdId).sort()).toEqual(['h-qj-06', 'h-qj-07', 'h-qj-08'])
    for (const cl of claims) {
      expect(cl).toMatchObject({ state: 'first_review', source: 'grid_worker', recordedBy: QJ.gridWorkerEast, amount: 20, batchId: batch.batchId, photos: [PHOTO] })
    }
    // each has its first audit entry
    const audit = c.dump('audit_entries').filter((a) => batch.claimIds.includes(a.claimId))
    expect(audit).toHaveLength(3)
    expect(audit.every((a) => a.seq === 1 && a.from === null && a.to === 'first_review' && a.by === QJ.gridWorkerEast)).toBe(true)
    const mine = await c.ok(QJ.gridWorkerEast, 'points', 'recordedByMe', { villageId: QJ.village })
    expect(mine.total).toBe(4)
  })

  it('the west grid worker cannot record for an east household → AUTH.FORBIDDEN (the declared scope), nothing written', async () => {
    const before = c.dump('claims').length
    const r = await c.call(QJ.gridWorkerWest, 'points', 'recordClaims', { ...base, ruleItemId: 'greening', entries: [{ householdId: 'h-qj-10' }, { householdId: 'h-qj-06' }] })
    expect(r).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(c.dump('claims').length).toBe(before)
  })

  it('a non grid worker cannot record at all → AUTH.FORBIDDEN', async () => {
    const r = await c.call(QJ.leader, 'points', 'recordClaims', { ...base, ruleItemId: 'greening', entries: [{ householdId: 'h-qj-06' }] })
    expect(r).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
  })

  it('evidence required without a photo → CLAIM.EVIDENCE_REQUIRED', async () => {
    const r = await c.call(QJ.gridWorkerEast, 'points', 'recordClaims', { ...base, ruleItemId: 'clean', entries: [{ householdId: 'h-qj-06' }] })
    expect(r).toMatchObject({ ok: false, error: { code: 'CLAIM.EVIDENCE_REQUIRED' } })
  })

  it('a party-only item for a 群众 household (no member named) → RULES.CLASS_NOT_APPLICABLE; naming the party member works', async () => {
    const r = await c.call(QJ.gridWorkerEast, 'points', 'recordClaims', { ...base, ruleItemId: 'partylead', entries: [{ householdId: 'h-qj-06' }] })
    expect(r).toMatchObject({ ok: false, error: { code: 'RULES.CLASS_NOT_APPLICABLE' } })
    // 宝音 of the same household is a (mobile) party member
    const okr = await c.ok(QJ.gridWorkerEast, 'points', 'recordClaims', { ...base, ruleItemId: 'partylead', entries: [{ householdId: 'h-qj-06', memberId: 'm-baoyin' }] })
    expect(c.dump('claims').find((x) => x._id === okr.claimIds[0])).toMatchObject({ memberId: 'm-baoyin', memberName: '宝音', personClass: 'party' })
    // a member of another household is refused
    const wrong = await c.call(QJ.gridWorkerEast, 'points', 'recordClaims', { ...base, ruleItemId: 'partylead', entries: [{ householdId: 'h-qj-06', memberId: 'm-wuyun' }] })
    expect(wrong).toMatchObject({ ok: false, error: { code: 'ROSTER.MEMBER_NOT_FOUND' } })
  })

  it('an item outside its active period → RULES.ITEM_INACTIVE', async () => {
    // (inside the 7-day 补录 limit: the season ends the day before `base`)
    const seasonal = { ...DEMO_RULES[2], id: 'spring', name: '冬储前植树', activeFrom: '2026-11-01', activeTo: '2026-11-19' }
    const d = await c.ok(QJ.committee[0], 'points', 'saveDraftRules', { villageId: QJ.village, title: '含季节项目', items: [...DEMO_RULES, seasonal] })
    await c.ok(QJ.committee[2], 'points', 'adoptRules', { ruleSetId: d.ruleSetId, adoptedOn: '2026-11-01' })
    const r = await c.call(QJ.gridWorkerEast, 'points', 'recordClaims', { ...base, ruleItemId: 'spring', entries: [{ householdId: 'h-qj-06' }] })
    expect(r).toMatchObject({ ok: false, error: { code: 'RULES.ITEM_INACTIVE' } })
    const inSeason = await c.ok(QJ.gridWorkerEast, 'points', 'recordClaims', { ...base, occurredOn: '2026-11-18', ruleItemId: 'spring', entries: [{ householdId: 'h-qj-06' }] })
    expect(c.dump('claims').find((x) => x._id === inSeason.claimIds[0])).toMatchObject({ occurredOn: '2026-11-18', ruleVersion: 2, periods: { quarter: '2026-Q4' } })
  })

  it('a date in the future (China time) → INPUT.INVALID; today in China is fine even when UTC is still yesterday', async () => {
    const r = await c.call(QJ.gridWorkerEast, 'points', 'recordClaims', { ...base, occurredOn: '2026-11-25', ruleItemId: 'greening', entries: [{ householdId: 'h-qj-06' }] })
    expect(r).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    expect((r as any).error.message).toMatch(/[\u4e00-\u9fa5]/)
    // 2026-11-24T17:00Z is 2026-11-25 01:00 in China
    const late = new Date('2026-11-24T17:00:00Z')
    const ok = await c.ok(QJ.gridWorkerEast, 'points', 'recordClaims', { ...base, occurredOn: '2026-11-25', ruleItemId: 'greening', entries: [{ householdId: 'h-qj-07' }] }, { now: late })
    expect(ok.claimIds).toHaveLength(1)
  })

  it('代办 (onBehalfOf) is attributed: source proxy, recorded by the grid worker, audit says record_proxy', async () => {
    const r = await c.ok(QJ.gridWorkerEast, 'points', 'recordClaims', { ...base, ruleItemId: 'greening', entries: [{ householdId: 'h-qj-07' }], onBehalfOf: 'm-wangguirong' })
    const cl = c.dump('claims').find((x) => x._id === r.claimIds[0])
    expect(cl).toMatchObject({ source: 'proxy', recordedBy: QJ.gridWorkerEast, recordedByName: '高娃', onBehalfOf: 'm-wangguirong' })
    const audit = c.dump('audit_entries').find((a) => a.claimId === cl._id)
    expect(audit).toMatchObject({ action: 'record_proxy', by: QJ.gridWorkerEast, byName: '高娃' })
    const detail = await c.ok('m-wangguirong', 'points', 'claimDetail', { claimId: cl._id })
    expect(detail.claim).toMatchObject({ source: 'proxy', recordedByName: '高娃' })
    // acting for someone outside the chosen households is refused
    const bad = await c.call(QJ.gridWorkerEast, 'points', 'recordClaims', { ...base, ruleItemId: 'greening', entries: [{ householdId: 'h-qj-07' }], onBehalfOf: 'm-eerdun' })
    expect(bad).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
  })

  it('a retried recordClaims (same requestId) writes the claims once', async () => {
    const requestId = uid()
    const input = { ...base, ruleItemId: 'meeting', entries: [{ householdId: 'h-qj-08' }] }
    const before = c.dump('claims').length
    const [a, b] = await Promise.all([c.call(QJ.gridWorkerEast, 'points', 'recordClaims', input, { requestId }), c.call(QJ.gridWorkerEast, 'points', 'recordClaims', input, { requestId })])
    const later = await c.ok(QJ.gridWorkerEast, 'points', 'recordClaims', input, { requestId })
    expect(a.ok && b.ok).toBe(true)
    expect((a as any).data.claimIds).toEqual(later.claimIds)
    expect((b as any).data.claimIds).toEqual(later.claimIds)
    expect(c.dump('claims').length).toBe(before + 1)
  })
})

describe('check-in at an activity (扫码签到)', () => {
  let c: TestCloud
  let activityId: string
  const startsAt = at(-0.05) // 72 minutes before NOW
  const endsAt = at(0.1)
  beforeAll(async () => {
    c = await startTestCloud()
    const r = await c.ok(QJ.gridWorkerEast, 'points', 'createActivity', {
      villageId: QJ.village, title: '东片环境整治', ruleItemId: 'greening', quantity: 2, place: '村委会门前', startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString()
    })
    activityId = r.activityId
  })
  afterAll(() => c.stop())

  const secret = () => c.dump('activities').find((a) => a._id === activityId).secret as string

  it('the organiser sees the rotating code; a villager checking in with it creates a first_review claim', async () => {
    const shown = await c.ok(QJ.gridWorkerEast, 'points', 'activityCode', { activityId })
    expect(shown.code).toMatch(/^\d{6}$/)
    expect(shown.code).toBe(codeFor(secret(), slotOf(NOW, 30)))
    expect(shown.qr).toMatch(/^data:image\/png;base64,/)
    const r = await c.ok(QJ.villager, 'points', 'checkin', { activityId, code: shown.code })
    expect(r.state).toBe('first_review')
    const cl = c.dump('claims').find((x) => x._id === r.claimId)
    expect(cl).toMatchObject({ householdId: QJ.villagerHousehold, source: 'checkin', activityId, quantity: 2, amount: 10, state: 'first_review', occurredOn: '2026-11-24' })
    expect(c.dump('audit_entries').filter((a) => a.claimId === r.claimId).map((a) => a.action)).toEqual(['checkin'])
    const list = await c.ok(QJ.villager, 'points', 'listActivities', { villageId: QJ.village })
    expect(list.find((a: any) => a.id === activityId)).toMatchObject({ checkins: 1, open: true, ruleItemName: '庭院绿化美化' })
  })

  it('checking in twice (another member of the same household) → CHECKIN.ALREADY', async () => {
    const code = codeFor(secret(), slotOf(NOW, 30))
    const r = await c.call('m-baoyin', 'points', 'checkin', { activityId, code })
    expect(r).toMatchObject({ ok: false, error: { code: 'CHECKIN.ALREADY' } })
    expect(c.dump('checkins').filter((k) => k.activityId === activityId)).toHaveLength(1)
  })

  it('a wrong code → CHECKIN.CODE_INVALID; the previous slot is accepted, a code older than the 2-minute grace is not', async () => {
    const s = secret()
    const slot = slotOf(NOW, 30)
    const right = codeFor(s, slot)
    const wrong = right === '000000' ? '000001' : '000000'
    expect(await c.call('m-wangguirong', 'points', 'checkin', { activityId, code: wrong })).toMatchObject({ ok: false, error: { code: 'CHECKIN.CODE_INVALID' } })
    const old = codeFor(s, slot - 6)
    if (![0, 1, 2, 3, 4, 5].some((k) => codeFor(s, slot - k) === old)) {
      expect(await c.call('m-wangguirong', 'points', 'checkin', { activityId, code: old })).toMatchObject({ ok: false, error: { code: 'CHECKIN.CODE_INVALID' } })
    }
    const prev = await c.call('m-wangguirong', 'points', 'checkin', { activityId, code: codeFor(s, slot - 1) })
    expect(prev.ok).toBe(true)
  })

  it('outside the window → CHECKIN.OUTSIDE_WINDOW (before start and after end)', async () => {
    const s = secret()
    const after = at(0.2)
    expect(await c.call('m-naren', 'points', 'checkin', { activityId, code: codeFor(s, slotOf(after, 30)) }, { now: after })).toMatchObject({ ok: false, error: { code: 'CHECKIN.OUTSIDE_WINDOW' } })
    const before = at(-0.1)
    expect(await c.call('m-naren', 'points', 'checkin', { activityId, code: codeFor(s, slotOf(before, 30)) }, { now: before })).toMatchObject({ ok: false, error: { code: 'CHECKIN.OUTSIDE_WINDOW' } })
    expect(await c.call(QJ.gridWorkerEast, 'points', 'activityCode', { activityId }, { now: after })).toMatchObject({ ok: false, error: { code: 'CHECKIN.OUTSIDE_WINDOW' } })
  })

  it('a villager of another village cannot check in; a villager cannot show the code', async () => {
    const code = codeFor(secret(), slotOf(NOW, 30))
    expect(await c.call('m-zhaodefa', 'points', 'checkin', { activityId, code })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(await c.call(QJ.villager, 'points', 'activityCode', { activityId })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
  })

  it('a check-in claim goes through the same chain as any other', async () => {
    const claim = c.dump('claims').find((x) => x.activityId === activityId && x.householdId === QJ.villagerHousehold)
    const skip = await c.call(QJ.committee[0], 'points', 'review', { claimId: claim._id, step: 'second', decision: 'approve' })
    expect(skip).toMatchObject({ ok: false, error: { code: 'AUDIT.STEP_SKIPPED' } })
    await toAssembly(c, [claim._id])
    await approveAssembly(c, [claim._id])
    await c.timer(at(6))
    expect(c.dump('claims').find((x) => x._id === claim._id)).toMatchObject({ state: 'posted', postedAmount: 10 })
  })
})
