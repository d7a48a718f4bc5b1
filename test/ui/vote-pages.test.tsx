import './page-config-global'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { ActivityView, EntryView } from '../../types/contract'
import EntryPage from '../../src/vote/pages/entry/index'
import EntriesPage from '../../src/vote/pages/entries/index'
import SubmitPage from '../../src/vote/pages/submit/index'
import JudgePage from '../../src/vote/pages/judge/index'
import ReviewPage from '../../src/vote/pages/review/index'
import FraudPage from '../../src/vote/pages/fraud/index'
import VillagePage from '../../src/vote/pages/village/index'
import ResultsPage from '../../src/vote/pages/results/index'
import entryConfig from '../../src/vote/pages/entry/index.config'
import { uploadSettings } from '../../src/vote/upload-media'
import { meOutput } from './fixtures/identity'
import { callsTo, fail, mockFunctions, ok, resetAll } from './helpers'
import { chooseMedia, cloud, redirectTo, share, taroMock } from './mocks/taro'

beforeEach(() => {
  resetAll()
  uploadSettings.backoffMs = [0, 0]
})

function activity(over: Partial<ActivityView> = {}): ActivityView {
  return {
    id: 'a1',
    kind: 'showcase',
    title: '双晒活动',
    description: '',
    orgId: 'town',
    orgName: '兴安镇',
    categories: [
      { key: 'town', label: '镇党委书记' },
      { key: 'village', label: '村党支部书记' }
    ],
    electorate: { orgId: 'town', orgName: '兴安镇', partyOnly: false, mode: 'members', representativeIds: [] },
    submitOpens: '2026-10-01T00:00:00.000Z',
    submitCloses: '2026-12-01T00:00:00.000Z',
    voteOpens: '2026-11-01T00:00:00.000Z',
    voteCloses: '2027-06-30T00:00:00.000Z',
    rules: { perDay: 3, perEntryPerDay: 1, cooldownDays: 3, nightPause: null, burstPerMinute: 10 },
    weights: { votes: 30, performance: 40, overall: 30 },
    awards: [{ label: '一等奖', count: 1 }],
    showCounts: true,
    judges: [],
    phase: 'voting',
    phaseLabel: '投票中',
    judgingClosed: false,
    published: false,
    mine: { staff: false, judge: false, secretary: false },
    ...over
  }
}

function entry(over: Partial<EntryView> = {}): EntryView {
  return {
    id: 'e1',
    activityId: 'a1',
    category: 'village',
    categoryLabel: '村党支部书记',
    orgId: 'v1',
    orgName: '前进嘎查',
    ownerName: '巴特尔',
    title: '草原上的党旗',
    parts: { ideas: '思路', results: '成效', highlights: '亮点', service: '办实事' },
    cover: 'cloud://c.jpg',
    coverUrl: 'https://x/c.jpg',
    video: 'cloud://v.mp4',
    videoUrl: 'https://x/v.mp4',
    householdId: null,
    state: 'approved',
    stateLabel: '已通过',
    reviewNote: null,
    votes: 12,
    yes: null,
    no: null,
    mine: false,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...over
  }
}

const status = (over = {}) => ({ eligible: true, reason: null, day: '2026-11-24', perDay: 3, perEntryPerDay: 1, usedToday: 1, remainingToday: 2, byEntry: {}, choices: {}, ...over })

