/** 云支部 invariants: check-in tokens, 代办, leave vs check-in, cancelled sessions, concurrency, retries, content, uploads, input. */
import { codeFor, slotOf } from '../../cloudfunctions/_shared/domain/checkin-code'
import { RISKY_MARKER } from '../../emulator/wx-openapi'
import { tinyWav } from '../../emulator/seed/study-media'
import { demoScenePng } from '../../emulator/png'
import { NOW, at, startTestCloud, uid, type TestCloud } from '../fixtures/cloud'
import { HOUR, ST, addPartyMembers, currentCode, pair, schedule } from './study-setup'

let c: TestCloud
beforeAll(async () => {
  c = await startTestCloud({ rules: false })
}, 60000)
afterAll(async () => c?.stop())

const attendanceOf = (sessionId: string) => c.dump('study_attendance').filter((a) => a.sessionId === sessionId)
const secretOf = (sessionId: string) => c.dump('study_sessions').find((s) => s._id === sessionId).secret as string

describe('check-in tokens', () => {
  it('works only inside the window: before it opens, after it ends, and not for a wrong or expired code', async () => {
    const s = await schedule(c, { startsAt: at(1).toISOString(), endsAt: new Date(at(1).getTime() + 2 * HOUR).toISOString() })
    const secret = secretOf(s.id)
    const early = await c.call('m-menghe', 'study', 'checkIn', { sessionId: s.id, code: codeFor(secret, slotOf(NOW, 30)) })
    expect(!early.ok && early.error.code).toBe('STUDY.OUTSIDE_WINDOW')
    const screen = await c.call(ST.secretary, 'study', 'sessionCode', { sessionId: s.id })
    expect(!screen.ok && screen.error.code).toBe('STUDY.OUTSIDE_WINDOW')
    // 30 minutes before the start the window opens.
    const opens = new Date(at(1).getTime() - 0.5 * HOUR)
    const okEarly = await c.ok('m-menghe', 'study', 'checkIn', { sessionId: s.id, code: codeFor(secret, slotOf(opens, 30)) }, { now: opens })
    expect(okEarly.status).toBe('onsite')
    const late = new Date(at(1).getTime() + 2 * HOUR + 1000)
    const after = await c.call('m-aoqier', 'study', 'checkIn', { sessionId: s.id, code: codeFor(secret, slotOf(late, 30)) }, { now: late })
    expect(!after.ok && after.error.code).toBe('STUDY.OUTSIDE_WINDOW')
    const mid = new Date(at(1).getTime() + HOUR)
    const wrong = await c.call('m-aoqier', 'study', 'checkIn', { sessionId: s.id, code: '000000' === codeFor(secret, slotOf(mid, 30)) ? '000001' : '000000' }, { now: mid })
    expect(!wrong.ok && wrong.error.code).toBe('STUDY.CODE_INVALID')
    // A photo of the code forwarded two rotations later is useless; the previous slot still works at the boundary.
    const stale = await c.call('m-aoqier', 'study', 'checkIn', { sessionId: s.id, code: codeFor(secret, slotOf(mid, 30) - 2) }, { now: mid })
    expect(!stale.ok && stale.error.code).toBe('STUDY.CODE_INVALID')
    const boundary = await c.ok('m-aoqier', 'study', 'checkIn', { sessionId: s.id, code: codeFor(secret, slotOf(mid, 30) - 1) }, { now: mid })
    expect(boundary.status).toBe('onsite')
  })

  it('a token works once per member: using it again is refused', async () => {
    const s = await schedule(c)
    const code = await currentCode(c, s.id)
    await c.ok('m-menghe', 'study', 'checkIn', { sessionId: s.id, code })
    const again = await c.call('m-menghe', 'study', 'checkIn', { sessionId: s.id, code })
    expect(!again.ok && again.error.code).toBe('STUDY.ALREADY_CHECKED_IN')
    expect(attendanceOf(s.id)).toHaveLength(1)
  })

  it("another branch's token is refused with a clear error; non-attendees of the branch are told they are not expected", async () => {
    const tj = await c.ok('m-wangzhiqiang', 'study', 'scheduleSession', {
      orgId: 'v-tj-br',
      type: 'party_lecture',
      title: '团结村党课',
      startsAt: new Date(NOW.getTime() - HOUR).toISOString(),
      endsAt: new Date(NOW.getTime() + HOUR).toISOString()
    })
    const code = await currentCode(c, tj.id, NOW, 'm-wangzhiqiang')
    const foreign = await c.call('m-menghe', 'study', 'checkIn', { sessionId: tj.id, code })
    expect(!foreign.ok && foreign.error).toMatchObject({ code: 'STUDY.FOREIGN_BRANCH', message: expect.stringContaining('别的支部') })
    const qj = await schedule(c, { audience: { kind: 'list', memberIds: ['m-aodeng'] } })
    const notListed = await c.call('m-menghe', 'study', 'checkIn', { sessionId: qj.id, code: await currentCode(c, qj.id) })
    expect(!notListed.ok && notListed.error.code).toBe('STUDY.NOT_EXPECTED')
    const villager = await c.call(ST.villager, 'study', 'checkIn', { sessionId: qj.id, code: await currentCode(c, qj.id) })
    expect(!villager.ok && villager.error.code).toBe('STUDY.NOT_EXPECTED')
    const unknown = await c.call('m-menghe', 'study', 'checkIn', { sessionId: 'ss_nothing', code: '123456' })
    expect(!unknown.ok && unknown.error.code).toBe('STUDY.CODE_INVALID')
  })

  it('nobody checks in for someone else, except a grid worker for a member without a phone, attributed', async () => {
    const s = await schedule(c)
    const code = await currentCode(c, s.id)
    const peer = await c.call('m-menghe', 'study', 'checkIn', { sessionId: s.id, code, memberId: 'm-aoqier' })
    expect(!peer.ok && peer.error.code).toBe('AUTH.FORBIDDEN')
    const organiser = await c.call(ST.secretary, 'study', 'checkIn', { sessionId: s.id, code, memberId: 'm-aoqier' })
    expect(!organiser.ok && organiser.error.code).toBe('AUTH.FORBIDDEN')
    // 高娃 covers the east grid; 敖其尔 lives in the west grid (张海's).
    const otherGrid = await c.call(ST.gridWorkerEast, 'study', 'checkIn', { sessionId: s.id, code, memberId: 'm-aoqier' })
    expect(!otherGrid.ok && otherGrid.error.code).toBe('AUTH.FORBIDDEN')
    // 孟和 has a phone of his own (east grid).
    const hasPhone = await c.call(ST.gridWorkerEast, 'study', 'checkIn', { sessionId: s.id, code, memberId: 'm-menghe' })
    expect(!hasPhone.ok && hasPhone.error.code).toBe('STUDY.PROXY_NOT_ALLOWED')
    const east = await c.ok(ST.gridWorkerEast, 'study', 'proxyCandidates', { sessionId: s.id })
    expect(east.map((m: any) => m.memberId)).not.toContain('m-aoqier')
    const west = await c.ok(ST.gridWorkerWest, 'study', 'proxyCandidates', { sessionId: s.id })
    expect(west.map((m: any) => m.memberId)).toEqual(expect.arrayContaining(['m-aoqier', 'm-haosi']))
    expect(west.find((m: any) => m.memberId === 'm-aoqier').status).toBe('absent')
    const notGrid = await c.call('m-menghe', 'study', 'proxyCandidates', { sessionId: s.id })
    expect(!notGrid.ok && notGrid.error.code).toBe('AUTH.FORBIDDEN')
    const proxy = await c.ok(ST.gridWorkerWest, 'study', 'checkIn', { sessionId: s.id, code, memberId: 'm-aoqier' })
    expect(proxy).toMatchObject({ memberId: 'm-aoqier', status: 'onsite', proxyByName: '张海' })
    const stored = attendanceOf(s.id).find((a) => a.memberId === 'm-aoqier')
    expect(stored.proxyBy).toBe(ST.gridWorkerWest)
    const rows = await c.ok(ST.secretary, 'study', 'attendance', { sessionId: s.id })
    expect(rows.find((r: any) => r.memberId === 'm-aoqier').proxyByName).toBe('张海')
    expect(attendanceOf(s.id).filter((a) => a.memberId === ST.gridWorkerWest)).toHaveLength(0)
  })

  it('leave and check-in exclude each other, in either order and when racing', async () => {
    const s = await schedule(c)
    const code = await currentCode(c, s.id)
    await c.ok('m-siqin', 'study', 'requestLeave', { sessionId: s.id, reason: '看病' })
    const ci = await c.call('m-siqin', 'study', 'checkIn', { sessionId: s.id, code })
    expect(!ci.ok && ci.error.code).toBe('STUDY.ON_LEAVE')
    await c.ok('m-menghe', 'study', 'checkIn', { sessionId: s.id, code })
    const lv = await c.call('m-menghe', 'study', 'requestLeave', { sessionId: s.id, reason: '临时有事' })
    expect(!lv.ok && lv.error.code).toBe('STUDY.ALREADY_ATTENDED')
    const remote = await c.call('m-baoyin', 'study', 'requestLeave', { sessionId: s.id, reason: '在外地' })
    expect(remote.ok).toBe(true)
    const joined = await c.call('m-baoyin', 'study', 'joinRemote', { sessionId: s.id })
    expect(!joined.ok && joined.error.code).toBe('STUDY.ON_LEAVE')
    const race = await Promise.all([
      c.call('m-aoqier', 'study', 'checkIn', { sessionId: s.id, code }),
      c.call('m-aoqier', 'study', 'requestLeave', { sessionId: s.id, reason: '同时请假' })
    ])
    expect(race.filter((r) => r.ok)).toHaveLength(1)
    expect(attendanceOf(s.id).filter((a) => a.memberId === 'm-aoqier')).toHaveLength(1)
  })

  it('a cancelled session takes no check-ins, leave or remote joins', async () => {
    const s = await schedule(c)
    const code = await currentCode(c, s.id)
    await c.ok(ST.secretary, 'study', 'cancelSession', { sessionId: s.id, reason: '突发情况取消' })
    const ci = await c.call('m-menghe', 'study', 'checkIn', { sessionId: s.id, code })
    expect(!ci.ok && ci.error).toMatchObject({ code: 'STUDY.CANCELLED', message: expect.stringContaining('突发情况取消') })
    const lv = await c.call('m-siqin', 'study', 'requestLeave', { sessionId: s.id, reason: '有事' })
    expect(!lv.ok && lv.error.code).toBe('STUDY.CANCELLED')
    const jr = await c.call('m-baoyin', 'study', 'joinRemote', { sessionId: s.id })
    expect(!jr.ok && jr.error.code).toBe('STUDY.CANCELLED')
    const sc = await c.call(ST.secretary, 'study', 'sessionCode', { sessionId: s.id })
    expect(!sc.ok && sc.error.code).toBe('STUDY.CANCELLED')
    expect(attendanceOf(s.id)).toHaveLength(0)
  })
})

