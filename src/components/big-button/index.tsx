import { Button } from '@tarojs/components'
import type { ReactNode } from 'react'
import './index.scss'

export interface BigButtonProps {
  type?: 'primary' | 'default' | 'danger' | 'plain'
  /** Narrow button for rows (still ≥ 88rpx tall). */
  size?: 'large' | 'small'
  disabled?: boolean
  loading?: boolean
  className?: string
  onClick?: () => void
  children?: ReactNode
}

/** A large, high-contrast button; ignores taps while loading or disabled. */
export function BigButton({ type = 'primary', size = 'large', disabled, loading, className, onClick, children }: BigButtonProps) {
  const inactive = Boolean(disabled || loading)
  const classes = ['cs-button', `cs-button--${type}`, `cs-button--${size}`, inactive ? 'cs-button--disabled' : '', className ?? '']
    .filter(Boolean)
    .join(' ')
  return (
    <Button
      className={classes}
      // Only set when true: on H5 the attribute itself (even "false") triggers Taro's disabled styling.
      disabled={inactive ? true : undefined}
      loading={loading ? true : undefined}
      onClick={() => {
        if (!inactive && onClick) onClick()
      }}
    >
      {children}
    </Button>
  )
}

export default BigButton
