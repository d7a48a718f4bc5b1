import { View } from '@tarojs/components'
import '../form-field/index.scss'

export interface ChoiceFieldProps<T extends string> {
  options: ReadonlyArray<{ value: T; label: string }>
  value: T | null | undefined
  onChange: (value: T) => void
  /** Class suffix for tests, e.g. 'gender' → .cs-choices--gender. */
  name?: string
}

/** Big tappable choices instead of a dropdown (easier for older users than a picker). */
export function ChoiceField<T extends string>({ options, value, onChange, name }: ChoiceFieldProps<T>) {
  return (
    <View className={`cs-choices ${name ? `cs-choices--${name}` : ''}`}>
      {options.map((o) => (
        <View
          key={o.value}
          className={`cs-choice ${o.value === value ? 'cs-choice--on' : ''}`}
          onClick={() => onChange(o.value)}
        >
          {o.label}
        </View>
      ))}
    </View>
  )
}

export default ChoiceField
