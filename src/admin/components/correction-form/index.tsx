import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useRef, useState } from 'react'
import { BigButton } from '@/components/big-button'
import { FormField } from '@/components/form-field'
import { Section } from '@/components/section'
import { useMutation } from '@/hooks/use-call'
import { call, newRequestId } from '@/services/call'

export interface CorrectionFormProps {
  householdId: string
  /** Why the caller may not propose here (own household, not 两委); the form is then shown disabled with it. */
  blockedReason: string | null
}

/** Whole points, non-zero, within ±10000: the number typed for a correction, or null. */
export function parseCorrection(text: string): number | null {
  const t = text.trim()
  if (!/^[+-]?\d{1,5}$/.test(t)) return null
  const n = Number(t)
  return n === 0 || Math.abs(n) > 10000 ? null : n
}

/**
 * 积分更正（两委）: proposes points outside any rule item, with a reason. It goes to 两委联席复审 (two other
 * 两委 members), then the 大会 and 公示, like any claim; nothing is posted on one person's word.
 */
export function CorrectionForm({ householdId, blockedReason }: CorrectionFormProps) {
  const [amount, setAmount] = useState('')
  const [reason, setReason] = useState('')
  const [error, setError] = useState('')
  const intent = useRef(newRequestId())
  const propose = useMutation((n: number) => call('points', 'proposeCorrection', { householdId, amount: n, reason: reason.trim() }, { requestId: intent.current }))

  const submit = async () => {
    const n = parseCorrection(amount)
    const problem = n === null ? '分值请填写不为0的整数，扣分前面加“-”' : reason.trim().length < 2 ? '请写明更正原因' : ''
    setError(problem)
    if (problem || n === null) return
    const res = await propose.run(n)
    if (res) {
      intent.current = newRequestId()
      setAmount('')
      setReason('')
      void Taro.showToast({ title: '已提交，等两位两委成员复审', icon: 'none' })
    }
  }

  return (
    <Section title='积分更正（两委）' className='admin-correction'>
      <View className='cs-muted admin-correction__hint'>更正要由另外两位两委成员复审，再经大会审议和公示后才入账。</View>
      <FormField label='分值（扣分填负数）' name='correction-amount' inputType='text' value={amount} onInput={(v) => { setAmount(v); setError('') }} maxlength={6} />
      <FormField label='更正原因' name='correction-reason' value={reason} onInput={(v) => { setReason(v); setError('') }} maxlength={200} />
      {error ? <View className='cs-field__error admin-correction__error'>{error}</View> : null}
      <BigButton className='admin-correction__submit' disabled={Boolean(blockedReason)} reason={blockedReason ? <View className='admin-correction__blocked'>{blockedReason}</View> : undefined} loading={propose.submitting} onClick={() => void submit()}>
        提交更正
      </BigButton>
    </Section>
  )
}