describe('entry page', () => {
  it('plays the video, shows votes and the votes left, votes with one requestId, and shows why a vote was refused', async () => {
    taroMock.router.params = { id: 'e1' }
    let n = 0
    mockFunctions({
      'vote.getEntry': () => ok(entry({ votes: 12 + n })),
      'vote.voteStatus': () => ok(status({ usedToday: 1 + n, remainingToday: 2 - n, byEntry: n ? { e1: 1 } : {} })),
      'vote.vote': () => {
        n++
        return ok({ entryId: 'e1', status: status(), votes: null })
      }
    })
    const { container } = render(<EntryPage />)
    await waitFor(() => expect(container.querySelector('video')?.getAttribute('src')).toBe('https://x/v.mp4'))
    expect(container.textContent).toContain('12 票')
    await waitFor(() => expect(container.textContent).toContain('今天还能投 2 票'))
    expect(container.textContent).toContain('为民服务办实事')
    fireEvent.click(container.querySelector('.vote-button')!)
    await waitFor(() => expect(container.textContent).toContain('13 票'))
    expect(callsTo('vote.vote')).toHaveLength(1)
    expect(callsTo('vote.vote')[0].requestId).toBeTruthy()
    // Voted for this entry today: the button says why it is off.
    await waitFor(() => expect(container.textContent).toContain('今天已经给这个作品投过票了'))
    expect(container.querySelector('.vote-button')?.hasAttribute('disabled')).toBe(true)
  })

  it('keeps the server refusal on screen', async () => {
    taroMock.router.params = { id: 'e1' }
    mockFunctions({
      'vote.getEntry': () => ok(entry()),
      'vote.voteStatus': () => ok(status()),
      'vote.vote': () => fail('VOTE.DAY_LIMIT', '今天的票已经投完了，明天再来')
    })
    const { container } = render(<EntryPage />)
    await waitFor(() => expect(container.querySelector('.vote-button')).not.toBeNull())
    fireEvent.click(container.querySelector('.vote-button')!)
    await waitFor(() => expect(container.querySelector('.vote-refused')?.textContent).toBe('今天的票已经投完了，明天再来'))
  })

  it('a voter outside the rules sees why, and cannot tap', async () => {
    taroMock.router.params = { id: 'e1' }
    mockFunctions({ 'vote.getEntry': () => ok(entry({ votes: null })), 'vote.voteStatus': () => ok(status({ eligible: false, reason: '刚绑定的账号要满3天才能投票' })) })
    const { container } = render(<EntryPage />)
    await waitFor(() => expect(container.textContent).toContain('刚绑定的账号要满3天才能投票'))
    expect(container.textContent).toContain('这次活动不公开票数')
    expect(container.querySelector('.vote-button')?.hasAttribute('disabled')).toBe(true)
  })

  it('shares a card that opens this entry (page config enables sharing)', async () => {
    taroMock.router.params = { id: 'e1' }
    mockFunctions({ 'vote.getEntry': () => ok(entry()), 'vote.voteStatus': () => ok(status()) })
    render(<EntryPage />)
    await screen.findByText('分享到微信群')
    expect((entryConfig as { enableShareAppMessage?: boolean }).enableShareAppMessage).toBe(true)
    const card = share.handler!() as { title: string; path: string }
    expect(card.path).toBe('/vote/pages/entry/index?id=e1&from=share')
    expect(card.title).toContain('草原上的党旗')
  })
})

describe('entries by category', () => {
  it('lists the category with videos and the ranking, and switches category', async () => {
    taroMock.router.params = { id: 'a1' }
    mockFunctions({
      'vote.getActivity': () => ok(activity()),
      'vote.voteStatus': () => ok(status()),
      'vote.listEntries': (d: any) => ok(d.category === 'town' ? [entry({ id: 'e9', title: '兴安镇', category: 'town' })] : [entry(), entry({ id: 'e2', title: '小院经济', votes: 3 })]),
      'vote.ranking': () => ok({ hidden: false, rows: [{ entryId: 'e1', title: 't', orgName: '前进嘎查', ownerName: '巴特尔', votes: 12, rank: 1 }] })
    })
    const { container } = render(<EntriesPage />)
    await waitFor(() => expect(container.querySelectorAll('video')).toHaveLength(1))
    expect(container.textContent).toContain('兴安镇')
    fireEvent.click(screen.getByText('村党支部书记'))
    await waitFor(() => expect(container.querySelectorAll('.vote-entry-card')).toHaveLength(2))
    expect(callsTo('vote.listEntries').map((c) => (c.data as any).category)).toEqual(['town', 'village'])
    expect(container.querySelector('.vote-rank-row')?.textContent).toContain('第1名')
    expect(container.textContent).toContain('今天还能投 2 票')
  })
})