describe('concurrency and retries', () => {
  it('100 members checking in at once are each recorded exactly once (and duplicates of each are refused)', async () => {
    const ids = addPartyMembers(c, 100)
    const s = await schedule(c)
    expect(s.expected).toBe(110)
    const code = await currentCode(c, s.id)
    const results = await Promise.all([
      ...ids.map((m) => c.call(m, 'study', 'checkIn', { sessionId: s.id, code })),
      ...ids.slice(0, 20).map((m) => c.call(m, 'study', 'checkIn', { sessionId: s.id, code }))
    ])
    expect(results.filter((r) => r.ok)).toHaveLength(100)
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error.code === 'STUDY.ALREADY_CHECKED_IN')).toBe(true)
    const rows = attendanceOf(s.id)
    expect(rows).toHaveLength(100)
    expect(new Set(rows.map((r) => r.memberId)).size).toBe(100)
    expect((await c.ok(ST.secretary, 'study', 'sessionCode', { sessionId: s.id })).checkedIn).toBe(100)
  }, 120000)

  it('retries with the same requestId have one effect, even after the code rotated', async () => {
    const s = await schedule(c)
    const code = await currentCode(c, s.id)
    const requestId = uid()
    const first = await Promise.all(Array.from({ length: 5 }, () => c.call('m-menghe', 'study', 'checkIn', { sessionId: s.id, code }, { requestId })))
    expect(first.every((r) => r.ok)).toBe(true)
    const later = await c.call('m-menghe', 'study', 'checkIn', { sessionId: s.id, code }, { requestId, now: at(0.01) })
    expect(later.ok).toBe(true)
    expect(attendanceOf(s.id)).toHaveLength(1)
    // The answer was lost before it was recorded: the retry finds its own record instead of failing on the old code.
    const rid2 = uid()
    await c.ok('m-aoqier', 'study', 'checkIn', { sessionId: s.id, code }, { requestId: rid2 })
    const sdk = (await import('@cloudbase/node-sdk')).default.init({ env: process.env.TCB_ENV })
    for (const r of c.dump('requests').filter((x) => x.action === 'checkIn' && x.openid === 'demo-m-aoqier')) await sdk.database().collection('requests').doc(r._id).remove()
    const replay = await c.call('m-aoqier', 'study', 'checkIn', { sessionId: s.id, code }, { requestId: rid2, now: at(0.02) })
    expect(replay.ok).toBe(true)

    await pair(c, 'm-baoyin', 'm-siqin')
    const rid3 = uid()
    const relays = await Promise.all(Array.from({ length: 4 }, () => c.call('m-siqin', 'study', 'sendRelay', { sessionId: s.id, memberId: 'm-baoyin', kind: 'text', text: '重复发送也只有一条' }, { requestId: rid3 })))
    expect(relays.every((r) => r.ok)).toBe(true)
    expect(c.dump('study_relays').filter((r) => r.sessionId === s.id)).toHaveLength(1)
    const rid4 = uid()
    const notes = await Promise.all(Array.from({ length: 3 }, (_, i) => c.call('m-baoyin', 'study', 'writeNote', { sessionId: s.id, text: '心得一次' }, { requestId: rid4, now: at(i * 0.001) })))
    expect(new Set(notes.map((n) => n.ok && n.data.at)).size).toBe(1)
    const rid5 = uid()
    const scheduled = await Promise.all(Array.from({ length: 3 }, () => c.call(ST.secretary, 'study', 'scheduleSession', { orgId: ST.branch, type: 'party_lecture', title: '重复提交的党课', startsAt: at(5).toISOString(), endsAt: at(5.1).toISOString() }, { requestId: rid5 })))
    expect(scheduled.every((r) => r.ok)).toBe(true)
    expect(c.dump('study_sessions').filter((x) => x.title === '重复提交的党课')).toHaveLength(1)
  })
})

