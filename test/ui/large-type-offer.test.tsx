/**
 * 大字模式 (issue 8, item 15): offered once on first use and remembered; found at the top of 我的; placeholders
 * grow with it; dates, codes and short buttons keep to one line.
 */
import { readFileSync } from 'fs'
import { join } from 'path'
import { fireEvent, render, waitFor } from '@testing-library/react'
import MePage from '../../src/pages/me/index'
import { FormField } from '../../src/components/form-field'
import { LargeTypeProvider } from '../../src/hooks/use-large-type'
import { mockFunctions, ok, resetAll } from './helpers'
import { meOutput } from './fixtures/identity'
import { taroMock } from './mocks/taro'

beforeEach(resetAll)

function renderMe() {
  return render(
    <LargeTypeProvider>
      <MePage />
    </LargeTypeProvider>
  )
}

describe('first-use offer on 我的', () => {
  beforeEach(() => mockFunctions({ 'identity.me': () => ok(meOutput()) }))

  it('is offered on first use; 打开大字 turns it on, is remembered, and the offer does not come back', async () => {
    const first = renderMe()
    await waitFor(() => expect(first.container.querySelector('.me-name')).not.toBeNull())
    expect(first.container.querySelector('.large-type-offer')?.textContent).toContain('字太小看不清')
    fireEvent.click(first.container.querySelector('.large-type-offer__on') as HTMLElement)
    expect(first.container.querySelector('.large-type-offer')).toBeNull()
    expect(first.container.querySelector('.cs-page')?.classList.contains('cs-page--large')).toBe(true)
    expect(taroMock.storage.get('cunshe.largeType')).toBe('1')
    first.unmount()
    const again = renderMe()
    await waitFor(() => expect(again.container.querySelector('.me-name')).not.toBeNull())
    expect(again.container.querySelector('.large-type-offer')).toBeNull()
    expect(again.container.querySelector('.cs-page')?.classList.contains('cs-page--large')).toBe(true)
  })

  it('不用了 keeps normal type and is remembered too', async () => {
    const first = renderMe()
    await waitFor(() => expect(first.container.querySelector('.large-type-offer')).not.toBeNull())
    fireEvent.click(first.container.querySelector('.large-type-offer__off') as HTMLElement)
    expect(first.container.querySelector('.large-type-offer')).toBeNull()
    expect(first.container.querySelector('.cs-page')?.classList.contains('cs-page--large')).toBe(false)
    first.unmount()
    const again = renderMe()
    await waitFor(() => expect(again.container.querySelector('.me-name')).not.toBeNull())
    expect(again.container.querySelector('.large-type-offer')).toBeNull()
  })

  it('the 大字模式 switch is the first thing on 我的, above the profile', async () => {
    taroMock.storage.set('cunshe.largeType', '0')
    const { container } = renderMe()
    await waitFor(() => expect(container.querySelector('.me-name')).not.toBeNull())
    const all = Array.from(container.querySelectorAll('.me-large-type, .me-card'))
    expect(all[0].className).toContain('me-large-type')
    expect(all[0].querySelector('.large-type-toggle')?.textContent).toContain('大字模式')
  })
})

describe('placeholders grow in large type', () => {
  it('the input placeholder is sized from the large-type scale', () => {
    taroMock.storage.set('cunshe.largeType', '1')
    const large = render(
      <LargeTypeProvider>
        <FormField label='户号' name='code' placeholder='例如 3-012' value='' />
      </LargeTypeProvider>
    )
    expect(large.container.querySelector('input')?.getAttribute('data-placeholder-style')).toBe('font-size: 46rpx')
    large.unmount()
    taroMock.storage.set('cunshe.largeType', '0')
    const normal = render(
      <LargeTypeProvider>
        <FormField label='户号' name='code' placeholder='例如 3-012' value='' />
      </LargeTypeProvider>
    )
    expect(normal.container.querySelector('input')?.getAttribute('data-placeholder-style')).toBe('font-size: 34rpx')
  })
})

describe('no mid-token breaks in large type', () => {
  const css = readFileSync(join(__dirname, '../../src/app.scss'), 'utf8')
  const rule = css.slice(css.indexOf('.cs-nowrap,'), css.indexOf('}', css.indexOf('.cs-nowrap,')))

  it('dates, codes and short buttons are kept on one line by one global rule', () => {
    expect(rule).toContain('white-space: nowrap')
    expect(rule).toContain('word-break: keep-all')
    for (const cls of ['.cs-date', '.cs-code', '.cs-button--small .cs-button__label', '.points-claim__code', '.me-household__code', '.admin-invite-code', '.checkin-code']) {
      expect(rule).toContain(cls)
    }
  })

  it('placeholders inherit the page font size (H5)', () => {
    expect(css).toMatch(/input::placeholder,[\s\S]*?font-size: inherit/)
  })
})
