/**
 * Issue 7, items 1, 2 and 12 (roster): role grants need the town for 两委成员/书记/管理员, nobody grants or
 * revokes their own roles, 两委 members do not revoke each other, every grant and revocation is in a
 * hash-chained trail; invitation codes are checked again when bound; bind-request ids carry no openid;
 * member writes read what they depend on inside the transaction. The cast holds several roles each:
 * 巴特尔 书记+两委 (QJ-001), 其其格 两委+工作人员 (QJ-002), 赵建国 town admin+评委 (living in 团结村).
 */
import { recordHash } from '../../cloudfunctions/_shared/domain/hash-chain'
import { GENESIS_HASH } from '../../cloudfunctions/_shared/domain/hash-chain'
import { QJ, startTestCloud, type TestCloud } from '../fixtures/cloud'

let c: TestCloud
beforeAll(async () => {
  c = await startTestCloud({ rules: false })
})
afterAll(() => c.stop())

const TOWN_ADMIN = 'm-zhaojianguo'
let seq = 0
async function newMember(household = 'h-qj-07', name = `新人${++seq}`) {
  return (await c.ok('m-qiqige', 'identity', 'saveMember', { householdId: household, name, gender: 'M', relation: '子女', personClass: 'masses' })).memberId as string
}
const forbidden = { ok: false, error: { code: 'AUTH.FORBIDDEN' } }
const rolesOf = (memberId: string) => c.dump('members').find((m) => m._id === memberId).roles.map((g: any) => `${g.role}@${g.orgId}`)

describe('1. role grants', () => {
  it('两委成员, 书记 and 管理员 are granted only by an admin above the village; 书记+两委 巴特尔 cannot', async () => {
    const m = await newMember()
    for (const role of ['committee', 'secretary', 'admin'] as const) {
      expect(await c.call('m-bateer', 'identity', 'grantRole', { memberId: m, role, orgId: QJ.village })).toMatchObject(forbidden)
      expect(await c.call('m-qiqige', 'identity', 'grantRole', { memberId: m, role, orgId: QJ.village })).toMatchObject(forbidden)
    }
    expect(rolesOf(m)).toEqual([])
    await c.ok(TOWN_ADMIN, 'identity', 'grantRole', { memberId: m, role: 'committee', orgId: QJ.village })
    expect(rolesOf(m)).toEqual(['committee@v-qj'])
    // ordinary roles stay with the village's 两委
    const w = await newMember()
    await c.ok('m-qiqige', 'identity', 'grantRole', { memberId: w, role: 'staff', orgId: QJ.village })
    expect(rolesOf(w)).toEqual(['staff@v-qj'])
  })

  it('nobody grants or revokes their own roles, not even the town admin', async () => {
    expect(await c.call(TOWN_ADMIN, 'identity', 'grantRole', { memberId: TOWN_ADMIN, role: 'staff', orgId: 'town-xa' })).toMatchObject({ ...forbidden, error: { ...forbidden.error, details: { rule: 'notGrantee' } } })
    expect(await c.call('m-qiqige', 'identity', 'grantRole', { memberId: 'm-qiqige', role: 'grid_worker', orgId: QJ.gridEast })).toMatchObject(forbidden)
    expect(await c.call(TOWN_ADMIN, 'identity', 'revokeRole', { grantId: 'm-zhaojianguo:admin:town-xa' })).toMatchObject(forbidden)
    expect(await c.call('m-qiqige', 'identity', 'revokeRole', { grantId: 'm-qiqige:staff:v-qj' })).toMatchObject(forbidden)
    expect(rolesOf(TOWN_ADMIN)).toEqual(['admin@town-xa', 'judge@town-xa'])
    expect(rolesOf('m-qiqige')).toEqual(['committee@v-qj', 'staff@v-qj'])
  })

  it('两委 members cannot revoke each other — not even a lesser role another 两委 member holds; the town can', async () => {
    expect(await c.call('m-qiqige', 'identity', 'revokeRole', { grantId: 'm-menghe:committee:v-qj' })).toMatchObject(forbidden)
    expect(await c.call('m-qiqige', 'identity', 'revokeRole', { grantId: 'm-bateer:secretary:v-qj' })).toMatchObject(forbidden)
    await c.ok(TOWN_ADMIN, 'identity', 'grantRole', { memberId: 'm-menghe', role: 'grid_worker', orgId: QJ.gridWest })
    const peer = await c.call('m-qiqige', 'identity', 'revokeRole', { grantId: 'm-menghe:grid_worker:v-qj-g2' })
    expect(peer).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN', details: { rule: 'notPeerCommittee' } } })
    expect(rolesOf('m-menghe')).toContain('grid_worker@v-qj-g2')
    await c.ok(TOWN_ADMIN, 'identity', 'revokeRole', { grantId: 'm-menghe:grid_worker:v-qj-g2' })
    expect(rolesOf('m-menghe')).toEqual(['committee@v-qj'])
  })

  it('every grant and revocation is in an append-only, hash-chained trail, shown per node; concurrent grants chain in order', async () => {
    const people = await Promise.all([1, 2, 3, 4, 5].map(() => newMember('h-qj-08')))
    const results = await Promise.all(people.map((m) => c.call(TOWN_ADMIN, 'identity', 'grantRole', { memberId: m, role: 'staff', orgId: QJ.village })))
    expect(results.every((r) => r.ok)).toBe(true)
    await c.ok('m-qiqige', 'identity', 'revokeRole', { grantId: `${people[0]}:staff:v-qj` })
    const chain = c.dump('grant_audit').filter((e) => e.chain === 'v-qj').sort((a, b) => a.seq - b.seq)
    expect(chain.map((e) => e.seq)).toEqual(chain.map((_, i) => i + 1))
    let prev = GENESIS_HASH
    for (const e of chain) {
      expect(e.prevHash).toBe(prev)
      expect(e.hash).toBe(recordHash(prev, [e.chain, e.seq, e.at, e.action, e.role, e.orgId, e.memberId, e.by]))
      prev = e.hash
    }
    expect(c.dump('grant_audit_heads').find((h) => h._id === 'v-qj')).toMatchObject({ seq: chain.length, lastHash: prev })
    const shown = await c.ok('m-qiqige', 'identity', 'grantAudit', { orgId: QJ.village })
    expect(shown[0]).toMatchObject({ action: 'revoke', role: 'staff', byName: '其其格' })
    expect(shown.filter((e: any) => e.action === 'grant' && e.byName === '赵建国').length).toBeGreaterThanOrEqual(5)
    // the trail is read by the village's people, not by a plain villager or another village
    expect(await c.call(QJ.villager, 'identity', 'grantAudit', { orgId: QJ.village })).toMatchObject(forbidden)
    expect(await c.call('m-chenhong', 'identity', 'grantAudit', { orgId: QJ.village })).toMatchObject(forbidden)
  })
})

