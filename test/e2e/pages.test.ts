/**
 * Every page of the H5 build, each opened alone by URL in a fresh browser context (no earlier page's chunks
 * loaded), as a person who may use it:
 *  - its layout depends on no other page: every class on screen that the build styles somewhere is styled by a
 *    stylesheet this load brought in;
 *  - in large-type mode (大字模式) nothing overflows sideways, no text is cut off, and every button and input is
 *    at least 44 px in both directions.
 * The harness fails a test on any console error or uncaught page error.
 */
import { readdirSync, readFileSync, statSync } from 'fs'
import { join, relative } from 'path'
import type { Page } from 'playwright-core'
import { COLLECTIONS } from '../../cloudfunctions/_shared/data/collections'
import { startE2E, watchErrors, type E2E } from './harness'

let e: E2E
beforeAll(async () => {
  e = await startE2E()
}, 420000)
afterAll(async () => {
  await e?.stop()
})

const ROOT = join(__dirname, '..', '..')
const SRC = join(ROOT, 'src')

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) walk(p, out)
    else out.push(p)
  }
  return out
}

/** Routes of every page, from the source tree (`src/<feature>/pages/<page>/index.tsx`). */
const ROUTES = walk(SRC)
  .filter((f) => /\/pages\/[^/]+\/index\.tsx$/.test(f))
  .map((f) => relative(SRC, f).replace(/\.tsx$/, ''))
  .sort()

/** Who opens a page: someone holding a role that may use it (巴特尔 is 书记 + 两委 of 前进嘎查). */
function personFor(route: string): string {
  if (/^mall\/pages\/(manage|handover|report|goods-edit|window-edit)/.test(route)) return 'm-lixiulan'
  if (/^mall\//.test(route)) return 'm-eerdun'
  if (/^points\/pages\/(my|checkin|ranking|publicity|claim)/.test(route)) return 'm-eerdun'
  if (/^points\/pages\/(record|recorded|activities|activity-code)/.test(route)) return 'm-gaowa'
  if (/^admin\//.test(route)) return 'm-qiqige'
  return 'm-bateer'
}

/** Query strings for pages that show one record. */
function queryFor(route: string): string {
  const dump = (c: string) => e.local.emulator.engine.dump(c) as Array<Record<string, unknown>>
  const first = <T>(c: string, pick: (d: Record<string, unknown>) => boolean) => dump(c).find(pick) as T | undefined
  switch (route) {
    case 'points/pages/claim/index': {
      const c = first<{ _id: string }>(COLLECTIONS.claims, (d) => d.householdId === 'h-qj-eerdun' || String(d.householdId).includes('eerdun'))
      return c ? `?id=${c._id}` : ''
    }
    case 'points/pages/activity-code/index': {
      const a = first<{ _id: string }>(COLLECTIONS.activities, () => true)
      return a ? `?id=${a._id}` : ''
    }
    case 'admin/pages/household/index': {
      const h = first<{ _id: string }>(COLLECTIONS.households, (d) => d.villageId === 'v-qj')
      return h ? `?id=${h._id}` : ''
    }
    case 'admin/pages/member/index': {
      return '?id=m-eerdun'
    }
    case 'points/pages/review/index':
      return '?step=first'
    default:
      return ''
  }
}

/** Every class that some stylesheet of the H5 build defines. */
const BUILD_CLASSES = (() => {
  const dir = join(ROOT, 'dist', 'h5', 'css')
  const set = new Set<string>()
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.css')) continue
    const css = readFileSync(join(dir, f), 'utf8').replace(/\{[^{}]*\}/g, '{}')
    for (const m of css.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)) set.add(m[1]!)
  }
  return set
})()

async function openAlone(openid: string, url: string, large: boolean): Promise<Page> {
  const ctx = await e.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, locale: 'zh-CN' })
  // Taro's H5 storage keeps each value as JSON {data}.
  await ctx.addInitScript(
    ([id, big]) => {
      localStorage.setItem('cunshe.devOpenid', JSON.stringify({ data: id }))
      localStorage.setItem('cunshe.largeType', JSON.stringify({ data: big ? '1' : '0' }))
    },
    [openid, large] as const
  )
  const page = await ctx.newPage()
  page.setDefaultTimeout(20000)
  watchErrors(page)
  await page.goto(url)
  await page.locator('.cs-page:visible').first().waitFor()
  await page.waitForLoadState('networkidle')
  // Let the last answers render (queries resolve after the network settles).
  await page.waitForTimeout(400)
  return page
}

