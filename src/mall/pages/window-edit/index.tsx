import Taro from '@tarojs/taro'
import { Picker, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import { contract } from '../../../../types/contract'
import { BigButton } from '@/components/big-button'
import { ChoiceField } from '@/components/choice-field'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { FormField } from '@/components/form-field'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { useQuery } from '@/hooks/use-call'
import { call, newRequestId } from '@/services/call'
import { fieldErrors, eventValue } from '@/utils/form'
import { ConfirmDialog } from '@/components/confirm-dialog'
import { useParam } from '@/hooks/use-param'
import { cstParts, quarterLabel, quartersAround, toIso, useSubmit } from '../../shared'
import '../mall.scss'
import './index.scss'

function DateTimeField({ label, name, date, time, error, onDate, onTime }: { label: string; name: string; date: string; time: string; error?: string; onDate: (v: string) => void; onTime: (v: string) => void }) {
  return (
    <FormField label={label} name={name} required error={error}>
      <View className='mall-datetime'>
        <Picker mode='date' value={date} onChange={(e) => onDate(eventValue(e))}>
          <View className={`cs-input mall-datetime__date mall-${name}-date`}>{date || '选日期'}</View>
        </Picker>
        <Picker mode='time' value={time} onChange={(e) => onTime(eventValue(e))}>
          <View className={`cs-input mall-datetime__time mall-${name}-time`}>{time || '选时间'}</View>
        </Picker>
      </View>
    </FormField>
  )
}

const AUTO = 'auto'

export default function WindowEditPage() {
  const villageId = useParam('villageId')
  const windowId = useParam('id')
  const list = useQuery(() => call('mall', 'listWindows', { villageId }), [villageId], Boolean(windowId && villageId))
  const existing = list.data?.find((w) => w.id === windowId)

  const [title, setTitle] = useState('')
  const [opensDate, setOpensDate] = useState('')
  const [opensTime, setOpensTime] = useState('08:00')
  const [closesDate, setClosesDate] = useState('')
  const [closesTime, setClosesTime] = useState('18:00')
  const [quarter, setQuarter] = useState<string>(AUTO)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [confirming, setConfirming] = useState(false)
  const intent = useRef(newRequestId())
  const save = useSubmit((input: { windowId?: string; villageId: string; title: string; opensAt: string; closesAt: string; quarter?: string }) =>
    call('mall', 'saveWindow', input, { requestId: intent.current })
  )

  useEffect(() => {
    if (existing) {
      const o = cstParts(existing.opensAt)
      const c = cstParts(existing.closesAt)
      setTitle(existing.title)
      setOpensDate(o.date)
      setOpensTime(o.time)
      setClosesDate(c.date)
      setClosesTime(c.time)
      setQuarter(existing.quarter)
    }
  }, [existing])

  const edit = <T,>(setter: (v: T) => void) => (v: T) => {
    intent.current = newRequestId()
    setter(v)
  }

  const quarters = opensDate ? quartersAround(opensDate) : null
  const quarterOptions = [
    { value: AUTO, label: '按开始日期所在季度' },
    ...(quarters ? [quarters.current, quarters.previous].map((q) => ({ value: q, label: quarterLabel(q) })) : []),
    ...(existing && quarters && ![quarters.current, quarters.previous].includes(existing.quarter) ? [{ value: existing.quarter, label: quarterLabel(existing.quarter) }] : [])
  ]

  const input = {
    windowId: windowId || undefined,
    villageId,
    title: title.trim(),
    opensAt: opensDate ? toIso(opensDate, opensTime) : '',
    closesAt: closesDate ? toIso(closesDate, closesTime) : '',
    quarter: quarter === AUTO ? undefined : quarter
  }

  const check = () => {
    const errs = fieldErrors(contract.mall.saveWindow.input, input)
    if (!input.title) errs.title = '请填写名称，例如 第四季度兑换日'
    if (!opensDate) errs.opensAt = '请选择开始日期'
    if (!closesDate) errs.closesAt = '请选择结束日期'
    setErrors(errs)
    if (Object.keys(errs).length === 0) setConfirming(true)
  }

  const submit = async () => {
    setConfirming(false)
    const res = await save.run(input)
    if (res?.ok) {
      intent.current = newRequestId()
      void Taro.showToast({ title: '已保存', icon: 'success' })
      void Taro.navigateBack()
    }
  }

  if (windowId && list.loading && !list.data) return <Page className='mall-window-edit'><LoadingView /></Page>
  if (windowId && list.error) return <Page className='mall-window-edit'><ErrorView error={list.error} onRetry={() => void list.reload()} /></Page>
  if (windowId && list.data && !existing) return <Page className='mall-window-edit'><EmptyState text='没有找到这个兑换日' /></Page>

  return (
    <Page className='mall-window-edit' title={existing ? '修改兑换日' : '新增兑换日'}>
      <Section>
        <FormField label='名称' name='window-title' required value={title} onInput={edit(setTitle)} error={errors.title} placeholder='例如 第四季度兑换日' maxlength={40} />
        <DateTimeField label='开始' name='opens' date={opensDate} time={opensTime} error={errors.opensAt} onDate={edit(setOpensDate)} onTime={edit(setOpensTime)} />
        <DateTimeField label='结束' name='closes' date={closesDate} time={closesTime} error={errors.closesAt} onDate={edit(setClosesDate)} onTime={edit(setClosesTime)} />
        <FormField label='按哪个季度的积分算资格' name='window-quarter' error={errors.quarter} hint='季度初的兑换日一般按上一季度的积分'>
          <ChoiceField name='window-quarter' options={quarterOptions} value={quarter} onChange={edit(setQuarter)} />
        </FormField>
        <View className='cs-muted'>兑换日结束后没领取的兑换单会作废，积分自动退回农户。</View>
        <BigButton className='mall-window-save' loading={save.submitting} onClick={check}>
          保存
        </BigButton>
      </Section>
      <ConfirmDialog
        block='mall-confirm'
        visible={confirming}
        title='保存兑换日'
        content={`${input.title}：${opensDate} ${opensTime} 到 ${closesDate} ${closesTime}，${input.quarter ? `按${quarterLabel(input.quarter)}积分` : '按开始日期所在季度的积分'}。`}
        onConfirm={() => void submit()}
        onCancel={() => setConfirming(false)}
      />
    </Page>
  )
}
