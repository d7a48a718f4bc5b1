/**
 * E2E (H5 build, headless Chromium, local CloudBase): staff publish an announcement → a villager sees it first on
 * 首页 and opens it → staff see the read count and who has not read it; a villager reports a problem → staff answer →
 * the villager rates it; a villager shares 我家积分 → the link lands on the group board with their household
 * highlighted and only masked names.
 */
import { randomUUID } from 'crypto'
import type { Locator, Page } from 'playwright-core'
import type { FunctionRunner } from '../../emulator/function-runner'
import { seedNotice } from '../../emulator/seed/notice'
import { demoOpenid } from '../../emulator/seed/roster'
import { DEMO_RULES } from '../../emulator/seed/rules'
import { currentPeriods } from '../../cloudfunctions/_shared/domain/china-time'
import { open, startE2E, type E2E } from './harness'

const DAY = 86400000
let e: E2E
const consoleErrors: string[] = []

/** Points for the board: two households posted ten days ago, one in 公示 now, then the notice demo data. */
async function seed(runner: FunctionRunner, now: Date) {
  const run = async (who: string, at: Date, fn: string, action: string, data: unknown) => {
    const r = (await runner.invoke(fn, { action, data, requestId: randomUUID().replace(/-/g, '') }, { openid: demoOpenid(who), now: at })) as { ok: boolean; data: any; error?: { code: string } }
    if (!r.ok) throw new Error(`${fn}.${action} as ${who}: ${r.error?.code}`)
    return r.data
  }
  const ago = (d: number) => new Date(now.getTime() - d * DAY)
  const draft = await run('m-qiqige', ago(40), 'points', 'saveDraftRules', { villageId: 'v-qj', title: '积分标准', items: DEMO_RULES })
  await run('m-bateer', ago(39), 'points', 'adoptRules', { ruleSetId: draft.ruleSetId, adoptedOn: currentPeriods(ago(39)).day, adoptedBy: '村民代表大会', note: '' })
  const chain = async (households: string[], qty: number, at: Date) => {
    const { claimIds } = await run('m-gaowa', at, 'points', 'recordClaims', { villageId: 'v-qj', ruleItemId: 'greening', quantity: qty, occurredOn: currentPeriods(at).day, entries: households.map((householdId) => ({ householdId })) })
    for (const claimId of claimIds) {
      await run('m-wuyun', at, 'points', 'review', { claimId, step: 'first', decision: 'approve' })
      await run('m-qiqige', at, 'points', 'review', { claimId, step: 'second', decision: 'approve' })
      await run('m-menghe', at, 'points', 'review', { claimId, step: 'second', decision: 'approve' })
    }
    await run('m-bateer', at, 'points', 'decideAssembly', { villageId: 'v-qj', title: '村民代表大会', meetingDate: currentPeriods(at).day, membersTotal: 40, present: 33, votesFor: 30, votesAgainst: 0, votesAbstain: 1, claimIds })
  }
  await chain(['h-qj-06'], 3, ago(10))
  await chain(['h-qj-07'], 1, ago(10))
  await runner.invoke('scheduler', {}, { timer: true, now: ago(3) })
  await chain(['h-qj-08'], 1, ago(1))
  await seedNotice(runner, now)
}

const visible = (page: Page, selector: string): Locator => page.locator(`${selector}:visible`).first()
const text = async (l: Locator): Promise<string> => ((await l.textContent()) ?? '').replace(/\s+/g, ' ').trim()

async function newPage(): Promise<Page> {
  const page = await e.newPage()
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text())
  })
  page.on('pageerror', (err) => consoleErrors.push(String(err)))
  return page
}

async function signInAs(page: Page, name: string) {
  await page.goto(`${e.url}/#/dev/pages/sign-in/index`)
  await page
    .locator('.sign-in-person:visible')
    .filter({ has: page.locator('.sign-in-person__name', { hasText: new RegExp(`^\\s*${name}\\s*$`) }) })
    .first()
    .click()
  await page.waitForURL(/pages\/me\/index/)
}

