import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './index.scss'

export interface SectionProps {
  title?: ReactNode
  /** Shown at the right of the title (e.g. a small action). */
  extra?: ReactNode
  className?: string
  children?: ReactNode
}

/** A white card with an optional title. */
export function Section({ title, extra, className, children }: SectionProps) {
  return (
    <View className={`cs-section ${className ?? ''}`}>
      {title || extra ? (
        <View className='cs-section__head'>
          <View className='cs-section__title'>{title}</View>
          {extra ? <View className='cs-section__extra'>{extra}</View> : null}
        </View>
      ) : null}
      <View className='cs-section__body'>{children}</View>
    </View>
  )
}

export default Section
