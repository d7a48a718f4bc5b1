import { View } from '@tarojs/components'
import { ChoiceField } from '@/components/choice-field'
import type { ScopeNode } from '@/hooks/use-scope'

export interface VillagePickerProps {
  villages: ScopeNode[]
  currentId?: string
  onChange: (id: string) => void
}

/** Which village a shop page works on (shown only when the user works in more than one). */
export function VillagePicker({ villages, currentId, onChange }: VillagePickerProps) {
  if (villages.length < 2) return null
  return (
    <View className='mall-village-picker'>
      <ChoiceField name='village' options={villages.map((v) => ({ value: v.id, label: v.name }))} value={currentId} onChange={onChange} />
    </View>
  )
}

export default VillagePicker
