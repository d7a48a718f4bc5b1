import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './index.scss'

export interface EmptyStateProps {
  text?: string
  /** E.g. a button to add the first item. */
  action?: ReactNode
}

export function EmptyState({ text = '这里还没有内容', action }: EmptyStateProps) {
  return (
    <View className='cs-empty'>
      <View className='cs-empty__text'>{text}</View>
      {action}
    </View>
  )
}

export default EmptyState