describe('submit an entry', () => {
  it('picks a cover and a video (chooseMedia), shows upload progress, retries a failed upload, then submits', async () => {
    taroMock.router.params = { id: 'a1' }
    mockFunctions({
      'identity.me': () => ok(meOutput({ roles: [{ id: 'g', role: 'secretary', orgId: 'v1', orgName: '前进嘎查', orgKind: 'village' }] })),
      'vote.getActivity': () => ok(activity({ phase: 'submitting', mine: { staff: false, judge: false, secretary: true } })),
      'vote.myEntries': () => ok([]),
      'vote.submitEntry': () => ok(entry({ state: 'pending', stateLabel: '待审核' }))
    })
    chooseMedia.mockImplementation(async (o: any) => ({ tempFiles: [{ tempFilePath: o.mediaType[0] === 'video' ? 'wxfile://tmp/v.mp4' : 'wxfile://tmp/c.jpg', size: 1000, duration: 30 }] }))
    let videoTries = 0
    cloud.uploadFile.mockImplementation((o: any) => {
      const video = o.filePath.endsWith('.mp4')
      if (video) videoTries++
      // The video fails three times (one pick + two automatic retries), then works on “重试”.
      setTimeout(() => (video && videoTries <= 3 ? o.fail(new Error('weak signal')) : o.success({ fileID: `cloud://${o.filePath.split('/').pop()}` })), 0)
      return { onProgressUpdate: (cb: (p: { progress: number }) => void) => cb({ progress: 40 }) }
    })
    const { container } = render(<SubmitPage />)
    await waitFor(() => expect(container.querySelector('.vote-send')).not.toBeNull())
    expect(container.querySelector('.vote-why')?.textContent).toBe('请选择参评类别')
    fireEvent.click(screen.getByText('村党支部书记'))
    fireEvent.input(container.querySelector('.cs-field--title input')!, { target: { value: '草原上的党旗' } })
    for (const k of ['ideas', 'results', 'highlights', 'service']) fireEvent.input(container.querySelector(`.vote-part-${k}`)!, { target: { value: `写了${k}` } })
    await act(async () => {
      fireEvent.click(container.querySelector('.vote-pick-image')!)
    })
    await waitFor(() => expect(container.querySelector('.vote-media--image .vote-media__done')).not.toBeNull())
    await act(async () => {
      fireEvent.click(container.querySelector('.vote-pick-video')!)
    })
    await waitFor(() => expect(container.querySelector('.vote-retry-video')).not.toBeNull())
    expect(container.textContent).toContain('可以点“重试”接着传')
    expect(container.querySelector('.vote-why')?.textContent).toBe('请上传视频')
    await act(async () => {
      fireEvent.click(container.querySelector('.vote-retry-video')!)
    })
    await waitFor(() => expect(container.querySelector('.vote-media--video .vote-media__done')).not.toBeNull())
    expect(chooseMedia.mock.calls[1][0]).toMatchObject({ mediaType: ['video'], sourceType: ['album', 'camera'] })
    expect(container.querySelector('.vote-why')).toBeNull()
    fireEvent.click(container.querySelector('.vote-send')!)
    await waitFor(() => expect(callsTo('vote.submitEntry')).toHaveLength(1))
    expect(callsTo('vote.submitEntry')[0].data).toMatchObject({ activityId: 'a1', orgId: 'v1', category: 'village', cover: 'cloud://c.jpg', video: 'cloud://v.mp4' })
    await waitFor(() => expect(redirectTo).toHaveBeenCalled())
  })

  it('says why when submission is closed', async () => {
    taroMock.router.params = { id: 'a1' }
    mockFunctions({
      'identity.me': () => ok(meOutput({ roles: [{ id: 'g', role: 'secretary', orgId: 'v1', orgName: '前进嘎查', orgKind: 'village' }] })),
      'vote.getActivity': () => ok(activity({ phase: 'voting' })),
      'vote.myEntries': () => ok([])
    })
    const { container } = render(<SubmitPage />)
    await waitFor(() => expect(container.querySelector('.vote-why')?.textContent).toContain('现在不在报名时间内'))
  })
})

