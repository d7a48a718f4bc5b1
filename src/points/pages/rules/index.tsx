import { View } from '@tarojs/components'
import { useState } from 'react'
import {
  CAP_CYCLE_LABELS,
  PERSON_CLASSES,
  PERSON_CLASS_LABELS,
  RULE_CATEGORIES,
  RULE_CATEGORY_LABELS,
  VETO_EFFECT_LABELS,
  ruleItem,
  type PersonClass,
  type RuleItemView,
  type RuleSetView
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
import { useMe } from '@/hooks/use-me'
import { call } from '@/services/call'
import { fieldErrors } from '@/utils/form'
import { POINTS_ROLES, chinaToday, confirm, go, signed, toast, useIntentIds, useMyVillage } from '../../shared'
import { DateField } from '../../components/date-field'
import { MeGate, VillageChoice } from '../../components/me-gate'
import '../../points.scss'
import './index.scss'

function itemFacts(i: RuleItemView): string[] {
  const facts = [i.classes.map((c) => PERSON_CLASS_LABELS[c]).join('、')]
  if (i.cap) facts.push(`${CAP_CYCLE_LABELS[i.capCycle]}最多 ${i.cap} 分`)
  if (i.evidenceRequired) facts.push('需要照片')
  if (i.activeFrom || i.activeTo) facts.push(`有效期 ${i.activeFrom ?? '不限'} 至 ${i.activeTo ?? '不限'}`)
  if (i.category === 'veto' && i.vetoEffect !== 'none') facts.push(VETO_EFFECT_LABELS[i.vetoEffect])
  return facts
}

/** A rule set's items grouped by the four categories. */
export function RuleItems({ items, onEdit, onRemove }: { items: RuleItemView[]; onEdit?: (i: RuleItemView) => void; onRemove?: (i: RuleItemView) => void }) {
  return (
    <View>
      {RULE_CATEGORIES.map((c) => {
        const list = items.filter((i) => i.category === c)
        if (list.length === 0) return null
        return (
          <View key={c} className={`rules-category rules-category--${c}`}>
            <View className='rules-category__title'>{RULE_CATEGORY_LABELS[c]}</View>
            {list.map((i) => (
              <View key={i.id} className='rules-item points-list-item'>
                <View className='points-list-item__main'>
                  <View className='points-list-item__title rules-item__name'>{i.name}</View>
                  <View className='points-list-item__desc'>适用：{itemFacts(i).join(' · ')}</View>
                  {onEdit || onRemove ? (
                    <View className='points-actions-row'>
                      {onEdit ? (
                        <BigButton type='default' size='small' className='rules-item-edit' onClick={() => onEdit(i)}>
                          修改
                        </BigButton>
                      ) : null}
                      {onRemove ? (
                        <BigButton type='danger' size='small' className='rules-item-remove' onClick={() => onRemove(i)}>
                          删除
                        </BigButton>
                      ) : null}
                    </View>
                  ) : null}
                </View>
                <View className={`points-list-item__side rules-item__points ${i.points >= 0 ? 'points-plus' : 'points-minus'}`}>
                  {signed(i.points)}
                  <View className='rules-item__unit'>分/{i.unit}</View>
                </View>
              </View>
            ))}
          </View>
        )
      })}
    </View>
  )
}

const BLANK: RuleItemView = {
  id: '',
  name: '',
  category: 'basic',
  classes: ['party', 'masses'],
  points: 10,
  unit: '次',
  cap: null,
  capCycle: 'quarter',
  evidenceRequired: true,
  activeFrom: null,
  activeTo: null,
  vetoEffect: 'none'
}

/** Add or edit one rule item with every field; validated with the contract's ruleItem schema. */
export function ItemEditor({ initial, takenIds, onSave, onCancel }: { initial?: RuleItemView; takenIds: string[]; onSave: (i: RuleItemView) => void; onCancel: () => void }) {
  const start = initial ?? BLANK
  const [f, setF] = useState({
    id: start.id,
    name: start.name,
    category: start.category,
    classes: start.classes,
    sign: start.points < 0 ? 'minus' : 'plus',
    points: String(Math.abs(start.points)),
    unit: start.unit,
    cap: start.cap === null ? '' : String(start.cap),
    capCycle: start.capCycle,
    evidence: start.evidenceRequired ? 'yes' : 'no',
    activeFrom: start.activeFrom ?? '',
    activeTo: start.activeTo ?? '',
    vetoEffect: start.vetoEffect
  })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const set = <K extends keyof typeof f>(k: K, v: (typeof f)[K]) => setF((x) => ({ ...x, [k]: v }))
  const toggleClass = (c: PersonClass) => set('classes', f.classes.includes(c) ? f.classes.filter((x) => x !== c) : [...f.classes, c])

  const save = () => {
    const magnitude = /^\d{1,4}$/.test(f.points.trim()) ? Number(f.points.trim()) : Number.NaN
    const item: RuleItemView = {
      id: f.id.trim(),
      name: f.name.trim(),
      category: f.category,
      classes: f.classes,
      points: f.sign === 'minus' ? -magnitude : magnitude,
      unit: f.unit.trim(),
      cap: f.cap.trim() ? Number(f.cap.trim()) : null,
      capCycle: f.capCycle,
      evidenceRequired: f.evidence === 'yes',
      activeFrom: f.activeFrom || null,
      activeTo: f.activeTo || null,
      vetoEffect: f.category === 'veto' ? f.vetoEffect : 'none'
    }
    const errs = fieldErrors(ruleItem, item)
    if (Number.isNaN(magnitude)) errs.points = '分值请填写整数'
    if (f.cap.trim() && !/^\d{1,5}$/.test(f.cap.trim())) errs.cap = '上限请填写整数，不封顶就空着'
    if (!initial && takenIds.includes(item.id)) errs.id = '编号重复了'
    setErrors(errs)
    if (Object.keys(errs).length === 0) onSave(item)
  }

  return (
    <Section title={initial ? `修改：${initial.name}` : '新增一项'} className='rules-editor'>
      <FormField label='编号（小写字母或数字）' name='rule-id' required value={f.id} onInput={(v) => set('id', v)} error={errors.id} maxlength={24} placeholder='例如 clean01' />
      <FormField label='项目名称' name='rule-name' required value={f.name} onInput={(v) => set('name', v)} error={errors.name} maxlength={40} placeholder='例如 人居环境义务劳动' />
      <FormField label='类别' name='rule-category'>
        <ChoiceField name='rule-category' options={RULE_CATEGORIES.map((c) => ({ value: c, label: RULE_CATEGORY_LABELS[c] }))} value={f.category} onChange={(v) => set('category', v)} />
      </FormField>
      <FormField label='适用人员' name='rule-classes' error={errors.classes}>
        <View className='cs-choices cs-choices--rule-classes'>
          {PERSON_CLASSES.map((c) => (
            <View key={c} className={`cs-choice ${f.classes.includes(c) ? 'cs-choice--on' : ''}`} onClick={() => toggleClass(c)}>
              {PERSON_CLASS_LABELS[c]}
            </View>
          ))}
        </View>
      </FormField>
      <FormField label='加分还是扣分' name='rule-sign'>
        <ChoiceField name='rule-sign' options={[{ value: 'plus', label: '加分' }, { value: 'minus', label: '扣分' }]} value={f.sign} onChange={(v) => set('sign', v)} />
      </FormField>
      <FormField label='分值' name='rule-points' required inputType='number' value={f.points} onInput={(v) => set('points', v)} error={errors.points} maxlength={4} />
      <FormField label='单位（每…）' name='rule-unit' required value={f.unit} onInput={(v) => set('unit', v)} error={errors.unit} maxlength={8} placeholder='例如 次、车、户' />
      <FormField label='上限（不封顶就空着）' name='rule-cap' inputType='number' value={f.cap} onInput={(v) => set('cap', v)} error={errors.cap} maxlength={5} />
      {f.cap.trim() ? (
        <FormField label='上限周期' name='rule-cap-cycle'>
          <ChoiceField name='rule-cap-cycle' options={(['week', 'month', 'quarter', 'year'] as const).map((c) => ({ value: c, label: CAP_CYCLE_LABELS[c] }))} value={f.capCycle} onChange={(v) => set('capCycle', v)} />
        </FormField>
      ) : null}
      <FormField label='需要照片证明' name='rule-evidence'>
        <ChoiceField name='rule-evidence' options={[{ value: 'yes', label: '需要' }, { value: 'no', label: '不需要' }]} value={f.evidence} onChange={(v) => set('evidence', v)} />
      </FormField>
      <FormField label='有效期开始（可不选）' name='rule-from'>
        <DateField value={f.activeFrom} placeholder='不限' onChange={(v) => set('activeFrom', v)} />
        {f.activeFrom ? <View className='rules-clear' onClick={() => set('activeFrom', '')}>清除</View> : null}
      </FormField>
      <FormField label='有效期结束（可不选）' name='rule-to' error={errors.activeTo}>
        <DateField value={f.activeTo} placeholder='不限' onChange={(v) => set('activeTo', v)} />
        {f.activeTo ? <View className='rules-clear' onClick={() => set('activeTo', '')}>清除</View> : null}
      </FormField>
      {f.category === 'veto' ? (
        <FormField label='否决效果' name='rule-veto' error={errors.vetoEffect}>
          <ChoiceField name='rule-veto' options={(['none', 'zero_quarter', 'ineligible_year'] as const).map((v) => ({ value: v, label: VETO_EFFECT_LABELS[v] }))} value={f.vetoEffect} onChange={(v) => set('vetoEffect', v)} />
        </FormField>
      ) : null}
      <View className='points-actions-row'>
        <BigButton type='default' size='small' onClick={onCancel}>
          取消
        </BigButton>
        <BigButton size='small' className='rules-item-save' onClick={save}>
          确定
        </BigButton>
      </View>
    </Section>
  )
}

function DraftEditor({ villageId, base, onSaved }: { villageId: string; base: RuleSetView | null; onSaved: () => void }) {
  const [title, setTitle] = useState(base?.title ?? '村积分标准')
  const [items, setItems] = useState<RuleItemView[]>(base?.items ?? [])
  const [editing, setEditing] = useState<RuleItemView | 'new' | null>(null)
  const [error, setError] = useState('')
  const intents = useIntentIds()
  const save = useMutation(() => call('points', 'saveDraftRules', { villageId, title: title.trim(), items }, { requestId: intents.get('draft') }))

  const remove = async (i: RuleItemView) => {
    if (await confirm('删除这一项', `确定从草案中删除「${i.name}」吗？`, '删除')) setItems((list) => list.filter((x) => x.id !== i.id))
  }
  const submit = async () => {
    const problem = !title.trim() ? '请填写标准名称' : items.length === 0 ? '至少要有一项' : undefined
    setError(problem ?? '')
    if (problem) return
    const res = await save.run()
    if (res) {
      intents.done('draft')
      toast(`草案已保存（第${res.version}版）`, 'none')
      onSaved()
    }
  }

  if (editing) {
    return (
      <ItemEditor
        initial={editing === 'new' ? undefined : editing}
        takenIds={items.map((i) => i.id)}
        onCancel={() => setEditing(null)}
        onSave={(item) => {
          setItems((list) => (editing === 'new' ? [...list, item] : list.map((x) => (x.id === editing.id ? item : x))))
          setEditing(null)
        }}
      />
    )
  }
  return (
    <Section title='编辑草案' className='rules-draft-editor'>
      <FormField label='标准名称' name='draft-title' required value={title} onInput={setTitle} maxlength={40} />
      <RuleItems items={items} onEdit={(i) => setEditing(i)} onRemove={(i) => void remove(i)} />
      {items.length === 0 ? <EmptyState text='还没有项目' /> : null}
      <BigButton type='plain' className='rules-item-add' onClick={() => setEditing('new')}>
        新增一项
      </BigButton>
      {error ? <View className='points-error-text'>{error}</View> : null}
      <BigButton className='rules-draft-save' loading={save.submitting} onClick={() => void submit()}>
        保存草案
      </BigButton>
    </Section>
  )
}

function AdoptForm({ draft, onDone }: { draft: RuleSetView; onDone: () => void }) {
  const [adoptedOn, setAdoptedOn] = useState(chinaToday)
  const [adoptedBy, setAdoptedBy] = useState('村民代表大会')
  const [note, setNote] = useState('')
  const intents = useIntentIds()
  const adopt = useMutation(() =>
    call('points', 'adoptRules', { ruleSetId: draft.id, adoptedOn, adoptedBy: adoptedBy.trim() || '村民代表大会', note: note.trim() }, { requestId: intents.get(draft.id) })
  )
  const submit = async () => {
    if (!(await confirm('通过积分标准', `确认第${draft.version}版已由${adoptedBy.trim() || '村民代表大会'}于 ${adoptedOn} 通过？通过后立即生效，旧标准停用。`, '确认通过'))) return
    const res = await adopt.run()
    if (res) {
      intents.done(draft.id)
      toast(`第${res.version}版已生效`, 'none')
      onDone()
    }
  }
  return (
    <Section title='大会通过后，登记通过' className='rules-adopt'>
      <FormField label='通过日期' name='adopted-on'>
        <DateField value={adoptedOn} end={chinaToday()} onChange={setAdoptedOn} />
      </FormField>
      <FormField label='通过会议' name='adopted-by' value={adoptedBy} onInput={setAdoptedBy} maxlength={40} />
      <FormField label='备注（可不填）' name='adopt-note' value={note} onInput={setNote} maxlength={200} />
      <BigButton className='rules-adopt-submit' loading={adopt.submitting} onClick={() => void submit()}>
        登记为已通过
      </BigButton>
    </Section>
  )
}

/** 积分标准: the adopted rule set for everyone; 两委/管理员 also draft and adopt new versions. */
export default function RulesPage() {
  const me = useMe()
  const { options, villageId, setPicked, holds } = useMyVillage(me, POINTS_ROLES.rules)
  const rules = useQuery(() => call('points', 'getRules', { villageId }), [villageId], Boolean(villageId))
  const [editing, setEditing] = useState(false)
  const canManage = holds(villageId, POINTS_ROLES.rules)
  const current = rules.data?.current ?? null
  const draft = rules.data?.draft ?? null
  const afterChange = () => {
    setEditing(false)
    void rules.reload()
  }

  return (
    <MeGate me={me} className='points-rules'>
      {() => (
        <Page className='points-rules' title='积分标准'>
          <VillageChoice options={options} value={villageId} onChange={(id) => { setPicked(id); setEditing(false) }} />
          {rules.loading && !rules.data ? <LoadingView /> : null}
          {rules.error ? <ErrorView error={rules.error} onRetry={() => void rules.reload()} /> : null}
          {rules.data && !current ? <EmptyState text='积分标准还没有经村民代表大会通过' /> : null}
          {current ? (
            <Section title={current.title} className='rules-current'>
              <View className='rules-current__meta'>
                第{current.version}版 · {current.adoptedOn ?? ''} 由{current.adoptedBy ?? '村民代表大会'}通过
              </View>
              {current.adoptionNote ? <View className='points-hint'>{current.adoptionNote}</View> : null}
              <RuleItems items={current.items} />
            </Section>
          ) : null}

          {canManage && rules.data ? (
            <View className='rules-manage'>
              <BigButton type='default' className='rules-go-settings' onClick={() => go(`/points/pages/settings/index?villageId=${encodeURIComponent(villageId)}`)}>
                积分设置（排名、公示天数、评优）
              </BigButton>
              {editing ? (
                <DraftEditor villageId={villageId} base={draft ?? current} onSaved={afterChange} />
              ) : (
                <Section title={draft ? `草案：第${draft.version}版（还没通过）` : '修订积分标准'} className='rules-draft'>
                  {draft ? <RuleItems items={draft.items} /> : <View className='points-hint'>两委提出新标准草案，经村民代表大会通过后生效。</View>}
                  <BigButton type='plain' className='rules-draft-edit' onClick={() => setEditing(true)}>
                    {draft ? '修改草案' : current ? '在现行标准上起草新版本' : '起草积分标准'}
                  </BigButton>
                </Section>
              )}
              {draft && !editing ? <AdoptForm draft={draft} onDone={afterChange} /> : null}
            </View>
          ) : null}
          {rules.data && rules.data.history.length > 1 ? (
            <Section title='历次版本' className='rules-history'>
              {rules.data.history.map((h) => (
                <View key={h.id} className='cs-row'>
                  <View className='cs-row__label'>第{h.version}版</View>
                  <View className='cs-row__value'>
                    {h.status === 'adopted' ? '现行' : h.status === 'draft' ? '草案' : '已停用'}
                    {h.adoptedOn ? ` · ${h.adoptedOn}通过` : ''}
                  </View>
                </View>
              ))}
            </Section>
          ) : null}
        </Page>
      )}
    </MeGate>
  )
}
