/** 云支部 main path through the bundled study function: schedule → remind → check in / remote → relay → read → 心得 → report. */
import ExcelJS from 'exceljs'
import { RISKY_MARKER } from '../../emulator/wx-openapi'
import { tinyPdf, tinyWav } from '../../emulator/seed/study-media'
import { demoScenePng } from '../../emulator/png'
import { NOW, at, startTestCloud, uid, type TestCloud } from '../fixtures/cloud'
import { HOUR, ST, currentCode, pair, schedule } from './study-setup'

let c: TestCloud
beforeAll(async () => {
  c = await startTestCloud({ rules: false })
}, 60000)
afterAll(async () => c?.stop())

describe('sessions', () => {
  it('a secretary schedules a branch session: every party member of the branch is expected, mobile ones marked', async () => {
    const s = await schedule(c)
    expect(s.typeLabel).toBe('支部党员大会')
    expect(s.expected).toBe(10)
    expect(s.phase).toBe('running')
    expect(s.organiser).toBe(true)
    const stored = c.dump('study_sessions').find((x) => x._id === s.id)
    expect(stored.mobileIds.sort()).toEqual([...ST.mobile].sort())
    expect(stored.expectedIds).toContain(ST.office)
    expect(stored.expectedIds).not.toContain(ST.villager)
  })

  it('a 党小组长 schedules for their group only; not for the branch', async () => {
    const s = await schedule(c, { orgId: ST.group1, type: 'group_meeting', audience: { kind: 'group', memberIds: [] } }, ST.leader1)
    expect(s.expected).toBe(5) // 巴特尔, 敖登, 其其格, 乌云, 布和
    const r = await c.call(ST.leader1, 'study', 'scheduleSession', { orgId: ST.branch, type: 'group_meeting', title: 'x', startsAt: NOW.toISOString(), endsAt: at(0.1).toISOString() })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.code).toBe('AUTH.FORBIDDEN')
    const v = await c.call(ST.villager, 'study', 'scheduleSession', { orgId: ST.branch, type: 'party_lecture', title: 'x', startsAt: NOW.toISOString(), endsAt: at(0.1).toISOString() })
    expect(!v.ok && v.error.code).toBe('AUTH.FORBIDDEN')
  })

  it('a list audience must be party members of the branch', async () => {
    const ok = await schedule(c, { audience: { kind: 'list', memberIds: ['m-aodeng', 'm-menghe'] } })
    expect(ok.expected).toBe(2)
    const bad = await c.call(ST.secretary, 'study', 'scheduleSession', { orgId: ST.branch, type: 'party_lecture', title: '党课', startsAt: NOW.toISOString(), endsAt: at(0.1).toISOString(), audience: { kind: 'list', memberIds: ['m-aodeng', ST.villager] } })
    expect(!bad.ok && bad.error.code).toBe('INPUT.INVALID')
  })

  it('members see upcoming sessions on the home tab; change and cancel show why', async () => {
    const s = await schedule(c, { title: '主题党日', type: 'theme_day', startsAt: at(2).toISOString(), endsAt: new Date(at(2).getTime() + 2 * HOUR).toISOString() })
    const mine = await c.ok('m-baoyin', 'study', 'mySessions', {})
    expect(mine.map((x: any) => x.id)).toContain(s.id)
    expect(mine.find((x: any) => x.id === s.id).phase).toBe('upcoming')
    expect((await c.ok(ST.villager, 'study', 'mySessions', {})).length).toBe(0)
    const changed = await c.ok(ST.secretary, 'study', 'updateSession', {
      sessionId: s.id,
      changeNote: '改到下午三点',
      type: 'theme_day',
      title: '主题党日',
      startsAt: new Date(at(2).getTime() + 5 * HOUR).toISOString(),
      endsAt: new Date(at(2).getTime() + 7 * HOUR).toISOString()
    })
    expect(changed.changeNote).toBe('改到下午三点')
    const cancelled = await c.ok(ST.secretary, 'study', 'cancelSession', { sessionId: s.id, reason: '镇里统一组织，本次取消' })
    expect(cancelled.phase).toBe('cancelled')
    const seen = await c.ok('m-baoyin', 'study', 'getSession', { sessionId: s.id })
    expect(seen.cancelReason).toBe('镇里统一组织，本次取消')
    expect(seen.organiser).toBe(false)
    const again = await c.call(ST.secretary, 'study', 'updateSession', { sessionId: s.id, changeNote: '再改', type: 'theme_day', title: '主题党日', startsAt: at(3).toISOString(), endsAt: at(3.1).toISOString() })
    expect(!again.ok && again.error.code).toBe('STUDY.CANCELLED')
  })

  it('members of another village cannot open the session', async () => {
    const s = await schedule(c)
    const r = await c.call(ST.otherVillageMember, 'study', 'getSession', { sessionId: s.id })
    expect(!r.ok && r.error.code).toBe('AUTH.FORBIDDEN')
    const missing = await c.call(ST.secretary, 'study', 'getSession', { sessionId: 'nope' })
    expect(!missing.ok && missing.error.code).toBe('STUDY.SESSION_NOT_FOUND')
  })
})

