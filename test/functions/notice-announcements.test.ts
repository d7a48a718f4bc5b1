/**
 * 公告 through the real SDK: each targeting rule reaches exactly its addressees, reading twice counts once,
 * edits stay visible, attachments are vetted (and refused uploads removed), content security, reminders that
 * never break publishing, and who may do what.
 */
import { RISKY_MARKER } from '../../emulator/wx-openapi'
import { demoOpenid } from '../../emulator/seed/roster'
import { fitSubscribeField } from '../../types/contract/subscribe'
import { at, NOW, QJ, startTestCloud, uid, type TestCloud } from '../fixtures/cloud'
import { holdBackSlowSdkWarnings } from './mall-setup'

/** Envelopes typed loosely: tests read `.error` after asserting failure. */
let c: Omit<TestCloud, 'call'> & { call(...args: Parameters<TestCloud['call']>): Promise<any> }
holdBackSlowSdkWarnings()
beforeAll(async () => {
  c = await startTestCloud({ rules: false })
})
afterAll(() => c.stop())

const STAFF = 'm-qiqige' // 两委 + 工作人员, 前进嘎查 (several roles)
const SECRETARY = 'm-bateer' // 书记 + 两委
const TOWN_ADMIN = 'm-zhaojianguo' // 管理员 + 评委 of 兴安镇, lives in 团结村
const text = (t: string) => [{ kind: 'text', text: t }]

