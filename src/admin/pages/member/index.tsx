import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useEffect, useMemo, useState } from 'react'
import {
  contract,
  PARTY_STATUSES,
  PARTY_STATUS_LABELS,
  PERSON_CLASSES,
  PERSON_CLASS_LABELS,
  ROLES,
  ROLE_LABELS,
  type Input,
  type MemberView,
  type PartyStatus,
  type PersonClass,
  type Role
} from '../../../../types/contract'
import { BigButton } from '@/components/big-button'
import { ChoiceField } from '@/components/choice-field'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { FormField } from '@/components/form-field'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { useMutation, useQuery } from '@/hooks/use-call'
import { call, newRequestId } from '@/services/call'
import { fieldErrors } from '@/utils/form'
import { ConfirmDialog } from '@/components/confirm-dialog'
import { useParam } from '@/hooks/use-param'
import '../admin.scss'

type MemberInput = Input<'identity', 'saveMember'>

interface MemberDraft {
  name: string
  gender: 'M' | 'F'
  relation: string
  isHead: boolean
  phone: string
  personClass: PersonClass
  partyStatus: PartyStatus | null
}

const RELATIONS = ['户主', '配偶', '子', '女', '父亲', '母亲', '儿媳', '女婿', '孙子', '孙女', '其他']

function draftOf(m?: MemberView): MemberDraft {
  return {
    name: m?.name ?? '',
    gender: m?.gender ?? 'M',
    relation: m?.relation ?? '',
    isHead: m?.isHead ?? false,
    phone: '',
    personClass: m?.personClass ?? 'masses',
    partyStatus: m?.partyStatus ?? null
  }
}

export function toMemberInput(d: MemberDraft, householdId: string, memberId?: string): MemberInput {
  return {
    memberId,
    householdId,
    name: d.name.trim(),
    gender: d.gender,
    relation: d.relation.trim(),
    isHead: d.isHead,
    // Blank phone on edit keeps the stored one (the server only sees a masked phone).
    phone: d.phone.trim() ? d.phone.trim() : undefined,
    personClass: d.personClass,
    partyStatus: d.personClass === 'party' ? d.partyStatus ?? 'in_village' : null
  }
}

interface RolesSectionProps {
  memberId: string
  memberName: string
  villageId: string
}

/** This member's roles in the village, with grant and revoke. */
function RolesSection({ memberId, memberName, villageId }: RolesSectionProps) {
  const grants = useQuery(() => call('identity', 'listGrants', { orgId: villageId }), [villageId])
  const orgs = useQuery(() => call('identity', 'orgTree', { rootId: villageId }), [villageId])
  const mine = (grants.data ?? []).filter((g) => g.memberId === memberId)
  const [role, setRole] = useState<Role | null>(null)
  const [orgId, setOrgId] = useState(villageId)
  const [revoking, setRevoking] = useState<{ id: string; label: string } | null>(null)
  const grant = useMutation((input: Input<'identity', 'grantRole'>) => call('identity', 'grantRole', input))
  const revoke = useMutation((grantId: string) => call('identity', 'revokeRole', { grantId }))

  const [granting, setGranting] = useState(false)
  const orgName = (orgs.data ?? []).find((o) => o.id === orgId)?.name ?? ''
  const askGrant = () => {
    if (!role) {
      void Taro.showToast({ title: '请先选择职务', icon: 'none' })
      return
    }
    setGranting(true)
  }

  const submitGrant = async () => {
    setGranting(false)
    if (!role) return
    if (await grant.run({ memberId, role, orgId })) {
      setRole(null)
      void Taro.showToast({ title: '已授权', icon: 'success' })
      void grants.reload()
    }
  }

  const confirmRevoke = async () => {
    const g = revoking
    setRevoking(null)
    if (g && (await revoke.run(g.id))) {
      void Taro.showToast({ title: '已撤销职务', icon: 'success' })
      void grants.reload()
    }
  }

  return (
    <Section title='职务（角色）' className='admin-member-roles'>
      {grants.loading && !grants.data ? <LoadingView /> : null}
      {grants.error ? <ErrorView error={grants.error} onRetry={() => void grants.reload()} /> : null}
      {grants.data && mine.length === 0 ? <View className='cs-muted'>没有职务</View> : null}
      {mine.map((g) => (
        <View key={g.id} className='admin-item admin-grant-item'>
          <View className='admin-item__main'>
            <View className='admin-item__title'>{ROLE_LABELS[g.role]}</View>
            <View className='admin-item__desc'>{g.orgName}</View>
          </View>
          <BigButton type='danger' size='small' className='admin-grant-revoke cs-nowrap' onClick={() => setRevoking({ id: g.id, label: `「${ROLE_LABELS[g.role]}」职务（${g.orgName}）` })}>
            撤销职务
          </BigButton>
        </View>
      ))}
      <FormField label='授予职务'>
        <ChoiceField name='role' options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} value={role} onChange={setRole} />
      </FormField>
      {(orgs.data ?? []).length > 1 ? (
        <FormField label='在哪个组织'>
          <ChoiceField name='org' options={(orgs.data ?? []).map((o) => ({ value: o.id, label: o.name }))} value={orgId} onChange={setOrgId} />
        </FormField>
      ) : null}
      <BigButton type='plain' className='admin-grant-submit' loading={grant.submitting} onClick={askGrant}>
        授权
      </BigButton>
      <ConfirmDialog
        visible={granting && role !== null}
        title='授予职务'
        className='admin-grant-confirm'
        content={role ? `确定授予 ${memberName}「${ROLE_LABELS[role]}」职务${orgName ? `（${orgName}）` : ''}吗？` : ''}
        confirmText='确认授予'
        cancelText='不授予'
        onConfirm={() => void submitGrant()}
        onCancel={() => setGranting(false)}
      />
      <ConfirmDialog
        visible={revoking !== null}
        danger
        title='撤销职务'
        className='admin-revoke-confirm'
        content={revoking ? `确定撤销 ${memberName} 的${revoking.label}吗？` : ''}
        confirmText='确认撤销'
        cancelText='不撤销'
        onConfirm={() => void confirmRevoke()}
        onCancel={() => setRevoking(null)}
      />
    </Section>
  )
}

