import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import ReportsPage from '../../src/notice/pages/reports/index'
import ReportNewPage from '../../src/notice/pages/report-new/index'
import ReportDetailPage from '../../src/notice/pages/report-detail/index'
import GroupBoardPage from '../../src/notice/pages/group/index'
import PrivacyPage from '../../src/notice/pages/privacy/index'
import DevSendsPage from '../../src/dev/pages/sends/index'
import { Page } from '../../src/components/page'
import { SharePoints } from '../../src/points/components/share-points'
import { drawPoster, POSTER_SIZE, type PosterCtx } from '../../src/points/poster'
import { onNeedPrivacyAuthorization } from './mocks/taro'
import { agree, installPrivacyHandler } from '../../src/services/privacy'
import type { ReportView } from '../../types/contract'
import { meOutput } from './fixtures/identity'
import { callsTo, fail, mockFunctions, ok, resetAll } from './helpers'
import { getEnterOptionsSync, getGroupEnterInfo, request, requestSubscribeMessage, share, taroMock } from './mocks/taro'

beforeEach(resetAll)

function report(over: Partial<ReportView> = {}): ReportView {
  return {
    id: 'r1',
    villageId: 'v1',
    category: 'roads',
    categoryLabel: '道路交通',
    text: '路灯坏了三盏',
    place: '村东头',
    photos: [],
    reporterLabel: '匿名村民',
    anonymous: true,
    mine: false,
    state: 'submitted',
    stateLabel: '已提交',
    assigneeName: null,
    answer: null,
    timeline: [{ state: 'submitted', stateLabel: '已提交', at: '2026-11-20T02:00:00.000Z', byName: '匿名村民', note: null }],
    rating: null,
    createdAt: '2026-11-20T02:00:00.000Z',
    ageDays: 4,
    overdue: true,
    can: { assign: false, answer: false, close: false, rate: false },
    ...over
  }
}

describe('居民说事', () => {
  it('staff see the 待办理 tab with overdue marks, oldest first, and can export', async () => {
    taroMock.router.params = { tab: 'open' }
    mockFunctions({ 'identity.me': () => ok(meOutput()), 'notice.listReports': () => ok({ items: [report()], overdueDays: 3, staff: true }) })
    render(<ReportsPage />)
    await screen.findByText('超期4天')
    expect(callsTo('notice.listReports')[0].data).toEqual({ scope: 'open' })
    expect(screen.getByText('超过 3 天没有答复的标为超期，最早的排在前面')).toBeTruthy()
    expect(screen.getByText('导出表格')).toBeTruthy()
    // 两委 change the overdue setting here (the fixture person holds committee).
    expect(screen.getByText('先填天数')).toBeTruthy()
    mockFunctions({ 'identity.me': () => ok(meOutput()), 'notice.listReports': () => ok({ items: [report()], overdueDays: 5, staff: true }), 'notice.saveReportSettings': (d: any) => ok({ overdueDays: d.overdueDays }) })
    fireEvent.change(screen.getByPlaceholderText('超期天数（现在3天）'), { target: { value: '5' } })
    fireEvent.click(screen.getByText('改超期天数'))
    await waitFor(() => expect(callsTo('notice.saveReportSettings')[0]?.data).toEqual({ villageId: expect.any(String), overdueDays: 5 }))
    await screen.findByText('超过 5 天没有答复的标为超期，最早的排在前面')
  })

  it('villagers have no 待办理 tab and no export', async () => {
    mockFunctions({ 'identity.me': () => ok(meOutput({ roles: [] })), 'notice.listReports': () => ok({ items: [], overdueDays: 3, staff: false }) })
    render(<ReportsPage />)
    await screen.findByText('您还没有反映过事情')
    expect(screen.queryByText('待办理')).toBeNull()
    expect(screen.queryByText('导出表格')).toBeNull()
  })

  it('sending a report: checks the text, sends anonymity, then offers the answer reminder from a tap', async () => {
    process.env.TARO_ENV = 'weapp'
    requestSubscribeMessage.mockImplementation(() => Promise.resolve({ TPL_REPORT_ANSWER: 'accept', errMsg: 'ok' } as never))
    mockFunctions({ 'notice.submitReport': () => ok(report({ mine: true })) })
    render(<ReportNewPage />)
    fireEvent.click(screen.getByText('提交'))
    expect(screen.getByText('请把事情说清楚，至少5个字')).toBeTruthy()
    fireEvent.click(screen.getByText('道路交通'))
    fireEvent.change(screen.getByPlaceholderText('比如：村东头路灯坏了三盏'), { target: { value: '桥边的护栏松了' } })
    fireEvent.click(screen.getByText('对其他村民匿名'))
    fireEvent.click(screen.getByText('提交'))
    await screen.findByText('答复了微信提醒我')
    expect(callsTo('notice.submitReport')[0].data).toEqual({ category: 'roads', text: '桥边的护栏松了', place: '', photos: [], anonymous: true })
    fireEvent.click(screen.getByText('答复了微信提醒我'))
    await waitFor(() => expect(requestSubscribeMessage).toHaveBeenCalledWith(expect.objectContaining({ tmplIds: ['TPL_REPORT_ANSWER'] })))
    expect(taroMock.storage.get('cunshe.subscribeChoices')).toEqual({ afterReport: 'accept' })
  })

  it('a refused send keeps the message on screen', async () => {
    mockFunctions({ 'notice.submitReport': () => fail('CONTENT.RISKY', '内容含有不适宜的文字，请修改后再提交') })
    render(<ReportNewPage />)
    fireEvent.change(screen.getByPlaceholderText('比如：村东头路灯坏了三盏'), { target: { value: '一些不好的话啊' } })
    fireEvent.click(screen.getByText('提交'))
    await screen.findByText('内容含有不适宜的文字，请修改后再提交')
  })

  it('detail: only the allowed moves are offered; answering sends the text; the reporter rates once answered', async () => {
    taroMock.router.params = { id: 'r1' }
    let current = report({ can: { assign: true, answer: true, close: false, rate: false } })
    mockFunctions({
      'notice.reportDetail': () => ok(current),
      'notice.answerReport': (d: any) => {
        current = report({ state: 'answered', stateLabel: '已答复', answer: d.answer, overdue: false, can: { assign: false, answer: false, close: true, rate: false } })
        return ok(current)
      }
    })
    render(<ReportDetailPage />)
    await screen.findByText('答复')
    expect(screen.getByText('分派')).toBeTruthy()
    expect(screen.queryByText('办结')).toBeNull()
    expect(screen.getByText('已超期（4天未答复）')).toBeTruthy()
    fireEvent.click(screen.getByText('答复'))
    fireEvent.change(screen.getByPlaceholderText('怎么办的、什么时候办好'), { target: { value: '明天修好' } })
    fireEvent.click(screen.getByText('确定'))
    await screen.findByText('办结')
    expect(callsTo('notice.answerReport')[0].data).toEqual({ reportId: 'r1', answer: '明天修好' })
    expect(screen.getByText('明天修好')).toBeTruthy()
    expect(screen.queryByText('分派')).toBeNull()
  })

  it('the reporter rates with stars', async () => {
    taroMock.router.params = { id: 'r1' }
    mockFunctions({
      'notice.reportDetail': () => ok(report({ mine: true, state: 'answered', stateLabel: '已答复', answer: '修好了', can: { assign: false, answer: false, close: false, rate: true } })),
      'notice.rateReport': () => ok(report({ rating: { stars: 4, comment: '', at: '2026-11-24T02:00:00.000Z' } }))
    })
    render(<ReportDetailPage />)
    fireEvent.click(await screen.findByText('评价'))
    fireEvent.click(screen.getByText('4星'))
    fireEvent.click(screen.getByText('确定'))
    await waitFor(() => expect(callsTo('notice.rateReport')[0]?.data).toEqual({ reportId: 'r1', stars: 4, comment: '' }))
  })
})

