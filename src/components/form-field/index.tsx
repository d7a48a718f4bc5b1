import { Input, View } from '@tarojs/components'
import { eventValue } from '@/utils/form'
import { useLargeType } from '@/hooks/use-large-type'
import type { ReactNode } from 'react'
import './index.scss'

export interface FormFieldProps {
  label: string
  required?: boolean
  /** Shown in red under the field. */
  error?: string
  hint?: string
  /** A text input is rendered when no children are given. */
  value?: string
  placeholder?: string
  inputType?: 'text' | 'number' | 'idcard' | 'digit'
  maxlength?: number
  onInput?: (value: string) => void
  name?: string
  children?: ReactNode
}

/** One labelled form field with its error message. */
export function FormField(props: FormFieldProps) {
  const { label, required, error, hint, children, name } = props
  // The weapp placeholder is drawn outside the page's CSS variables: size it from the large-type scale directly.
  const { scale } = useLargeType()
  return (
    <View className={`cs-field ${error ? 'cs-field--error' : ''} ${name ? `cs-field--${name}` : ''}`}>
      <View className='cs-field__label'>
        {label}
        {required ? <View className='cs-field__required'>*</View> : null}
      </View>
      {children ?? (
        <Input
          className='cs-input'
          name={name}
          type={props.inputType ?? 'text'}
          value={props.value ?? ''}
          placeholder={props.placeholder}
          placeholderClass='cs-placeholder'
          placeholderStyle={`font-size: ${Math.round(34 * scale)}rpx`}
          maxlength={props.maxlength ?? 140}
          onInput={(e) => props.onInput?.(eventValue(e))}
        />
      )}
      {hint && !error ? <View className='cs-field__hint'>{hint}</View> : null}
      {error ? <View className='cs-field__error'>{error}</View> : null}
    </View>
  )
}

export default FormField