export default function MemberPage() {
  const householdId = useParam('householdId')
  const memberId = useParam('memberId')
  const villageId = useParam('villageId')
  const household = useQuery(() => call('identity', 'getHousehold', { householdId }), [householdId], Boolean(householdId))
  const existing = useMemo(() => household.data?.members.find((m) => m.id === memberId), [household.data, memberId])
  const [draft, setDraft] = useState<MemberDraft>(draftOf())
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [requestId] = useState(newRequestId)
  const save = useMutation((input: MemberInput) => call('identity', 'saveMember', input, { requestId }))

  useEffect(() => {
    if (existing) setDraft(draftOf(existing))
  }, [existing])

  const set = <K extends keyof MemberDraft>(key: K, value: MemberDraft[K]) => setDraft((d) => ({ ...d, [key]: value }))

  const submit = async () => {
    const input = toMemberInput(draft, householdId, memberId || undefined)
    const errs = fieldErrors(contract.identity.saveMember.input, input)
    setErrors(errs)
    if (Object.keys(errs).length > 0) return
    if (await save.run(input)) {
      void Taro.showToast({ title: '已保存', icon: 'success' })
      setTimeout(() => void Taro.navigateBack(), 600)
    }
  }

  if (!householdId) return <Page><EmptyState text='缺少户的信息，请从名册进入' /></Page>
  if (household.loading && !household.data) return <Page><LoadingView /></Page>
  if (household.error) return <Page><ErrorView error={household.error} onRetry={() => void household.reload()} /></Page>
  if (memberId && !existing) return <Page><EmptyState text='没有找到这个人' /></Page>

  return (
    <Page className='admin-member' title={existing ? existing.name : '添加家庭成员'}>
      <Section className='admin-member-form'>
        <FormField label='姓名' name='name' required value={draft.name} onInput={(v) => set('name', v)} error={errors.name} maxlength={20} />
        <FormField label='性别' required error={errors.gender}>
          <ChoiceField name='gender' options={[{ value: 'M', label: '男' }, { value: 'F', label: '女' }] as const} value={draft.gender} onChange={(v) => set('gender', v)} />
        </FormField>
        <FormField label='与户主关系' required error={errors.relation}>
          <ChoiceField name='relation' options={RELATIONS.map((r) => ({ value: r, label: r }))} value={draft.relation} onChange={(v) => { set('relation', v); set('isHead', v === '户主') }} />
        </FormField>
        <FormField
          label='手机号'
          name='phone'
          inputType='number'
          maxlength={11}
          value={draft.phone}
          onInput={(v) => set('phone', v)}
          error={errors.phone}
          hint={existing?.phoneMasked ? `现在是 ${existing.phoneMasked}，不改就不用填` : '可不填'}
        />
        <FormField label='人员类别' required error={errors.personClass}>
          <ChoiceField name='person-class' options={PERSON_CLASSES.map((c) => ({ value: c, label: PERSON_CLASS_LABELS[c] }))} value={draft.personClass} onChange={(v) => set('personClass', v)} />
        </FormField>
        {draft.personClass === 'party' ? (
          <FormField label='党员状态' required error={errors.partyStatus}>
            <ChoiceField name='party-status' options={PARTY_STATUSES.map((s) => ({ value: s, label: PARTY_STATUS_LABELS[s] }))} value={draft.partyStatus ?? 'in_village'} onChange={(v) => set('partyStatus', v)} />
          </FormField>
        ) : null}
        <BigButton className='admin-member-save' loading={save.submitting} onClick={() => void submit()}>
          保存
        </BigButton>
      </Section>
      {existing && villageId ? <RolesSection memberId={existing.id} memberName={existing.name} villageId={villageId} /> : null}
    </Page>
  )
}
