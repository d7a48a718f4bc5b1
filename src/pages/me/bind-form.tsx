import { View } from '@tarojs/components'
import { useMemo, useState } from 'react'
import { contract, type OrgNodeView } from '../../../types/contract'
import { BigButton } from '../../components/big-button'
import { ChoiceField } from '../../components/choice-field'
import { ErrorView } from '../../components/error-view'
import { FormField } from '../../components/form-field'
import { LoadingView } from '../../components/loading-view'
import { Section } from '../../components/section'
import { useMutation, useQuery } from '../../hooks/use-call'
import { useParam } from '../../hooks/use-param'
import { call, newRequestId } from '../../services/call'
import { fieldErrors } from '../../utils/form'

export interface BindFormProps {
  /** Called after a successful bind so the page can reload. */
  onBound: () => void
}

/** 绑定身份 with an invitation code, or 申请绑定 (staff confirm later). */
export function BindForm({ onBound }: BindFormProps) {
  // Opened from an invitation card (/pages/me/index?invite=CODE): the code is already filled in.
  const invited = useParam('invite')
  const [code, setCode] = useState(() => invited.replace(/[^A-Za-z0-9]/g, '').slice(0, 8))
  const [codeError, setCodeError] = useState<string>()
  const [requestId] = useState(newRequestId)
  const bind = useMutation(() => call('identity', 'bindInvite', { code: code.trim().toUpperCase() }, { requestId }))
  const [asking, setAsking] = useState(false)

  const submitCode = async () => {
    const errors = fieldErrors(contract.identity.bindInvite.input, { code: code.trim().toUpperCase() })
    setCodeError(errors.code)
    if (errors.code) return
    if (await bind.run()) onBound()
  }

  return (
    <View className='me-bind'>
      <Section title='绑定身份'>
        <View className='cs-muted me-bind__hint'>请输入村里工作人员给您的邀请码</View>
        <FormField label='邀请码' name='invite-code' value={code} onInput={setCode} placeholder='例如 AB12CD' maxlength={8} error={codeError} />
        <BigButton className='me-bind__submit' loading={bind.submitting} onClick={() => void submitCode()}>
          绑定
        </BigButton>
      </Section>
      {asking ? (
        <RequestBindForm onDone={() => setAsking(false)} />
      ) : (
        <BigButton type='default' className='me-bind__ask' onClick={() => setAsking(true)}>
          没有邀请码？申请绑定
        </BigButton>
      )}
    </View>
  )
}

interface RequestBindFormProps {
  onDone: () => void
}

function RequestBindForm({ onDone }: RequestBindFormProps) {
  const orgs = useQuery(() => call('identity', 'orgTree', {}), [])
  const villages = useMemo(
    () => (orgs.data ?? []).filter((o: OrgNodeView) => o.kind === 'village' || o.kind === 'community'),
    [orgs.data]
  )
  const [form, setForm] = useState({ villageId: '', name: '', phone: '', note: '' })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [requestId] = useState(newRequestId)
  const [sent, setSent] = useState(false)
  const submit = useMutation(() => call('identity', 'requestBind', form, { requestId }))

  const onSubmit = async () => {
    const errs = fieldErrors(contract.identity.requestBind.input, form)
    if (!form.villageId) errs.villageId = '请选择您所在的村'
    setErrors(errs)
    if (Object.keys(errs).length > 0) return
    if (await submit.run()) setSent(true)
  }

  if (sent) {
    return (
      <Section title='申请绑定'>
        <View className='me-request__sent'>已提交，请等待村里工作人员确认。</View>
        <BigButton type='default' onClick={onDone}>
          好的
        </BigButton>
      </Section>
    )
  }
  return (
    <Section title='申请绑定'>
      <FormField label='所在的村' required error={errors.villageId}>
        {orgs.loading ? <LoadingView /> : orgs.error ? <ErrorView error={orgs.error} onRetry={() => void orgs.reload()} /> : null}
        <ChoiceField
          name='village'
          options={villages.map((v) => ({ value: v.id, label: v.name }))}
          value={form.villageId}
          onChange={(villageId) => setForm({ ...form, villageId })}
        />
      </FormField>
      <FormField label='姓名' name='name' required value={form.name} onInput={(name) => setForm({ ...form, name })} error={errors.name} />
      <FormField label='手机号' name='phone' required inputType='number' maxlength={11} value={form.phone} onInput={(phone) => setForm({ ...form, phone })} error={errors.phone} />
      <FormField label='说明（可不填）' name='note' value={form.note} onInput={(note) => setForm({ ...form, note })} error={errors.note} placeholder='例如：三组 张家' />
      <BigButton loading={submit.submitting} onClick={() => void onSubmit()}>
        提交申请
      </BigButton>
      <BigButton type='default' onClick={onDone}>
        取消
      </BigButton>
    </Section>
  )
}
