import { randomUUID } from 'crypto'
import { contract } from '../../types/contract'
import { NOW, QJ, startTestCloud, type TestCloud } from '../fixtures/cloud'

let c: TestCloud
beforeAll(async () => {
  c = await startTestCloud({ rules: false })
})
afterAll(() => c.stop())

describe('identity.me through every layer', () => {
  it('returns who I am, my roles and my household', async () => {
    const me = await c.ok('m-bateer', 'identity', 'me')
    expect(me.member.name).toBe('巴特尔')
    expect(me.member.villageName).toBe('前进嘎查')
    expect(me.member.partyStatus).toBe('in_village')
    expect(me.roles.map((r: any) => `${r.role}@${r.orgName}`).sort()).toEqual(['committee@前进嘎查', 'secretary@前进嘎查'])
    expect(me.household.code).toBe('QJ-001')
    expect(me.household.members.map((m: any) => m.name)).toEqual(['巴特尔', '萨仁', '敖登'])
    expect(me.household.members[0].phoneMasked).toBe('139****0101')
  })

  it('an unbound openid is told to bind first', async () => {
    const r = await c.call(null, 'identity', 'me', {}, { openid: 'stranger-openid' })
    expect(r).toMatchObject({ ok: false, error: { code: 'AUTH.UNBOUND' } })
    expect((r as any).error.message).toMatch(/绑定/)
  })

  it('a call without any caller identity is refused', async () => {
    const r = await c.call(null, 'identity', 'me')
    expect(r).toMatchObject({ ok: false, error: { code: 'AUTH.UNBOUND' } })
  })

  it('ignores an openid smuggled into the event', async () => {
    const r = (await c.local.runner.invoke('identity', { action: 'me', data: {}, openid: 'demo-m-bateer', WX_OPENID: 'demo-m-bateer' }, { openid: 'demo-m-eerdun', now: NOW })) as any
    expect(r.ok).toBe(true)
    expect(r.data.member.name).toBe('额尔敦')
  })

  it('keeps identities apart across 30 concurrent invocations', async () => {
    const people = ['m-bateer', 'm-eerdun', 'm-gaowa', 'm-wuyun', 'm-qiqige', 'm-lixiulan'] as const
    const names: Record<string, string> = { 'm-bateer': '巴特尔', 'm-eerdun': '额尔敦', 'm-gaowa': '高娃', 'm-wuyun': '乌云', 'm-qiqige': '其其格', 'm-lixiulan': '李秀兰' }
    const calls = Array.from({ length: 30 }, (_, i) => people[i % people.length])
    const results = await Promise.all(calls.map((p) => c.call(p, 'identity', 'me')))
    results.forEach((r, i) => {
      expect(r.ok).toBe(true)
      expect((r as any).data.member.name).toBe(names[calls[i]])
    })
  })
})

describe('envelope and input validation', () => {
  it('unknown action → ACTION.UNKNOWN with a Chinese message', async () => {
    const r = await c.call('m-bateer', 'identity', 'dropDatabase')
    expect(r).toMatchObject({ ok: false, error: { code: 'ACTION.UNKNOWN' } })
  })

  it('a malformed event → INPUT.INVALID', async () => {
    const r = (await c.local.runner.invoke('identity', { data: {} }, { openid: 'demo-m-bateer', now: NOW })) as any
    expect(r).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
  })

  it('a mutation without requestId → INPUT.INVALID', async () => {
    const r = (await c.local.runner.invoke('identity', { action: 'createInvite', data: { memberId: 'm-eerdun' } }, { openid: 'demo-m-qiqige', now: NOW })) as any
    expect(r).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    expect(r.error.message).toMatch(/请求编号/)
  })

  it('field errors come back in Chinese', async () => {
    const r = await c.call('m-qiqige', 'identity', 'saveHousehold', { villageId: 'v-qj', gridId: null, code: '坏 户号', address: '' })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe('INPUT.INVALID')
    expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/)
    expect(JSON.stringify(r)).not.toMatch(/at \w+ \(|stack/i)
  })

  it.each(Object.entries(contract).flatMap(([fn, actions]) => Object.keys(actions).map((a) => [fn, a])))(
    '%s.%s rejects a non-object input with INPUT.INVALID',
    async (fn, action) => {
      const r = await c.call('m-bateer', fn, action, 'not-an-object')
      expect(r).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
      expect((r as any).error.message).toMatch(/[\u4e00-\u9fa5]/)
    }
  )
})

