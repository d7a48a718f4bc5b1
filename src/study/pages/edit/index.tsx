import Taro from '@tarojs/taro'
import { Picker, Textarea, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { SESSION_TYPES, SESSION_TYPE_LABELS, STUDY_ORGANISERS, type SessionType } from '../../../../types/contract'
import { BigButton } from '@/components/big-button'
import { ChoiceField } from '@/components/choice-field'
import { FormField } from '@/components/form-field'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { useMutation, useQuery } from '@/hooks/use-call'
import { useMe } from '@/hooks/use-me'
import { useParam } from '@/hooks/use-param'
import { useVillageScope } from '@/hooks/use-scope'
import { call, newRequestId } from '@/services/call'
import { STUDY_PAGES, cnTime } from '../../shared'
import '../../study.scss'
import { eventValue } from '@/utils/form'
import { chinaIso, cstParts } from '@/utils/china-time'

const pad = (n: number) => String(n).padStart(2, '0')
/** China-time day and clock of `d`, the clock rounded down to 5 minutes (the picker's step). */
function chinaParts(d: Date) {
  const { date, time } = cstParts(d.toISOString())
  return { day: date, clock: `${time.slice(0, 2)}:${pad(Math.floor(Number(time.slice(3, 5)) / 5) * 5)}` }
}
const toIso = chinaIso

/** Schedule a session (or change one: `?id=`). Defaults start now, two hours long. */
export default function StudyEditPage() {
  const id = useParam('id')
  const me = useMe()
  const scope = useVillageScope(STUDY_ORGANISERS, { storageKey: 'cunshe.studyVillage' })
  const villageId = scope.current?.id ?? ''
  const orgs = useQuery(() => call('identity', 'orgTree', { rootId: villageId }), [villageId], Boolean(villageId))
  const mats = useQuery(() => call('study', 'listMaterials', { villageId }), [villageId], Boolean(villageId))
  const existing = useQuery(() => call('study', 'getSession', { sessionId: id }), [id], Boolean(id))
  const now = chinaParts(new Date())
  const end = chinaParts(new Date(Date.now() + 2 * 3600000))
  const [f, setF] = useState({
    orgId: '',
    type: 'branch_assembly' as SessionType,
    title: '',
    day: now.day,
    start: now.clock,
    end: end.clock,
    place: '',
    meetingKind: 'none' as 'none' | 'tencent' | 'link',
    code: '',
    password: '',
    url: '',
    agenda: '',
    materialIds: [] as string[],
    changeNote: ''
  })
  const [requestId] = useState(newRequestId)
  const set = (patch: Partial<typeof f>) => setF((x) => ({ ...x, ...patch }))
  useEffect(() => {
    const s = existing.data
    if (!s) return
    const a = chinaParts(new Date(s.startsAt))
    const b = chinaParts(new Date(s.endsAt))
    set({ orgId: s.orgId, type: s.type, title: s.title, day: a.day, start: a.clock, end: b.clock, place: s.place, meetingKind: s.meeting?.kind ?? 'none', code: s.meeting?.code ?? '', password: s.meeting?.password ?? '', url: s.meeting?.url ?? '', agenda: s.agenda, materialIds: s.materials.map((m) => m.id) })
  }, [existing.data])
  // Only the branch or party groups the caller's organiser roles cover (a 党小组长 sees their own group).
  const mine = (me.data?.roles ?? []).filter((r) => STUDY_ORGANISERS.includes(r.role)).map((r) => r.orgId)
  const orgOptions = (orgs.data ?? []).filter((o) => (o.kind === 'branch' || o.kind === 'party_group') && (mine.includes(o.id) || o.path.some((p) => mine.includes(p))))
  const orgId = f.orgId || orgOptions[0]?.id || ''
  const org = orgOptions.find((o) => o.id === orgId)
  const save = useMutation(async () => {
    const meeting = f.meetingKind === 'none' ? null : f.meetingKind === 'tencent' ? { kind: 'tencent' as const, code: f.code.trim(), password: f.password.trim() || undefined } : { kind: 'link' as const, url: f.url.trim() }
    const base = { type: f.type, title: f.title, startsAt: toIso(f.day, f.start), endsAt: toIso(f.day, f.end), place: f.place, meeting, agenda: f.agenda, materialIds: f.materialIds }
    const saved = id
      ? await call('study', 'updateSession', { sessionId: id, changeNote: f.changeNote, ...base }, { requestId })
      : await call('study', 'scheduleSession', { orgId, audience: { kind: org?.kind === 'party_group' ? 'group' : 'branch', memberIds: [] }, ...base }, { requestId })
    await Taro.redirectTo({ url: `${STUDY_PAGES.session}?id=${saved.id}` })
  })
  const why = !orgId ? '没有可以安排会议的支部' : !f.title.trim() ? '请填写会议名称' : f.end <= f.start ? '结束时间要晚于开始时间' : f.meetingKind === 'tencent' && !/^\d{9,12}$/.test(f.code.trim()) ? '腾讯会议号是9到12位数字' : id && !f.changeNote.trim() ? '请写明改了什么' : ''
  if (id && existing.loading && !existing.data) return <Page className='study-edit'><LoadingView /></Page>
  return (
    <Page className='study-edit' title={id ? '修改会议' : '安排会议'}>
      {!id && scope.villages.length > 1 ? (
        <ChoiceField name='village' options={scope.villages.map((v) => ({ value: v.id, label: v.name }))} value={villageId} onChange={scope.choose} />
      ) : null}
      <Section>
        {!id ? (
          <FormField label='支部或党小组' required>
            <ChoiceField name='org' options={orgOptions.map((o) => ({ value: o.id, label: o.name }))} value={orgId} onChange={(v) => set({ orgId: v })} />
          </FormField>
        ) : (
          <View className='study-hint'>{existing.data?.orgName} · 原定 {cnTime(existing.data?.startsAt)}</View>
        )}
        <FormField label='会议类型' required>
          <ChoiceField name='type' options={SESSION_TYPES.map((t) => ({ value: t, label: SESSION_TYPE_LABELS[t] }))} value={f.type} onChange={(v) => set({ type: v })} />
        </FormField>
        <FormField label='会议名称' required name='title' value={f.title} maxlength={40} placeholder='如：第四季度支部党员大会' onInput={(v) => set({ title: v })} />
        <FormField label='日期' required>
          <Picker mode='date' value={f.day} onChange={(e) => set({ day: String(eventValue(e)) })}>
            <View className='cs-input study-day'>{f.day}</View>
          </Picker>
        </FormField>
        <FormField label='开始' required>
          <Picker mode='time' value={f.start} onChange={(e) => set({ start: String(eventValue(e)) })}>
            <View className='cs-input study-start'>{f.start}</View>
          </Picker>
        </FormField>
        <FormField label='结束' required>
          <Picker mode='time' value={f.end} onChange={(e) => set({ end: String(eventValue(e)) })}>
            <View className='cs-input study-end'>{f.end}</View>
          </Picker>
        </FormField>
        <FormField label='地点' name='place' value={f.place} maxlength={60} placeholder='如：村党群服务中心' onInput={(v) => set({ place: v })} />
        <FormField label='线上会议（流动党员远程参加）'>
          <ChoiceField name='meeting' options={[{ value: 'none', label: '不用' }, { value: 'tencent', label: '腾讯会议' }, { value: 'link', label: '链接' }]} value={f.meetingKind} onChange={(v) => set({ meetingKind: v })} />
        </FormField>
        {f.meetingKind === 'tencent' ? (
          <View>
            <FormField label='会议号' required name='code' inputType='number' value={f.code} maxlength={12} placeholder='9到12位数字' onInput={(v) => set({ code: v })} />
            <FormField label='会议密码' name='password' value={f.password} maxlength={12} onInput={(v) => set({ password: v })} />
          </View>
        ) : null}
        {f.meetingKind === 'link' ? <FormField label='会议链接' required name='url' value={f.url} maxlength={300} placeholder='https://' onInput={(v) => set({ url: v })} /> : null}
        <FormField label='议程'>
          <Textarea className='study-textarea study-agenda-input' value={f.agenda} maxlength={1000} placeholder='一、学习文件 二、交流讨论' onInput={(e) => set({ agenda: eventValue(e) })} />
        </FormField>
        {(mats.data?.items ?? []).length ? (
          <FormField label='附学习资料'>
            {(mats.data?.items ?? []).map((m) => {
              const on = f.materialIds.includes(m.id)
              return (
                <View key={m.id} className={`cs-choice ${on ? 'cs-choice--on' : ''}`} onClick={() => set({ materialIds: on ? f.materialIds.filter((x) => x !== m.id) : [...f.materialIds, m.id] })}>
                  {on ? '✓ ' : ''}
                  {m.title}
                </View>
              )
            })}
          </FormField>
        ) : null}
        {id ? <FormField label='改了什么（参会党员会看到）' required name='changeNote' value={f.changeNote} maxlength={100} onInput={(v) => set({ changeNote: v })} /> : null}
      </Section>
      <BigButton className='study-save-session' disabled={Boolean(why)} reason={why || undefined} loading={save.submitting} onClick={() => void save.run()}>
        {id ? '保存修改' : '安排会议'}
      </BigButton>
    </Page>
  )
}
