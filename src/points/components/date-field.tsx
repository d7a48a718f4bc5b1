import { Picker, View } from '@tarojs/components'
import { eventValue } from '@/utils/form'
import '../points.scss'

export interface DateFieldProps {
  mode?: 'date' | 'time'
  value: string
  onChange: (value: string) => void
  start?: string
  end?: string
  placeholder?: string
  className?: string
}

/** A native date (YYYY-MM-DD) or time (HH:mm) picker showing its value in a big box. */
export function DateField({ mode = 'date', value, onChange, start, end, placeholder = '请选择', className }: DateFieldProps) {
  const box = <View className={`cs-input points-picker ${className ?? ''}`}>{value || placeholder}</View>
  if (mode === 'time') {
    return (
      <Picker mode='time' value={value} start={start} end={end} onChange={(e) => onChange(eventValue(e))}>
        {box}
      </Picker>
    )
  }
  return (
    <Picker mode='date' value={value} start={start} end={end} onChange={(e) => onChange(eventValue(e))}>
      {box}
    </Picker>
  )
}