describe('staff and judges', () => {
  it('review: rejecting needs a reason; approving calls reviewEntry', async () => {
    taroMock.router.params = { id: 'a1' }
    mockFunctions({ 'vote.reviewQueue': () => ok([entry({ state: 'pending', stateLabel: '待审核' })]), 'vote.reviewEntry': () => ok(entry()) })
    const { container } = render(<ReviewPage />)
    await waitFor(() => expect(container.querySelector('.vote-reject')).not.toBeNull())
    fireEvent.click(container.querySelector('.vote-reject')!)
    expect(container.textContent).toContain('不通过或退回修改时请写明原因')
    expect(callsTo('vote.reviewEntry')).toHaveLength(0)
    fireEvent.click(container.querySelector('.vote-approve')!)
    await waitFor(() => expect(callsTo('vote.reviewEntry')[0]?.data).toEqual({ entryId: 'e1', decision: 'approve', reason: '' }))
  })

  it('judge: own unit cannot be scored (and says why); 0–100 both parts, then saved', async () => {
    taroMock.router.params = { id: 'a1' }
    mockFunctions({
      'vote.getActivity': () => ok(activity({ mine: { staff: false, judge: true, secretary: false } })),
      'vote.judgeQueue': () => ok([{ ...entry({ id: 'own', title: '本单位' }), ownOrg: true, myScore: null }, { ...entry(), ownOrg: false, myScore: null }]),
      'vote.scoreEntry': () => ok({ entryId: 'e1', judgeId: 'j', judgeName: '评委', performance: 90, overall: 85, comment: '', updatedAt: '2026-11-24T00:00:00.000Z' })
    })
    const { container } = render(<JudgePage />)
    await waitFor(() => expect(container.querySelectorAll('.vote-score-card')).toHaveLength(2))
    const [own, other] = Array.from(container.querySelectorAll('.vote-score-card'))
    expect(own.textContent).toContain('本单位的作品，按规定不能打分')
    expect(own.querySelector('.vote-save-score')?.hasAttribute('disabled')).toBe(true)
    fireEvent.input(other.querySelector('.vote-perf')!, { target: { value: '120' } })
    expect(other.textContent).toContain('两项分数都要填，0到100分')
    fireEvent.input(other.querySelector('.vote-perf')!, { target: { value: '90' } })
    fireEvent.input(other.querySelector('.vote-overall')!, { target: { value: '85' } })
    fireEvent.click(other.querySelector('.vote-save-score')!)
    await waitFor(() => expect(callsTo('vote.scoreEntry')[0]?.data).toEqual({ entryId: 'e1', performance: 90, overall: 85, comment: '' }))
  })

  it('results: publishing waits for judging to close; closing asks first', async () => {
    taroMock.router.params = { id: 'a1' }
    mockFunctions({
      'vote.getActivity': () => ok(activity({ phase: 'judging', voteCloses: '2020-01-01T00:00:00.000Z', mine: { staff: true, judge: false, secretary: false } })),
      'vote.results': () => ok({ categories: [{ key: 'village', label: '村党支部书记', topVotes: 12, rows: [{ entryId: 'e1', title: 't', orgName: '前进嘎查', ownerName: '巴特尔', votes: 12, voteScore: 30, performance: null, overall: null, judges: 0, performanceScore: 0, overallScore: 0, total: 30, rank: 1, award: '一等奖' }] }], weights: { votes: 30, performance: 40, overall: 30 }, computedAt: '2026-11-24T00:00:00.000Z', published: false, scoresVisible: false }),
      'vote.closeJudging': () => ok(activity({ judgingClosed: true }))
    })
    const { container } = render(<ResultsPage />)
    await waitFor(() => expect(container.querySelector('.vote-result-row')).not.toBeNull())
    expect(container.textContent).toContain('先结束评委打分，才能公布')
    expect(container.querySelector('.vote-publish')?.hasAttribute('disabled')).toBe(true)
    expect(container.querySelector('.vote-scores-hidden')).not.toBeNull()
    fireEvent.click(container.querySelector('.vote-close-judging')!)
    fireEvent.click(await screen.findByText('确定'))
    await waitFor(() => expect(callsTo('vote.closeJudging')).toHaveLength(1))
  })

  it('anti-fraud: voiding needs a reason and a confirmation', async () => {
    taroMock.router.params = { id: 'a1' }
    mockFunctions({
      'vote.fraudReport': () => ok({ bursts: [{ entryId: 'e1', title: '草原', minute: '2026-11-22 20:15', votes: 8 }], newAccounts: [], limitHitters: [], voters: [{ voterKey: 'm1', name: '马军', votes: 6, riskRank: 4, reasons: ['连续2天投满'], voided: false }] }),
      'vote.voidVoter': () => ok({ voided: 6, reason: '同一设备', at: '2026-11-24T00:00:00.000Z' })
    })
    const { container } = render(<FraudPage />)
    await waitFor(() => expect(container.querySelector('.vote-burst')).not.toBeNull())
    expect(container.textContent).toContain('微信风险高')
    fireEvent.click(container.querySelector('.vote-void')!)
    expect(container.querySelector('.vote-void-confirm')?.hasAttribute('disabled')).toBe(true)
    fireEvent.input(container.querySelector('.vote-void-reason')!, { target: { value: '同一设备连续投满' } })
    fireEvent.click(container.querySelector('.vote-void-confirm')!)
    fireEvent.click(await screen.findByText('确定'))
    await waitFor(() => expect(callsTo('vote.voidVoter')[0]?.data).toEqual({ activityId: 'a1', voterKey: 'm1', reason: '同一设备连续投满' }))
  })
})

