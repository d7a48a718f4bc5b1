import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import NoticeFeedPage from '../../src/notice/pages/feed/index'
import NoticeDetailPage from '../../src/notice/pages/detail/index'
import NoticeEditPage from '../../src/notice/pages/edit/index'
import NoticeStatsPage from '../../src/notice/pages/stats/index'
import HomePage from '../../src/pages/home/index'
import type { NoticeDetail, NoticeSummary } from '../../types/contract'
import { meOutput } from './fixtures/identity'
import { callsTo, fail, mockFunctions, ok, resetAll } from './helpers'
import { chooseMessageFile, navigateTo, redirectTo, requestSubscribeMessage, taroMock } from './mocks/taro'

beforeEach(resetAll)

function summary(over: Partial<NoticeSummary> = {}): NoticeSummary {
  return {
    id: 'n1',
    title: '医保开始缴费',
    category: 'policy',
    categoryLabel: '政策解读',
    excerpt: '每人380元',
    orgName: '红星村',
    pinned: false,
    unread: true,
    edited: false,
    expired: false,
    publishedAt: '2026-11-20T02:00:00.000Z',
    ...over
  }
}

function detail(over: Partial<NoticeDetail> = {}): NoticeDetail {
  return {
    ...summary(),
    body: [{ kind: 'text', text: '第一段正文', fileId: null, url: null }],
    attachments: [{ fileId: 'f1', name: '说明.pdf', kind: 'pdf', size: 20480, url: 'http://x/f1' }],
    authorName: '其*格',
    targetOrgId: 'v1',
    audienceLabel: '红星村全体',
    classes: [],
    roles: [],
    pinUntil: null,
    expiresOn: null,
    edits: [],
    readCount: 3,
    addresseeCount: 30,
    canManage: false,
    ...over
  }
}

const villager = () => meOutput({ roles: [] })

describe('通知公告 feed', () => {
  it('shows unread, pinned and edited marks; searching sends the words; villagers see no publish button', async () => {
    mockFunctions({
      'identity.me': () => ok(villager()),
      'notice.feed': (d: any) => ok({ items: d.search ? [] : [summary({ pinned: true, unread: false }), summary({ id: 'n2', title: '招工', edited: true })], unread: 1 })
    })
    render(<NoticeFeedPage />)
    await screen.findByText('医保开始缴费')
    expect(screen.getByText('置顶')).toBeTruthy()
    expect(screen.getAllByText('未读')).toHaveLength(1)
    expect(screen.getByText('已修改')).toBeTruthy()
    expect(screen.queryByText('发布公告')).toBeNull()
    fireEvent.change(screen.getByPlaceholderText('搜索标题或内容'), { target: { value: '秸秆' } })
    fireEvent.click(screen.getByText('搜索'))
    await screen.findByText('没有找到“秸秆”相关的公告')
    expect(callsTo('notice.feed').at(-1)!.data).toMatchObject({ search: '秸秆', managed: false })
    fireEvent.click(screen.getByText('就业'))
    await waitFor(() => expect(callsTo('notice.feed').at(-1)!.data).toMatchObject({ category: 'jobs' }))
  })

  it('staff get 发布公告; the 提醒我 button asks for a subscription once and remembers a refusal', async () => {
    process.env.TARO_ENV = 'weapp'
    requestSubscribeMessage.mockImplementation(() => Promise.resolve({ TPL_NOTICE_NEW: 'reject', errMsg: 'ok' } as never))
    mockFunctions({ 'identity.me': () => ok(meOutput()), 'notice.feed': () => ok({ items: [summary()], unread: 1 }) })
    render(<NoticeFeedPage />)
    await screen.findByText('发布公告')
    fireEvent.click(screen.getByText('有新公告时微信提醒我'))
    await waitFor(() => expect(requestSubscribeMessage).toHaveBeenCalledWith(expect.objectContaining({ tmplIds: ['TPL_NOTICE_NEW'] })))
    await waitFor(() => expect(screen.queryByText('有新公告时微信提醒我')).toBeNull())
    expect(taroMock.storage.get('cunshe.subscribeChoices')).toEqual({ noticeFeed: 'reject' })
  })
})