describe.each(ROUTES.map((r) => [r]))('%s', (route) => {
  const url = () => `${e.url}/#/${route}${queryFor(route)}`

  it('is styled by its own chunks when opened alone', async () => {
    const page = await openAlone(`demo-${personFor(route)}`, url(), false)
    try {
      const { used, loaded } = await page.evaluate(() => {
        const loadedSet = new Set<string>()
        const visit = (rules: CSSRuleList) => {
          for (const r of Array.from(rules)) {
            if ('cssRules' in r && (r as CSSGroupingRule).cssRules) visit((r as CSSGroupingRule).cssRules)
            const sel = (r as CSSStyleRule).selectorText
            if (sel) for (const m of sel.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)) loadedSet.add(m[1]!)
          }
        }
        for (const s of Array.from(document.styleSheets)) {
          try {
            visit(s.cssRules)
          } catch {
            /* cross-origin sheet: none in this build */
          }
        }
        const usedSet = new Set<string>()
        for (const el of Array.from(document.querySelectorAll('.cs-page *, .cs-page'))) {
          const box = (el as HTMLElement).getBoundingClientRect()
          if (box.width === 0 && box.height === 0) continue
          for (const c of Array.from(el.classList)) usedSet.add(c)
        }
        return { used: [...usedSet], loaded: [...loadedSet] }
      })
      const have = new Set(loaded)
      const unstyled = used.filter((c) => BUILD_CLASSES.has(c) && !have.has(c))
      expect(unstyled).toEqual([])
    } finally {
      await page.context().close()
    }
  })

  it('fits the screen in large type, with no cut-off text and tap targets of 44 px', async () => {
    const page = await openAlone(`demo-${personFor(route)}`, url(), true)
    try {
      expect(await page.locator('.cs-page--large:visible').count()).toBeGreaterThan(0)
      const problems = await page.evaluate(() => {
        const out: string[] = []
        const name = (el: Element) => `${el.tagName.toLowerCase()}.${Array.from(el.classList).join('.')} "${(el.textContent ?? '').trim().slice(0, 20)}"`
        const doc = document.scrollingElement ?? document.documentElement
        if (doc.scrollWidth > doc.clientWidth + 1) out.push(`page scrolls sideways: ${doc.scrollWidth} > ${doc.clientWidth}`)
        const width = window.innerWidth
        for (const el of Array.from(document.querySelectorAll('.cs-page *'))) {
          const h = el as HTMLElement
          const box = h.getBoundingClientRect()
          if (box.width === 0 || box.height === 0) continue
          const style = getComputedStyle(h)
          if (style.visibility === 'hidden') continue
          if (box.right > width + 1 && style.position !== 'fixed') out.push(`sticks out on the right (${Math.round(box.right)} > ${width}): ${name(el)}`)
          const hasText = Array.from(h.childNodes).some((n) => n.nodeType === 3 && (n.textContent ?? '').trim() !== '')
          const clips = ['hidden', 'clip'].includes(style.overflowX) || ['hidden', 'clip'].includes(style.overflowY) || style.textOverflow === 'ellipsis'
          if (hasText && clips && (h.scrollWidth > h.clientWidth + 1 || h.scrollHeight > h.clientHeight + 1)) out.push(`text cut off: ${name(el)}`)
          const tappable = el.matches('taro-button-core, button, input, textarea, taro-input-core, taro-textarea-core, .cs-choice, .cs-button')
          if (tappable && (box.height < 44 || box.width < 44)) out.push(`tap target ${Math.round(box.width)}×${Math.round(box.height)} px: ${name(el)}`)
        }
        return [...new Set(out)]
      })
      expect(problems).toEqual([])
    } finally {
      await page.context().close()
    }
  })
})
