import { Button, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './index.scss'

export interface BigButtonProps {
  type?: 'primary' | 'default' | 'danger' | 'plain'
  /** Narrow button for rows (still ≥ 88rpx tall). */
  size?: 'large' | 'small'
  disabled?: boolean
  /** Why the button is disabled, shown under it while it is (every disabled control says why). */
  reason?: ReactNode
  loading?: boolean
  className?: string
  onClick?: () => void
  children?: ReactNode
}

/** A large, high-contrast button; ignores taps while loading or disabled. */
export function BigButton({ type = 'primary', size = 'large', disabled, reason, loading, className, onClick, children }: BigButtonProps) {
  const inactive = Boolean(disabled || loading)
  const off = Boolean(disabled && !loading)
  const classes = ['cs-button', `cs-button--${type}`, `cs-button--${size}`, off ? 'cs-button--disabled' : '', loading ? 'cs-button--loading' : '', className ?? '']
    .filter(Boolean)
    .join(' ')
  // Children sit in one stable element and Taro's own `loading` is never used: Taro's H5 button inserts its spinner
  // among the children, and React then fails to patch a label that changed (NotFoundError: insertBefore).
  const button = (
    <Button
      className={classes}
      // Only set when true: on H5 the attribute itself (even "false") triggers Taro's disabled styling.
      disabled={inactive ? true : undefined}
      onClick={() => {
        if (!inactive && onClick) onClick()
      }}
    >
      <View className='cs-button__label'>
        {loading ? <View className='cs-button__spinner' /> : null}
        {children}
      </View>
    </Button>
  )
  if (!disabled || loading || reason === undefined || reason === null || reason === '') return button
  return (
    <View className={`cs-button-wrap cs-button-wrap--${size}`}>
      {button}
      <View className='cs-button__reason'>{reason}</View>
    </View>
  )
}

export default BigButton
