import { View } from '@tarojs/components'

export interface StepperProps {
  value: number
  max: number
  disabled?: boolean
  onChange: (value: number) => void
}

/** − 2 + with big tap targets (0 removes the item from the cart). */
export function Stepper({ value, max, disabled, onChange }: StepperProps) {
  const canMinus = !disabled && value > 0
  const canPlus = !disabled && value < max
  return (
    <View className='mall-stepper'>
      <View className={`mall-stepper__btn mall-goods__minus ${canMinus ? '' : 'mall-stepper__btn--off'}`} onClick={() => canMinus && onChange(value - 1)}>
        −
      </View>
      <View className='mall-stepper__value mall-goods__qty'>{value}</View>
      <View className={`mall-stepper__btn mall-goods__plus ${canPlus ? '' : 'mall-stepper__btn--off'}`} onClick={() => canPlus && onChange(value + 1)}>
        +
      </View>
    </View>
  )
}

export default Stepper