describe('content security and uploads', () => {
  it('free text goes through msgSecCheck: session, leave reason, relay, 心得, visit note', async () => {
    const s = await schedule(c)
    await pair(c, 'm-haosi', 'm-aoqier')
    const office = await pair(c, 'm-wuyun', 'm-buhe', 'office')
    const bad = `内容${RISKY_MARKER}`
    const checks = await Promise.all([
      c.call(ST.secretary, 'study', 'scheduleSession', { orgId: ST.branch, type: 'party_lecture', title: bad, startsAt: at(5).toISOString(), endsAt: at(5.1).toISOString() }),
      c.call('m-siqin', 'study', 'requestLeave', { sessionId: s.id, reason: bad }),
      c.call('m-aoqier', 'study', 'sendRelay', { sessionId: s.id, memberId: 'm-haosi', kind: 'text', text: bad }),
      c.call('m-haosi', 'study', 'writeNote', { sessionId: s.id, text: bad }),
      c.call(ST.secretary, 'study', 'cancelSession', { sessionId: s.id, reason: bad }),
      c.call('m-buhe', 'study', 'logVisit', { pairId: office.id, day: '2026-11-20', note: bad })
    ])
    for (const r of checks) expect(!r.ok && r.error.code).toBe('CONTENT.RISKY')
    expect(attendanceOf(s.id)).toHaveLength(0)
    expect(c.dump('study_relays').filter((r) => r.sessionId === s.id)).toHaveLength(0)
    expect(c.local.emulator.engine.openApiCalls().some((x) => x.api === 'security.msgSecCheck' && String((x.data as any).content).includes(bad))).toBe(true)
  })

  it('uploads are limited in size and type with a clear message', async () => {
    const s = await schedule(c)
    await pair(c, 'm-aodeng', 'm-menghe')
    const send = (kind: string, fileId: string, extra: object = {}) => c.call('m-menghe', 'study', 'sendRelay', { sessionId: s.id, memberId: 'm-aodeng', kind, fileId, ...extra })
    const textAsPhoto = await c.local.upload(`uploads/${uid()}.jpg`, Buffer.from('not really a photo'))
    const r1 = await send('photo', textAsPhoto)
    expect(!r1.ok && r1.error).toMatchObject({ code: 'STUDY.FILE_TYPE', message: expect.stringContaining('JPG') })
    const big = Buffer.alloc(5 * 1024 * 1024 + 10)
    demoScenePng(2).copy(big)
    const r2 = await send('photo', await c.local.upload(`uploads/${uid()}.png`, big))
    expect(!r2.ok && r2.error).toMatchObject({ code: 'STUDY.FILE_TOO_LARGE', message: '照片太大了，最大5MB' })
    const pngAsVoice = await send('voice', await c.local.upload(`uploads/${uid()}.mp3`, demoScenePng(3)), { durationSec: 3 })
    expect(!pngAsVoice.ok && pngAsVoice.error.code).toBe('STUDY.FILE_TYPE')
    const tooLong = await send('voice', await c.local.upload(`uploads/${uid()}.wav`, tinyWav(1)), { durationSec: 601 })
    expect(!tooLong.ok && tooLong.error).toMatchObject({ code: 'INPUT.INVALID', message: '语音最长10分钟' })
    const missing = await send('photo', 'cloud://nothing/here.png')
    expect(!missing.ok && missing.error.code).toBe('NOT_FOUND')
    const fine = await send('voice', await c.local.upload(`uploads/${uid()}.wav`, tinyWav(1)), { durationSec: 1 })
    expect(fine.ok).toBe(true)
    expect(c.dump('study_relays').filter((r) => r.sessionId === s.id)).toHaveLength(1)
  })
})

