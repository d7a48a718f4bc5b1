import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { Tag } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/style.css'
import { useState } from 'react'
import { ROLES, ROLE_LABELS, type Output } from '../../../../types/contract'
import { BigButton } from '@/components/big-button'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { ROSTER_ROLES } from '@/features/tiles'
import { useMutation, useQuery } from '@/hooks/use-call'
import { useVillageScope } from '@/hooks/use-scope'
import { call } from '@/services/call'
import { ConfirmDialog } from '@/components/confirm-dialog'
import { ScopePicker } from '../../components/scope-picker'
import { useParam } from '@/hooks/use-param'
import { chinaDateTime } from '@/utils/china-time'
import { ADMIN_SCOPE_KEY } from '../../shared'
import '../admin.scss'

type Grant = Output<'identity', 'listGrants'>[number]

export default function GrantsPage() {
  const { scopes, villages, current, choose } = useVillageScope(ROSTER_ROLES, { storageKey: ADMIN_SCOPE_KEY, preferred: useParam('villageId') || undefined })
  const villageId = current?.id ?? ''
  const grants = useQuery(() => call('identity', 'listGrants', { orgId: villageId }), [villageId], Boolean(villageId))
  const audit = useQuery(() => call('identity', 'grantAudit', { orgId: villageId }), [villageId], Boolean(villageId))
  const [revoking, setRevoking] = useState<Grant | null>(null)
  const revoke = useMutation((grantId: string) => call('identity', 'revokeRole', { grantId }))

  const confirmRevoke = async () => {
    const g = revoking
    setRevoking(null)
    if (g && (await revoke.run(g.id))) {
      void Taro.showToast({ title: '已撤销职务', icon: 'success' })
      void grants.reload()
      void audit.reload()
    }
  }

  if (scopes.loading && !scopes.data) return <Page><LoadingView /></Page>
  if (scopes.error) return <Page><ErrorView error={scopes.error} onRetry={() => void scopes.reload()} /></Page>
  if (!current) return <Page><EmptyState text='您暂无管理权限' /></Page>

  const list = grants.data ?? []
  return (
    <Page className='admin-grants' title={`${current.name} 职务`}>
      <ScopePicker villages={villages} currentId={villageId} onChange={choose} />
      <View className='cs-muted admin-grants__hint'>要给某人授予职务，请在户籍名册里找到这个人。</View>
      {grants.loading && !grants.data ? <LoadingView /> : null}
      {grants.error ? <ErrorView error={grants.error} onRetry={() => void grants.reload()} /> : null}
      {grants.data && list.length === 0 ? <EmptyState text='还没有授予任何职务' /> : null}
      {ROLES.filter((r) => list.some((g) => g.role === r)).map((role) => (
        <Section key={role} title={ROLE_LABELS[role]} className={`admin-grant-group admin-grant-group--${role}`}>
          {list
            .filter((g) => g.role === role)
            .map((g) => (
              <View key={g.id} className='admin-item admin-grant-item'>
                <View className='admin-item__main'>
                  <View className='admin-item__title'>
                    {g.memberName}
                    <Tag className='admin-grant-tag' type='primary' plain>
                      {ROLE_LABELS[g.role]}
                    </Tag>
                  </View>
                  <View className='admin-item__desc'>{g.orgName}</View>
                </View>
                <BigButton type='danger' size='small' className='admin-grant-revoke cs-nowrap' onClick={() => setRevoking(g)}>
                  撤销职务
                </BigButton>
              </View>
            ))}
        </Section>
      ))}
      <Section title='授权记录' className='admin-grant-audit'>
        <View className='cs-muted admin-grant-audit__hint'>每一次授予和撤销都记在这里，不能修改。两委成员、书记、管理员由镇里的管理员授予和撤销。</View>
        {audit.error ? <ErrorView error={audit.error} onRetry={() => void audit.reload()} /> : null}
        {audit.data && audit.data.length === 0 ? <EmptyState text='还没有授权记录' /> : null}
        {(audit.data ?? []).map((e) => (
          <View key={`${e.seq}-${e.hash}`} className={`admin-item admin-grant-audit__item admin-grant-audit__item--${e.action}`}>
            <View className='admin-item__main'>
              <View className='admin-item__title'>
                {e.byName} {e.action === 'grant' ? '授予' : '撤销'} {e.memberName} {ROLE_LABELS[e.role]}
              </View>
              <View className='admin-item__desc'>
                {e.orgName} · {chinaDateTime(e.at)} · 第{e.seq}条
              </View>
            </View>
          </View>
        ))}
      </Section>
      <ConfirmDialog
        visible={revoking !== null}
        danger
        title='撤销职务'
        content={revoking ? `确定撤销 ${revoking.memberName} 的「${ROLE_LABELS[revoking.role]}」职务（${revoking.orgName}）吗？` : ''}
        confirmText='确认撤销'
        cancelText='不撤销'
        className='admin-revoke-confirm'
        onConfirm={() => void confirmRevoke()}
        onCancel={() => setRevoking(null)}
      />
    </Page>
  )
}
