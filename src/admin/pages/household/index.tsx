import Taro, { useShareAppMessage } from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import { isH5 } from '@/utils/env'
import { chinaDate } from '@/utils/china-time'
import { useEffect, useState } from 'react'
import { contract, type HouseholdView, type Input, type MemberView } from '../../../../types/contract'
import { BigButton } from '@/components/big-button'
import { ChoiceField } from '@/components/choice-field'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { FormField } from '@/components/form-field'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { useMutation, useQuery, useReloadOnShow } from '@/hooks/use-call'
import { call, newRequestId } from '@/services/call'
import { fieldErrors } from '@/utils/form'
import { ConfirmDialog } from '@/components/confirm-dialog'
import { useParam } from '@/hooks/use-param'
import { useMe } from '@/hooks/use-me'
import { CorrectionForm } from '../../components/correction-form'
import '../admin.scss'

interface HouseholdFormProps {
  villageId: string
  household?: HouseholdView
  onSaved: (householdId: string) => void
  /** Leaves editing without saving (existing households only). */
  onCancel?: () => void
}

const NO_GRID = '_none'

/** Create or edit a household (户号, 住址, 网格). Validates with the contract schema before sending. */
export function HouseholdForm({ villageId, household, onSaved, onCancel }: HouseholdFormProps) {
  const [code, setCode] = useState(household?.code ?? '')
  const [address, setAddress] = useState(household?.address ?? '')
  const [gridId, setGridId] = useState<string>(household?.gridId ?? NO_GRID)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [requestId, setRequestId] = useState(newRequestId)
  const grids = useQuery(() => call('identity', 'orgTree', { rootId: villageId }), [villageId], Boolean(villageId))
  const gridOptions = [{ value: NO_GRID, label: '不分网格' }, ...(grids.data ?? []).filter((o) => o.kind === 'grid').map((g) => ({ value: g.id, label: g.name }))]
  const save = useMutation((input: Input<'identity', 'saveHousehold'>) => call('identity', 'saveHousehold', input, { requestId }))

  useEffect(() => {
    if (household) {
      setCode(household.code)
      setAddress(household.address)
      setGridId(household.gridId ?? NO_GRID)
    }
  }, [household])

  const submit = async () => {
    const input = {
      householdId: household?.id,
      villageId,
      gridId: gridId === NO_GRID ? null : gridId,
      code: code.trim(),
      address: address.trim()
    }
    const errs = fieldErrors(contract.identity.saveHousehold.input, input)
    setErrors(errs)
    if (Object.keys(errs).length > 0) return
    const res = await save.run(input)
    if (res) {
      setRequestId(newRequestId())
      void Taro.showToast({ title: '已保存', icon: 'success' })
      onSaved(res.householdId)
    }
  }

  return (
    <Section title={household ? '这一户的信息' : '新增一户'} className='admin-household-form'>
      <FormField label='户号' name='code' required value={code} onInput={setCode} error={errors.code} placeholder='例如 3-012' maxlength={16} />
      <FormField label='住址' name='address' required value={address} onInput={setAddress} error={errors.address} placeholder='例如 三组 12号' maxlength={60} />
      {gridOptions.length > 1 ? (
        <FormField label='所属网格' error={errors.gridId}>
          <ChoiceField name='grid' options={gridOptions} value={gridId} onChange={setGridId} />
        </FormField>
      ) : null}
      <BigButton className='admin-household-save' loading={save.submitting} onClick={() => void submit()}>
        保存
      </BigButton>
      {onCancel ? (
        <BigButton type='default' className='admin-household-cancel-edit' onClick={onCancel}>
          不改了
        </BigButton>
      ) : null}
    </Section>
  )
}

/** The household as read: 户号, 住址, 网格, with 编辑 to change them (the page opens read-only). */
function HouseholdInfo({ household, onEdit }: { household: HouseholdView; onEdit: () => void }) {
  return (
    <Section title='这一户的信息' className='admin-household-info'>
      <View className='admin-item__desc admin-household-info__row'>
        户号：<View className='admin-household-info__code cs-nowrap'>{household.code}</View>
      </View>
      <View className='admin-item__desc admin-household-info__row'>住址：{household.address}</View>
      <View className='admin-item__desc admin-household-info__row'>网格：{household.gridName ?? '不分网格'}</View>
      <BigButton type='plain' className='admin-household-edit' onClick={onEdit}>
        编辑
      </BigButton>
    </Section>
  )
}

function MemberRow({ member, onEdit, onInvite }: { member: MemberView; onEdit: () => void; onInvite: () => void }) {
  return (
    <View className='admin-item admin-member-item'>
      <View className='admin-item__main' onClick={onEdit}>
        <View className='admin-item__title'>
          {member.name}
          {member.isHead ? <View className='admin-badge'>户主</View> : null}
        </View>
        <View className='admin-item__desc'>
          {member.relation}
          {member.bound ? ' · 已绑定微信' : ' · 未绑定'}
        </View>
      </View>
      <View className='admin-item__side'>
        {!member.bound ? (
          <BigButton type='plain' size='small' className='admin-member-invite' onClick={onInvite}>
            邀请码
          </BigButton>
        ) : null}
        <BigButton type='default' size='small' className='admin-member-edit' onClick={onEdit}>
          编辑
        </BigButton>
      </View>
    </View>
  )
}