describe('bad input', () => {
  it('refuses malformed input with clear codes and writes nothing', async () => {
    const before = c.dump('study_sessions').length
    const cases: Array<[string, string, unknown]> = [
      [ST.secretary, 'scheduleSession', { orgId: ST.branch, type: 'dinner', title: 'x', startsAt: NOW.toISOString(), endsAt: at(0.1).toISOString() }],
      [ST.secretary, 'scheduleSession', { orgId: ST.branch, type: 'party_lecture', title: '', startsAt: NOW.toISOString(), endsAt: at(0.1).toISOString() }],
      [ST.secretary, 'scheduleSession', { orgId: ST.branch, type: 'party_lecture', title: '党课', startsAt: at(0.1).toISOString(), endsAt: NOW.toISOString() }],
      [ST.secretary, 'scheduleSession', { orgId: ST.branch, type: 'party_lecture', title: '党课', startsAt: NOW.toISOString(), endsAt: at(3).toISOString() }],
      [ST.secretary, 'scheduleSession', { orgId: ST.branch, type: 'party_lecture', title: '党课', startsAt: NOW.toISOString(), endsAt: at(0.1).toISOString(), meeting: { kind: 'tencent', code: '12ab' } }],
      [ST.secretary, 'scheduleSession', { orgId: 'v-qj', type: 'party_lecture', title: '党课', startsAt: NOW.toISOString(), endsAt: at(0.1).toISOString() }],
      [ST.secretary, 'scheduleSession', { orgId: ST.branch, type: 'party_lecture', title: '党课', startsAt: 'tomorrow', endsAt: at(0.1).toISOString() }],
      ['m-menghe', 'checkIn', { sessionId: 'x', code: '12345' }],
      ['m-menghe', 'checkIn', { sessionId: 'x', code: 123456 }],
      [ST.staff, 'savePair', { memberId: 'm-aodeng', buddyId: 'm-aodeng' }],
      ['m-baoyin', 'requestLeave', { sessionId: 'x', reason: '' }],
      [ST.secretary, 'calendar', { orgId: ST.branch, month: '2026-13' }],
      [ST.secretary, 'report', { villageId: ST.village, quarter: '2026-Q5' }],
      [ST.staff, 'saveMaterial', { villageId: ST.village, title: '链接', kind: 'link', category: '其他', url: 'not a url' }],
      [ST.staff, 'saveMaterial', { villageId: ST.village, title: '空文章', kind: 'article', category: '其他', body: '' }]
    ]
    for (const [who, action, data] of cases) {
      const r = await c.call(who, 'study', action, data)
      expect([action, !r.ok && r.error.code]).toEqual([action, 'INPUT.INVALID'])
      if (!r.ok) expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/)
    }
    const noRequestId = await c.local.runner.invoke('study', { action: 'checkIn', data: { sessionId: 'x', code: '123456' } }, { openid: 'demo-m-menghe', now: NOW })
    expect((noRequestId as any).error.code).toBe('INPUT.INVALID')
    const unbound = await c.call(null, 'study', 'mySessions', {}, { openid: 'stranger' })
    expect(!unbound.ok && unbound.error.code).toBe('AUTH.UNBOUND')
    expect(c.dump('study_sessions').length).toBe(before)
  })
})
