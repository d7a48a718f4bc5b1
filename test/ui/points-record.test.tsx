import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import RecordPage, { recordFormError } from '../../src/points/pages/record/index'
import RecordedPage from '../../src/points/pages/recorded/index'
import { chinaToday } from '../../src/points/shared'
import type { ClaimView, RuleItemView } from '../../types/contract'
import { callsTo, fail, mockFunctions, ok, resetAll } from './helpers'
import { chooseImage, cloud, navigateTo, previewImage, showToast } from './mocks/taro'

jest.mock('@tarojs/components', () => {
  const actual = jest.requireActual('./mocks/taro-components')
  const { createElement } = jest.requireActual('react')
  return {
    ...actual,
    Picker: ({ children, value }: { children?: unknown; value?: string }) => createElement('div', { className: 'mock-picker', 'data-value': value }, children)
  }
})

beforeEach(resetAll)

function item(over: Partial<RuleItemView> = {}): RuleItemView {
  return {
    id: 'help',
    name: '邻里互助',
    category: 'incentive',
    classes: ['party', 'masses'],
    points: 5,
    unit: '次',
    cap: 20,
    capCycle: 'month',
    evidenceRequired: false,
    activeFrom: null,
    activeTo: null,
    vetoEffect: 'none',
    ...over
  }
}

const scopes = [{ id: 'v1', name: '红星村', kind: 'village', parentId: null, path: [], roles: ['grid_worker'] }]
const rules = {
  current: {
    id: 'rs1',
    villageId: 'v1',
    version: 2,
    status: 'adopted',
    title: '红星村积分标准',
    items: [
      item({ id: 'clean', name: '人居环境义务劳动', category: 'basic', points: 10, evidenceRequired: true, cap: null }),
      item(),
      item({ id: 'waste', name: '婚丧嫁娶大操大办', category: 'veto', points: -10, unit: '起', cap: null })
    ],
    adoptedOn: '2026-01-10',
    adoptedBy: '村民代表大会',
    adoptionNote: null,
    updatedAt: '2026-01-10T00:00:00.000Z'
  },
  draft: null,
  history: []
}
const households = {
  items: [
    { id: 'h1', code: '3-012', name: '王小锐家', address: '三组', villageId: 'v1', villageName: '红星村', gridId: 'g3', gridName: '第三网格', headMemberId: 'm1', memberCount: 2, headName: '王小锐' },
    { id: 'h2', code: '3-013', name: '李大明家', address: '三组', villageId: 'v1', villageName: '红星村', gridId: 'g3', gridName: '第三网格', headMemberId: 'm3', memberCount: 3, headName: '李大明' }
  ],
  total: 2
}

function base(extra: Record<string, (data: unknown) => ReturnType<typeof ok>> = {}) {
  mockFunctions({
    'identity.myScopes': () => ok(scopes),
    'points.getRules': () => ok(rules),
    'identity.listHouseholds': () => ok(households),
    // every upload is registered as the grid worker's (a claim may cite only its recorder's uploads)
    'identity.registerUpload': (data) => ok(data),
    ...extra
  })
}

function errorText(container: HTMLElement): string | undefined {
  return container.querySelector('.record-error')?.textContent ?? undefined
}

function pickItem(name: string) {
  fireEvent.click(screen.getByText(name))
}

function pickHousehold(container: HTMLElement, index: number) {
  fireEvent.click(container.querySelectorAll('.record-household')[index] as HTMLElement)
}

