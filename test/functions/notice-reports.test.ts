/**
 * 居民说事 / 投诉建议 through the real SDK: anonymity (towards villagers only), forward-only status moves by the
 * allowed people, the timeline, rating once, overdue marks from the village setting, reminders and export.
 */
import ExcelJS from 'exceljs'
import { at, NOW, QJ, startTestCloud, uid, type TestCloud } from '../fixtures/cloud'
import { holdBackSlowSdkWarnings } from './mall-setup'

/** Envelopes typed loosely: tests read `.error` after asserting failure. */
let c: Omit<TestCloud, 'call'> & { call(...args: Parameters<TestCloud['call']>): Promise<any> }
holdBackSlowSdkWarnings()
beforeAll(async () => {
  c = await startTestCloud({ rules: false })
})
afterAll(() => c.stop())

const STAFF = 'm-qiqige' // 两委 + 工作人员
const SECRETARY = 'm-bateer'
const REPORTER = QJ.villager // 额尔敦
const NEIGHBOUR = 'm-naren'

async function report(who = REPORTER, extra: Record<string, unknown> = {}, opts: { now?: Date; requestId?: string } = {}) {
  return c.ok(who, 'notice', 'submitReport', { category: 'roads', text: '村东头的路灯坏了三盏，晚上看不见路', place: '村东头桥边', ...extra }, opts)
}

describe('reporting and anonymity', () => {
  it('an anonymous report hides the reporter from other villagers, never from staff', async () => {
    const r = await report(REPORTER, { anonymous: true })
    expect(r).toMatchObject({ state: 'submitted', stateLabel: '已提交', mine: true, reporterLabel: '额尔敦', anonymous: true })
    const neighbour = await c.ok(NEIGHBOUR, 'notice', 'reportDetail', { reportId: r.id })
    expect(neighbour.reporterLabel).toBe('匿名村民')
    expect(neighbour.timeline[0].byName).toBe('匿名村民')
    expect(JSON.stringify(neighbour)).not.toContain('额尔敦')
    const staff = await c.ok(STAFF, 'notice', 'reportDetail', { reportId: r.id })
    expect(staff.reporterLabel).toBe('额尔敦（匿名反映）')
    const board = await c.ok(NEIGHBOUR, 'notice', 'listReports', { scope: 'village' })
    expect(JSON.stringify(board)).not.toContain('额尔敦')
    expect(board.staff).toBe(false)
  })

  it('a named report shows a masked name to other villagers', async () => {
    const r = await report(NEIGHBOUR, { category: 'suggestion', text: '建议在村委会门口装一个健身器材' })
    const seen = await c.ok(REPORTER, 'notice', 'reportDetail', { reportId: r.id })
    expect(seen.reporterLabel).toBe('那*')
    expect(seen.can).toEqual({ assign: false, answer: false, close: false, rate: false })
  })

  it('bad input and other villages', async () => {
    expect((await c.call(REPORTER, 'notice', 'submitReport', { category: 'roads', text: '坏了' })).error.message).toBe('请把事情说清楚，至少5个字')
    expect((await c.call(REPORTER, 'notice', 'submitReport', { category: 'ufo', text: '看见不明飞行物了' })).error.code).toBe('INPUT.INVALID')
    expect((await c.call(REPORTER, 'notice', 'submitReport', { category: 'roads', text: '路灯坏了好几天', photos: Array(7).fill('x') })).error.message).toBe('照片最多6张')
    expect((await c.call(REPORTER, 'notice', 'submitReport', { category: 'roads', text: '违禁测试的内容啊' })).error.code).toBe('CONTENT.RISKY')
    expect((await c.call(null, 'notice', 'submitReport', { category: 'roads', text: '没有绑定的人反映' }, { openid: 'stranger' })).error.code).toBe('AUTH.UNBOUND')
    const r = await report()
    expect((await c.call('m-wangzhiqiang', 'notice', 'reportDetail', { reportId: r.id })).error.code).toBe('AUTH.FORBIDDEN')
    expect((await c.call('m-chenhong', 'notice', 'assignReport', { reportId: r.id, assigneeId: 'm-gaowa' })).error.code).toBe('AUTH.FORBIDDEN')
    expect((await c.call(STAFF, 'notice', 'reportDetail', { reportId: 'r_nope' })).error.code).toBe('REPORT.NOT_FOUND')
  })

  it('a retried submit (same requestId, at once) makes one report', async () => {
    const requestId = uid()
    const rs = await Promise.all(Array.from({ length: 5 }, () => c.call(REPORTER, 'notice', 'submitReport', { category: 'other', text: '重复提交的一条反映' }, { requestId })))
    expect(rs.every((r) => r.ok)).toBe(true)
    expect(c.dump('reports').filter((r) => r.text === '重复提交的一条反映')).toHaveLength(1)
  })
})