async function publish(who: string, extra: Record<string, unknown>, opts: { requestId?: string; now?: Date } = {}) {
  return c.call(who, 'notice', 'publish', { category: 'policy', title: '测试公告', body: text('正文第一段'), ...extra }, opts)
}
async function mustPublish(who: string, extra: Record<string, unknown>) {
  const r = await publish(who, extra)
  if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`)
  return r.data
}

const members = () => c.dump('members').filter((m) => !m.removed)
/**
 * Everyone the staff statistics count as addressees right after publishing: all unread, except the author when
 * the author is among them (they have read what they wrote).
 */
async function addresseesOf(noticeId: string, who = STAFF): Promise<string[]> {
  const s = await c.ok(who, 'notice', 'readStats', { noticeId })
  expect(s.readCount).toBeLessThanOrEqual(1)
  expect(s.unread).toHaveLength(s.addresseeCount - s.readCount)
  const unread = s.unread.map((u: any) => u.memberId)
  if (s.readCount === 1) expect(unread).not.toContain(who)
  return [...unread, ...(s.readCount === 1 ? [who] : [])].sort()
}
const sorted = (a: string[]) => [...a].sort()

describe('targeting: announcements reach exactly their addressees', () => {
  it('a village: every member of the village, nobody from elsewhere', async () => {
    const n = await mustPublish(STAFF, { targetOrgId: QJ.village })
    expect(await addresseesOf(n.id)).toEqual(sorted(members().filter((m) => m.villageId === 'v-qj').map((m) => m._id)))
    const other = await c.call('m-wangzhiqiang', 'notice', 'detail', { noticeId: n.id })
    expect(other.ok).toBe(false)
    expect(other.error.code).toBe('NOTICE.NOT_ADDRESSEE')
    const feed = await c.ok('m-wangzhiqiang', 'notice', 'feed', {})
    expect(feed.items.map((i: any) => i.id)).not.toContain(n.id)
  })

  it('a grid: only the households of that grid', async () => {
    const n = await mustPublish(STAFF, { targetOrgId: QJ.gridWest })
    const expected = members().filter((m) => m.orgPath.includes(QJ.gridWest)).map((m) => m._id)
    expect(expected).toContain('m-zhanghai')
    expect(expected).not.toContain('m-eerdun')
    expect(await addresseesOf(n.id)).toEqual(sorted(expected))
  })

  it('a party group: its party members (by membership, not by grid)', async () => {
    const n = await mustPublish(STAFF, { targetOrgId: 'v-qj-pg2' })
    expect(await addresseesOf(n.id)).toEqual(sorted(['m-menghe', 'm-baoyin', 'm-siqin', 'm-haosi', 'm-aoqier']))
  })

  it('党员 of a village', async () => {
    const n = await mustPublish(STAFF, { targetOrgId: QJ.village, classes: ['party'] })
    expect(await addresseesOf(n.id)).toEqual(sorted(members().filter((m) => m.villageId === 'v-qj' && m.personClass === 'party').map((m) => m._id)))
  })

  it('流动党员 only', async () => {
    const n = await mustPublish(STAFF, { targetOrgId: QJ.village, classes: ['mobile_party'] })
    expect(await addresseesOf(n.id)).toEqual(sorted(['m-aodeng', 'm-baoyin', 'm-haosi']))
    // 宝音 sees it on the feed, his father 额尔敦 (群众, same household) does not.
    expect((await c.ok('m-baoyin', 'notice', 'feed', {})).items.map((i: any) => i.id)).toContain(n.id)
    expect((await c.ok('m-eerdun', 'notice', 'feed', {})).items.map((i: any) => i.id)).not.toContain(n.id)
  })

  it('群众 only', async () => {
    const n = await mustPublish(STAFF, { targetOrgId: QJ.village, classes: ['masses'] })
    const expected = members().filter((m) => m.villageId === 'v-qj' && m.personClass === 'masses').map((m) => m._id)
    expect(expected).toContain('m-eerdun')
    expect(await addresseesOf(n.id)).toEqual(sorted(expected))
  })

  it('网格员 (class or role) and a role (党小组长), either one matching', async () => {
    const n = await mustPublish(STAFF, { targetOrgId: QJ.village, classes: ['grid_worker'] })
    expect(await addresseesOf(n.id)).toEqual(sorted(['m-gaowa', 'm-zhanghai']))
    const both = await mustPublish(STAFF, { targetOrgId: QJ.village, classes: ['grid_worker'], roles: ['group_leader'] })
    expect(await addresseesOf(both.id)).toEqual(sorted(['m-gaowa', 'm-zhanghai', 'm-wuyun', 'm-siqin']))
  })

  it('the whole town, by the town admin: all three villages', async () => {
    const n = await mustPublish(TOWN_ADMIN, { targetOrgId: 'town-xa', classes: ['mobile_party'] })
    const expected = members().filter((m) => m.personClass === 'party' && m.partyStatus === 'mobile').map((m) => m._id)
    expect(new Set(expected.map((id) => members().find((m) => m._id === id).villageId)).size).toBe(3)
    expect(await addresseesOf(n.id, TOWN_ADMIN)).toEqual(sorted(expected))
  })

  it('a rule nobody matches is refused; staff may publish only inside their own area', async () => {
    const none = await publish(STAFF, { targetOrgId: QJ.gridEast, roles: ['judge'] })
    expect(none.error.code).toBe('NOTICE.NO_ADDRESSEES')
    expect((await publish(STAFF, { targetOrgId: 'town-xa' })).error.code).toBe('AUTH.FORBIDDEN')
    expect((await publish(STAFF, { targetOrgId: 'v-tj' })).error.code).toBe('AUTH.FORBIDDEN')
    expect((await publish(QJ.villager, { targetOrgId: QJ.village })).error.code).toBe('AUTH.FORBIDDEN')
    expect((await publish(QJ.gridWorkerEast, { targetOrgId: QJ.gridEast })).error.code).toBe('AUTH.FORBIDDEN')
    expect((await publish(STAFF, { targetOrgId: 'nope' })).error.code).toBe('ORG.NOT_FOUND')
  })

  it('publish targets list the caller’s own subtree only', async () => {
    const t = await c.ok(STAFF, 'notice', 'targets', {})
    const ids = t.map((x: any) => x.id)
    expect(ids).toEqual(expect.arrayContaining(['v-qj', 'v-qj-g1', 'v-qj-g2', 'v-qj-pg1', 'v-qj-pg2']))
    expect(ids).not.toContain('v-tj')
    expect(ids).not.toContain('town-xa')
    expect((await c.call(QJ.villager, 'notice', 'targets', {})).error.code).toBe('AUTH.FORBIDDEN')
  })
})

describe('reading', () => {
  it('reading twice (and ten times at once) counts once; staff see who has not read', async () => {
    const n = await mustPublish(STAFF, { targetOrgId: QJ.gridEast })
    const first = await c.ok(QJ.villager, 'notice', 'markRead', { noticeId: n.id })
    // 其其格 (the author) lives in the east grid: she counts as read from the start.
    expect(first).toEqual({ readCount: 2, first: true })
    expect(await c.ok(QJ.villager, 'notice', 'markRead', { noticeId: n.id })).toEqual({ readCount: 2, first: false })
    const many = await Promise.all(Array.from({ length: 10 }, () => c.call('m-wangguirong', 'notice', 'markRead', { noticeId: n.id })))
    expect(many.every((r) => r.ok)).toBe(true)
    expect(many.filter((r) => r.data.first)).toHaveLength(1)
    const stats = await c.ok(STAFF, 'notice', 'readStats', { noticeId: n.id })
    expect(stats.readCount).toBe(3)
    expect(stats.unread.map((u: any) => u.memberId)).not.toContain(QJ.villager)
    expect(stats.unread.map((u: any) => u.memberId)).not.toContain(STAFF)
    expect(stats.unread.length).toBe(stats.addresseeCount - 3)
    const d = await c.ok(QJ.villager, 'notice', 'detail', { noticeId: n.id })
    expect(d).toMatchObject({ unread: false, readCount: 3, canManage: false })
    // Someone not addressed cannot mark it read; staff reading their own notice do not count unless addressed.
    expect((await c.call('m-zhanghai', 'notice', 'markRead', { noticeId: n.id })).error.code).toBe('NOTICE.NOT_ADDRESSEE')
    // Villagers never see who has read it.
    expect((await c.call(QJ.villager, 'notice', 'readStats', { noticeId: n.id })).error.code).toBe('AUTH.FORBIDDEN')
    expect((await c.call('m-chenhong', 'notice', 'readStats', { noticeId: n.id })).error.code).toBe('AUTH.FORBIDDEN')
  })

  it('feed: pinned first, then unread, then newest; expired drops out; search and category filter', async () => {
    const pinned = await mustPublish(STAFF, { targetOrgId: QJ.village, title: '置顶的通知', pinUntil: '2026-12-31', category: 'services' })
    const expired = await c.ok(STAFF, 'notice', 'publish', { targetOrgId: QJ.village, category: 'jobs', title: '过期的招工', body: text('招工'), expiresOn: '2026-11-25' }, { now: at(-3) })
    const later = await mustPublish(STAFF, { targetOrgId: QJ.village, title: '秋季防火提示', category: 'events', body: text('注意防火，禁止焚烧秸秆') })
    const feed = await c.ok('m-naren', 'notice', 'feed', {}, { now: at(2) })
    expect(feed.items[0].id).toBe(pinned.id)
    expect(feed.items[0].pinned).toBe(true)
    expect(feed.items.map((i: any) => i.id)).not.toContain(expired.id)
    expect(feed.unread).toBe(feed.items.filter((i: any) => i.unread).length)
    await c.ok('m-naren', 'notice', 'markRead', { noticeId: later.id })
    const after = await c.ok('m-naren', 'notice', 'feed', {}, { now: at(2) })
    const idx = (id: string) => after.items.findIndex((i: any) => i.id === id)
    expect(after.items.slice(idx(later.id) + 1).every((i: any) => !i.unread)).toBe(true)
    expect((await c.ok('m-naren', 'notice', 'feed', { search: '秸秆' })).items.map((i: any) => i.id)).toEqual([later.id])
    expect((await c.ok('m-naren', 'notice', 'feed', { category: 'services' })).items.map((i: any) => i.id)).toEqual([pinned.id])
    expect((await c.ok('m-naren', 'notice', 'feed', { includeExpired: true }, { now: at(2) })).items.map((i: any) => i.id)).toContain(expired.id)
    expect((await c.ok(STAFF, 'notice', 'feed', { managed: true }, { now: at(2) })).items.map((i: any) => i.id)).toEqual(expect.arrayContaining([pinned.id, expired.id, later.id]))
  })

  it('bad dates are refused', async () => {
    expect((await publish(STAFF, { targetOrgId: QJ.village, pinUntil: '2026-11-01' })).error.code).toBe('NOTICE.BAD_DATES')
    expect((await publish(STAFF, { targetOrgId: QJ.village, pinUntil: '2026-12-20', expiresOn: '2026-12-10' })).error.code).toBe('NOTICE.BAD_DATES')
    expect((await publish(STAFF, { targetOrgId: QJ.village, expiresOn: '2026-02-30' })).error.code).toBe('INPUT.INVALID')
    expect((await publish(STAFF, { targetOrgId: QJ.village, title: '' })).error.code).toBe('INPUT.INVALID')
    expect((await publish(STAFF, { targetOrgId: QJ.village, body: [] })).error.message).toBe('请填写公告内容')
    expect((await publish(STAFF, { targetOrgId: QJ.village, category: 'gossip' })).error.code).toBe('INPUT.INVALID')
  })
})

describe('edits, retries, content security', () => {
  it('an edit keeps history; readers see 已修改 without the editor’s full name', async () => {
    const n = await mustPublish(STAFF, { targetOrgId: QJ.gridEast, title: '原来的标题' })
    const e = await c.ok(SECRETARY, 'notice', 'edit', { noticeId: n.id, category: 'policy', title: '改过的标题', body: text('新的正文'), summary: '更正日期' }, { now: at(1) })
    expect(e).toMatchObject({ title: '改过的标题', edited: true })
    expect(e.edits).toEqual([{ at: at(1).toISOString(), byName: '巴特尔', summary: '更正日期' }])
    const seen = await c.ok(QJ.villager, 'notice', 'detail', { noticeId: n.id })
    expect(seen.edited).toBe(true)
    expect(seen.edits[0].byName).toBe('巴*尔')
    expect(seen.authorName).toBe('其*格')
    expect(c.dump('notices').find((x) => x._id === n.id).edits[0].before.title).toBe('原来的标题')
    expect((await c.call(QJ.villager, 'notice', 'edit', { noticeId: n.id, category: 'policy', title: '我来改', body: text('x') })).error.code).toBe('AUTH.FORBIDDEN')
  })

  it('a retried publish (same requestId, also concurrently) makes one announcement', async () => {
    const requestId = uid()
    const rs = await Promise.all(Array.from({ length: 5 }, () => publish(STAFF, { targetOrgId: QJ.gridWest, title: '重试的公告' }, { requestId })))
    expect(rs.every((r) => r.ok)).toBe(true)
    expect(new Set(rs.map((r) => r.data.id)).size).toBe(1)
    expect(c.dump('notices').filter((n) => n.title === '重试的公告')).toHaveLength(1)
    // Each addressee is told once, not once per copy of the request.
    const id = rs[0].data.id
    const sent = c.local.emulator.engine.openApiCalls().filter((x) => x.api === 'subscribeMessage.send' && (x.data as any).page.includes(id))
    const bound = members().filter((m) => m.orgPath.includes(QJ.gridWest) && m.openid && m._id !== STAFF)
    expect(sent).toHaveLength(bound.length)
    expect(new Set(sent.map((x) => (x.data as any).touser)).size).toBe(bound.length)
  })

  it('risky text is refused and its uploaded images are removed', async () => {
    const img = await c.local.upload(`uploads/${uid()}.png`, Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]))
    const r = await publish(STAFF, { targetOrgId: QJ.village, body: [{ kind: 'text', text: `内容${RISKY_MARKER}` }, { kind: 'image', fileId: img }] })
    expect(r.error.code).toBe('CONTENT.RISKY')
    expect(c.local.emulator.engine.storageFiles().some((f) => img.endsWith(f) || f.endsWith(img.split('/').pop()!))).toBe(false)
  })
})

describe('attachments', () => {
  const pdf = (bytes: number) => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(Math.max(0, bytes - 9), 0x20)])
  const stored = (fileId: string) => c.local.emulator.engine.storageFiles().some((f) => fileId.endsWith(f) || f.endsWith(fileId.split('/').pop()!))

  it('PDF, xlsx and images within limits are attached with kind and size', async () => {
    const a = await c.local.upload(`uploads/${uid()}.pdf`, pdf(2048))
    const b = await c.local.upload(`uploads/${uid()}.png`, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]))
    const n = await mustPublish(STAFF, { targetOrgId: QJ.village, attachments: [{ fileId: a, name: '补贴政策.pdf' }, { fileId: b, name: '示意图.png' }] })
    expect(n.attachments.map((x: any) => [x.name, x.kind, x.size])).toEqual([['补贴政策.pdf', 'pdf', 2048], ['示意图.png', 'image', 6]])
    expect(n.attachments[0].url).toMatch(/^http/)
    expect(stored(a)).toBe(true)
  })

  it('a wrong type, an oversized file or a disguised file is refused with a clear message, and nothing is left behind', async () => {
    const good = await c.local.upload(`uploads/${uid()}.pdf`, pdf(100))
    const exe = await c.local.upload(`uploads/${uid()}.exe`, Buffer.from('MZ....'))
    const r1 = await publish(STAFF, { targetOrgId: QJ.village, attachments: [{ fileId: good, name: '通知.pdf' }, { fileId: exe, name: '安装包.exe' }] })
    expect(r1.error.code).toBe('NOTICE.ATTACHMENT_TYPE')
    expect(r1.error.message).toContain('安装包.exe')
    expect(stored(good)).toBe(false)
    expect(stored(exe)).toBe(false)

    const big = await c.local.upload(`uploads/${uid()}.pdf`, pdf(10 * 1024 * 1024 + 1))
    const r2 = await publish(STAFF, { targetOrgId: QJ.village, attachments: [{ fileId: big, name: '大文件.pdf' }] })
    expect(r2.error.code).toBe('NOTICE.ATTACHMENT_TOO_LARGE')
    expect(r2.error.message).toMatch(/大文件\.pdf.*最大10MB/)
    expect(stored(big)).toBe(false)

    const fake = await c.local.upload(`uploads/${uid()}.xlsx`, Buffer.from('not a zip'))
    const r3 = await publish(STAFF, { targetOrgId: QJ.village, attachments: [{ fileId: fake, name: '名单.xlsx' }] })
    expect(r3.error.code).toBe('NOTICE.ATTACHMENT_TYPE')
    expect(stored(fake)).toBe(false)

    const r4 = await publish(STAFF, { targetOrgId: QJ.village, attachments: [{ fileId: 'cloud://nope/uploads/missing.pdf', name: '丢了.pdf' }] })
    expect(r4.error.code).toBe('NOTICE.ATTACHMENT_MISSING')
    const seven = Array.from({ length: 7 }, (_, i) => ({ fileId: `f${i}`, name: `${i}.pdf` }))
    expect((await publish(STAFF, { targetOrgId: QJ.village, attachments: seven })).error.message).toBe('附件最多6个')
    expect(c.dump('notices').filter((n) => n.attachments.some((a: any) => [good, exe, big, fake].includes(a.fileId)))).toHaveLength(0)
  })
})

describe('subscribe reminders', () => {
  const sends = () => c.dump('subscribe_sends')

  it('a new announcement reaches its bound addressees (not the author), within WeChat’s field limits', async () => {
    const before = sends().length
    const title = '关于二〇二六年度农村医疗保险集中缴费的通知安排'
    const n = await mustPublish(STAFF, { targetOrgId: QJ.gridEast, title })
    const mine = sends().slice(before).filter((s) => s.page.includes(n.id))
    const bound = members().filter((m) => m.orgPath.includes(QJ.gridEast) && m.openid && m._id !== STAFF).map((m) => m._id)
    expect(sorted(mine.map((s) => s.memberId))).toEqual(sorted(bound))
    expect(mine.every((s) => s.ok && s.kind === 'noticeNew')).toBe(true)
    expect(Array.from(mine[0].data.thing1.value as string)).toHaveLength(20)
    expect(mine[0].data.thing1.value).toBe(fitSubscribeField('thing', title))
    const calls = c.local.emulator.engine.openApiCalls().filter((x) => x.api === 'subscribeMessage.send' && (x.data as any).page.includes(n.id))
    expect(calls).toHaveLength(bound.length)
  })

  it('field limits: thing ≤ 20, phrase ≤ 5 Chinese, name ≤ 10, number digits only', () => {
    expect(Array.from(fitSubscribeField('thing', '一'.repeat(30)))).toHaveLength(20)
    expect(fitSubscribeField('thing', '短的')).toBe('短的')
    expect(fitSubscribeField('phrase', '已通过!OK')).toBe('已通过')
    expect(Array.from(fitSubscribeField('phrase', '这是一个很长的状态'))).toHaveLength(5)
    expect(Array.from(fitSubscribeField('name', '阿拉腾其木格·巴雅尔图'))).toHaveLength(10)
    expect(fitSubscribeField('number', '-12分')).toBe('-12')
    expect(fitSubscribeField('thing', '  ')).toBe('—')
  })

  it('a refused or failed send never breaks publishing', async () => {
    const engine = c.local.emulator.engine as any
    engine.wx.refusingSubscribe.add(demoOpenid(QJ.villager))
    const n = await mustPublish(STAFF, { targetOrgId: QJ.gridEast, title: '有人拒收' })
    const refused = sends().find((s) => s.page.includes(n.id) && s.memberId === QJ.villager)
    expect(refused).toMatchObject({ ok: false, errcode: 43101 })
    engine.wx.refusingSubscribe.clear()
    engine.failNth(1, { action: 'wx.api' })
    engine.failNth(2, { action: 'wx.api' })
    const m = await publish(STAFF, { targetOrgId: QJ.gridEast, title: '网络出错也能发' })
    expect(m.ok).toBe(true)
    expect(sends().filter((s) => s.page.includes(m.data.id) && !s.ok).length).toBeGreaterThanOrEqual(1)
    engine.clearFaults()
  })

  it('staff remind the unread; readers are not reminded', async () => {
    const n = await mustPublish(STAFF, { targetOrgId: QJ.gridEast, title: '请尽快阅读' })
    await c.ok(QJ.villager, 'notice', 'markRead', { noticeId: n.id })
    const r = await c.ok(STAFF, 'notice', 'remindUnread', { noticeId: n.id }, { now: at(1) })
    const stats = await c.ok(STAFF, 'notice', 'readStats', { noticeId: n.id })
    expect(r.sent + r.failed + r.skipped).toBe(stats.unread.length)
    expect(r.skipped).toBe(stats.unread.filter((u: any) => !u.bound).length)
    expect(stats.remindedAt).toBe(at(1).toISOString())
    const reminders = sends().filter((s) => s.page.includes(n.id) && s.data.thing1.value.startsWith('未读'))
    expect(reminders.map((s) => s.memberId)).not.toContain(QJ.villager)
    expect((await c.call(QJ.villager, 'notice', 'remindUnread', { noticeId: n.id })).error.code).toBe('AUTH.FORBIDDEN')
    expect((await c.call(STAFF, 'notice', 'remindUnread', { noticeId: n.id }, { now: new Date(at(1).getTime() + 1800000) })).error.code).toBe('NOTICE.REMIND_TOO_SOON')
    expect((await c.call(STAFF, 'notice', 'remindUnread', { noticeId: n.id }, { now: new Date(at(1).getTime() + 3600000) })).ok).toBe(true)
  })
})

it('fixed clock sanity', () => {
  expect(NOW.toISOString()).toBe('2026-11-24T02:00:00.000Z')
})