describe('village vote', () => {
  it('approve or reject each nominee once; after closing, the counts and the approved list', async () => {
    taroMock.router.params = { id: 'v1' }
    let closed = false
    let choices: Record<string, 'approve' | 'reject'> = {}
    mockFunctions({
      'vote.getActivity': () => ok(activity({ id: 'v1', kind: 'village', title: '移风易俗先进典型户评议', phase: closed ? 'closed' : 'voting', electorate: { orgId: 'v', orgName: '前进嘎查', partyOnly: false, mode: 'household', representativeIds: [] } })),
      'vote.villageResult': () => ok({ closed, voters: 4, nominees: [{ entryId: 'n1', title: '婚事新办', householdId: 'h1', name: '王桂荣家（QJ-007）', yes: 3, no: 1, approved: closed }] }),
      'vote.voteStatus': () => ok(status({ choices })),
      'vote.vote': (d: any) => {
        choices = { n1: d.choice }
        return ok({ entryId: 'n1', status: status({ choices }), votes: null })
      }
    })
    const { container, unmount } = render(<VillagePage />)
    await waitFor(() => expect(container.querySelector('.vote-approve')).not.toBeNull())
    expect(container.textContent).toContain('每户一票')
    fireEvent.click(container.querySelector('.vote-approve')!)
    await waitFor(() => expect(container.textContent).toContain('您已表态：同意'))
    expect(callsTo('vote.vote')[0].data).toEqual({ entryId: 'n1', choice: 'approve' })
    expect(container.querySelector('.vote-reject')?.hasAttribute('disabled')).toBe(true)
    unmount()
    closed = true
    const again = render(<VillagePage />)
    await waitFor(() => expect(again.container.querySelector('.vote-village-result')).not.toBeNull())
    expect(again.container.textContent).toContain('同意 3 · 不同意 1 · 通过')
    expect(again.container.textContent).toContain('通过名单：王桂荣家（QJ-007）')
  })
})
