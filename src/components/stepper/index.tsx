import { View } from '@tarojs/components'
import './index.scss'

export interface StepperProps {
  value: number
  /** Lowest value (1 for a quantity to record, 0 where 0 removes the item). */
  min?: number
  max?: number
  disabled?: boolean
  onChange: (value: number) => void
  className?: string
  /**
   * Extra class prefix for the parts (`<prefix>__minus`, `__plus`, `__qty`), for pages and tests that name them
   * in their own terms (the shop passes its card prefix, giving mall-goods__minus).
   */
  partPrefix?: string
  /** 'filled' buttons (shop cards) or 'outline' ones (forms). */
  look?: 'filled' | 'outline'
}

/** − 3 + with big tap targets (easier than typing a number); the ends say they are off. */
export function Stepper({ value, min = 1, max = 100, disabled, onChange, className, partPrefix, look = 'outline' }: StepperProps) {
  const canMinus = !disabled && value > min
  const canPlus = !disabled && value < max
  const part = (name: string) => `cs-stepper__${name}${partPrefix ? ` ${partPrefix}__${name === 'value' ? 'qty' : name}` : ''}`
  return (
    <View className={`cs-stepper cs-stepper--${look} ${className ?? ''}`}>
      <View className={`cs-stepper__btn ${part('minus')} ${canMinus ? '' : 'cs-stepper__btn--off'}`} onClick={() => canMinus && onChange(Math.max(min, value - 1))}>
        −
      </View>
      <View className={part('value')}>{value}</View>
      <View className={`cs-stepper__btn ${part('plus')} ${canPlus ? '' : 'cs-stepper__btn--off'}`} onClick={() => canPlus && onChange(Math.min(max, value + 1))}>
        +
      </View>
    </View>
  )
}

export default Stepper
