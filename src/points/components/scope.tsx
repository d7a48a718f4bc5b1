import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { OrgNodeView } from '../../../types/contract'
import { ChoiceField } from '../../components/choice-field'
import { EmptyState } from '../../components/empty-state'
import { ErrorView } from '../../components/error-view'
import { LoadingView } from '../../components/loading-view'
import { Page } from '../../components/page'
import type { QueryState } from '../../hooks/use-call'
import '../points.scss'

export interface VillagePickerProps {
  villages: OrgNodeView[]
  currentId?: string
  onChange: (id: string) => void
}

/** Which village the page works on (shown only when there is more than one). */
export function VillagePicker({ villages, currentId, onChange }: VillagePickerProps) {
  if (villages.length < 2) return null
  return (
    <View className='points-scope'>
      <ChoiceField name='village' options={villages.map((v) => ({ value: v.id, label: v.name }))} value={currentId} onChange={onChange} />
    </View>
  )
}

export interface ScopeGateProps {
  scopes: QueryState<unknown>
  hasVillage: boolean
  className?: string
  noAccessText?: string
  children: () => ReactNode
}

/** Loading / error / no-permission states while the caller's villages load; renders children once one is known. */
export function ScopeGate({ scopes, hasVillage, className, noAccessText = '您没有这项工作的权限', children }: ScopeGateProps) {
  if (scopes.loading && !scopes.data) return <Page className={className}><LoadingView /></Page>
  if (scopes.error) return <Page className={className}><ErrorView error={scopes.error} onRetry={() => void scopes.reload()} /></Page>
  if (!hasVillage) return <Page className={className}><EmptyState text={noAccessText} /></Page>
  return <>{children()}</>
}