describe('attendance', () => {
  it('on-site check-in with the current code; the organiser sees the count', async () => {
    const s = await schedule(c)
    const code = await currentCode(c, s.id)
    const r = await c.ok('m-menghe', 'study', 'checkIn', { sessionId: s.id, code })
    expect(r.status).toBe('onsite')
    const screen = await c.ok(ST.secretary, 'study', 'sessionCode', { sessionId: s.id })
    expect(screen.checkedIn).toBe(1)
    expect(screen.qr).toMatch(/^data:image\/png;base64,/)
    const detail = await c.ok('m-menghe', 'study', 'getSession', { sessionId: s.id })
    expect(detail.mine.status).toBe('onsite')
    expect(detail.counts.onsite).toBe(1)
    // Only organisers (书记, 两委, 党小组长) see the code; 孟和 is 两委.
    const denied = await c.call('m-aoqier', 'study', 'sessionCode', { sessionId: s.id })
    expect(!denied.ok && denied.error.code).toBe('AUTH.FORBIDDEN')
  })

  it('a 流动党员 joins remotely inside the window; the buddy confirms; an unrelated member cannot', async () => {
    const s = await schedule(c)
    await pair(c, 'm-aodeng', 'm-menghe')
    const j = await c.ok('m-aodeng', 'study', 'joinRemote', { sessionId: s.id })
    expect(j.attendance.status).toBe('remote_pending')
    expect(j.meeting.code).toBe('123456789')
    const again = await c.ok('m-aodeng', 'study', 'joinRemote', { sessionId: s.id })
    expect(again.attendance.status).toBe('remote_pending')
    const stranger = await c.call('m-aoqier', 'study', 'confirmRemote', { sessionId: s.id, memberId: 'm-aodeng' })
    expect(!stranger.ok && stranger.error.code).toBe('AUTH.FORBIDDEN')
    const buddyView = await c.ok('m-menghe', 'study', 'getSession', { sessionId: s.id })
    expect(buddyView.myMobiles.find((m: any) => m.memberId === 'm-aodeng')).toMatchObject({ status: 'remote_pending', statusLabel: '远程待确认' })
    const row = await c.ok('m-menghe', 'study', 'confirmRemote', { sessionId: s.id, memberId: 'm-aodeng' })
    expect(row.status).toBe('remote')
    // An in-village member may not join remotely; nor before the window.
    const notMobile = await c.call('m-aoqier', 'study', 'joinRemote', { sessionId: s.id })
    expect(!notMobile.ok && notMobile.error.code).toBe('STUDY.NOT_MOBILE')
    const later = await schedule(c, { startsAt: at(1).toISOString(), endsAt: at(1.1).toISOString() })
    const early = await c.call('m-baoyin', 'study', 'joinRemote', { sessionId: later.id })
    expect(!early.ok && early.error.code).toBe('STUDY.OUTSIDE_WINDOW')
  })

  it('leave: asked with a reason, approved or refused by an organiser (not by oneself); a refused leave allows check-in', async () => {
    const s = await schedule(c)
    const asked = await c.ok('m-siqin', 'study', 'requestLeave', { sessionId: s.id, reason: '家里有事' })
    expect(asked.status).toBe('leave_pending')
    const notOrganiser = await c.call('m-aoqier', 'study', 'decideLeave', { sessionId: s.id, memberId: 'm-siqin', approve: true })
    expect(!notOrganiser.ok && notOrganiser.error.code).toBe('AUTH.FORBIDDEN')
    const refused = await c.ok(ST.secretary, 'study', 'decideLeave', { sessionId: s.id, memberId: 'm-siqin', approve: false, note: '会议重要，请参加' })
    expect(refused.status).toBe('absent')
    const code = await currentCode(c, s.id)
    const ci = await c.ok('m-siqin', 'study', 'checkIn', { sessionId: s.id, code })
    expect(ci.status).toBe('onsite')

    await c.ok(ST.secretary, 'study', 'requestLeave', { sessionId: s.id, reason: '去镇里开会' })
    const self = await c.call(ST.secretary, 'study', 'decideLeave', { sessionId: s.id, memberId: ST.secretary, approve: true })
    expect(!self.ok && self.error.code).toBe('AUTH.FORBIDDEN')
    const approved = await c.ok(ST.staff, 'study', 'decideLeave', { sessionId: s.id, memberId: ST.secretary, approve: true })
    expect(approved.status).toBe('leave')
    const list = await c.ok(ST.staff, 'study', 'attendance', { sessionId: s.id })
    expect(list.find((r: any) => r.memberId === ST.secretary).statusLabel).toBe('请假')
  })

  it('remind me: recorded from a tap, sent once by the scheduler before the start, skipped when cancelled', async () => {
    const s = await schedule(c, { startsAt: at(1).toISOString(), endsAt: new Date(at(1).getTime() + 2 * HOUR).toISOString() })
    const gone = await schedule(c, { startsAt: at(1).toISOString(), endsAt: new Date(at(1).getTime() + 2 * HOUR).toISOString() })
    const r = await c.ok('m-baoyin', 'study', 'remindMe', { sessionId: s.id, templateId: 'tmpl-study' })
    expect(new Date(r.sendAt).getTime()).toBe(at(1).getTime() - 0.5 * HOUR)
    await c.ok('m-baoyin', 'study', 'remindMe', { sessionId: gone.id, templateId: 'tmpl-study' })
    await c.ok(ST.secretary, 'study', 'cancelSession', { sessionId: gone.id, reason: '改期另行通知' })
    const before = c.local.emulator.engine.openApiCalls().filter((x) => x.api === 'subscribeMessage.send').length
    await c.timer(at(0.5))
    expect(c.local.emulator.engine.openApiCalls().filter((x) => x.api === 'subscribeMessage.send').length).toBe(before)
    const [t1, t2] = await Promise.all([c.timer(new Date(at(1).getTime() - 0.4 * HOUR)), c.timer(new Date(at(1).getTime() - 0.3 * HOUR))])
    expect(t1.ok && t2.ok).toBe(true)
    const sent = c.local.emulator.engine.openApiCalls().filter((x) => x.api === 'subscribeMessage.send').slice(before)
    expect(sent).toHaveLength(1)
    expect((sent[0].data as any).touser).toBe('demo-m-baoyin')
    expect((sent[0].data as any).page).toBe(`study/pages/session/index?id=${s.id}`)
    const skipped = c.dump('study_reminders').find((x) => x.sessionId === gone.id)
    expect(skipped.result).toBe('skipped')
    const notMine = await c.call(ST.villager, 'study', 'remindMe', { sessionId: s.id, templateId: 'tmpl-study' })
    expect(!notMine.ok && notMine.error.code).toBe('STUDY.NOT_EXPECTED')
  })
})

