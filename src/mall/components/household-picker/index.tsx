import { Input, View } from '@tarojs/components'
import { eventValue } from '@/utils/form'
import { useState } from 'react'
import { BigButton } from '@/components/big-button'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { LoadingView } from '@/components/loading-view'
import { Section } from '@/components/section'
import { useQuery } from '@/hooks/use-call'
import { useVillageScope } from '@/hooks/use-scope'
import { call } from '@/services/call'
import { MALL_SCOPE_KEY, PROXY_ROLES } from '../../shared'
import { VillagePicker } from '../village-picker'

export interface PickedHousehold {
  id: string
  name: string
  code: string
}

/** Grid workers choose the household they redeem for (代办): households of their grids, searchable. */
export function HouseholdPicker({ onPick }: { onPick: (h: PickedHousehold) => void }) {
  const { scopes, villages, current, choose } = useVillageScope(PROXY_ROLES, { storageKey: MALL_SCOPE_KEY })
  const villageId = current?.id ?? ''
  const [typed, setTyped] = useState('')
  const [q, setQ] = useState('')
  const list = useQuery(
    () => call('identity', 'listHouseholds', { villageId, q: q || undefined, offset: 0, limit: 100 }),
    [villageId, q],
    Boolean(villageId)
  )

  if (scopes.loading && !scopes.data) return <LoadingView />
  if (scopes.error) return <ErrorView error={scopes.error} onRetry={() => void scopes.reload()} />
  if (!current) return <EmptyState text='只有网格员可以代办兑换' />

  const items = list.data?.items ?? []
  return (
    <Section title='为哪一户代办兑换？' className='mall-proxy-picker'>
      <VillagePicker villages={villages} currentId={villageId} onChange={choose} />
      <View className='mall-search'>
        <Input
          className='cs-input mall-search__input mall-proxy-search'
          value={typed}
          placeholder='输入户主姓名或户号'
          confirmType='search'
          onInput={(e) => setTyped(eventValue(e))}
          onConfirm={() => setQ(typed.trim())}
        />
        <BigButton size='small' className='mall-search__go' onClick={() => setQ(typed.trim())}>
          搜索
        </BigButton>
      </View>
      {list.loading && !list.data ? <LoadingView /> : null}
      {list.error ? <ErrorView error={list.error} onRetry={() => void list.reload()} /> : null}
      {list.data && items.length === 0 ? <EmptyState text={q ? '没有找到，换个名字试试' : '您的网格里还没有登记农户'} /> : null}
      {items.map((h) => (
        <View key={h.id} className='mall-row mall-proxy-household' onClick={() => onPick({ id: h.id, name: h.headName ?? h.name, code: h.code })}>
          <View className='mall-row__main'>
            <View className='mall-row__title'>{h.headName ?? h.name}</View>
            <View className='mall-row__desc'>
              户号 {h.code} · {h.address}
            </View>
          </View>
          <View className='mall-row__side'>选这户 ›</View>
        </View>
      ))}
    </Section>
  )
}

export default HouseholdPicker
