import type { Page } from 'playwright-core'
import { signIn, startE2E, type E2E } from './harness'

let e: E2E
let page: Page
beforeAll(async () => {
  e = await startE2E()
  page = await e.newPage()
}, 420000)
afterAll(async () => {
  await e?.stop()
})

describe('H5: sign in and see who I am', () => {
  it('the sign-in page lists demo people by role', async () => {
    await page.goto(`${e.url}/#/dev/pages/sign-in/index`)
    await page.locator('.sign-in-person:visible').first().waitFor()
    expect(await page.locator('.sign-in-person:visible').count()).toBeGreaterThan(30)
    expect(await page.locator('.sign-in-person:visible', { hasText: '巴特尔' }).count()).toBeGreaterThan(0)
  })

  it('signing in as the 书记 of 前进嘎查 shows name, roles and household', async () => {
    await signIn(page, e.url, '巴特尔')
    await expect(page.locator('.me-name:visible').first().textContent()).resolves.toContain('巴特尔')
    const roles = await page.locator('.me-roles:visible').first().textContent()
    expect(roles).toContain('书记')
    expect(roles).toContain('两委成员')
    const household = await page.locator('.me-household:visible').first().textContent()
    expect(household).toContain('QJ-001')
    expect(household).toContain('萨仁')
  })

  it('large-type mode scales the text', async () => {
    const size = () => page.locator('.me-name:visible').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    const before = await size()
    await page.locator('.large-type-toggle:visible').first().click()
    await page.waitForFunction((b) => {
      const el = Array.from(document.querySelectorAll('.me-name')).find((x) => (x as HTMLElement).offsetParent !== null)
      return !!el && parseFloat(getComputedStyle(el).fontSize) > (b as number) * 1.2
    }, before)
    expect(await size()).toBeGreaterThan(before * 1.2)
    // the choice survives a reload
    await page.reload()
    await page.locator('.me-name:visible').first().waitFor()
    expect(await size()).toBeGreaterThan(before * 1.2)
    await page.locator('.large-type-toggle:visible').first().click()
  })

  it('a villager sees their own household and no management roles', async () => {
    await signIn(page, e.url, '额尔敦')
    expect(await page.locator('.me-household:visible').first().textContent()).toContain('QJ-006')
    expect(await page.locator('.me-role-item:visible').count()).toBe(0)
  })
})
