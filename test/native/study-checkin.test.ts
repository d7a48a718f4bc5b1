/**
 * The 云支部 check-in page (study/pages/checkin, a subpackage page) of the REAL weapp build rendered by
 * miniprogram-simulate: the session loads, a typed code is checked locally, then sent once; the server's answer shows.
 */
import { bootPage, textOf, waitFor, type BootedPage, type CloudRequest } from './harness'

const SESSION = {
  id: 'ss_1',
  villageId: 'v1',
  orgId: 'br1',
  orgName: '红星村党支部',
  type: 'party_lecture',
  typeLabel: '党课',
  title: '党课：学习乡村振兴促进法',
  startsAt: '2026-11-24T01:30:00.000Z',
  endsAt: '2026-11-24T03:30:00.000Z',
  place: '村委会',
  hasMeeting: false,
  cancelled: false,
  cancelReason: null,
  changeNote: null,
  phase: 'running',
  expected: 10,
  expectedMe: true,
  mine: null,
  agenda: '',
  meeting: null,
  materials: [],
  audienceKind: 'branch',
  organiser: false,
  mobileMe: false,
  counts: { onsite: 0, remote: 0, remotePending: 0, leave: 0, leavePending: 0 },
  myMobiles: [],
  reminded: false
}

let booted: BootedPage | undefined
afterEach(() => {
  booted?.close()
  booted = undefined
})

function cloud(answers: { checkIn: (req: CloudRequest) => unknown }) {
  return (req: CloudRequest): unknown => {
    if (req.name === 'study' && req.data.action === 'getSession') return { ok: true, data: SESSION }
    if (req.name === 'study' && req.data.action === 'checkIn') return answers.checkIn(req)
    return { ok: false, error: { code: 'ACTION.UNKNOWN', message: `unexpected call ${req.name}.${String(req.data.action)}` } }
  }
}

describe('weapp build: study/pages/checkin/index', () => {
  it('shows the session, refuses a short code locally, then checks in with the typed code', async () => {
    let tries = 0
    booted = bootPage('study/pages/checkin/index', {
      query: { id: 'ss_1' },
      cloud: cloud({
        checkIn: () =>
          ++tries === 1
            ? { ok: false, error: { code: 'STUDY.CODE_INVALID', message: '签到码不对或已过期，请看现场屏幕上的最新签到码' } }
            : { ok: true, data: { kind: 'onsite', status: 'onsite', statusLabel: '现场参加', at: SESSION.startsAt, reason: null, decisionNote: null, proxyByName: null, sessionId: 'ss_1', memberId: 'm1', memberName: '王小锐' } }
      })
    })
    const { page, wx } = booted
    const describe = () => `page text: "${textOf(page)}"`
    const head = await waitFor(() => page.querySelector('.study-checkin-session'), describe)
    expect(textOf(head)).toContain('党课：学习乡村振兴促进法')
    expect(wx.cloud.callFunction).toHaveBeenCalledWith({ name: 'study', data: { action: 'getSession', data: { sessionId: 'ss_1' } } })

    const input = page.querySelector('.study-code-input')
    const submit = page.querySelector('.study-submit-code')
    expect(input && submit).toBeTruthy()
    input?.dispatchEvent('input', { detail: { value: '12' } })
    await new Promise((r) => setTimeout(r, 20))
    submit?.dispatchEvent('tap')
    const local = await waitFor(() => page.querySelector('.study-checkin-error'), describe)
    expect(textOf(local)).toBe('签到码是6位数字')
    expect(wx.cloud.callFunction.mock.calls.filter(([r]) => r.data.action === 'checkIn')).toHaveLength(0)

    input?.dispatchEvent('input', { detail: { value: '654321' } })
    await new Promise((r) => setTimeout(r, 20))
    submit?.dispatchEvent('tap')
    await waitFor(() => textOf(page.querySelector('.study-checkin-error')).includes('签到码不对'), describe)
    page.querySelector('.study-submit-code')?.dispatchEvent('tap')
    const done = await waitFor(() => page.querySelector('.study-checkin-done'), describe)
    expect(textOf(done)).toBe('签到成功：现场参加')
    const sent = wx.cloud.callFunction.mock.calls.map(([r]) => r).filter((r) => r.data.action === 'checkIn')
    expect(sent).toHaveLength(2)
    expect(sent[0].data.data).toEqual({ sessionId: 'ss_1', code: '654321' })
    // A retry of the same typed code is the same intent: one requestId.
    expect(sent[0].data.requestId).toBeTruthy()
    expect(sent[1].data.requestId).toBe(sent[0].data.requestId)
  })
})
