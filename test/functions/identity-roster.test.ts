import ExcelJS from 'exceljs'
import { NOW, at, startTestCloud, uid, type TestCloud } from '../fixtures/cloud'

let c: TestCloud
beforeAll(async () => {
  c = await startTestCloud({ rules: false })
})
afterAll(() => c.stop())

async function xlsx(rows: Array<Array<string | number>>, header = ['户号', '住址', '网格', '姓名', '性别', '与户主关系', '手机号', '人员类别', '党员状态']) {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('花名册')
  ws.addRow(header)
  for (const r of rows) ws.addRow(r)
  const buf = Buffer.from(await wb.xlsx.writeBuffer())
  const fileId = await c.local.upload(`uploads/${uid()}.xlsx`, buf)
  // imports cite only files their caller uploaded through the app (issue 7)
  await c.ok('m-qiqige', 'identity', 'registerUpload', { fileId, purpose: 'roster_import' })
  return fileId
}

describe('invitation codes and binding', () => {
  it('staff create a one-time code; a new WeChat user binds with it and sees themselves', async () => {
    const inv = await c.ok('m-qiqige', 'identity', 'createInvite', { memberId: 'm-zhouyulan' })
    expect(inv.code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/)
    expect(new Date(inv.expiresAt).getTime()).toBeGreaterThan(NOW.getTime() + 29 * 86400000)
    const me = await c.call(null, 'identity', 'bindInvite', { code: inv.code.toLowerCase() }, { openid: 'wx-new-user-1' })
    expect(me.ok).toBe(true)
    if (!me.ok) return
    expect(me.data.member.name).toBe('周玉兰')
    expect(me.data.household.code).toBe('QJ-014')
    // spent: a second user cannot reuse it, and the first cannot bind again
    expect(await c.call(null, 'identity', 'bindInvite', { code: inv.code }, { openid: 'wx-new-user-2' })).toMatchObject({ ok: false, error: { code: 'AUTH.INVITE_INVALID' } })
    expect((await c.ok(null, 'identity', 'me', {}, { openid: 'wx-new-user-1' } as never)).member.name).toBe('周玉兰')
  })

  it('an expired code is refused', async () => {
    const inv = await c.ok('m-qiqige', 'identity', 'createInvite', { memberId: 'm-zhoujian' })
    const r = await c.call(null, 'identity', 'bindInvite', { code: inv.code }, { openid: 'wx-late', now: at(31) })
    expect(r).toMatchObject({ ok: false, error: { code: 'AUTH.INVITE_INVALID' } })
  })

  it('no code for someone already bound; a malformed code is INPUT.INVALID', async () => {
    expect(await c.call('m-qiqige', 'identity', 'createInvite', { memberId: 'm-eerdun' })).toMatchObject({ ok: false, error: { code: 'AUTH.ALREADY_BOUND' } })
    const bad = await c.call(null, 'identity', 'bindInvite', { code: 'ab' }, { openid: 'wx-x' })
    expect(bad).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID', message: '邀请码是6到8位字母或数字' } })
  })

  it('a user without a code asks; staff approve by matching a roster member', async () => {
    const h = await c.ok('m-qiqige', 'identity', 'saveHousehold', { villageId: 'v-qj', gridId: 'v-qj-g2', code: 'QJ-050', address: '西片50号' })
    const m = await c.ok('m-qiqige', 'identity', 'saveMember', { householdId: h.householdId, name: '包金花', gender: 'F', relation: '户主', isHead: true, personClass: 'masses' })
    const req = await c.call(null, 'identity', 'requestBind', { villageId: 'v-qj', name: '包金花', phone: '13900001111', note: '我是西片新搬来的' }, { openid: 'wx-baojinhua' })
    expect(req).toMatchObject({ ok: true, data: { status: 'pending' } })
    const list = await c.ok('m-qiqige', 'identity', 'listBindRequests', { villageId: 'v-qj' })
    const mine = list.find((x: any) => x.name === '包金花')
    expect(mine.phoneMasked).toBe('139****1111')
    expect(await c.call('m-eerdun', 'identity', 'decideBindRequest', { bindRequestId: mine.id, approve: true, memberId: m.memberId })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    await c.ok('m-qiqige', 'identity', 'decideBindRequest', { bindRequestId: mine.id, approve: true, memberId: m.memberId })
    const me = await c.call(null, 'identity', 'me', {}, { openid: 'wx-baojinhua' })
    expect(me).toMatchObject({ ok: true, data: { member: { name: '包金花' } } })
  })

  it('risky text is refused by content security', async () => {
    const r = await c.call(null, 'identity', 'requestBind', { villageId: 'v-qj', name: '张三', phone: '13900002222', note: '违禁测试' }, { openid: 'wx-risky' })
    expect(r).toMatchObject({ ok: false, error: { code: 'CONTENT.RISKY' } })
  })
})

describe('roster management', () => {
  it('adds a household with members; a new head demotes the old one; counts stay right', async () => {
    const h = await c.ok('m-qiqige', 'identity', 'saveHousehold', { villageId: 'v-qj', gridId: 'v-qj-g1', code: 'QJ-060', address: '东片60号' })
    const a = await c.ok('m-qiqige', 'identity', 'saveMember', { householdId: h.householdId, name: '白音', gender: 'M', relation: '户主', isHead: true, personClass: 'party', partyStatus: 'mobile', phone: '13800000060' })
    const b = await c.ok('m-qiqige', 'identity', 'saveMember', { householdId: h.householdId, name: '白音之子', gender: 'M', relation: '子女', isHead: false, personClass: 'masses' })
    await c.ok('m-qiqige', 'identity', 'saveMember', { memberId: b.memberId, householdId: h.householdId, name: '白音之子', gender: 'M', relation: '户主', isHead: true, personClass: 'masses' })
    const view = await c.ok('m-qiqige', 'identity', 'getHousehold', { householdId: h.householdId })
    expect(view.members.filter((m: any) => m.isHead).map((m: any) => m.name)).toEqual(['白音之子'])
    expect(view.headMemberId).toBe(b.memberId)
    const raw = c.dump('households').find((x) => x._id === h.householdId)
    expect(raw.memberCount).toBe(2)
    expect(raw.headName).toBe('白音之子')
    // a party member must have a status
    expect(await c.call('m-qiqige', 'identity', 'saveMember', { householdId: h.householdId, name: '无状态', gender: 'F', relation: '子女', personClass: 'party' })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    // removal is soft and keeps counts in step
    await c.ok('m-qiqige', 'identity', 'removeMember', { memberId: a.memberId })
    expect(c.dump('households').find((x) => x._id === h.householdId).memberCount).toBe(1)
    expect(c.dump('members').find((x) => x._id === a.memberId).removed).toBe(true)
  })

  it('a duplicate household code in one village is refused', async () => {
    const r = await c.call('m-qiqige', 'identity', 'saveHousehold', { villageId: 'v-qj', gridId: null, code: 'QJ-001', address: '重复' })
    expect(r).toMatchObject({ ok: false, error: { code: 'ROSTER.DUPLICATE_CODE' } })
  })

  it('grants and revokes roles within scope; the member’s roles follow', async () => {
    const g = await c.ok('m-bateer', 'identity', 'grantRole', { memberId: 'm-naren', role: 'grid_worker', orgId: 'v-qj-g1' })
    expect((await c.ok('m-naren', 'identity', 'me')).roles.map((r: any) => r.role)).toEqual(['grid_worker'])
    expect(await c.call('m-bateer', 'identity', 'grantRole', { memberId: 'm-naren', role: 'grid_worker', orgId: 'v-qj' })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    expect(await c.call('m-bateer', 'identity', 'grantRole', { memberId: 'm-naren', role: 'admin', orgId: 'v-qj' })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(await c.call('m-bateer', 'identity', 'grantRole', { memberId: 'm-zhaodefa', role: 'staff', orgId: 'v-qj' })).toMatchObject({ ok: false, error: { code: 'ORG.OUT_OF_SCOPE' } })
    const grants = await c.ok('m-bateer', 'identity', 'listGrants', { orgId: 'v-qj' })
    expect(grants.some((x: any) => x.id === g.grantId && x.memberName === '那仁')).toBe(true)
    await c.ok('m-bateer', 'identity', 'revokeRole', { grantId: g.grantId })
    expect((await c.ok('m-naren', 'identity', 'me')).roles).toEqual([])
  })
})

describe('xlsx import and export', () => {
  it('imports households and members, all rows or none', async () => {
    const fileId = await xlsx([
      ['QJ-201', '西片201号', '西片网格', '韩宝山', '男', '户主', '13800000201', '党员', '在村'],
      ['QJ-201', '西片201号', '西片网格', '韩秀梅', '女', '配偶', '', '群众', ''],
      ['QJ-202', '西片202号', '西片网格', '吴德胜', '男', '户主', '', '群众', '']
    ])
    const r = await c.ok('m-qiqige', 'identity', 'importRoster', { villageId: 'v-qj', fileId })
    expect(r).toEqual({ households: 2, members: 3 })
    const list = await c.ok('m-qiqige', 'identity', 'listHouseholds', { villageId: 'v-qj', q: 'QJ-20' })
    expect(list.items.map((h: any) => `${h.code}:${h.headName}:${h.memberCount}:${h.gridName}`).sort()).toEqual(['QJ-201:韩宝山:2:西片网格', 'QJ-202:吴德胜:1:西片网格'])
  })

  it('reports every bad row by number and writes nothing', async () => {
    const households = c.dump('households').length
    const members = c.dump('members').length
    const fileId = await xlsx([
      ['QJ-301', '西片301号', '西片网格', '好人', '男', '户主', '', '群众', ''],
      ['QJ-302', '西片302号', '不存在的网格', '某某', '男', '户主', '', '群众', ''],
      ['QJ-303', '西片303号', '', '', '女', '户主', '', '群众', ''],
      ['QJ-304', '西片304号', '', '党员甲', '男', '户主', '123', '党员', '']
    ])
    const r = await c.call('m-qiqige', 'identity', 'importRoster', { villageId: 'v-qj', fileId })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe('ROSTER.IMPORT_INVALID')
    const rows = (r.error.details as Array<{ row: number; message: string }>).map((e) => e.row)
    expect([...new Set(rows)]).toEqual([3, 4, 5])
    expect(r.error.message).toMatch(/第3行/)
    expect(c.dump('households').length).toBe(households)
    expect(c.dump('members').length).toBe(members)
  })

  it('an injected fault during import leaves nothing half-imported', async () => {
    const before = c.dump('members').length
    const fileId = await xlsx([['QJ-401', '东片401号', '东片网格', '甲', '男', '户主', '', '群众', ''], ['QJ-402', '东片402号', '东片网格', '乙', '女', '户主', '', '群众', '']])
    c.local.emulator.engine.failNth(1, { action: 'database.commitTransaction' })
    const r = await c.call('m-qiqige', 'identity', 'importRoster', { villageId: 'v-qj', fileId })
    c.local.emulator.engine.clearFaults()
    expect(r.ok).toBe(false)
    expect(c.dump('members').length).toBe(before)
    expect(c.dump('households').some((h) => h.code === 'QJ-401')).toBe(false)
  })

  it('a file that is not xlsx is INPUT.INVALID', async () => {
    const fileId = await c.local.upload('uploads/not.xlsx', Buffer.from('hello'))
    await c.ok('m-qiqige', 'identity', 'registerUpload', { fileId, purpose: 'roster_import' })
    const r = await c.call('m-qiqige', 'identity', 'importRoster', { villageId: 'v-qj', fileId })
    expect(r).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
  })

  it('exports the roster to xlsx that re-imports cleanly', async () => {
    const r = await c.ok('m-qiqige', 'identity', 'exportRoster', { villageId: 'v-qj' })
    expect(r.rows).toBe(c.dump('members').filter((m) => m.villageId === 'v-qj' && !m.removed && m.householdId).length)
    const res = await fetch(r.url)
    expect(res.status).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await res.arrayBuffer())
    const ws = wb.worksheets[0]
    expect(ws.getRow(1).values).toEqual([undefined, '户号', '住址', '网格', '姓名', '性别', '与户主关系', '手机号', '人员类别', '党员状态'])
    expect(ws.actualRowCount).toBe(r.rows + 1)
    // an export is never citable as is (issue 7): the user downloads it and uploads it again through the app
    expect(await c.call('m-qiqige', 'identity', 'importRoster', { villageId: 'v-qj', fileId: r.fileId })).toMatchObject({ ok: false, error: { code: 'FILE.NOT_YOURS' } })
    const reupload = await c.local.upload(`uploads/${uid()}.xlsx`, Buffer.from(await (await fetch(r.url)).arrayBuffer()))
    await c.ok('m-qiqige', 'identity', 'registerUpload', { fileId: reupload, purpose: 'roster_import' })
    const again = await c.ok('m-qiqige', 'identity', 'importRoster', { villageId: 'v-qj', fileId: reupload })
    expect(again.members).toBe(r.rows)
    // re-importing matched existing households and members: nothing duplicated
    expect(c.dump('members').filter((m) => m.villageId === 'v-qj' && !m.removed && m.householdId).length).toBe(r.rows)
  })
})