describe('handling: forward only, by the allowed people', () => {
  it('assign → answer (by the assigned grid worker) → close, with a timeline; rating once by the reporter', async () => {
    const r = await report()
    expect((await c.call(REPORTER, 'notice', 'assignReport', { reportId: r.id, assigneeId: 'm-gaowa' })).error.code).toBe('AUTH.FORBIDDEN')
    expect((await c.call(QJ.gridWorkerEast, 'notice', 'answerReport', { reportId: r.id, answer: '我来看看' })).error.code).toBe('AUTH.FORBIDDEN')
    expect((await c.call(STAFF, 'notice', 'assignReport', { reportId: r.id, assigneeId: 'm-eerdun' })).error.code).toBe('REPORT.BAD_ASSIGNEE')
    expect((await c.call(STAFF, 'notice', 'assignReport', { reportId: r.id, assigneeId: 'm-maxiaoli' })).error.code).toBe('REPORT.BAD_ASSIGNEE')
    const assigned = await c.ok(STAFF, 'notice', 'assignReport', { reportId: r.id, assigneeId: 'm-gaowa', note: '请尽快处理' }, { now: at(0.1) })
    expect(assigned).toMatchObject({ state: 'assigned', assigneeName: '高娃' })
    expect((await c.call(STAFF, 'notice', 'closeReport', { reportId: r.id })).error.code).toBe('REPORT.BAD_STATE')
    expect((await c.call(REPORTER, 'notice', 'rateReport', { reportId: r.id, stars: 5 })).error.code).toBe('REPORT.BAD_STATE')
    const open = await c.ok(QJ.gridWorkerEast, 'notice', 'listReports', { scope: 'open' })
    expect(open.items.map((i: any) => i.id)).toEqual([r.id])
    const answered = await c.ok(QJ.gridWorkerEast, 'notice', 'answerReport', { reportId: r.id, answer: '已联系电工，明天修好' }, { now: at(0.2) })
    expect(answered).toMatchObject({ state: 'answered', answer: '已联系电工，明天修好' })
    // No way back: answering again, assigning again.
    expect((await c.call(STAFF, 'notice', 'answerReport', { reportId: r.id, answer: '再答一次' })).error.code).toBe('REPORT.BAD_STATE')
    expect((await c.call(STAFF, 'notice', 'assignReport', { reportId: r.id, assigneeId: 'm-zhanghai' })).error.code).toBe('REPORT.BAD_STATE')
    expect((await c.call(QJ.gridWorkerEast, 'notice', 'closeReport', { reportId: r.id })).error.code).toBe('AUTH.FORBIDDEN')
    const closed = await c.ok(SECRETARY, 'notice', 'closeReport', { reportId: r.id, note: '已修好' }, { now: at(1) })
    expect(closed.timeline.map((t: any) => [t.state, t.at, t.byName])).toEqual([
      ['submitted', NOW.toISOString(), '额尔敦'],
      ['assigned', at(0.1).toISOString(), '其其格'],
      ['answered', at(0.2).toISOString(), '高娃'],
      ['closed', at(1).toISOString(), '巴特尔']
    ])
    expect((await c.call(STAFF, 'notice', 'closeReport', { reportId: r.id })).error.code).toBe('REPORT.BAD_STATE')
    // The reporter sees each change with times; staff names are masked for villagers.
    const mine = await c.ok(REPORTER, 'notice', 'reportDetail', { reportId: r.id })
    expect(mine.timeline.map((t: any) => t.byName)).toEqual(['额尔敦', '其*格', '高*', '巴*尔'])
    expect(mine.can.rate).toBe(true)
    expect((await c.call(NEIGHBOUR, 'notice', 'rateReport', { reportId: r.id, stars: 1 })).error.code).toBe('REPORT.NOT_REPORTER')
    expect((await c.call(REPORTER, 'notice', 'rateReport', { reportId: r.id, stars: 6 })).error.code).toBe('INPUT.INVALID')
    const rated = await c.ok(REPORTER, 'notice', 'rateReport', { reportId: r.id, stars: 5, comment: '很快' })
    expect(rated.rating).toMatchObject({ stars: 5, comment: '很快' })
    expect((await c.call(REPORTER, 'notice', 'rateReport', { reportId: r.id, stars: 1 })).error.code).toBe('REPORT.ALREADY_RATED')
  })

  it('two staff answering at once: exactly one answer lands', async () => {
    const r = await report()
    const rs = await Promise.all([
      c.call(STAFF, 'notice', 'answerReport', { reportId: r.id, answer: '答复甲' }),
      c.call(SECRETARY, 'notice', 'answerReport', { reportId: r.id, answer: '答复乙' }),
      c.call('m-menghe', 'notice', 'answerReport', { reportId: r.id, answer: '答复丙' })
    ])
    expect(rs.filter((x) => x.ok)).toHaveLength(1)
    expect(rs.filter((x) => !x.ok).every((x) => x.error.code === 'REPORT.BAD_STATE')).toBe(true)
    const doc = c.dump('reports').find((x) => x._id === r.id)
    expect(doc.timeline.filter((t: any) => t.state === 'answered')).toHaveLength(1)
  })

  it('the answer reminds the reporter; a failed reminder does not undo the answer', async () => {
    const r = await report()
    const engine = c.local.emulator.engine as any
    engine.failNth(1, { action: 'wx.api' })
    const a = await c.call(STAFF, 'notice', 'answerReport', { reportId: r.id, answer: '收到，已安排' })
    expect(a.ok).toBe(true)
    engine.clearFaults()
    const r2 = await report()
    await c.ok(STAFF, 'notice', 'answerReport', { reportId: r2.id, answer: '收到，村里马上处理这件事情并给您回复结果' })
    const sent = c.dump('subscribe_sends').filter((s) => s.kind === 'reportAnswered' && s.page.includes(r2.id))
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ memberId: REPORTER, ok: true })
    expect(Array.from(sent[0].data.thing3.value as string).length).toBeLessThanOrEqual(20)
    expect(sent[0].data.phrase2.value).toBe('已答复')
    // The same answer sent three times at once (one requestId): one answer, one message.
    const r3 = await report()
    const requestId = uid()
    const twins = await Promise.all([1, 2, 3].map(() => c.call(STAFF, 'notice', 'answerReport', { reportId: r3.id, answer: '同一个答复' }, { requestId })))
    expect(twins.every((t) => t.ok)).toBe(true)
    const calls = c.local.emulator.engine.openApiCalls().filter((x) => x.api === 'subscribeMessage.send' && (x.data as any).page.includes(r3.id))
    expect(calls).toHaveLength(1)
  })
})

