import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { RelayItemView, SessionDetail, ThreadView } from '../../types/contract'
import SessionPage from '../../src/study/pages/session/index'
import StudyCheckinPage from '../../src/study/pages/checkin/index'
import StudyThreadPage from '../../src/study/pages/thread/index'
import StudyPairsPage from '../../src/study/pages/pairs/index'
import StudyReportPage from '../../src/study/pages/report/index'
import HomePage from '../../src/pages/home/index'
import { parseStudyPayload } from '../../src/study/shared'
import { callsTo, fail, mockFunctions, ok, resetAll } from './helpers'
import { meOutput } from './fixtures/identity'
import Taro, { chooseMessageFile, navigateTo, taroMock } from './mocks/taro'

const extra = Taro as unknown as Record<string, jest.Mock>
const scanCode = (extra.scanCode = jest.fn())
const navigateToMiniProgram = (extra.navigateToMiniProgram = jest.fn(() => Promise.resolve()))
const requestSubscribeMessage = (extra.requestSubscribeMessage = jest.fn())
extra.redirectTo = jest.fn(() => Promise.resolve())
extra.setClipboardData = jest.fn(() => Promise.resolve())
extra.setKeepScreenOn = jest.fn(() => Promise.resolve())

beforeEach(() => {
  resetAll()
  scanCode.mockReset()
  navigateToMiniProgram.mockClear()
  requestSubscribeMessage.mockReset()
})

const T0 = '2026-11-24T01:30:00.000Z'
const T1 = '2026-11-24T03:30:00.000Z'

function detail(over: Partial<SessionDetail> = {}): SessionDetail {
  return {
    id: 'ss_1',
    villageId: 'v1',
    orgId: 'br1',
    orgName: '红星村党支部',
    type: 'branch_assembly',
    typeLabel: '支部党员大会',
    title: '第四季度支部党员大会',
    startsAt: T0,
    endsAt: T1,
    place: '村委会',
    hasMeeting: true,
    cancelled: false,
    cancelReason: null,
    changeNote: null,
    phase: 'running',
    expected: 10,
    expectedMe: true,
    mine: null,
    agenda: '学习文件',
    meeting: { kind: 'tencent', code: '123456789', password: '1234', url: null },
    materials: [],
    audienceKind: 'branch',
    organiser: false,
    mobileMe: true,
    counts: { onsite: 0, remote: 0, remotePending: 0, leave: 0, leavePending: 0 },
    myMobiles: [],
    reminded: false,
    ...over
  }
}

describe('parseStudyPayload', () => {
  it('reads the organiser QR and nothing else', () => {
    expect(parseStudyPayload('cunshe:study:ss_1:123456')).toEqual({ sessionId: 'ss_1', code: '123456' })
    expect(parseStudyPayload('cunshe:checkin:act_1:123456')).toBeNull()
    expect(parseStudyPayload('cunshe:study:ss_1:12345')).toBeNull()
  })
})