describe('relay, 心得 and catching up', () => {
  it('buddy relays text, a photo and voice; the member reads and writes a 心得 and is caught up; the report says so', async () => {
    const past = at(-3)
    const s = await schedule(c, { startsAt: past.toISOString(), endsAt: new Date(past.getTime() + 2 * HOUR).toISOString() }, ST.secretary, at(-4))
    await pair(c, 'm-baoyin', 'm-siqin')
    await pair(c, 'm-haosi', 'm-aoqier')
    const photo = await c.local.upload(`uploads/${uid()}.png`, demoScenePng(1))
    const voice = await c.local.upload(`uploads/${uid()}.wav`, tinyWav(1))
    const t1 = await c.ok('m-siqin', 'study', 'sendRelay', { sessionId: s.id, memberId: 'm-baoyin', kind: 'text', text: '会上学习了乡村振兴文件' })
    expect(t1.byName).toBe('斯琴')
    const p = await c.ok('m-siqin', 'study', 'sendRelay', { sessionId: s.id, memberId: 'm-baoyin', kind: 'photo', fileId: photo }, { now: at(0.01) })
    expect(p.fileUrl).toBeTruthy()
    const v = await c.ok('m-siqin', 'study', 'sendRelay', { sessionId: s.id, memberId: 'm-baoyin', kind: 'voice', fileId: voice, durationSec: 1 }, { now: at(0.02) })
    expect(v.durationSec).toBe(1)

    const before = await c.ok('m-baoyin', 'study', 'getThread', { sessionId: s.id })
    expect(before.items.map((i: any) => i.kind)).toEqual(['text', 'photo', 'voice'])
    expect(before.items.every((i: any) => !i.read)).toBe(true)
    expect(before.caughtUp).toBe(false)
    expect(before.isMember).toBe(true)

    const read = await c.ok('m-baoyin', 'study', 'markRead', { sessionId: s.id }, { now: at(0.05) })
    expect(read.caughtUp).toBe(false)
    const noted = await c.ok('m-baoyin', 'study', 'writeNote', { sessionId: s.id, text: '要把文件精神带到打工的地方' }, { now: at(0.06) })
    expect(noted.caughtUp).toBe(true)
    const buddyView = await c.ok('m-siqin', 'study', 'getThread', { sessionId: s.id, memberId: 'm-baoyin' })
    expect(buddyView.items.every((i: any) => i.read)).toBe(true)
    expect(buddyView.note.text).toBe('要把文件精神带到打工的地方')
    expect(buddyView.canRelay).toBe(true)

    const threads = await c.ok('m-baoyin', 'study', 'myThreads', {})
    expect(threads.find((t: any) => t.sessionId === s.id)).toMatchObject({ items: 3, unread: 0, noted: true, caughtUp: true, buddyName: '斯琴' })
    const buddyThreads = await c.ok('m-siqin', 'study', 'myThreads', {})
    expect(buddyThreads.find((t: any) => t.sessionId === s.id && t.memberId === 'm-baoyin')).toBeTruthy()

    const rep = await c.ok(ST.secretary, 'study', 'report', { villageId: ST.village, quarter: '2026-Q4' })
    const row = rep.sessions.find((x: any) => x.sessionId === s.id)
    expect(row).toMatchObject({ expected: 10, absent: 10, caughtUp: 1 })
    const nc = rep.notCaughtUp.filter((x: any) => x.sessionId === s.id)
    expect(nc.map((x: any) => x.name).sort()).toEqual(['敖登', '浩斯'].sort())
    expect(nc.find((x: any) => x.name === '浩斯').buddyName).toBe('敖其尔')
    const file = await c.ok(ST.secretary, 'study', 'exportReport', { villageId: ST.village, quarter: '2026-Q4' })
    const wb = new ExcelJS.Workbook()
    const content = (await (await import('@cloudbase/node-sdk')).default.init({ env: process.env.TCB_ENV }).downloadFile({ fileID: file.fileId })) as { fileContent: Buffer }
    await wb.xlsx.load(content.fileContent as unknown as ArrayBuffer)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['按会议', '按党员', '未补学'])
    expect(wb.getWorksheet('未补学')!.rowCount).toBeGreaterThanOrEqual(3)
    const denied = await c.call('m-baoyin', 'study', 'report', { villageId: ST.village, quarter: '2026-Q4' })
    expect(!denied.ok && denied.error.code).toBe('AUTH.FORBIDDEN')
  })

  it('only the buddy of record relays; only the member acknowledges and writes the 心得; others cannot read the thread', async () => {
    const s = await schedule(c)
    await pair(c, 'm-aodeng', 'm-menghe')
    const other = await c.call('m-siqin', 'study', 'sendRelay', { sessionId: s.id, memberId: 'm-aodeng', kind: 'text', text: '我来传达' })
    expect(!other.ok && other.error.code).toBe('AUTH.FORBIDDEN')
    const organiser = await c.call(ST.secretary, 'study', 'sendRelay', { sessionId: s.id, memberId: 'm-aodeng', kind: 'text', text: '书记传达' })
    expect(!organiser.ok && organiser.error.code).toBe('AUTH.FORBIDDEN')
    await c.ok('m-menghe', 'study', 'sendRelay', { sessionId: s.id, memberId: 'm-aodeng', kind: 'text', text: '今天学了党章' })
    // The buddy marking read touches only a thread of their own (and an in-village member has none).
    const buddyRead = await c.call('m-menghe', 'study', 'markRead', { sessionId: s.id })
    expect(!buddyRead.ok && buddyRead.error.code).toBe('STUDY.NOT_MOBILE')
    const buddyNote = await c.call('m-menghe', 'study', 'writeNote', { sessionId: s.id, text: '替他写' })
    expect(!buddyNote.ok && buddyNote.error.code).toBe('STUDY.NOT_MOBILE')
    // Another mobile member's read is their own thread, never 敖登's.
    await c.ok('m-baoyin', 'study', 'markRead', { sessionId: s.id })
    const t = await c.ok('m-aodeng', 'study', 'getThread', { sessionId: s.id })
    expect(t.readAt).toBeNull()
    const peek = await c.call('m-baoyin', 'study', 'getThread', { sessionId: s.id, memberId: 'm-aodeng' })
    expect(!peek.ok && peek.error.code).toBe('AUTH.FORBIDDEN')
    const orgView = await c.ok(ST.secretary, 'study', 'getThread', { sessionId: s.id, memberId: 'm-aodeng' })
    expect(orgView.items).toHaveLength(1)
  })

  it('pair changes keep the history: the old buddy stops, the new one sees earlier relays with their sender', async () => {
    const s = await schedule(c)
    const first = await pair(c, 'm-haosi', 'm-menghe')
    await c.ok('m-menghe', 'study', 'sendRelay', { sessionId: s.id, memberId: 'm-haosi', kind: 'text', text: '第一次传达' })
    const second = await pair(c, 'm-haosi', 'm-aoqier', 'mobile', at(0.01))
    expect(second.id).not.toBe(first.id)
    const old = await c.call('m-menghe', 'study', 'sendRelay', { sessionId: s.id, memberId: 'm-haosi', kind: 'text', text: '还想传达' })
    expect(!old.ok && old.error.code).toBe('AUTH.FORBIDDEN')
    await c.ok('m-aoqier', 'study', 'sendRelay', { sessionId: s.id, memberId: 'm-haosi', kind: 'text', text: '第二次传达' }, { now: at(0.02) })
    const t = await c.ok('m-aoqier', 'study', 'getThread', { sessionId: s.id, memberId: 'm-haosi' })
    expect(t.items.map((i: any) => [i.text, i.byName])).toEqual([['第一次传达', '孟和'], ['第二次传达', '敖其尔']])
    // The old buddy can still read what they sent.
    expect((await c.ok('m-menghe', 'study', 'getThread', { sessionId: s.id, memberId: 'm-haosi' })).canRelay).toBe(false)
    const hist = await c.ok(ST.staff, 'study', 'listPairs', { villageId: ST.village, includeEnded: true })
    const ended = hist.pairs.find((p: any) => p.id === first.id)
    expect(ended.active).toBe(false)
    expect(ended.endReason).toBe('改为与敖其尔结对')
    expect(hist.pairs.filter((p: any) => p.memberId === 'm-haosi' && p.active)).toHaveLength(1)
  })
})

