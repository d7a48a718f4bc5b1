import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './index.scss'

export interface ResultRow {
  key: string
  /** What the row is about in words (household and item), never a raw id. */
  title: string
  ok: boolean
  /** The outcome: the new state, or why it failed. */
  status: string
}

export interface ResultListProps {
  rows: ResultRow[]
  className?: string
  children?: ReactNode
}

/**
 * The outcome of a batch, one row per item: the title on its own line and the outcome under it, so long names and
 * long reasons wrap instead of overlapping.
 */
export function ResultList({ rows, className, children }: ResultListProps) {
  const failed = rows.filter((r) => !r.ok).length
  return (
    <View className={`cs-results ${className ?? ''}`}>
      <View className='cs-results__summary'>
        {failed === 0 ? `${rows.length} 条全部成功` : `${rows.length - failed} 条成功，${failed} 条没有成功`}
      </View>
      {rows.map((r) => (
        <View key={r.key} className={`cs-results__row cs-results__row--${r.ok ? 'ok' : 'failed'}`}>
          <View className='cs-results__title'>{r.title}</View>
          <View className='cs-results__status'>
            {r.ok ? '✓ ' : '✗ '}
            {r.status}
          </View>
        </View>
      ))}
      {children}
    </View>
  )
}

export default ResultList