describe('session page', () => {
  it('a mobile member joins the 腾讯会议 from a tap; the remote join is recorded', async () => {
    taroMock.router.params = { id: 'ss_1' }
    mockFunctions({
      'study.getSession': () => ok(detail()),
      'study.joinRemote': () => ok({ attendance: { kind: 'remote', status: 'remote_pending', statusLabel: '远程待确认', at: T0, reason: null, decisionNote: null, proxyByName: null }, meeting: null })
    })
    const { container } = render(<SessionPage />)
    await screen.findByText('加入线上会议（远程参加）')
    fireEvent.click(container.querySelector('.study-join-remote') as HTMLElement)
    expect(navigateToMiniProgram).toHaveBeenCalledWith({ appId: 'wx33fd6cdc62520063', path: 'pages/index/index?code=123456789&pwd=1234' })
    await waitFor(() => expect(callsTo('study.joinRemote')).toHaveLength(1))
  })

  it('disabled buttons say why; leave needs a reason; a cancelled session shows its reason', async () => {
    taroMock.router.params = { id: 'ss_1' }
    let d = detail({ phase: 'upcoming', mobileMe: false })
    mockFunctions({
      'study.getSession': () => ok(d),
      'study.requestLeave': (data) => {
        d = detail({ phase: 'upcoming', mobileMe: false, mine: { kind: 'leave', status: 'leave_pending', statusLabel: '请假待批', at: T0, reason: (data as { reason: string }).reason, decisionNote: null, proxyByName: null } })
        return ok(d.mine)
      }
    })
    const { container, unmount } = render(<SessionPage />)
    await screen.findByText('会前30分钟才能签到')
    expect(container.querySelector('.study-go-checkin')?.hasAttribute('disabled')).toBe(true)
    expect(screen.getByText('写了原因才能请假')).toBeTruthy()
    fireEvent.input(container.querySelector('.study-leave-reason') as HTMLElement, { target: { value: '家里有事' } })
    fireEvent.click(container.querySelector('.study-request-leave') as HTMLElement)
    await waitFor(() => expect(callsTo('study.requestLeave')[0]?.data).toEqual({ sessionId: 'ss_1', reason: '家里有事' }))
    await screen.findByText('请假待批')
    unmount()
    mockFunctions({ 'study.getSession': () => ok(detail({ cancelled: true, cancelReason: '镇里统一组织', phase: 'cancelled' })) })
    render(<SessionPage />)
    await screen.findByText('这次会议已取消：镇里统一组织')
  })

  it('remind me asks for the subscribe message from the tap, then records it', async () => {
    taroMock.router.params = { id: 'ss_1' }
    requestSubscribeMessage.mockResolvedValue({ 'study-session-reminder': 'accept' })
    mockFunctions({ 'study.getSession': () => ok(detail({ phase: 'upcoming' })), 'study.remindMe': () => ok({ sendAt: T0 }) })
    const { container } = render(<SessionPage />)
    await screen.findByText('会前提醒我')
    fireEvent.click(container.querySelector('.study-remind') as HTMLElement)
    await waitFor(() => expect(callsTo('study.remindMe')).toHaveLength(1))
    expect(requestSubscribeMessage).toHaveBeenCalled()
  })

  it('the buddy confirms their member joined remotely, and opens the relay thread', async () => {
    taroMock.router.params = { id: 'ss_1' }
    let status: 'remote_pending' | 'remote' = 'remote_pending'
    mockFunctions({
      'study.getSession': () => ok(detail({ mobileMe: false, myMobiles: [{ memberId: 'm2', name: '宝音', status, statusLabel: status === 'remote' ? '远程参加' : '远程待确认', items: 0, readAll: false, noted: false }] })),
      'study.confirmRemote': () => {
        status = 'remote'
        return ok({ memberId: 'm2', name: '宝音', mobile: true, status: 'remote', statusLabel: '远程参加', reason: null, proxyByName: null, buddyName: '斯琴', caughtUp: true })
      }
    })
    const { container } = render(<SessionPage />)
    await screen.findByText('传达给 宝音')
    fireEvent.click(container.querySelector('.study-buddy-confirm') as HTMLElement)
    await waitFor(() => expect(callsTo('study.confirmRemote')[0]?.data).toEqual({ sessionId: 'ss_1', memberId: 'm2' }))
    await waitFor(() => expect(container.querySelector('.study-buddy-confirm')).toBeNull())
    fireEvent.click(container.querySelector('.study-relay-target') as HTMLElement)
    expect(navigateTo).toHaveBeenCalledWith({ url: '/study/pages/thread/index?sessionId=ss_1&memberId=m2' })
  })

  it('the organiser confirms a remote attendance and decides a leave', async () => {
    taroMock.router.params = { id: 'ss_1' }
    const rows = [
      { memberId: 'm2', name: '宝音', mobile: true, status: 'remote_pending', statusLabel: '远程待确认', reason: null, proxyByName: null, buddyName: '斯琴', caughtUp: false },
      { memberId: 'm3', name: '布和', mobile: false, status: 'leave_pending', statusLabel: '请假待批', reason: '值班', proxyByName: null, buddyName: null, caughtUp: false }
    ]
    mockFunctions({
      'study.getSession': () => ok(detail({ organiser: true, mobileMe: false, expectedMe: false })),
      'study.attendance': () => ok(rows),
      'study.confirmRemote': () => ok({ ...rows[0], status: 'remote', statusLabel: '远程参加' }),
      'study.decideLeave': () => ok({ ...rows[1], status: 'leave', statusLabel: '请假' })
    })
    const { container } = render(<SessionPage />)
    await screen.findByText('宝音')
    fireEvent.click(container.querySelector('.study-confirm-remote') as HTMLElement)
    await waitFor(() => expect(callsTo('study.confirmRemote')[0]?.data).toEqual({ sessionId: 'ss_1', memberId: 'm2' }))
    await waitFor(() => expect(callsTo('study.attendance').length).toBe(2))
    fireEvent.click(container.querySelector('.study-approve-leave') as HTMLElement)
    await waitFor(() => expect(callsTo('study.decideLeave')[0]?.data).toEqual({ sessionId: 'ss_1', memberId: 'm3', approve: true, note: '' }))
    fireEvent.click(container.querySelector('.study-show-code') as HTMLElement)
    expect(navigateTo).toHaveBeenCalledWith({ url: '/study/pages/code/index?id=ss_1' })
  })
})