describe('pairs', () => {
  const xlsx = async (rows: string[][]) => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('结对')
    for (const r of rows) ws.addRow(r)
    const fileId = await c.local.upload(`uploads/${uid()}.xlsx`, Buffer.from(await wb.xlsx.writeBuffer()))
    await c.ok(ST.staff, 'identity', 'registerUpload', { fileId, purpose: 'pair_import' })
    return fileId
  }

  it('xlsx import: errors by row number and nothing written; a clean file pairs every row', async () => {
    const beforeCount = c.dump('study_pairs').length
    const bad = await xlsx([['党员', '结对党员', '类型'], ['敖登', '孟和', '流动'], ['不存在', '孟和', '流动'], ['宝音', '额尔敦', ''], ['敖登', '斯琴', '流动'], ['乌云', '布和', '随便']])
    const r = await c.call(ST.staff, 'study', 'importPairs', { villageId: ST.village, fileId: bad })
    expect(!r.ok && r.error.code).toBe('STUDY.IMPORT_INVALID')
    if (!r.ok) {
      expect(r.error.details.map((d: any) => d.row)).toEqual([3, 4, 5, 6])
      expect(r.error.details[0].message).toContain('不存在')
    }
    expect(c.dump('study_pairs').length).toBe(beforeCount)
    const good = await xlsx([['党员', '结对党员', '类型'], ['敖登', '孟和', '流动'], ['宝音', '孟和', '流动'], ['乌云', '布和', '机关']])
    const requestId = uid()
    const done = await c.ok(ST.staff, 'study', 'importPairs', { villageId: ST.village, fileId: good }, { requestId })
    expect(done.created + done.replaced + done.unchanged).toBe(3)
    const again = await c.ok(ST.staff, 'study', 'importPairs', { villageId: ST.village, fileId: good }, { requestId })
    expect(again).toEqual(done)
    const mine = await c.ok('m-menghe', 'study', 'myPairs', {})
    expect(mine.asBuddy.map((p: any) => p.memberName).sort()).toEqual(['宝音', '敖登'].sort())
  })

  it('pairing the same member from several phones at once leaves exactly one active buddy', async () => {
    const buddies = ['m-menghe', 'm-siqin', 'm-aoqier', 'm-qiqige', 'm-wuyun']
    const results = await Promise.all(buddies.map((b) => c.call(ST.staff, 'study', 'savePair', { memberId: 'm-aodeng', buddyId: b })))
    expect(results.some((r) => r.ok)).toBe(true)
    for (const r of results) if (!r.ok) expect(r.error.code).toBe('SYS.BUSY')
    const active = c.dump('study_pairs').filter((p) => p.memberId === 'm-aodeng' && p.kind === 'mobile' && p.active)
    expect(active).toHaveLength(1)
  })

  it('office pairs log visits by the buddy; others cannot', async () => {
    const p = await pair(c, 'm-wuyun', 'm-buhe', 'office')
    const v = await c.ok('m-buhe', 'study', 'logVisit', { pairId: p.id, day: '2026-11-20', note: '帮助联系农资' })
    expect(v.visits).toBe(1)
    const other = await c.call('m-aoqier', 'study', 'logVisit', { pairId: p.id, day: '2026-11-20', note: '我也来' })
    expect(!other.ok && other.error.code).toBe('AUTH.FORBIDDEN')
    const list = await c.ok('m-wuyun', 'study', 'pairVisits', { pairId: p.id })
    expect(list[0].byName).toBe('布和')
    const wrong = await c.call(ST.staff, 'study', 'savePair', { memberId: 'm-aodeng', buddyId: 'm-baoyin' })
    expect(!wrong.ok && wrong.error.code).toBe('STUDY.NOT_PARTY')
    const villager = await c.call(ST.villager, 'study', 'savePair', { memberId: 'm-aodeng', buddyId: 'm-menghe' })
    expect(!villager.ok && villager.error.code).toBe('AUTH.FORBIDDEN')
  })
})

