import { View } from '@tarojs/components'
import type { OrgNodeView } from '../../../../types/contract'
import { ChoiceField } from '@/components/choice-field'

export interface ScopePickerProps {
  villages: OrgNodeView[]
  currentId?: string
  onChange: (id: string) => void
}

/** Which village the admin pages work on (shown only when the user manages more than one). */
export function ScopePicker({ villages, currentId, onChange }: ScopePickerProps) {
  if (villages.length < 2) return null
  return (
    <View className='cs-scope-picker'>
      <ChoiceField name='scope' options={villages.map((v) => ({ value: v.id, label: v.name }))} value={currentId} onChange={onChange} />
    </View>
  )
}

export default ScopePicker
