import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { CSSProperties, ReactNode } from 'react'
import { useLargeType } from '@/hooks/use-large-type'
import { isH5 } from '@/utils/env'
import './index.scss'
import { PrivacyGate } from '../privacy-gate'

export interface PageProps {
  /** Big heading at the top of the page. */
  title?: ReactNode
  className?: string
  children?: ReactNode
  /** The privacy notice page itself shows no consent overlay over its own text. */
  hidePrivacyNotice?: boolean
}

const TAB_ROUTES = ['pages/home/index', 'pages/work/index', 'pages/me/index']

/** The route of the page on top, without a leading slash or query. */
function currentRoute(): string {
  try {
    const pages = Taro.getCurrentPages()
    const top = pages[pages.length - 1] as { route?: string } | undefined
    return (top?.route ?? '').replace(/^\//, '').split('?')[0] ?? ''
  } catch {
    return ''
  }
}

/**
 * H5 has no navigation bar with a back arrow: inner pages get a 返回 control (back when there is a page to go back
 * to, else to 首页, e.g. a page opened from a link).
 */
function BackBar() {
  const route = currentRoute()
  if (!route || TAB_ROUTES.includes(route)) return null
  const back = () => {
    const depth = (() => {
      try {
        return Taro.getCurrentPages().length
      } catch {
        return 1
      }
    })()
    if (depth > 1) void Taro.navigateBack({ delta: 1 })
    else void Taro.switchTab({ url: '/pages/home/index' })
  }
  return (
    <View className='cs-page__back' onClick={back}>
      ‹ 返回
    </View>
  )
}

/** Root of every page: applies large-type mode (class + `--cs-scale`) to everything inside. */
/** Root of every page: applies large-type mode (class + `--cs-scale`) to everything inside; shows the privacy notice until agreed. */
export function Page({ title, className, children, hidePrivacyNotice }: PageProps) {
  const { scale, large } = useLargeType()
  const classes = ['cs-page', large ? 'cs-page--large' : '', className ?? ''].filter(Boolean).join(' ')
  const style = { '--cs-scale': String(scale) } as CSSProperties
  return (
    <View className={classes} style={style}>
      {isH5() ? <BackBar /> : null}
      {title ? <View className='cs-page__title'>{title}</View> : null}
      {children}
      {hidePrivacyNotice ? null : <PrivacyGate />}
    </View>
  )
}

export default Page
