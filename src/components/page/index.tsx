import { View } from '@tarojs/components'
import type { CSSProperties, ReactNode } from 'react'
import { useLargeType } from '../../hooks/use-large-type'
import { PrivacyGate } from '../privacy-gate'

export interface PageProps {
  /** Big heading at the top of the page. */
  title?: ReactNode
  className?: string
  children?: ReactNode
  /** The privacy notice page itself shows no consent overlay over its own text. */
  hidePrivacyNotice?: boolean
}

/** Root of every page: applies large-type mode (class + `--cs-scale`) to everything inside; shows the privacy notice until agreed. */
export function Page({ title, className, children, hidePrivacyNotice }: PageProps) {
  const { scale, large } = useLargeType()
  const classes = ['cs-page', large ? 'cs-page--large' : '', className ?? ''].filter(Boolean).join(' ')
  const style = { '--cs-scale': String(scale) } as CSSProperties
  return (
    <View className={classes} style={style}>
      {title ? <View className='cs-page__title'>{title}</View> : null}
      {children}
      {hidePrivacyNotice ? null : <PrivacyGate />}
    </View>
  )
}

export default Page