describe('check-in page', () => {
  it('typed code: validated locally, sent once with one requestId per code, server errors shown', async () => {
    taroMock.router.params = { id: 'ss_1' }
    let n = 0
    mockFunctions({
      'study.getSession': () => ok(detail()),
      'study.checkIn': () => (++n === 1 ? fail('STUDY.CODE_INVALID', '签到码不对或已过期，请看现场屏幕上的最新签到码') : ok({ kind: 'onsite', status: 'onsite', statusLabel: '现场参加', at: T0, reason: null, decisionNote: null, proxyByName: null, sessionId: 'ss_1', memberId: 'm1', memberName: '王小锐' }))
    })
    const { container } = render(<StudyCheckinPage />)
    await screen.findByText(/第四季度支部党员大会/)
    fireEvent.input(container.querySelector('.study-code-input') as HTMLElement, { target: { value: '123' } })
    fireEvent.click(container.querySelector('.study-submit-code') as HTMLElement)
    await screen.findByText('签到码是6位数字')
    expect(callsTo('study.checkIn')).toHaveLength(0)
    fireEvent.input(container.querySelector('.study-code-input') as HTMLElement, { target: { value: '123456' } })
    fireEvent.click(container.querySelector('.study-submit-code') as HTMLElement)
    await screen.findByText('签到码不对或已过期，请看现场屏幕上的最新签到码')
    fireEvent.click(container.querySelector('.study-submit-code') as HTMLElement)
    await screen.findByText('签到成功：现场参加')
    const calls = callsTo('study.checkIn')
    expect(calls).toHaveLength(2)
    expect(calls[0].requestId).toBe(calls[1].requestId)
  })

  it('a grid worker checks in (代办) a member without a phone, chosen from the list', async () => {
    taroMock.router.params = { id: 'ss_1', proxy: '1' }
    mockFunctions({
      'study.getSession': () => ok(detail()),
      'study.proxyCandidates': () => ok([{ memberId: 'm7', name: '敖其尔', householdName: '敖其尔家（QJ-015）', status: 'absent', statusLabel: '未参加' }]),
      'study.checkIn': () => ok({ kind: 'onsite', status: 'onsite', statusLabel: '现场参加', at: T0, reason: null, decisionNote: null, proxyByName: '张海', sessionId: 'ss_1', memberId: 'm7', memberName: '敖其尔' })
    })
    const { container } = render(<StudyCheckinPage />)
    await screen.findByText(/敖其尔 · 敖其尔家/)
    expect(container.querySelector('.study-scan')).toBeNull()
    fireEvent.input(container.querySelector('.study-code-input') as HTMLElement, { target: { value: '123456' } })
    fireEvent.click(container.querySelector('.study-submit-code') as HTMLElement)
    await screen.findByText('请先选择代办的党员')
    fireEvent.click(container.querySelector('.study-proxy-member') as HTMLElement)
    fireEvent.click(container.querySelector('.study-submit-code') as HTMLElement)
    await screen.findByText('已为敖其尔代办签到：现场参加')
    expect(callsTo('study.checkIn')[0].data).toEqual({ sessionId: 'ss_1', code: '123456', memberId: 'm7' })
  })

  it('scanning a QR of ours checks in; anything else is refused with a message', async () => {
    scanCode.mockResolvedValueOnce({ result: 'https://example.com' }).mockResolvedValueOnce({ result: 'cunshe:study:ss_9:654321' })
    mockFunctions({
      'study.getSession': () => ok(detail({ id: 'ss_9' })),
      'study.checkIn': () => ok({ kind: 'onsite', status: 'onsite', statusLabel: '现场参加', at: T0, reason: null, decisionNote: null, proxyByName: null, sessionId: 'ss_9', memberId: 'm1', memberName: '王小锐' })
    })
    const { container } = render(<StudyCheckinPage />)
    fireEvent.click(container.querySelector('.study-scan') as HTMLElement)
    await screen.findByText('这不是云支部的会议签到码')
    fireEvent.click(container.querySelector('.study-scan') as HTMLElement)
    await screen.findByText('签到成功：现场参加')
    expect(callsTo('study.checkIn')[0].data).toEqual({ sessionId: 'ss_9', code: '654321' })
  })
})

