import { View } from '@tarojs/components'
import '../points.scss'

export interface StepperProps {
  value: number
  min?: number
  max?: number
  onChange: (value: number) => void
  className?: string
}

/** − 3 + with big tap targets (easier than typing a number). */
export function Stepper({ value, min = 1, max = 100, onChange, className }: StepperProps) {
  const set = (v: number) => onChange(Math.max(min, Math.min(max, v)))
  return (
    <View className={`points-stepper ${className ?? ''}`}>
      <View className={`points-stepper__btn points-stepper__minus ${value <= min ? 'points-stepper__btn--off' : ''}`} onClick={() => set(value - 1)}>
        −
      </View>
      <View className='points-stepper__value'>{value}</View>
      <View className={`points-stepper__btn points-stepper__plus ${value >= max ? 'points-stepper__btn--off' : ''}`} onClick={() => set(value + 1)}>
        +
      </View>
    </View>
  )
}
