import { View } from '@tarojs/components'
import { ROLE_LABELS, type Role } from '../../../types/contract'
import './index.scss'

export interface RoleTagsProps {
  roles: Array<{ role: Role; orgName?: string; label?: string }>
  /** Text when there are no roles; nothing is shown when omitted. */
  emptyText?: string
}

/** Role labels with the org they apply to, e.g. 网格员 · 一组网格. */
export function RoleTags({ roles, emptyText }: RoleTagsProps) {
  if (roles.length === 0) return emptyText ? <View className='cs-role-tags cs-muted'>{emptyText}</View> : null
  return (
    <View className='cs-role-tags'>
      {roles.map((r, i) => (
        <View key={`${r.role}-${r.orgName ?? ''}-${i}`} className={`cs-role-tag cs-role-tag--${r.role}`}>
          {r.label ?? ROLE_LABELS[r.role]}
          {r.orgName ? <View className='cs-role-tag__org'>{r.orgName}</View> : null}
        </View>
      ))}
    </View>
  )
}

export default RoleTags