describe('materials, calendar', () => {
  it('materials: article, pdf, link; search and categories; wrong file type refused', async () => {
    await c.ok(ST.staff, 'study', 'saveMaterial', { villageId: ST.village, title: '乡村振兴促进法', kind: 'article', category: '法律法规', body: '第一条 为了全面实施乡村振兴战略……' })
    const pdf = await c.local.upload(`uploads/${uid()}.pdf`, tinyPdf())
    const m = await c.ok(ST.staff, 'study', 'saveMaterial', { villageId: ST.village, title: '党章（2022年修订）', kind: 'pdf', category: '党章党规', fileId: pdf })
    const notPdf = await c.local.upload(`uploads/${uid()}.pdf`, Buffer.from('hello'))
    const bad = await c.call(ST.staff, 'study', 'saveMaterial', { villageId: ST.village, title: '假PDF', kind: 'pdf', category: '党章党规', fileId: notPdf })
    expect(!bad.ok && bad.error.code).toBe('STUDY.FILE_TYPE')
    const list = await c.ok('m-baoyin', 'study', 'listMaterials', { q: '党章' })
    expect(list.items.map((i: any) => i.title)).toEqual(['党章（2022年修订）'])
    expect(list.categories.sort()).toEqual(['党章党规', '法律法规'].sort())
    const got = await c.ok('m-baoyin', 'study', 'getMaterial', { materialId: m.id })
    expect(got.fileUrl).toBeTruthy()
    const risky = await c.call(ST.staff, 'study', 'saveMaterial', { villageId: ST.village, title: `文章${RISKY_MARKER}`, kind: 'article', category: '其他', body: '正文' })
    expect(!risky.ok && risky.error.code).toBe('CONTENT.RISKY')
    const denied = await c.call('m-baoyin', 'study', 'saveMaterial', { villageId: ST.village, title: '我的', kind: 'article', category: '其他', body: '正文' })
    expect(!denied.ok && denied.error.code).toBe('AUTH.FORBIDDEN')
    // Attached to a session, materials show in its detail.
    const s = await schedule(c, { materialIds: [m.id] })
    expect(s.materials.map((x: any) => x.title)).toEqual(['党章（2022年修订）'])
  })

  it('三会一课 calendar: held / scheduled / missing per branch; the town sees every village', async () => {
    const cal = await c.ok(ST.secretary, 'study', 'calendar', { orgId: ST.branch, month: '2026-11' })
    expect(cal.quarter).toBe('2026-Q4')
    expect(cal.rows).toHaveLength(1)
    const cells = Object.fromEntries(cal.rows[0].cells.map((x: any) => [x.type, x.status]))
    expect(cells.branch_assembly).toBe('held') // the session 3 days ago
    expect(cells.committee_meeting).toBe('missing')
    expect(cells.group_meeting).toBe('scheduled')
    await c.ok(ST.secretary, 'study', 'saveStudySettings', { villageId: ST.village, themeDay: 10 })
    const town = await c.ok(ST.townAdmin, 'study', 'calendar', { orgId: 'town-xa', month: '2026-11' })
    expect(town.rows.map((r: any) => r.villageName).sort()).toEqual(['前进嘎查', '团结村', '幸福社区'].sort())
    expect(town.rows.find((r: any) => r.villageId === 'v-tj').missing).toBe(5)
    expect(town.rows.find((r: any) => r.villageId === ST.village).themeDay).toBe(10)
    const other = await c.call(ST.secretary, 'study', 'calendar', { orgId: 'town-xa', month: '2026-11' })
    expect(!other.ok && other.error.code).toBe('AUTH.FORBIDDEN')
  })
})