function thread(over: Partial<ThreadView> = {}, items: RelayItemView[] = []): ThreadView {
  return { sessionId: 'ss_1', sessionTitle: '党课', sessionTypeLabel: '党课', startsAt: T0, memberId: 'm1', memberName: '宝音', buddyId: 'm5', buddyName: '斯琴', items, readAt: null, note: null, caughtUp: false, attended: false, canRelay: false, isMember: true, ...over }
}
const item = (over: Partial<RelayItemView> = {}): RelayItemView => ({ id: 'r1', kind: 'text', text: '会上学习了党章', fileId: null, fileUrl: null, durationSec: null, byId: 'm5', byName: '斯琴', at: T0, read: false, ...over })

describe('thread page', () => {
  it('the member opening it marks it read, plays voice, and writes a 心得', async () => {
    taroMock.router.params = { sessionId: 'ss_1' }
    const play = jest.fn()
    extra.createInnerAudioContext = jest.fn(() => ({ play, stop: jest.fn(), src: '' }))
    let read = false
    mockFunctions({
      'study.getThread': () => ok(thread({}, [item({ read }), item({ id: 'r2', kind: 'voice', fileId: 'f', fileUrl: 'https://x/v.mp3', durationSec: 75, read })])),
      'study.markRead': () => {
        read = true
        return ok({ readAt: T1, caughtUp: false })
      },
      'study.writeNote': () => ok({ at: T1, caughtUp: true })
    })
    const { container } = render(<StudyThreadPage />)
    await screen.findByText('会上学习了党章')
    await waitFor(() => expect(callsTo('study.markRead')).toHaveLength(1))
    fireEvent.click(container.querySelector('.study-play') as HTMLElement)
    expect(play).toHaveBeenCalled()
    expect(screen.getByText('▶ 播放语音 1分15秒')).toBeTruthy()
    fireEvent.input(container.querySelector('.study-note-input') as HTMLElement, { target: { value: '学习体会' } })
    fireEvent.click(container.querySelector('.study-submit-note') as HTMLElement)
    await waitFor(() => expect(callsTo('study.writeNote')[0]?.data).toEqual({ sessionId: 'ss_1', text: '学习体会' }))
    expect(container.querySelector('.study-composer')).toBeNull()
  })

  it('the buddy sends text; a too-large photo is refused before uploading', async () => {
    taroMock.router.params = { sessionId: 'ss_1', memberId: 'm1' }
    extra.chooseImage = jest.fn().mockResolvedValue({ tempFiles: [{ path: 'wxfile://big.jpg', size: 6 * 1024 * 1024 }] })
    mockFunctions({
      'study.getThread': () => ok(thread({ canRelay: true, isMember: false })),
      'study.sendRelay': () => ok(item())
    })
    const { container } = render(<StudyThreadPage />)
    await screen.findByText('传达给 宝音')
    expect(callsTo('study.markRead')).toHaveLength(0)
    expect(screen.getByText('写了内容才能发送文字')).toBeTruthy()
    fireEvent.input(container.querySelector('.study-relay-text') as HTMLElement, { target: { value: '今天学了党章' } })
    fireEvent.click(container.querySelector('.study-send-text') as HTMLElement)
    await waitFor(() => expect(callsTo('study.sendRelay')[0]?.data).toMatchObject({ sessionId: 'ss_1', memberId: 'm1', kind: 'text', text: '今天学了党章' }))
    await waitFor(() => expect(container.querySelector('.study-send-photo')?.hasAttribute('disabled')).toBe(false))
    await waitFor(() => expect(callsTo('study.getThread').length).toBe(2))
    fireEvent.click(container.querySelector('.study-send-photo') as HTMLElement)
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '照片太大了，最大5MB' })))
    expect(Taro.cloud.uploadFile).not.toHaveBeenCalled()
  })
})