describe('公告详情', () => {
  it('opening marks it read once and shows the new count; 已修改 opens the history; villagers get no stats', async () => {
    taroMock.router.params = { id: 'n1' }
    mockFunctions({
      'notice.detail': () => ok(detail({ edited: true, edits: [{ at: '2026-11-21T02:00:00.000Z', byName: '巴*尔', summary: '更正日期' }] })),
      'notice.markRead': () => ok({ readCount: 4, first: true })
    })
    render(<NoticeDetailPage />)
    await screen.findByText('第一段正文')
    await screen.findByText('已读 4 人 / 共 30 人')
    expect(callsTo('notice.markRead')).toHaveLength(1)
    expect(callsTo('notice.markRead')[0].requestId).toBeTruthy()
    fireEvent.click(screen.getByText('查看修改记录（1次）'))
    expect(screen.getByText('更正日期')).toBeTruthy()
    expect(screen.getByText(/说明\.pdf/)).toBeTruthy()
    expect(screen.queryByText('谁还没看')).toBeNull()
  })

  it('an already-read announcement is not marked again; staff see 谁还没看 and 修改', async () => {
    taroMock.router.params = { id: 'n1' }
    mockFunctions({ 'notice.detail': () => ok(detail({ unread: false, canManage: true })), 'notice.markRead': () => ok({ readCount: 3, first: false }) })
    render(<NoticeDetailPage />)
    await screen.findByText('谁还没看')
    expect(callsTo('notice.markRead')).toHaveLength(0)
    fireEvent.click(screen.getByText('谁还没看'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/notice/pages/stats/index?id=n1' })
  })

  it('someone it was not sent to sees why', async () => {
    taroMock.router.params = { id: 'n9' }
    mockFunctions({ 'notice.detail': () => fail('NOTICE.NOT_ADDRESSEE', '这条公告不是发给您的') })
    render(<NoticeDetailPage />)
    await screen.findByText('这条公告不是发给您的')
  })
})

describe('发布公告 form', () => {
  const targets = [
    { id: 'v1', name: '红星村', kindLabel: '村/嘎查', depth: 0 },
    { id: 'g1', name: '第三网格', kindLabel: '网格', depth: 1 }
  ]

  it('publishes to the chosen subtree and classes with one requestId, then opens the notice', async () => {
    mockFunctions({ 'notice.targets': () => ok(targets), 'notice.publish': () => ok(detail({ id: 'n7' })) })
    render(<NoticeEditPage />)
    await screen.findByText('第三网格')
    fireEvent.click(screen.getByText('第三网格'))
    fireEvent.click(screen.getByText('流动党员'))
    fireEvent.click(screen.getByText('活动'))
    fireEvent.change(screen.getByPlaceholderText('2到40个字'), { target: { value: '主题党日' } })
    fireEvent.change(screen.getByPlaceholderText('第1段'), { target: { value: '周五下午开会' } })
    fireEvent.change(screen.getByPlaceholderText('年-月-日，如 2026-12-31'), { target: { value: '2026-12-01' } })
    fireEvent.click(screen.getByText('发布'))
    await waitFor(() => expect(redirectTo).toHaveBeenCalledWith({ url: '/notice/pages/detail/index?id=n7' }))
    expect(callsTo('notice.publish')[0].data).toEqual({
      targetOrgId: 'g1',
      classes: ['mobile_party'],
      roles: [],
      category: 'events',
      title: '主题党日',
      body: [{ kind: 'text', text: '周五下午开会' }],
      attachments: [],
      pinUntil: '2026-12-01',
      expiresOn: null
    })
  })

  it('checks the title and body before sending, and keeps the server’s message on screen', async () => {
    mockFunctions({ 'notice.targets': () => ok(targets), 'notice.publish': () => fail('NOTICE.NO_ADDRESSEES', '按这个范围和人员类别，一个收件人也没有，请换个范围') })
    render(<NoticeEditPage />)
    await screen.findByText('红星村')
    fireEvent.click(screen.getByText('发布'))
    expect(screen.getByText('标题至少2个字')).toBeTruthy()
    fireEvent.change(screen.getByPlaceholderText('2到40个字'), { target: { value: '通知' } })
    fireEvent.click(screen.getByText('发布'))
    expect(screen.getByText('请填写公告内容')).toBeTruthy()
    expect(callsTo('notice.publish')).toHaveLength(0)
    fireEvent.change(screen.getByPlaceholderText('第1段'), { target: { value: '内容' } })
    fireEvent.click(screen.getByText('发布'))
    await screen.findByText('按这个范围和人员类别，一个收件人也没有，请换个范围')
  })

  it('refuses a wrong-type or oversized attachment before uploading it', async () => {
    process.env.TARO_ENV = 'weapp'
    mockFunctions({ 'notice.targets': () => ok(targets) })
    chooseMessageFile.mockImplementationOnce(() => Promise.resolve({ tempFiles: [{ name: '安装包.exe', size: 100, path: 'tmp/a.exe' }] }))
    render(<NoticeEditPage />)
    await screen.findByText('红星村')
    fireEvent.click(screen.getByText('添加附件'))
    await screen.findByText(/“安装包\.exe”的类型不能上传/)
    chooseMessageFile.mockImplementationOnce(() => Promise.resolve({ tempFiles: [{ name: '大.pdf', size: 11 * 1024 * 1024, path: 'tmp/b.pdf' }] }))
    fireEvent.click(screen.getByText('添加附件'))
    await screen.findByText(/“大\.pdf”太大了（11\.0MB），PDF最大10MB/)
    expect(taroMock.storage.has('uploaded')).toBe(false)
  })
})

describe('阅读情况 and the home tab', () => {
  it('staff see who has not read and remind them; the button says why when everyone has read', async () => {
    taroMock.router.params = { id: 'n1' }
    let unread = [{ memberId: 'm1', name: '额尔敦', householdName: '额尔敦家（QJ-006）', bound: true }, { memberId: 'm2', name: '周建', householdName: '周玉兰家（QJ-014）', bound: false }]
    mockFunctions({
      'notice.readStats': () => ok({ addresseeCount: 5, readCount: 5 - unread.length, unread, remindedAt: null }),
      'notice.remindUnread': () => {
        unread = []
        return ok({ sent: 1, failed: 0, skipped: 1 })
      }
    })
    render(<NoticeStatsPage />)
    await screen.findByText('已读 3 人，未读 2 人（共 5 人）')
    expect(screen.getByText(/未绑定微信，请当面告知/)).toBeTruthy()
    fireEvent.click(screen.getByText('提醒未读的人'))
    await screen.findByText('大家都看过了，不用提醒')
    expect(callsTo('notice.remindUnread')).toHaveLength(1)
  })

  it('after a reminder the button waits an hour and says until when', async () => {
    taroMock.router.params = { id: 'n1' }
    mockFunctions({ 'notice.readStats': () => ok({ addresseeCount: 5, readCount: 3, unread: [{ memberId: 'm1', name: '额尔敦', householdName: '额尔敦家', bound: true }], remindedAt: new Date().toISOString() }) })
    render(<NoticeStatsPage />)
    await screen.findByText(/一小时内只能提醒一次/)
    expect((screen.getByText('提醒未读的人').closest('button') as HTMLButtonElement).disabled).toBe(true)
  })

  it('the home tab lists pinned and unread items addressed to me first', async () => {
    mockFunctions({
      'identity.me': () => ok(villager()),
      'notice.feed': () => ok({ items: [summary({ id: 'p', title: '置顶的', pinned: true, unread: false }), summary({ id: 'u', title: '没看的' }), summary({ id: 'r', title: '看过的', unread: false })], unread: 1 })
    })
    render(<HomePage />)
    await screen.findByText('通知公告（1条未读）')
    expect(screen.getByText('置顶的')).toBeTruthy()
    expect(screen.getByText('没看的')).toBeTruthy()
    expect(screen.queryByText('看过的')).toBeNull()
    fireEvent.click(screen.getByText('没看的'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/notice/pages/detail/index?id=u' })
  })
})
