/**
 * E2E: 双晒 in headless Chromium on the H5 build against the local CloudBase with the demo data — staff create an
 * activity, a secretary submits an entry with a cover photo and a video (uploaded with progress), staff approve
 * it, a villager votes (and a shared card lands on the entry), a judge scores, staff close judging and publish, and
 * the published table recomputes identically. Then the village vote: the finished demo vote's result, and a new
 * one a villager approves in the app. The demo clock (gateway /dev/clock) moves through the phases.
 */
import { join } from 'path'
import type { Locator, Page } from 'playwright-core'
import { demoOpenid } from '../../emulator/seed/roster'
import { reconcileVotes } from '../../cloudfunctions/_shared/app/vote/reconcile-votes'
import { seedVote } from '../../emulator/seed/vote'
import { open, startE2E, type E2E } from './harness'

const DAY = 86400000
const MEDIA = join(__dirname, '..', '..', 'emulator', 'seed', 'media')

let e: E2E
let page: Page
let activityId = ''
let entryId = ''

const visible = (p: Page, selector: string): Locator => p.locator(`${selector}:visible`).first()
const text = async (l: Locator): Promise<string> => ((await l.textContent()) ?? '').replace(/\s+/g, ' ').trim()

/** Signs in as the person with exactly this name, in a fresh browser context (a new phone, as it were). */
async function signInAs(_old: Page, name: string) {
  await page?.context().close()
  page = await e.newPage()
  const p = page
  await p.goto(`${e.url}/#/dev/pages/sign-in/index`)
  await p
    .locator('.sign-in-person:visible')
    .filter({ has: p.locator('.sign-in-person__name', { hasText: new RegExp(`^\\s*${name}\\s*$`) }) })
    .first()
    .click()
  await p.waitForURL(/pages\/me\/index/)
}

async function clock(days: number) {
  e.local.gateway!.setClockOffset(Math.round(days * DAY))
}

async function as<T = any>(memberId: string, action: string, data: unknown, now = new Date()): Promise<T> {
  const r = (await e.local.runner.invoke('vote', { action, data, requestId: `e2e${Math.random().toString(36).slice(2)}${Date.now()}` }, { openid: demoOpenid(memberId), now })) as { ok: boolean; data: T; error?: unknown }
  if (!r.ok) throw new Error(`vote.${action}: ${JSON.stringify(r.error)}`)
  return r.data
}

async function upload(p: Page, button: string, file: string, done: string) {
  const [chooser] = await Promise.all([p.waitForEvent('filechooser'), visible(p, button).click()])
  await chooser.setFiles(join(MEDIA, file))
  await visible(p, done).waitFor()
}

beforeAll(async () => {
  // Only the vote demo: the rest of the demo is not needed here.
  e = await startE2E({ seed: seedVote })
}, 420000)

afterAll(async () => {
  await e?.stop()
})