describe('网格员打分 validation', () => {
  it('groups rule items by category and marks the ones that need a photo', async () => {
    base()
    const { container } = render(<RecordPage />)
    await screen.findByText('邻里互助')
    expect(container.querySelectorAll('.record-item-option')).toHaveLength(3)
    expect(container.querySelector('.record-category--basic')?.textContent).toContain('基础项目')
    expect(container.querySelector('.record-category--basic .record-item-option__photo')?.textContent).toBe('需要照片')
    expect(container.querySelector('.record-category--incentive .record-item-option__photo')).toBeNull()
    expect(container.querySelector('.record-category--veto')?.textContent).toContain('-10 分/起')
    expect(container.querySelector('.mock-picker')?.getAttribute('data-value')).toBe(chinaToday())
  })

  it('refuses to submit without a household', async () => {
    base({ 'points.recordClaims': () => ok({ claimIds: ['c1'], batchId: 'b1' }) })
    const { container } = render(<RecordPage />)
    await screen.findByText('邻里互助')
    fireEvent.click(container.querySelector('.record-submit') as HTMLElement)
    await waitFor(() => expect(errorText(container)).toBe('请选择积分项目'))
    pickItem('邻里互助')
    fireEvent.click(container.querySelector('.record-submit') as HTMLElement)
    await waitFor(() => expect(errorText(container)).toBe('请至少选择一户'))
    expect(callsTo('points.recordClaims')).toHaveLength(0)
  })

  it('refuses an item that needs a photo when none is uploaded', async () => {
    base({ 'points.recordClaims': () => ok({ claimIds: ['c1'], batchId: 'b1' }) })
    const { container } = render(<RecordPage />)
    await screen.findByText('王小锐')
    pickItem('人居环境义务劳动')
    pickHousehold(container, 0)
    fireEvent.click(container.querySelector('.record-submit') as HTMLElement)
    await waitFor(() => expect(errorText(container)).toBe('这一项需要上传照片作证明'))
    expect(callsTo('points.recordClaims')).toHaveLength(0)
  })

  it('recordFormError checks in a fixed order', () => {
    const f = { item: item({ evidenceRequired: true }), households: ['h1'], photos: [], uploading: false, proxy: false, onBehalfOf: '' }
    expect(recordFormError(f)).toBe('这一项需要上传照片作证明')
    expect(recordFormError({ ...f, uploading: true })).toBe('照片还在上传，请稍等')
    expect(recordFormError({ ...f, photos: ['cloud://a'] })).toBeUndefined()
    expect(recordFormError({ ...f, photos: ['cloud://a'], proxy: true })).toBe('请选择代办的村民')
    expect(recordFormError({ ...f, households: Array.from({ length: 101 }, (_, i) => `h${i}`) })).toBe('一次最多100户')
  })
})

describe('网格员打分 submit', () => {
  it('sends the batch with one requestId across a failed try, a retry and a double tap', async () => {
    let attempts = 0
    base({
      'points.recordClaims': () => {
        attempts += 1
        return attempts === 1 ? fail('SYS.BUSY', '现在办理的人多，请稍后再试') : ok({ claimIds: ['c1', 'c2'], batchId: 'b1' })
      }
    })
    const { container } = render(<RecordPage />)
    await screen.findByText('王小锐')
    pickItem('邻里互助')
    fireEvent.click(container.querySelector('.record-quantity .points-stepper__plus') as HTMLElement)
    fireEvent.change(container.querySelector('.record-note input') as HTMLElement, { target: { value: ' 帮助五保户收玉米 ' } })
    fireEvent.click(container.querySelector('.record-select-all') as HTMLElement)
    expect(container.querySelectorAll('.record-household--on')).toHaveLength(2)
    expect(container.querySelector('.record-summary')?.textContent).toContain('将为 2 户各记「邻里互助」2次，每户 +10 分')

    fireEvent.click(container.querySelector('.record-submit') as HTMLElement)
    await waitFor(() => expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '现在办理的人多，请稍后再试' })))
    // Retry, tapped twice in a row: only one more request goes out.
    fireEvent.click(container.querySelector('.record-submit') as HTMLElement)
    fireEvent.click(container.querySelector('.record-submit') as HTMLElement)
    await screen.findByText('已提交 2 户的积分，等待党小组初审')
    const sent = callsTo('points.recordClaims')
    expect(sent).toHaveLength(2)
    expect(sent[0].requestId).toBeTruthy()
    expect(sent[1].requestId).toBe(sent[0].requestId)
    expect(sent[1].data).toEqual({
      villageId: 'v1',
      ruleItemId: 'help',
      quantity: 2,
      note: '帮助五保户收玉米',
      photos: [],
      occurredOn: chinaToday(),
      entries: [{ householdId: 'h1' }, { householdId: 'h2' }]
    })

    fireEvent.click(container.querySelector('.record-go-recorded') as HTMLElement)
    expect(navigateTo).toHaveBeenCalledWith({ url: '/points/pages/recorded/index' })

    // A new intent after success gets a new requestId.
    fireEvent.click(container.querySelector('.record-again') as HTMLElement)
    await screen.findByText('王小锐')
    pickItem('邻里互助')
    pickHousehold(container, 1)
    fireEvent.click(container.querySelector('.record-submit') as HTMLElement)
    await waitFor(() => expect(callsTo('points.recordClaims')).toHaveLength(3))
    expect(callsTo('points.recordClaims')[2].requestId).not.toBe(sent[0].requestId)
    expect((callsTo('points.recordClaims')[2].data as { entries: unknown }).entries).toEqual([{ householdId: 'h2' }])
  })

  it('uploads the chosen photos and sends their file ids; 代办 sends onBehalfOf', async () => {
    chooseImage.mockResolvedValue({ tempFilePaths: ['wxfile://tmp/a.jpg'], tempFiles: [{ path: 'wxfile://tmp/a.jpg', size: 1000 }] })
    cloud.uploadFile.mockResolvedValue({ fileID: 'cloud://env/points/a.jpg' })
    base({
      'points.recordClaims': () => ok({ claimIds: ['c1'], batchId: 'b1' }),
      'identity.getHousehold': () =>
        ok({
          id: 'h1', code: '3-012', name: '王小锐家', address: '三组', villageId: 'v1', villageName: '红星村', gridId: 'g3', gridName: '第三网格', headMemberId: 'm1',
          members: [
            { id: 'm1', name: '王小锐', gender: 'M', relation: '户主', isHead: true, personClass: 'masses', partyStatus: null, phoneMasked: null, householdId: 'h1', villageId: 'v1', branchId: null, partyGroupId: null, bound: false },
            { id: 'm2', name: '王奶奶', gender: 'F', relation: '母亲', isHead: false, personClass: 'masses', partyStatus: null, phoneMasked: null, householdId: 'h1', villageId: 'v1', branchId: null, partyGroupId: null, bound: false }
          ]
        })
    })
    const { container } = render(<RecordPage />)
    await screen.findByText('王小锐')
    pickItem('人居环境义务劳动')
    pickHousehold(container, 0)
    fireEvent.click(container.querySelector('.points-photo-add') as HTMLElement)
    await waitFor(() => expect(container.querySelector('.points-photo--done .points-photo__status')?.textContent).toBe('已上传'))
    expect(chooseImage).toHaveBeenCalledWith(expect.objectContaining({ count: 9 }))

    fireEvent.click(screen.getByText('是代办'))
    fireEvent.click(container.querySelector('.record-submit') as HTMLElement)
    await waitFor(() => expect(errorText(container)).toBe('请选择代办的村民'))
    fireEvent.click(await screen.findByText('王奶奶'))
    fireEvent.click(container.querySelector('.record-submit') as HTMLElement)
    await waitFor(() => expect(callsTo('points.recordClaims')).toHaveLength(1))
    expect(callsTo('points.recordClaims')[0].data).toEqual(
      expect.objectContaining({ ruleItemId: 'clean', photos: ['cloud://env/points/a.jpg'], entries: [{ householdId: 'h1' }], onBehalfOf: 'm2' })
    )
  })

  it('tells a non-grid-worker they cannot record', async () => {
    mockFunctions({ 'identity.myScopes': () => ok([{ ...scopes[0], roles: ['committee'] }]) })
    render(<RecordPage />)
    await screen.findByText('您不是网格员，不能录入积分')
  })
})

