import { Textarea, View } from '@tarojs/components'
import { eventValue } from '@/utils/form'
import '../points.scss'

export interface ReasonBoxProps {
  value: string
  onInput: (value: string) => void
  placeholder?: string
  error?: string
  className?: string
  maxlength?: number
}

/** A multi-line text box with an inline error (used for reasons, notes and objections). */
export function ReasonBox({ value, onInput, placeholder = '请写明原因', error, className, maxlength = 200 }: ReasonBoxProps) {
  return (
    <View className={`points-reason ${error ? 'points-reason--error' : ''} ${className ?? ''}`}>
      <Textarea
        className='points-textarea'
        value={value}
        placeholder={placeholder}
        maxlength={maxlength}
        onInput={(e) => onInput(eventValue(e))}
      />
      {error ? <View className='points-reason__error cs-field__error'>{error}</View> : null}
    </View>
  )
}

/** ≥ 2 characters after trimming, as the server requires for reasons. */
export function reasonError(reason: string, what = '原因'): string | undefined {
  return reason.trim().length >= 2 ? undefined : `请写明${what}（至少2个字）`
}