describe('H5: 双晒 — create, submit, review, vote, judge, publish', () => {
  it('staff (赵建国, 兴安镇 admin) create an activity from 工作台', async () => {
    await signInAs(page, '赵建国')
    await open(page, e.url, 'pages/work/index')
    await visible(page, '.cs-tile--vote-manage').click()
    await page.waitForURL(/vote\/pages\/activities\/index/)
    await visible(page, '.vote-new').click()
    await page.waitForURL(/vote\/pages\/activity-edit\/index/)
    expect(await text(visible(page, '.vote-why'))).toBe('请填写活动名称')
    await visible(page, '.cs-field--title input').fill('E2E双晒活动')
    await visible(page, '.cs-choices--night .cs-choice:has-text("否")').click()
    await visible(page, '.vote-create').click()
    await page.waitForURL(/vote\/pages\/entries\/index\?id=/)
    activityId = new URL(page.url().replace('#', '')).searchParams.get('id') ?? ''
    expect(activityId).toBeTruthy()
    await page.locator('.vote-entries .vote-note:visible', { hasText: '报名中' }).waitFor()
  })

  it('a secretary (巴特尔) submits an entry with a cover and a video, uploaded with progress', async () => {
    await signInAs(page, '巴特尔')
    await open(page, e.url, `vote/pages/submit/index?id=${activityId}`)
    await visible(page, '.cs-choices--category .cs-choice:has-text("村党支部书记")').click()
    await visible(page, '.cs-field--title input').fill('前进嘎查：网格连万家')
    for (const k of ['ideas', 'results', 'highlights', 'service']) await visible(page, `.vote-part-${k} textarea`).fill(`前进嘎查的${k}`)
    await upload(page, '.vote-pick-image', 'cover-3.jpg', '.vote-media--image .vote-media__done')
    await upload(page, '.vote-pick-video', 'clip-3.mp4', '.vote-media--video .vote-media__done')
    await visible(page, '.vote-send').click()
    await page.waitForURL(/vote\/pages\/entry\/index\?id=/)
    entryId = new URL(page.url().replace('#', '')).searchParams.get('id') ?? ''
    await visible(page, '.vote-badge').waitFor()
    expect(await text(visible(page, '.vote-badge'))).toBe('待审核')
    expect(await text(visible(page, '.vote-box__why'))).toContain('还不能投票')
    expect(await visible(page, 'video').getAttribute('src')).toBeTruthy()
  })

  it('staff watch it and approve it in the review queue', async () => {
    await signInAs(page, '赵建国')
    await open(page, e.url, `vote/pages/review/index?id=${activityId}`)
    await visible(page, '.vote-review-card').waitFor()
    expect(await text(visible(page, '.vote-review-card'))).toContain('前进嘎查：网格连万家')
    await visible(page, '.vote-approve').click()
    await visible(page, '.cs-empty:has-text("没有待审核的作品")').waitFor()
  })

  it('when voting opens, a villager (额尔敦) votes once; the button then says why not again; a shared card lands on the entry', async () => {
    await clock(32)
    await signInAs(page, '额尔敦')
    await open(page, e.url, `vote/pages/entry/index?id=${entryId}&from=share`)
    await visible(page, '.vote-entry .vote-button').waitFor().catch(async (err) => {
      throw new Error(`${String(err)}\n${await page.locator('body').innerText()}`)
    })
    expect(await page.locator('.vote-from-share:visible').count()).toBe(1)
    await visible(page, '.vote-box__left').waitFor()
    expect(await text(visible(page, '.vote-box__left'))).toContain('今天还能投 3 票')
    await visible(page, '.vote-button').click()
    await page.locator('.vote-box__count:visible', { hasText: '1 票' }).waitFor()
    await page.locator('.vote-box__why:visible', { hasText: '今天已经给这个作品投过票了' }).waitFor()
    expect(await visible(page, '.vote-button').getAttribute('class')).toContain('cs-button--disabled')
    // The category list shows the entry with its video and the ranking.
    await open(page, e.url, `vote/pages/entries/index?id=${activityId}`)
    await visible(page, '.vote-tabs__tab:has-text("村党支部书记")').click()
    await page.locator('.vote-entry-card:visible', { hasText: '前进嘎查：网格连万家' }).waitFor()
    await page.locator('.vote-rank-row:visible', { hasText: '1 票' }).waitFor()
  })

  it('a judge (赵明辉) scores 工作表现 and 综合评价', async () => {
    await signInAs(page, '赵明辉')
    await open(page, e.url, `vote/pages/judge/index?id=${activityId}`)
    const card = page.locator('.vote-score-card:visible', { hasText: '前进嘎查：网格连万家' })
    await card.waitFor()
    await card.locator('.vote-perf input').fill('90')
    await card.locator('.vote-overall input').fill('80')
    await card.locator('.vote-save-score').click()
    await page.locator('.vote-score-card:visible', { hasText: '已打分：工作表现 90，综合评价 80' }).waitFor()
  })

  it('after voting, staff close judging, publish, and the table recomputes identically', async () => {
    await clock(62)
    await signInAs(page, '赵建国')
    await open(page, e.url, `vote/pages/results/index?id=${activityId}`)
    await visible(page, '.vote-result-row').waitFor()
    expect(await text(visible(page, '.vote-publish'))).toBe('公布结果')
    await visible(page, '.vote-close-judging').click()
    const closeDialog = visible(page, '.vote-confirm-close')
    await closeDialog.waitFor()
    await closeDialog.locator('.nut-dialog-footer-ok').click()
    await visible(page, '.vote-export-scores:not(.cs-button--disabled)').waitFor()
    await visible(page, '.vote-publish').click()
    const publishDialog = visible(page, '.vote-confirm-publish')
    await publishDialog.waitFor()
    await publishDialog.locator('.nut-dialog-footer-ok').click()
    await visible(page, '.vote-published').waitFor()
    const row = await text(page.locator('.vote-result-row:visible', { hasText: '前进嘎查' }).first())
    // 1 of 1 top vote → 30; 90 × 0.4 = 36; 80 × 0.3 = 24.
    expect(row).toContain('90分')
    expect(row).toContain('一等奖')
    await visible(page, '.vote-recompute').click()
    await page.locator('.vote-error:visible', { hasText: '完全一致' }).waitFor()
    expect((await reconcileVotes()).mismatches).toEqual([])
  })
})

describe('H5: village vote (移风易俗先进典型)', () => {
  it('a villager sees the finished demo vote: counts and the approved list', async () => {
    await clock(0)
    await signInAs(page, '那仁')
    await open(page, e.url, 'pages/home/index')
    await visible(page, '.cs-tile--vote-village').click()
    await page.waitForURL(/vote\/pages\/activities\/index/)
    await visible(page, '.vote-activity:has-text("移风易俗")').click()
    await page.waitForURL(/vote\/pages\/village\/index/)
    await visible(page, '.vote-village-result').waitFor()
    expect(await text(visible(page, '.vote-village-result'))).toContain('通过名单')
    expect(await page.locator('.vote-nominee-result:visible').count()).toBe(10)
  })

  it('staff nominate; a household approves in the app once; after closing, the result', async () => {
    const now = new Date()
    const v = await as('m-lixiulan', 'saveActivity', {
      kind: 'village', orgId: 'v-qj', title: 'E2E先进典型户表决', electorate: { orgId: 'v-qj', mode: 'household' },
      submitOpens: new Date(now.getTime() - DAY).toISOString(), submitCloses: new Date(now.getTime() + 3600000).toISOString(),
      voteOpens: new Date(now.getTime() + 2 * 3600000).toISOString(), voteCloses: new Date(now.getTime() + 2 * DAY).toISOString(),
      rules: { perDay: 1, perEntryPerDay: 1, cooldownDays: 0, nightPause: null, burstPerMinute: 50 }
    })
    await as('m-lixiulan', 'nominate', { activityId: v.id, householdId: 'h-qj-12', title: '孝老爱亲' })
    await clock(0.25)
    await open(page, e.url, `vote/pages/village/index?id=${v.id}`)
    const card = page.locator('.vote-nominee:visible', { hasText: '孝老爱亲' })
    await card.waitFor()
    await card.locator('.vote-approve').click()
    await page.locator('.vote-nominee:visible', { hasText: '您已表态：同意' }).waitFor()
    await clock(3)
    await open(page, e.url, `vote/pages/village/index?id=${v.id}`)
    await visible(page, '.vote-village-result').waitFor()
    expect(await text(visible(page, '.vote-nominee-result'))).toBe('同意 1 · 不同意 0 · 通过')
    await clock(0)
  })
})
