/**
 * Renders the tab bar icons (81×81 PNG, normal and selected) from inline SVG with headless Chromium.
 * Run once when the icons change: `tsx scripts/make-tab-icons.ts`; the PNGs are committed in src/assets/tab.
 */
import { join } from 'path'
import { chromium } from 'playwright-core'

const ICONS: Record<string, string> = {
  home: '<path d="M12 40 L40.5 14 L69 40 M20 34 V66 H34 V48 H47 V66 H61 V34" fill="none" stroke="COLOR" stroke-width="6" stroke-linejoin="round" stroke-linecap="round"/>',
  work: '<rect x="14" y="24" width="53" height="40" rx="6" fill="none" stroke="COLOR" stroke-width="6"/><path d="M30 24 V17 H51 V24 M14 40 H67" fill="none" stroke="COLOR" stroke-width="6" stroke-linejoin="round"/>',
  me: '<circle cx="40.5" cy="28" r="13" fill="none" stroke="COLOR" stroke-width="6"/><path d="M15 68 C17 52 27 46 40.5 46 C54 46 64 52 66 68" fill="none" stroke="COLOR" stroke-width="6" stroke-linecap="round"/>'
}

async function main() {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
  const page = await (await browser.newContext({ viewport: { width: 81, height: 81 } })).newPage()
  for (const [name, body] of Object.entries(ICONS)) {
    for (const [suffix, color] of [['', '#4a4a4a'], ['-active', '#c8161d']]) {
      await page.setContent(`<html><body style="margin:0;background:transparent"><svg xmlns="http://www.w3.org/2000/svg" width="81" height="81" viewBox="0 0 81 81">${body.replace(/COLOR/g, color)}</svg></body></html>`)
      await page.screenshot({ path: join(__dirname, '..', 'src', 'assets', 'tab', `${name}${suffix}.png`), omitBackground: true })
    }
  }
  await browser.close()
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`)
  process.exit(1)
})