describe('2. invitation codes are checked again when bound', () => {
  it('a code a grid worker made for a plain villager cannot bind them once they hold 两委; a code from the town can', async () => {
    const m = await newMember('h-qj-06', '额小新')
    const stale = await c.ok(QJ.gridWorkerEast, 'identity', 'createInvite', { memberId: m })
    await c.ok(TOWN_ADMIN, 'identity', 'grantRole', { memberId: m, role: 'committee', orgId: QJ.village })
    const r = await c.call(null, 'identity', 'bindInvite', { code: stale.code }, { openid: 'wx-stale-1' })
    expect(r).toMatchObject({ ok: false, error: { code: 'AUTH.INVITE_STALE' } })
    expect(c.dump('bindings').find((b) => b._id === 'wx-stale-1')).toBeUndefined()
    expect(c.dump('invites').find((i) => i._id === stale.code).usedBy).toBeNull()
    const fresh = await c.ok(TOWN_ADMIN, 'identity', 'createInvite', { memberId: m })
    const me = await c.ok(null, 'identity', 'bindInvite', { code: fresh.code }, { openid: 'wx-fresh-1' } as never)
    expect(me.member.id).toBe(m)
  })

  it('a plain villager still binds with the grid worker’s code', async () => {
    const m = await newMember('h-qj-06', '额小民')
    const code = await c.ok(QJ.gridWorkerEast, 'identity', 'createInvite', { memberId: m })
    expect((await c.ok(null, 'identity', 'bindInvite', { code: code.code }, { openid: 'wx-plain-1' } as never)).member.id).toBe(m)
  })
})

describe('12. roster details', () => {
  it('bind-request ids carry no openid', async () => {
    const openid = 'wx-secret-openid-777'
    const r = await c.ok(null, 'identity', 'requestBind', { villageId: QJ.village, name: '新来的', phone: '13900007777', note: '' }, { openid } as never)
    expect(r.requestId).not.toContain(openid)
    const listed = await c.ok('m-qiqige', 'identity', 'listBindRequests', { villageId: QJ.village })
    expect(JSON.stringify(listed)).not.toContain(openid)
    // one request per person and village: asking again updates it
    const again = await c.ok(null, 'identity', 'requestBind', { villageId: QJ.village, name: '新来的', phone: '13900007777', note: '再问一次' }, { openid } as never)
    expect(again.requestId).toBe(r.requestId)
  })

  it('two new heads saved at once: one head, the right count (member writes read the household inside the transaction)', async () => {
    const before = c.dump('households').find((h) => h._id === 'h-qj-13')
    const results = await Promise.all(
      ['甲', '乙', '丙'].map((n) => c.call('m-qiqige', 'identity', 'saveMember', { householdId: 'h-qj-13', name: `乌兰${n}`, gender: 'F', relation: '户主', isHead: true, personClass: 'masses' }))
    )
    expect(results.every((r) => r.ok)).toBe(true)
    const members = c.dump('members').filter((m) => m.householdId === 'h-qj-13' && !m.removed)
    const heads = members.filter((m) => m.isHead)
    expect(heads).toHaveLength(1)
    const h = c.dump('households').find((x) => x._id === 'h-qj-13')
    expect(h.headMemberId).toBe(heads[0]._id)
    expect(h.memberCount).toBe(members.length)
    expect(members.length).toBe(before.memberCount + 3)
  })

  it('free text on the roster goes through content security', async () => {
    const r = await c.call('m-qiqige', 'identity', 'saveHousehold', { villageId: QJ.village, gridId: QJ.gridEast, code: 'QJ-099', address: '违禁测试 东片99号' })
    expect(r).toMatchObject({ ok: false, error: { code: 'CONTENT.RISKY' } })
    expect(c.dump('households').find((h) => h.code === 'QJ-099')).toBeUndefined()
  })
})