async function fill(page: Page, placeholder: string, value: string) {
  const box = page.locator(`input[placeholder="${placeholder}"]:visible, textarea[placeholder="${placeholder}"]:visible`).first()
  await box.fill(value)
}

beforeAll(async () => {
  e = await startE2E({ seed })
}, 420000)

afterAll(async () => {
  await e?.stop()
})

describe('H5: 公告 publish → read → read count', () => {
  const TITLE = '村里周六组织义诊'
  let noticeId = ''

  it('staff publish to the village; the villager sees it first on 首页, opens it, and the count goes up', async () => {
    const staff = await newPage()
    await signInAs(staff, '李秀兰')
    await open(staff, e.url, 'pages/work/index')
    await visible(staff, '.cs-tile--notice-publish').click()
    await visible(staff, '.nt-publish').click()
    await staff.waitForURL(/notice\/pages\/edit\/index/)
    await visible(staff, '.nt-target').waitFor()
    await staff.locator('.nt-target:visible', { hasText: /^\s*前进嘎查\s*$/ }).first().click()
    await visible(staff, '.nt-category--services').click()
    await fill(staff, '2到40个字', TITLE)
    await fill(staff, '第1段', '县医院医生周六上午在村委会免费看病，请带上医保卡。')
    await visible(staff, '.nt-submit').click()
    await staff.waitForURL(/notice\/pages\/detail\/index\?id=/)
    noticeId = new URL(staff.url().replace('#', '')).searchParams.get('id') ?? ''
    expect(noticeId).toMatch(/^n_/)
    const before = await text(visible(staff, '.nt-read-count'))
    const total = Number(/共 (\d+) 人/.exec(before)?.[1])
    // 李秀兰 lives in 前进嘎查: the author counts as having read it.
    expect(before).toContain('已读 1 人')
    expect(total).toBeGreaterThan(20)

    const villager = await newPage()
    await signInAs(villager, '那仁')
    await open(villager, e.url, 'pages/home/index')
    const first = visible(villager, '.home-notice')
    await first.waitFor()
    // Pinned first (the seeded 医保 notice), then unread: the new one is on 首页 too.
    expect(await text(first)).toContain('置顶')
    const mine = villager.locator('.home-notice:visible', { hasText: TITLE }).first()
    expect(await text(mine)).toContain('未读')
    await mine.click()
    await villager.waitForURL(/notice\/pages\/detail\/index/)
    await villager.locator('.nt-read-count:visible', { hasText: `已读 2 人 / 共 ${total} 人` }).first().waitFor()
    // Reading again counts once.
    await villager.reload()
    await villager.locator('.nt-read-count:visible', { hasText: '已读 2 人' }).first().waitFor()
    expect(await villager.locator('.nt-go-stats:visible').count()).toBe(0)

    await staff.reload()
    await staff.locator('.nt-read-count:visible', { hasText: '已读 2 人' }).first().waitFor()
    await visible(staff, '.nt-go-stats').click()
    await staff.waitForURL(/notice\/pages\/stats\/index/)
    await staff.locator('.nt-stats-count:visible', { hasText: `已读 2 人，未读 ${total - 2} 人` }).first().waitFor()
    const unreadNames = await staff.locator('.nt-unread-person:visible .nt-row__title').allTextContents()
    expect(unreadNames.map((s) => s.trim())).not.toContain('那仁')
    expect(unreadNames.map((s) => s.trim())).not.toContain('李秀兰')
    expect(unreadNames.length).toBe(total - 2)
    await staff.close()
    await villager.close()
  })
})

