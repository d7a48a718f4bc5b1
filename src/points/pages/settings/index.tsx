import { View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { contract, type SettingsView } from '../../../../types/contract'
import { BigButton } from '@/components/big-button'
import { ChoiceField } from '@/components/choice-field'
import { FormField } from '@/components/form-field'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { ErrorView } from '@/components/error-view'
import { LoadingView } from '@/components/loading-view'
import { useMutation, useQuery } from '@/hooks/use-call'
import { useVillageScope } from '@/hooks/use-scope'
import { call } from '@/services/call'
import { fieldErrors } from '@/utils/form'
import { useParam } from '@/hooks/use-param'
import { POINTS_ROLES, POINTS_SCOPE_KEY, go, toast, useIntentIds } from '../../shared'
import { ScopeGate, VillagePicker } from '../../components/scope'
import '../../points.scss'
import './index.scss'

interface Form {
  rankingEnabled: boolean
  noticeDays: string
  honours: Array<{ name: string; minPoints: string }>
  excellent: string
  good: string
  priorityTopN: string
}

function toForm(s: SettingsView): Form {
  return {
    rankingEnabled: s.rankingEnabled,
    noticeDays: String(s.noticeDays),
    honours: s.honours.map((h) => ({ name: h.name, minPoints: String(h.minPoints) })),
    excellent: String(s.credit.excellent),
    good: String(s.credit.good),
    priorityTopN: String(s.priorityTopN)
  }
}

function int(text: string): number {
  return /^\d{1,6}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN
}

/** 积分设置: ranking on/off, notice days, honour tiers, credit thresholds, priority list size. */
export default function SettingsPage() {
  const { scopes, villages, current, choose } = useVillageScope(POINTS_ROLES.rules, { storageKey: POINTS_SCOPE_KEY, preferred: useParam('villageId') || undefined })
  const villageId = current?.id ?? ''
  const settings = useQuery(() => call('points', 'getSettings', { villageId }), [villageId], Boolean(villageId))
  const [form, setForm] = useState<Form | null>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const intents = useIntentIds()
  useEffect(() => {
    if (settings.data) setForm(toForm(settings.data))
  }, [settings.data])

  const input = form
    ? {
      villageId,
      rankingEnabled: form.rankingEnabled,
      noticeDays: int(form.noticeDays),
      honours: form.honours.map((h) => ({ name: h.name.trim(), minPoints: int(h.minPoints) })),
      credit: { excellent: int(form.excellent), good: int(form.good) },
      priorityTopN: int(form.priorityTopN)
    }
    : null
  const save = useMutation(() => call('points', 'saveSettings', input as NonNullable<typeof input>, { requestId: intents.get(JSON.stringify(input)) }))

  const submit = async () => {
    if (!input) return
    const errs = fieldErrors(contract.points.saveSettings.input, input)
    if (input.credit.good > input.credit.excellent) errs.credit = '“良好”的分数线不能高于“优秀”'
    setErrors(errs)
    if (Object.keys(errs).length > 0) return
    const res = await save.run()
    if (res) {
      intents.done(JSON.stringify(input))
      setForm(toForm(res))
      toast('已保存', 'success')
    }
  }
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => (f ? { ...f, [k]: v } : f))

  return (
    <ScopeGate scopes={scopes} hasVillage={Boolean(current)} className='points-settings' noAccessText='只有两委成员和管理员可以修改积分设置'>
      {() => (
        <Page className='points-settings' title='积分设置'>
          <VillagePicker villages={villages} currentId={villageId} onChange={choose} />
          <BigButton type='default' className='settings-go-rules' onClick={() => go('/points/pages/rules/index')}>
            修订积分标准（草案和通过）
          </BigButton>
          {settings.loading && !form ? <LoadingView /> : null}
          {settings.error ? <ErrorView error={settings.error} onRetry={() => void settings.reload()} /> : null}
          {form ? (
            <View>
              <Section title='排名和公示'>
                <FormField label='积分排名' name='ranking' hint='关闭后村民看不到排名'>
                  <ChoiceField name='ranking' options={[{ value: 'on', label: '开启' }, { value: 'off', label: '关闭' }]} value={form.rankingEnabled ? 'on' : 'off'} onChange={(v) => set('rankingEnabled', v === 'on')} />
                </FormField>
                <FormField label='公示天数（1到30天）' name='noticeDays' inputType='number' value={form.noticeDays} onInput={(v) => set('noticeDays', v)} error={errors.noticeDays} maxlength={2} />
              </Section>
              <Section title='年度评优（达到分数可评）' className='settings-honours'>
                {form.honours.map((h, i) => (
                  <View key={i} className='settings-honour'>
                    <FormField label='荣誉名称' name={`honour-name-${i}`} value={h.name} onInput={(v) => set('honours', form.honours.map((x, j) => (j === i ? { ...x, name: v } : x)))} maxlength={20} placeholder='例如 星级文明户' />
                    <FormField label='年度积分至少' name={`honour-min-${i}`} inputType='number' value={h.minPoints} onInput={(v) => set('honours', form.honours.map((x, j) => (j === i ? { ...x, minPoints: v } : x)))} maxlength={6} />
                    <BigButton type='danger' size='small' className='settings-honour-remove' onClick={() => set('honours', form.honours.filter((_, j) => j !== i))}>
                      删除这一档
                    </BigButton>
                  </View>
                ))}
                {errors.honours ? <View className='points-error-text'>{errors.honours}</View> : null}
                {form.honours.length < 10 ? (
                  <BigButton type='plain' className='settings-honour-add' onClick={() => set('honours', [...form.honours, { name: '', minPoints: '' }])}>
                    增加一档荣誉
                  </BigButton>
                ) : null}
              </Section>
              <Section title='信用评级和优先名单'>
                <FormField label='“优秀”年度积分至少' name='excellent' inputType='number' value={form.excellent} onInput={(v) => set('excellent', v)} maxlength={6} />
                <FormField label='“良好”年度积分至少' name='good' inputType='number' value={form.good} onInput={(v) => set('good', v)} error={errors.credit} maxlength={6} />
                <FormField label='优先名单取前几户' name='priorityTopN' inputType='number' value={form.priorityTopN} onInput={(v) => set('priorityTopN', v)} error={errors.priorityTopN} maxlength={3} />
              </Section>
              <BigButton className='settings-save' loading={save.submitting} onClick={() => void submit()}>
                保存设置
              </BigButton>
            </View>
          ) : null}
        </Page>
      )}
    </ScopeGate>
  )
}