describe('points in WeChat groups', () => {
  const card = { householdMasked: '额*敦家', villageId: 'v-qj', villageName: '前进嘎查', balance: 120, quarter: '2026-Q4', quarterPoints: 30, rank: 2, qrUrl: null, path: '/notice/pages/group/index?v=v-qj' }

  it('the poster shows only the masked name, balance, quarter points and rank', () => {
    const texts: string[] = []
    const ctx: PosterCtx = { fillStyle: '', font: '', textAlign: '', fillRect: jest.fn(), fillText: (t) => void texts.push(t), drawImage: jest.fn() }
    drawPoster(ctx, card, null)
    expect(texts).toEqual(expect.arrayContaining(['前进嘎查积分榜', '额*敦家', '120', '2026年第四季度得分 30', '全村第 2 名']))
    expect(ctx.drawImage).not.toHaveBeenCalled()
    const noRank: string[] = []
    drawPoster({ ...ctx, fillText: (t) => void noRank.push(t) }, { ...card, rank: null }, { qr: true })
    expect(noRank.some((t) => t.includes('全村第'))).toBe(false)
    expect(POSTER_SIZE.height).toBeGreaterThan(POSTER_SIZE.width)
  })

  it('H5: the share card is a plain link; sharing says it earns nothing', () => {
    process.env.TARO_ENV = 'h5'
    render(<SharePoints card={card} />)
    expect(screen.getByText(/#\/notice\/pages\/group\/index\?v=v-qj$/)).toBeTruthy()
    expect(screen.getByText('分享不加分，积分只来自村里审核通过的好事。')).toBeTruthy()
    expect(screen.getByText(/额\*敦家/)).toBeTruthy()
  })

  it('group board: ranking with my household highlighted, 公示, and the group decoded in WeChat', async () => {
    process.env.TARO_ENV = 'weapp'
    taroMock.router.params = { v: 'v-qj' }
    getEnterOptionsSync.mockImplementation(() => ({ scene: 1044, query: {} }))
    getGroupEnterInfo.mockImplementation(() => Promise.resolve({ cloudID: 'cid-1' }))
    mockFunctions({
      'points.ranking': () => ok({ year: '2026', items: [{ rank: 1, householdMasked: '王*锐家', points: 90, mine: false }, { rank: 2, householdMasked: '额*敦家', points: 80, mine: true }] }),
      'points.publicity': () => ok({ items: [{ claimId: 'c1', householdMasked: '那*家', itemName: '义务植树', quantity: 1, unit: '次', amount: 5, occurredOn: '2026-11-20', endsAt: '2026-11-29T02:00:00.000Z', objections: 0 }] }),
      'notice.groupContext': () => ok({ groupId: 'G1' })
    })
    const { container } = render(<GroupBoardPage />)
    await screen.findByText(/额\*敦家（我家）/)
    expect(container.querySelectorAll('.nt-board-row--mine')).toHaveLength(1)
    await screen.findByText('那*家')
    await screen.findByText('从微信群打开')
    expect(callsTo('notice.groupContext')[0].data).toEqual({ cloudID: 'cid-1' })
    expect(callsTo('points.ranking')[0].data).toMatchObject({ villageId: 'v-qj' })
    expect(share.handler?.()).toEqual({ title: '村里的积分公示和排名', path: '/notice/pages/group/index?v=v-qj' })
  })

  it('group board when the village hides rankings', async () => {
    taroMock.router.params = { v: 'v-qj' }
    mockFunctions({ 'points.ranking': () => fail('RANKING.DISABLED', '本村没有开启排名'), 'points.publicity': () => ok({ items: [] }) })
    render(<GroupBoardPage />)
    await screen.findByText('本村没有公开排名')
    await screen.findByText('现在没有公示中的积分')
  })
})

describe('privacy consent', () => {
  it('first use shows the notice on every page until agreed; agreeing is remembered', async () => {
    taroMock.storage.delete('cunshe.privacyAgreed')
    render(<Page title='任一页面'>内容</Page>)
    expect(screen.getByText('隐私保护提示')).toBeTruthy()
    fireEvent.click(screen.getByText('同意并继续'))
    await waitFor(() => expect(screen.queryByText('隐私保护提示')).toBeNull())
    expect(taroMock.storage.get('cunshe.privacyAgreed')).toBe('1')
  })

  it('WeChat asking for consent reopens the notice; agreeing resolves WeChat’s request', async () => {
    process.env.TARO_ENV = 'weapp'
    installPrivacyHandler()
    const listener = onNeedPrivacyAuthorization.mock.calls.at(-1)![0] as (r: (x: unknown) => void) => void
    const resolve = jest.fn()
    render(<Page>内容</Page>)
    expect(screen.queryByText('隐私保护提示')).toBeNull()
    const { act } = await import('@testing-library/react')
    act(() => listener(resolve))
    expect(screen.getByText('隐私保护提示')).toBeTruthy()
    // The open-type button's bindagreeprivacyauthorization calls agree(); WeChat's request is resolved with its id.
    act(() => agree('privacy-agree'))
    expect(resolve).toHaveBeenCalledWith({ event: 'agree', buttonId: 'privacy-agree' })
    expect(screen.queryByText('隐私保护提示')).toBeNull()
  })

  it('the privacy page lists what is kept and why, without the overlay over it', () => {
    taroMock.storage.delete('cunshe.privacyAgreed')
    render(<PrivacyPage />)
    expect(screen.queryByText('隐私保护提示')).toBeNull()
    expect(screen.getByText('联系电话（村里登记时才有）')).toBeTruthy()
    expect(screen.getByText('谁能看到：本村工作人员；任何公开页面都不显示')).toBeTruthy()
    fireEvent.click(screen.getByText('我已阅读并同意'))
    expect(screen.getByText('您已同意本指引')).toBeTruthy()
  })
})

it('dev: lists what would have reached each person', async () => {
  process.env.TARO_APP_LOCAL = '1'
  request.mockImplementation(() =>
    Promise.resolve({
      statusCode: 200,
      data: [
        { id: 's1', memberId: 'm1', name: '额尔敦', kind: 'noticeNew', title: '新公告提醒', page: 'notice/pages/feed/index?id=n1', values: [{ key: 'thing1', value: '医保缴费' }], ok: true, errcode: null, errmsg: null, at: '2026-11-24T02:00:00.000Z' },
        { id: 's2', memberId: 'm1', name: '额尔敦', kind: 'reportAnswered', title: '反馈处理结果通知', page: 'x', values: [], ok: false, errcode: 43101, errmsg: 'refuse', at: '2026-11-24T03:00:00.000Z' }
      ]
    })
  )
  render(<DevSendsPage />)
  await screen.findByText('额尔敦（2条）')
  expect(screen.getByText('新公告提醒 · 已送达')).toBeTruthy()
  expect(screen.getByText('反馈处理结果通知 · 没有订阅，未送达')).toBeTruthy()
})