describe('authorization by role and org scope', () => {
  it('a villager cannot manage the roster', async () => {
    const r = await c.call(QJ.villager, 'identity', 'saveHousehold', { villageId: 'v-qj', gridId: null, code: 'QJ-099', address: '东片99号' })
    expect(r).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
  })

  it('staff of one village cannot touch another village', async () => {
    const r = await c.call('m-qiqige', 'identity', 'saveHousehold', { villageId: 'v-tj', gridId: null, code: 'TJ-099', address: '南街99号' })
    expect(r).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    const list = await c.call('m-qiqige', 'identity', 'listHouseholds', { villageId: 'v-tj' })
    expect(list).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
  })

  it('town admin acts in every village of the town', async () => {
    const r = await c.ok('m-zhaojianguo', 'identity', 'listHouseholds', { villageId: 'v-qj', limit: 100 })
    expect(r.total).toBe(15)
    const scopes = await c.ok('m-zhaojianguo', 'identity', 'myScopes')
    expect(scopes.map((s: any) => s.name).sort()).toEqual(['前进嘎查', '团结村', '幸福社区'].sort())
  })

  it('a grid worker only sees the households of their own grid', async () => {
    const r = await c.ok(QJ.gridWorkerEast, 'identity', 'listHouseholds', { villageId: 'v-qj', limit: 100 })
    expect(r.total).toBe(8)
    expect(r.items.every((h: any) => h.gridId === QJ.gridEast)).toBe(true)
    const other = await c.call(QJ.gridWorkerEast, 'identity', 'getHousehold', { householdId: 'h-qj-09' })
    expect(other).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
  })

  it('a villager reads their own household but not the neighbour’s', async () => {
    expect((await c.ok(QJ.villager, 'identity', 'getHousehold', { householdId: 'h-qj-06' })).code).toBe('QJ-006')
    expect(await c.call(QJ.villager, 'identity', 'getHousehold', { householdId: 'h-qj-07' })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
  })
})

describe('database guarantees through the real SDK', () => {
  it('a second add with the same _id fails', async () => {
    const tcb = (await import('@cloudbase/node-sdk')).default
    const db = tcb.init({ env: process.env.TCB_ENV }).database()
    await db.collection('jobs').add({ _id: 'same-id', n: 1 })
    await expect(db.collection('jobs').add({ _id: 'same-id', n: 2 })).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' })
    const got = (await db.collection('jobs').doc('same-id').get()) as any
    expect(got.data[0].n).toBe(1)
  })

  it('a write conflict between two transactions surfaces as DATABASE_TRANSACTION_CONFLICT', async () => {
    const tcb = (await import('@cloudbase/node-sdk')).default
    const db = tcb.init({ env: process.env.TCB_ENV }).database()
    await db.collection('jobs').add({ _id: 'hot', n: 0 })
    const t1 = await db.startTransaction()
    const t2 = await db.startTransaction()
    await t1.collection('jobs').doc('hot').get()
    await t2.collection('jobs').doc('hot').get()
    await t1.collection('jobs').doc('hot').update({ n: 1 })
    await expect(t2.collection('jobs').doc('hot').update({ n: 2 })).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' })
    await t1.commit()
    await t2.rollback().catch(() => undefined)
    expect(((await db.collection('jobs').doc('hot').get()) as any).data[0].n).toBe(1)
  })

  it('an injected fault in a function leaves no partial write', async () => {
    const before = c.dump('role_grants').length
    const member = c.dump('members').find((m) => m._id === 'm-eerdun')
    c.local.emulator.engine.failNth(1, { action: 'database.commitTransaction' })
    const r = await c.call('m-bateer', 'identity', 'grantRole', { memberId: 'm-eerdun', role: 'judge', orgId: 'v-qj' })
    c.local.emulator.engine.clearFaults()
    expect(r).toMatchObject({ ok: false, error: { code: 'SYS.INTERNAL' } })
    expect(c.dump('role_grants').length).toBe(before)
    expect(c.dump('members').find((m) => m._id === 'm-eerdun').roles).toEqual(member.roles)
    // and the same request succeeds once the fault is gone
    const again = await c.ok('m-bateer', 'identity', 'grantRole', { memberId: 'm-eerdun', role: 'judge', orgId: 'v-qj' })
    expect(again.grantId).toBe('m-eerdun:judge:v-qj')
    expect(c.dump('members').find((m) => m._id === 'm-eerdun').roles.map((g: any) => g.role)).toEqual(['judge'])
  })

  it('a mutation repeated with the same requestId has one effect', async () => {
    const requestId = randomUUID().replace(/-/g, '')
    const input = { villageId: 'v-qj', gridId: 'v-qj-g1', code: 'QJ-101', address: '东片101号' }
    const results = await Promise.all(Array.from({ length: 10 }, () => c.call('m-qiqige', 'identity', 'saveHousehold', input, { requestId })))
    const ids = new Set(results.map((r) => (r.ok ? r.data.householdId : r.error.code)))
    expect(ids.size).toBe(1)
    expect(c.dump('households').filter((h) => h.code === 'QJ-101')).toHaveLength(1)
    const later = await c.ok('m-qiqige', 'identity', 'saveHousehold', input, { requestId })
    expect(later.householdId).toBe([...ids][0])
  })
})
