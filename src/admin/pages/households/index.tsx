import Taro from '@tarojs/taro'
import { eventValue } from '@/utils/form'
import { Input, View } from '@tarojs/components'
import { useState } from 'react'
import type { Output } from '../../../../types/contract'
import { BigButton } from '@/components/big-button'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { ROSTER_ROLES } from '@/features/tiles'
import { useQuery, useReloadOnShow } from '@/hooks/use-call'
import { useVillageScope } from '@/hooks/use-scope'
import { call } from '@/services/call'
import { ScopePicker } from '../../components/scope-picker'
import { ADMIN_SCOPE_KEY } from '../../shared'
import '../admin.scss'

const PAGE_SIZE = 30
type Item = Output<'identity', 'listHouseholds'>['items'][number]

export default function HouseholdsPage() {
  const { scopes, villages, current, choose } = useVillageScope(ROSTER_ROLES, { storageKey: ADMIN_SCOPE_KEY })
  const [typed, setTyped] = useState('')
  const [q, setQ] = useState('')
  const [limit, setLimit] = useState(PAGE_SIZE)
  const villageId = current?.id ?? ''
  const list = useQuery(
    () => call('identity', 'listHouseholds', { villageId, q: q || undefined, offset: 0, limit }),
    [villageId, q, limit],
    Boolean(villageId)
  )
  useReloadOnShow(list.reload, Boolean(villageId))

  if (scopes.loading && !scopes.data) return <Page><LoadingView /></Page>
  if (scopes.error) return <Page><ErrorView error={scopes.error} onRetry={() => void scopes.reload()} /></Page>
  if (!current) return <Page><EmptyState text='您暂无管理权限' /></Page>

  const open = (h: Item) => void Taro.navigateTo({ url: `/admin/pages/household/index?id=${h.id}&villageId=${villageId}` })
  const items = list.data?.items ?? []
  const total = list.data?.total ?? 0

  return (
    <Page className='admin-households' title={`${current.name} 户籍名册`}>
      <ScopePicker villages={villages} currentId={villageId} onChange={(id) => { choose(id); setLimit(PAGE_SIZE) }} />
      <View className='admin-search'>
        <Input
          className='cs-input admin-search__input'
          value={typed}
          placeholder='输入户主姓名或户号'
          confirmType='search'
          onInput={(e) => setTyped(eventValue(e))}
          onConfirm={() => { setQ(typed.trim()); setLimit(PAGE_SIZE) }}
        />
        <BigButton size='small' className='admin-search__go' onClick={() => { setQ(typed.trim()); setLimit(PAGE_SIZE) }}>
          搜索
        </BigButton>
      </View>
      <BigButton className='admin-add-household' onClick={() => void Taro.navigateTo({ url: `/admin/pages/household/index?villageId=${villageId}` })}>
        新增一户
      </BigButton>
      <View className='admin-links'>
        <BigButton type='default' size='small' onClick={() => void Taro.navigateTo({ url: `/admin/pages/import/index?villageId=${villageId}` })}>
          导入导出
        </BigButton>
        <BigButton type='default' size='small' onClick={() => void Taro.navigateTo({ url: `/admin/pages/grants/index?villageId=${villageId}` })}>
          角色授权
        </BigButton>
      </View>

      {list.loading && !list.data ? <LoadingView /> : null}
      {list.error ? <ErrorView error={list.error} onRetry={() => void list.reload()} /> : null}
      {list.data && items.length === 0 ? <EmptyState text={q ? '没有找到，换个名字试试' : '还没有登记农户'} /> : null}
      {items.length > 0 ? (
        <Section title={`共 ${total} 户`}>
          {items.map((h) => (
            <View key={h.id} className='admin-item admin-household-item' onClick={() => open(h)}>
              <View className='admin-item__main'>
                <View className='admin-item__title'>{h.headName ?? h.name}</View>
                <View className='admin-item__desc'>户号 {h.code} · {h.address}</View>
              </View>
              <View className='admin-item__side'>{h.memberCount} 人</View>
            </View>
          ))}
          {items.length < total ? (
            <BigButton type='default' loading={list.loading} onClick={() => setLimit(Math.min(200, limit + PAGE_SIZE))}>
              加载更多
            </BigButton>
          ) : null}
        </Section>
      ) : null}
    </Page>
  )
}
