import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import CheckinPage from '../../src/points/pages/checkin/index'
import { parseCheckinPayload } from '../../src/points/shared'
import { callsTo, fail, mockFunctions, ok, resetAll } from './helpers'
import { meOutput } from './fixtures/identity'
import Taro, { showToast } from './mocks/taro'

const scanCode = jest.fn()
;(Taro as unknown as Record<string, unknown>).scanCode = scanCode

beforeEach(() => {
  resetAll()
  scanCode.mockReset()
})

const activities = [
  { id: 'act_1', title: '村口大扫除', place: '村委会', ruleItemName: '人居环境义务劳动', startsAt: '2026-11-24T00:00:00.000Z', endsAt: '2026-11-24T10:00:00.000Z', checkins: 3, open: true },
  { id: 'act_0', title: '上周活动', place: '', ruleItemName: '人居环境义务劳动', startsAt: '2026-11-17T00:00:00.000Z', endsAt: '2026-11-17T10:00:00.000Z', checkins: 30, open: false }
]

function base(extra: Record<string, () => ReturnType<typeof ok>> = {}) {
  mockFunctions({
    'identity.me': () => ok(meOutput({ roles: [] })),
    'points.listActivities': () => ok(activities),
    ...extra
  })
}

describe('parseCheckinPayload', () => {
  it('reads our QR payload and rejects anything else', () => {
    expect(parseCheckinPayload('cunshe:checkin:act_1:123456')).toEqual({ activityId: 'act_1', code: '123456' })
    expect(parseCheckinPayload('  cunshe:checkin:act_9f:000042\n')).toEqual({ activityId: 'act_9f', code: '000042' })
    expect(parseCheckinPayload('cunshe:checkin:act_1:12345')).toBeNull()
    expect(parseCheckinPayload('cunshe:checkin:act_1:1234567')).toBeNull()
    expect(parseCheckinPayload('cunshe:pickup:act_1:123456')).toBeNull()
    expect(parseCheckinPayload('https://example.com/?cunshe:checkin:act_1:123456')).toBeNull()
    expect(parseCheckinPayload('')).toBeNull()
  })
})

describe('扫码签到', () => {
  it('says participation is voluntary and lists only open activities', async () => {
    base()
    const { container } = render(<CheckinPage />)
    await waitFor(() => expect(container.querySelectorAll('.checkin-activity')).toHaveLength(1))
    expect(container.querySelector('.checkin-voluntary')?.textContent).toContain('自愿参加')
    expect(container.querySelector('.checkin-activity')?.textContent).toContain('村口大扫除')
    expect(callsTo('points.listActivities')[0].data).toEqual({ villageId: 'v1' })
  })

  it('checks in from a scanned QR code', async () => {
    scanCode.mockResolvedValue({ result: 'cunshe:checkin:act_1:123456', scanType: 'QR_CODE' })
    base({ 'points.checkin': () => ok({ claimId: 'c_ck_1', state: 'first_review' }) })
    const { container } = render(<CheckinPage />)
    await waitFor(() => expect(container.querySelectorAll('.checkin-activity')).toHaveLength(1))
    fireEvent.click(container.querySelector('.checkin-scan') as HTMLElement)
    await waitFor(() => expect(callsTo('points.checkin')).toHaveLength(1))
    expect(callsTo('points.checkin')[0].data).toEqual({ activityId: 'act_1', code: '123456' })
    await screen.findByText('「村口大扫除」签到成功')
  })

  it('rejects a QR code that is not ours without calling the server', async () => {
    scanCode.mockResolvedValue({ result: 'https://weixin.qq.com/x', scanType: 'QR_CODE' })
    base()
    const { container } = render(<CheckinPage />)
    await waitFor(() => expect(container.querySelectorAll('.checkin-activity')).toHaveLength(1))
    fireEvent.click(container.querySelector('.checkin-scan') as HTMLElement)
    await waitFor(() => expect(container.querySelector('.checkin-error')?.textContent).toBe('这不是村社通的签到二维码'))
    expect(callsTo('points.checkin')).toHaveLength(0)
  })

  it('typed code: must be 6 digits; the server message shows when it is wrong', async () => {
    base({ 'points.checkin': () => fail('CHECKIN.CODE_INVALID', '签到码不对或已过期，请重新扫码') })
    const { container } = render(<CheckinPage />)
    await waitFor(() => expect(container.querySelectorAll('.checkin-activity')).toHaveLength(1))
    fireEvent.change(container.querySelector('.checkin-code-input') as HTMLElement, { target: { value: '12345' } })
    fireEvent.click(container.querySelector('.checkin-submit') as HTMLElement)
    await waitFor(() => expect(container.querySelector('.checkin-error')?.textContent).toBe('签到码是6位数字'))
    expect(callsTo('points.checkin')).toHaveLength(0)
    fireEvent.change(container.querySelector('.checkin-code-input') as HTMLElement, { target: { value: '654321' } })
    fireEvent.click(container.querySelector('.checkin-submit') as HTMLElement)
    await waitFor(() => expect(callsTo('points.checkin')).toHaveLength(1))
    expect(callsTo('points.checkin')[0].data).toEqual({ activityId: 'act_1', code: '654321' })
    await waitFor(() => expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '签到码不对或已过期，请重新扫码' })))
  })
})