describe('overdue and export', () => {
  it('open items older than the village setting (default 3 days) are overdue; staff see open items oldest first', async () => {
    const old = await report(NEIGHBOUR, { text: '垃圾箱满了没人清' }, { now: at(-4) })
    const fresh = await report(NEIGHBOUR, { text: '水管漏水了需要修' }, { now: at(-1) })
    const open = await c.ok(STAFF, 'notice', 'listReports', { scope: 'open' })
    expect(open.overdueDays).toBe(3)
    const o = open.items.find((i: any) => i.id === old.id)
    const f = open.items.find((i: any) => i.id === fresh.id)
    expect([o.overdue, o.ageDays, f.overdue, f.ageDays]).toEqual([true, 4, false, 1])
    expect(open.items.findIndex((i: any) => i.id === old.id)).toBeLessThan(open.items.findIndex((i: any) => i.id === fresh.id))
    expect((await c.call(REPORTER, 'notice', 'listReports', { scope: 'open' })).ok).toBe(true)
    expect((await c.ok(REPORTER, 'notice', 'listReports', { scope: 'open' })).items).toHaveLength(0)
    expect((await c.call(QJ.shop, 'notice', 'saveReportSettings', { villageId: QJ.village, overdueDays: 5 })).error.code).toBe('AUTH.FORBIDDEN')
    await c.ok(SECRETARY, 'notice', 'saveReportSettings', { villageId: QJ.village, overdueDays: 5 })
    const later = await c.ok(STAFF, 'notice', 'listReports', { scope: 'open' })
    expect(later.items.find((i: any) => i.id === old.id).overdue).toBe(false)
    expect((await c.call(SECRETARY, 'notice', 'saveReportSettings', { villageId: QJ.village, overdueDays: 0 })).error.message).toBe('至少1天')
    await c.ok(SECRETARY, 'notice', 'saveReportSettings', { villageId: QJ.village, overdueDays: 3 })
  })

  it('xlsx export for staff lists every report with the reporter (anonymous marked)', async () => {
    const e = await c.ok(STAFF, 'notice', 'exportReports', { villageId: QJ.village })
    const all = c.dump('reports').filter((r) => r.villageId === QJ.village)
    expect(e.rows).toBe(all.length)
    const file = await c.local.emulator.engine.storageFiles().find((f) => e.fileId.endsWith(f) || f.endsWith(e.fileId.split('/').pop()!))
    expect(file).toBeTruthy()
    const res = await fetch(e.url)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]
    expect(ws.getRow(1).getCell(6).text).toBe('反映人')
    expect(ws.rowCount).toBe(all.length + 1)
    expect((await c.call(REPORTER, 'notice', 'exportReports', { villageId: QJ.village })).error.code).toBe('AUTH.FORBIDDEN')
  })
})