describe('我录入的', () => {
  const returned: ClaimView = {
    id: 'c9', villageId: 'v1', householdId: 'h1', householdCode: '3-012', householdName: '王小锐家', memberName: null,
    item: { id: 'help', name: '邻里互助', category: 'incentive', points: 5, unit: '次' }, ruleVersion: 2, quantity: 3, amount: 15,
    note: '收玉米', photos: ['cloud://env/p/1.jpg'], photoUrls: ['https://tmp.example/p/1.jpg'], source: 'grid_worker', recordedByName: '张网格', occurredOn: '2026-11-20',
    state: 'returned', stateLabel: '已退回，待网格员修改', approvals: [], publicityEndsAt: null, lastReason: '次数不对，应为2次',
    postedAmount: null, createdAt: '2026-11-20T02:00:00.000Z'
  }

  it('shows the reason a claim was sent back and resubmits the corrected claim', async () => {
    mockFunctions({
      'identity.myScopes': () => ok(scopes),
      'points.recordedByMe': () => ok({ items: [returned], total: 1 }),
      'points.resubmitClaim': () => ok({ state: 'first_review' })
    })
    const { container } = render(<RecordedPage />)
    await screen.findByText('原因：次数不对，应为2次')
    // The photo as a thumbnail on the card; a tap opens the viewer.
    const thumb = container.querySelector('.recorded-claim .points-claim__photo') as HTMLElement
    expect(thumb.querySelector('img')?.getAttribute('src')).toBe('https://tmp.example/p/1.jpg')
    fireEvent.click(thumb)
    expect(previewImage).toHaveBeenCalledWith({ urls: ['https://tmp.example/p/1.jpg'], current: 'https://tmp.example/p/1.jpg' })
    fireEvent.click(container.querySelector('.recorded-edit') as HTMLElement)
    fireEvent.click(container.querySelector('.recorded-resubmit__quantity .points-stepper__minus') as HTMLElement)
    fireEvent.click(container.querySelector('.recorded-resubmit__submit') as HTMLElement)
    await waitFor(() => expect(callsTo('points.resubmitClaim')).toHaveLength(1))
    expect(callsTo('points.resubmitClaim')[0].data).toEqual({ claimId: 'c9', quantity: 2, note: '收玉米', photos: ['cloud://env/p/1.jpg'] })

    fireEvent.click(screen.getByText('已退回'))
    await waitFor(() => expect(callsTo('points.recordedByMe').some((c) => (c.data as { state?: string }).state === 'returned')).toBe(true))
  })
})