describe('H5: 居民说事 report → answer → rating', () => {
  it('a villager reports anonymously, staff answer, the villager rates it', async () => {
    const villager = await newPage()
    await signInAs(villager, '王桂荣')
    await open(villager, e.url, 'pages/home/index')
    await visible(villager, '.cs-tile--notice-report').click()
    await visible(villager, '.nt-new-report').click()
    await visible(villager, '.nt-rcat--roads').click()
    await fill(villager, '比如：村东头路灯坏了三盏', '村口的减速带掉了一块，晚上骑车危险')
    await fill(villager, '比如：村东头桥边', '村口')
    await visible(villager, '.nt-anonymous').click()
    await visible(villager, '.nt-send-report').click()
    await visible(villager, '.nt-see-report').click()
    await villager.waitForURL(/notice\/pages\/report-detail\/index\?id=/)
    const reportId = new URL(villager.url().replace('#', '')).searchParams.get('id') ?? ''
    await villager.locator('.cs-page__title:visible', { hasText: '已提交' }).first().waitFor()

    const staff = await newPage()
    await signInAs(staff, '其其格')
    await open(staff, e.url, 'pages/work/index')
    await visible(staff, '.cs-tile--notice-reports').click()
    const row = staff.locator('.nt-report:visible', { hasText: '减速带' }).first()
    try {
      await row.waitFor()
    } catch {
      throw new Error(`the report is not on 待办理: ${staff.url()} shows ${(await staff.locator('body').textContent())?.slice(0, 400)}`)
    }
    // Staff see who reported it, anonymous or not.
    expect(await text(row)).toContain('王桂荣（匿名反映）')
    await row.click()
    await visible(staff, '.nt-do-answer').click()
    await fill(staff, '怎么办的、什么时候办好', '已经联系施工队，明天补装。')
    await visible(staff, '.nt-act-confirm').click()
    await staff.locator('.cs-page__title:visible', { hasText: '已答复' }).first().waitFor()

    // Another villager sees it anonymously on the village board.
    const neighbour = await newPage()
    await signInAs(neighbour, '那仁')
    await open(neighbour, e.url, 'notice/pages/reports/index')
    await visible(neighbour, '.nt-tab--village').click()
    const seen = neighbour.locator('.nt-report:visible', { hasText: '减速带' }).first()
    await seen.waitFor()
    expect(await text(seen)).toContain('匿名村民')
    expect(await text(seen)).not.toContain('王桂荣')

    await open(villager, e.url, `notice/pages/report-detail/index?id=${reportId}`)
    await villager.locator('.nt-answer:visible', { hasText: '明天补装' }).first().waitFor()
    const steps = await villager.locator('.nt-step:visible').allTextContents()
    expect(steps).toHaveLength(2)
    expect(steps[1]).toMatch(/已答复.*\d{4}-\d{2}-\d{2} \d{2}:\d{2}/)
    await visible(villager, '.nt-do-rate').click()
    await visible(villager, '.nt-star--5').click()
    await visible(villager, '.nt-act-confirm').click()
    await villager.locator('.nt-rating:visible', { hasText: '★★★★★' }).first().waitFor()
    expect(await villager.locator('.nt-do-rate:visible').count()).toBe(0)
    await staff.close()
    await neighbour.close()
    await villager.close()
  })
})

describe('H5: share card → group board', () => {
  it('我家积分 gives a plain link; it opens the board with my household highlighted and only masked names', async () => {
    const page = await newPage()
    await signInAs(page, '额尔敦')
    await open(page, e.url, 'points/pages/my/index')
    await visible(page, '.points-open-share').click()
    const card = await text(visible(page, '.points-share__card'))
    expect(card).toContain('额*敦家')
    expect(card).toMatch(/全村第 1 名/)
    const link = await text(visible(page, '.points-share__link'))
    expect(link).toMatch(/#\/notice\/pages\/group\/index\?v=v-qj$/)
    await page.goto(link)
    await page.waitForURL(/notice\/pages\/group\/index/)
    const mine = visible(page, '.nt-mine')
    await mine.waitFor()
    expect(await text(mine)).toContain('额*敦家（我家）')
    await page.locator('.nt-group-publicity:visible', { hasText: '那*家' }).first().waitFor()
    const board = await text(visible(page, '.nt-group'))
    for (const full of ['额尔敦', '王桂荣', '那仁']) expect(board).not.toContain(full)
    expect(board).not.toMatch(/1[3-9]\d{9}/)
    await page.close()
  })
})

it('no console errors on any page', () => {
  expect(consoleErrors).toEqual([])
})
