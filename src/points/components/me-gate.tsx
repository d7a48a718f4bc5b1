import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { ChoiceField } from '../../components/choice-field'
import { EmptyState } from '../../components/empty-state'
import { ErrorView } from '../../components/error-view'
import { LoadingView } from '../../components/loading-view'
import { Page } from '../../components/page'
import type { MeState } from '../../hooks/use-me'
import '../points.scss'

/** Sign-in / loading / error states for pages that need identity.me first. */
export function MeGate({ me, className, children }: { me: MeState; className?: string; children: () => ReactNode }) {
  if (me.needsDevSignIn || me.unbound) return <Page className={className}><EmptyState text='请先在“我的”页面登录或绑定身份' /></Page>
  if (me.loading && !me.data) return <Page className={className}><LoadingView /></Page>
  if (me.error || !me.data) return <Page className={className}><ErrorView error={me.error} onRetry={() => void me.reload()} /></Page>
  return <>{children()}</>
}

/** Village choice shown only when there is more than one. */
export function VillageChoice({ options, value, onChange }: { options: Array<{ id: string; name: string }>; value: string; onChange: (id: string) => void }) {
  if (options.length < 2) return null
  return (
    <View className='points-scope'>
      <ChoiceField name='village' options={options.map((o) => ({ value: o.id, label: o.name }))} value={value} onChange={onChange} />
    </View>
  )
}