export default function HouseholdPage() {
  const id = useParam('id')
  const villageParam = useParam('villageId')
  const [householdId, setHouseholdId] = useState(id)
  const detail = useQuery(() => call('identity', 'getHousehold', { householdId }), [householdId], Boolean(householdId))
  const [removing, setRemoving] = useState<MemberView | null>(null)
  const [editing, setEditing] = useState(false)
  const [invite, setInvite] = useState<{ name: string; code: string; expiresAt: string } | null>(null)
  const remove = useMutation((memberId: string) => call('identity', 'removeMember', { memberId }))
  const createInvite = useMutation((memberId: string) => call('identity', 'createInvite', { memberId }))
  useReloadOnShow(detail.reload, Boolean(householdId))

  const household = detail.data
  const villageId = household?.villageId ?? villageParam
  const me = useMe()
  const committee = Boolean(me.data?.roles.some((r) => r.role === 'committee'))

  const editMember = (memberId?: string) =>
    void Taro.navigateTo({
      url: `/admin/pages/member/index?householdId=${householdId}&villageId=${villageId}${memberId ? `&memberId=${memberId}` : ''}`
    })

  const confirmRemove = async () => {
    const m = removing
    setRemoving(null)
    if (m && (await remove.run(m.id))) {
      void Taro.showToast({ title: '已删除', icon: 'success' })
      void detail.reload()
    }
  }

  // The card carries the code and where to enter it; the receiver lands on 我的 with the code filled in.
  useShareAppMessage(() =>
    invite
      ? { title: `${invite.name}，请用邀请码 ${invite.code} 绑定村社通`, path: `/pages/me/index?invite=${encodeURIComponent(invite.code)}` }
      : { title: '村社通', path: '/pages/home/index' }
  )
  const makeInvite = async (m: MemberView) => {
    const res = await createInvite.run(m.id)
    if (res) setInvite({ name: m.name, code: res.code, expiresAt: res.expiresAt })
  }

  if (householdId && detail.loading && !household) return <Page><LoadingView /></Page>
  if (householdId && detail.error) return <Page><ErrorView error={detail.error} onRetry={() => void detail.reload()} /></Page>

  return (
    <Page className='admin-household' title={household ? `${household.name}` : '新增一户'}>
      {household && !editing ? (
        <HouseholdInfo household={household} onEdit={() => setEditing(true)} />
      ) : (
        <HouseholdForm
          villageId={villageId}
          household={household}
          onCancel={household ? () => setEditing(false) : undefined}
          onSaved={(newId) => {
            setEditing(false)
            if (newId !== householdId) setHouseholdId(newId)
            else void detail.reload()
          }}
        />
      )}
      {householdId ? (
        <Section title='家庭成员' className='admin-members'>
          {household && household.members.length === 0 ? <EmptyState text='还没有登记家庭成员' /> : null}
          {household?.members.map((m) => (
            <MemberRow key={m.id} member={m} onEdit={() => editMember(m.id)} onInvite={() => void makeInvite(m)} />
          ))}
          <BigButton type='plain' className='admin-add-member' onClick={() => editMember()}>
            添加家庭成员
          </BigButton>
        </Section>
      ) : null}
      {householdId && household && committee ? (
        <CorrectionForm householdId={householdId} blockedReason={me.data?.household?.id === householdId ? '不能更正自己家的积分，请其他两委成员提出' : null} />
      ) : null}
      {household && household.members.length > 0 ? (
        <Section title='删除家庭成员' className='admin-danger-zone'>
          <View className='cs-muted admin-danger-zone__hint'>删除后这个人不再属于这一户，请确认后再删。</View>
          {household.members.map((m) => (
            <BigButton key={m.id} type='danger' size='small' className='admin-member-remove' onClick={() => setRemoving(m)}>
              删除 {m.name}
            </BigButton>
          ))}
        </Section>
      ) : null}
      <ConfirmDialog
        visible={removing !== null}
        danger
        title='删除家庭成员'
        content={removing ? `确定要把 ${removing.name} 从这一户删除吗？` : ''}
        confirmText='确认删除'
        cancelText='不删除'
        onConfirm={() => void confirmRemove()}
        onCancel={() => setRemoving(null)}
      />
      <ConfirmDialog
        visible={invite !== null}
        alert
        title={invite ? `${invite.name} 的邀请码` : '邀请码'}
        content={
          invite ? (
            <View className='admin-invite-card'>
              <View className='admin-invite-code'>{invite.code}</View>
              <View className='admin-invite-steps'>{inviteText(invite)}</View>
              <BigButton type='plain' className='admin-invite-copy' onClick={() => void copyInvite(invite)}>
                复制邀请码和说明
              </BigButton>
              {!isH5() ? (
                <Button openType='share' className='cs-button cs-button--primary cs-button--large admin-invite-share'>
                  发给他（微信卡片）
                </Button>
              ) : null}
            </View>
          ) : null
        }
        confirmText='知道了'
        onConfirm={() => setInvite(null)}
        onCancel={() => setInvite(null)}
      />
    </Page>
  )
}

/** The instructions that go with an invitation code, for copying into a chat. */
export function inviteText(invite: { name: string; code: string; expiresAt: string }): string {
  return `${invite.name}您好：请在微信里打开“村社通”小程序，点下面的“我的”→“绑定身份”，输入邀请码 ${invite.code} 完成绑定。邀请码 ${chinaDate(invite.expiresAt)} 前有效，只能用一次。`
}

async function copyInvite(invite: { name: string; code: string; expiresAt: string }): Promise<void> {
  try {
    await Taro.setClipboardData({ data: inviteText(invite) })
    void Taro.showToast({ title: '已复制，可以粘贴到微信里发给他', icon: 'none' })
  } catch {
    void Taro.showToast({ title: '复制失败，请把邀请码抄给他', icon: 'none' })
  }
}