describe('pairs and report', () => {
  it('xlsx import shows errors by row number', async () => {
    chooseMessageFile.mockResolvedValue({ tempFiles: [{ name: 'pairs.xlsx', size: 100, path: 'wxfile://pairs.xlsx' }] })
    ;(Taro.cloud.uploadFile as jest.Mock).mockResolvedValue({ fileID: 'cloud://pairs.xlsx' })
    mockFunctions({
      'identity.myScopes': () => ok([{ id: 'v1', name: '红星村', kind: 'village', parentId: null, path: [], roles: ['staff'] }]),
      'study.myPairs': () => ok({ asBuddy: [], asMember: [] }),
      'study.listPairs': () => ok({ pairs: [], unpaired: [{ memberId: 'm1', name: '宝音' }], buddies: [{ memberId: 'm5', name: '斯琴', status: '在村党员' }] }),
      'identity.registerUpload': () => ok({ fileId: 'cloud://pairs.xlsx', purpose: 'pair_import' }),
      'study.importPairs': () => fail('STUDY.IMPORT_INVALID', '表格里有2处错误', [{ row: 3, message: '找不到党员“张三”' }, { row: 5, message: '宝音在第2行已经结对了' }])
    })
    const { container } = render(<StudyPairsPage />)
    await screen.findByText(/还有 1 位流动党员没有结对/)
    fireEvent.click(container.querySelector('.study-import-pairs') as HTMLElement)
    await screen.findByText('第3行：找不到党员“张三”')
    expect(screen.getByText('第5行：宝音在第2行已经结对了')).toBeTruthy()
  })

  it('report lists who has not caught up with their buddy, and never ranks', async () => {
    mockFunctions({
      'identity.myScopes': () => ok([{ id: 'v1', name: '红星村', kind: 'village', parentId: null, path: [], roles: ['secretary'] }]),
      'study.report': () =>
        ok({
          villageId: 'v1',
          quarter: '2026-Q4',
          sessions: [{ sessionId: 's1', title: '党课', typeLabel: '党课', startsAt: T0, cancelled: false, expected: 3, onsite: 1, remote: 1, leave: 0, absent: 1, caughtUp: 0 }],
          members: [],
          totals: { sessions: 1, expected: 3, onsite: 1, remote: 1, leave: 0, absent: 1, caughtUp: 0 },
          notCaughtUp: [{ sessionId: 's1', sessionTitle: '党课', memberId: 'm9', name: '浩斯', buddyName: '敖其尔', read: false, noted: false }]
        })
    })
    const { container } = render(<StudyReportPage />)
    await screen.findByText('浩斯')
    expect(container.querySelector('.study-not-caught-up')?.textContent).toContain('结对：敖其尔')
    expect(container.textContent).toContain('不排名')
    expect(container.textContent).not.toMatch(/排行|第1名/)
  })
})

describe('home tab', () => {
  it('shows my upcoming sessions, and nothing when there are none', async () => {
    let sessions = [detail({ phase: 'running', mine: null })]
    mockFunctions({ 'identity.me': () => ok(meOutput({ roles: [] })), 'study.mySessions': () => ok(sessions) })
    const { container, unmount } = render(<HomePage />)
    await screen.findByText('近期学习会议')
    expect(container.querySelector('.home-session')?.textContent).toContain('进行中')
    fireEvent.click(container.querySelector('.home-session') as HTMLElement)
    expect(navigateTo).toHaveBeenCalledWith({ url: '/study/pages/session/index?id=ss_1' })
    unmount()
    sessions = []
    const again = render(<HomePage />)
    await waitFor(() => expect(callsTo('study.mySessions').length).toBeGreaterThan(1))
    expect(again.container.querySelector('.home-sessions')).toBeNull()
  })
})

