import { act, fireEvent, render, renderHook, screen } from '@testing-library/react'
import type { ReactNode } from 'react'
import { Page } from '../../src/components/page'
import { LARGE_SCALE, LARGE_TYPE_KEY, LargeTypeProvider, computeLargeType, useLargeType } from '../../src/hooks/use-large-type'
import { resetAll } from './helpers'
import { getAppBaseInfo, setStorageSync, taroMock } from './mocks/taro'

beforeEach(resetAll)

const wrapper = ({ children }: { children?: ReactNode }) => <LargeTypeProvider>{children}</LargeTypeProvider>

describe('useLargeType', () => {
  it('starts normal with WeChat at normal size', () => {
    const { result } = renderHook(() => useLargeType(), { wrapper })
    expect(result.current).toMatchObject({ scale: 1, large: false })
  })

  it('toggles on and persists the choice', () => {
    const { result } = renderHook(() => useLargeType(), { wrapper })
    act(() => result.current.toggle())
    expect(result.current).toMatchObject({ scale: LARGE_SCALE, large: true })
    expect(setStorageSync).toHaveBeenCalledWith(LARGE_TYPE_KEY, '1')
    // A fresh mount (next launch) reads the stored choice.
    const again = renderHook(() => useLargeType(), { wrapper })
    expect(again.result.current.large).toBe(true)
    act(() => again.result.current.toggle())
    expect(taroMock.storage.get(LARGE_TYPE_KEY)).toBe('0')
    expect(again.result.current.scale).toBe(1)
  })

  it('follows WeChat fontSizeScaleFactor when the user never chose', () => {
    getAppBaseInfo.mockReturnValue({ fontSizeScaleFactor: 1.4 })
    const { result } = renderHook(() => useLargeType(), { wrapper })
    expect(result.current).toMatchObject({ large: true, scale: 1.4 })
    act(() => result.current.toggle())
    expect(result.current).toMatchObject({ large: false, scale: 1 })
  })

  it('survives a missing or throwing getAppBaseInfo', () => {
    getAppBaseInfo.mockImplementation(() => {
      throw new Error('not supported')
    })
    const { result } = renderHook(() => useLargeType(), { wrapper })
    expect(result.current.scale).toBe(1)
  })

  it('computes scale from choice and factor', () => {
    expect(computeLargeType(null, 1)).toEqual({ scale: 1, large: false })
    expect(computeLargeType(true, 1)).toEqual({ scale: LARGE_SCALE, large: true })
    expect(computeLargeType(true, 1.6)).toEqual({ scale: 1.6, large: true })
    expect(computeLargeType(true, 5)).toEqual({ scale: 2, large: true })
    expect(computeLargeType(false, 1.6)).toEqual({ scale: 1, large: false })
  })
})

function Toggle() {
  const { toggle } = useLargeType()
  return <button onClick={toggle}>切换</button>
}

describe('Page', () => {
  it('applies the large class and the scale variable, shared through the provider', () => {
    const { container } = render(
      <LargeTypeProvider>
        <Page title='标题'>
          <Toggle />
        </Page>
      </LargeTypeProvider>
    )
    const root = container.querySelector('.cs-page') as HTMLElement
    expect(root.classList.contains('cs-page--large')).toBe(false)
    expect(root.style.getPropertyValue('--cs-scale')).toBe('1')
    fireEvent.click(screen.getByText('切换'))
    expect(root.classList.contains('cs-page--large')).toBe(true)
    expect(root.style.getPropertyValue('--cs-scale')).toBe(String(LARGE_SCALE))
  })
})