describe('calendar', () => {
  it('shows held / scheduled / missing per village and lets the 书记 set the 主题党日 day', async () => {
    const StudyCalendarPage = (await import('../../src/study/pages/calendar/index')).default
    const cells = (['branch_assembly', 'committee_meeting', 'group_meeting', 'party_lecture', 'theme_day'] as const).map((type, i) => ({
      type,
      typeLabel: ['支部党员大会', '支委会', '党小组会', '党课', '主题党日'][i],
      cadence: i === 0 || i === 3 ? 'quarter' : 'month',
      period: '2026-11',
      status: (['held', 'missing', 'scheduled', 'held', 'missing'] as const)[i],
      sessions: []
    }))
    mockFunctions({
      'identity.myScopes': () => ok([{ id: 'v1', name: '红星村', kind: 'village', parentId: null, path: [], roles: ['secretary'] }]),
      'study.calendar': () => ok({ month: '2026-11', quarter: '2026-Q4', rows: [{ villageId: 'v1', villageName: '红星村', branchId: 'br1', themeDay: null, cells, missing: 2 }] }),
      'study.saveStudySettings': () => ok({ themeDay: 10 })
    })
    const { container } = render(<StudyCalendarPage />)
    await screen.findByText('红星村（2项未安排）')
    expect(container.querySelectorAll('.study-cell--missing')).toHaveLength(2)
    expect(container.querySelector('.study-cell--held')?.textContent).toContain('本季度：已开')
    fireEvent.input(container.querySelector('.study-theme-day .cs-input') as HTMLElement, { target: { value: '40' } })
    await screen.findByText('请填1到28之间的数字')
    fireEvent.input(container.querySelector('.study-theme-day .cs-input') as HTMLElement, { target: { value: '10' } })
    fireEvent.click(screen.getByText('保存主题党日'))
    await waitFor(() => expect(callsTo('study.saveStudySettings')[0]?.data).toEqual({ villageId: 'v1', themeDay: 10 }))
  })
})

describe('sessions list and materials', () => {
  it('lists upcoming sessions with my status; organisers get 安排会议; past sessions on their tab', async () => {
    const SessionsPage = (await import('../../src/study/pages/sessions/index')).default
    mockFunctions({
      'identity.me': () => ok(meOutput({ roles: [{ id: 'g1', role: 'secretary', orgId: 'v1', orgName: '红星村', orgKind: 'village' }] })),
      'study.listSessions': (data) =>
        ok((data as { when: string }).when === 'past' ? [detail({ id: 'ss_0', title: '上月党课', phase: 'ended' })] : [detail({ mine: { kind: 'leave', status: 'leave', statusLabel: '请假', at: T0, reason: '值班', decisionNote: null, proxyByName: null } })])
    })
    const { container } = render(<SessionsPage />)
    await screen.findByText(/第四季度支部党员大会/)
    expect(container.querySelector('.study-session-row')?.textContent).toContain('请假')
    expect(container.querySelector('.study-new-session')).toBeTruthy()
    expect(container.textContent).toContain('不排名')
    fireEvent.click(screen.getByText('往期会议'))
    await screen.findByText(/上月党课/)
    expect(callsTo('study.listSessions').map((c) => (c.data as { when: string }).when)).toEqual(['upcoming', 'past'])
  })

  it('materials: search and category filter go to the server; a PDF opens in the document viewer', async () => {
    const MaterialsPage = (await import('../../src/study/pages/materials/index')).default
    const pdf = { id: 'mt1', villageId: 'v1', title: '中国共产党章程', kind: 'pdf' as const, category: '党章党规', body: '', fileId: 'cloud://a.pdf', fileUrl: 'https://x/a.pdf', url: null, createdAt: T0 }
    mockFunctions({
      'identity.me': () => ok(meOutput({ roles: [] })),
      'study.listMaterials': () => ok({ items: [pdf], categories: ['党章党规', '法律法规'] }),
      'study.getMaterial': () => ok(pdf)
    })
    const { container, unmount } = render(<MaterialsPage />)
    await screen.findByText('中国共产党章程')
    expect(container.querySelector('.study-add-material')).toBeNull()
    fireEvent.click(screen.getByText('法律法规'))
    await waitFor(() => expect(callsTo('study.listMaterials').some((c) => (c.data as { category: string }).category === '法律法规')).toBe(true))
    unmount()
    taroMock.router.params = { id: 'mt1' }
    ;(Taro.downloadFile as jest.Mock).mockResolvedValue({ tempFilePath: 'wxfile://a.pdf', statusCode: 200 })
    ;(Taro.openDocument as jest.Mock).mockResolvedValue({})
    const detailView = render(<MaterialsPage />)
    await screen.findByText('打开文件')
    fireEvent.click(detailView.container.querySelector('.study-open-pdf') as HTMLElement)
    await waitFor(() => expect(Taro.openDocument).toHaveBeenCalledWith({ filePath: 'wxfile://a.pdf', fileType: 'pdf', showMenu: true }))
  })
})
