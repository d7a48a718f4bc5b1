import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useRef, useState } from 'react'
import { DEFAULT_CATEGORIES } from '../../../../types/contract'
import { BigButton } from '@/components/big-button'
import { ChoiceField } from '@/components/choice-field'
import { EmptyState } from '@/components/empty-state'
import { FormField } from '@/components/form-field'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { useMe } from '@/hooks/use-me'
import { call, errorText, newRequestId } from '@/services/call'
import { chinaIso, chinaToday } from '@/utils/china-time'
import { pageUrl, VOTE_PAGES, VOTE_STAFF_ROLES } from '../../shared'
import '../vote.scss'

const DAY = 86400000
/** A calendar day (YYYY-MM-DD) in China time → the instant it starts. */
function dayToIso(day: string, endOfDay = false): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null
  const t = Date.parse(chinaIso(day, '00:00'))
  if (Number.isNaN(t)) return null
  return new Date(endOfDay ? t + DAY - 60000 : t).toISOString()
}
function dayAfter(days: number): string {
  return chinaToday(new Date(Date.now() + days * DAY))
}

type Kind = 'showcase' | 'village'

/** Staff create a 双晒 activity (categories, windows, rules, weights) or a village vote. */
export default function ActivityEditPage() {
  const me = useMe()
  const orgs = (me.data?.roles ?? []).filter((r) => VOTE_STAFF_ROLES.includes(r.role))
  const [kind, setKind] = useState<Kind>('showcase')
  const [orgId, setOrgId] = useState('')
  const [title, setTitle] = useState('')
  const [description, setDescription] = useState('')
  const [submitOpens, setSubmitOpens] = useState(dayAfter(0))
  const [submitCloses, setSubmitCloses] = useState(dayAfter(30))
  const [voteOpens, setVoteOpens] = useState(dayAfter(31))
  const [voteCloses, setVoteCloses] = useState(dayAfter(60))
  const [perDay, setPerDay] = useState('3')
  const [perEntry, setPerEntry] = useState('1')
  const [cooldown, setCooldown] = useState('3')
  const [night, setNight] = useState<'yes' | 'no'>('yes')
  const [partyOnly, setPartyOnly] = useState<'yes' | 'no'>('no')
  const [mode, setMode] = useState<'household' | 'members'>('household')
  const [w, setW] = useState({ votes: '30', performance: '40', overall: '30' })
  const [showCounts, setShowCounts] = useState<'yes' | 'no'>('yes')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const intent = useRef(newRequestId())

  if (me.loading && !me.data) return <Page className='vote-edit'><LoadingView /></Page>
  if (!orgs.length) return <Page className='vote-edit'><EmptyState text='只有工作人员和管理员可以新建活动' /></Page>
  const org = orgId || orgs[0].orgId
  const weights = { votes: Number(w.votes), performance: Number(w.performance), overall: Number(w.overall) }
  const dates = [dayToIso(submitOpens), dayToIso(submitCloses, true), dayToIso(voteOpens), dayToIso(voteCloses, true)]
  const why = !title.trim()
    ? '请填写活动名称'
    : dates.some((d) => !d)
      ? '日期格式应为 年-月-日，如 2027-03-01'
      : kind === 'showcase' && weights.votes > 40
        ? '民意测评（票数）权重不能超过40'
        : kind === 'showcase' && weights.votes + weights.performance + weights.overall !== 100
          ? '三项权重加起来要等于100'
          : ''

  const save = async () => {
    setBusy(true)
    setError('')
    try {
      const [so, sc, vo, vc] = dates as string[]
      const saved = await call(
        'vote',
        'saveActivity',
        {
          kind,
          orgId: org,
          title,
          description,
          categories: kind === 'showcase' ? DEFAULT_CATEGORIES : [{ key: 'nominee', label: '移风易俗先进典型' }],
          electorate: { orgId: org, partyOnly: partyOnly === 'yes', mode: kind === 'village' ? mode : 'members', representativeIds: [] },
          submitOpens: kind === 'village' ? new Date(Date.parse(vo) - 2 * DAY).toISOString() : so,
          submitCloses: kind === 'village' ? new Date(Date.parse(vo) - DAY).toISOString() : sc,
          voteOpens: vo,
          voteCloses: vc,
          rules: { perDay: Number(perDay) || 1, perEntryPerDay: Number(perEntry) || 1, cooldownDays: Number(cooldown) || 0, nightPause: night === 'yes' ? { start: '23:00', end: '06:00' } : null, burstPerMinute: 10 },
          weights: kind === 'showcase' ? weights : { votes: 30, performance: 40, overall: 30 },
          showCounts: showCounts === 'yes'
        },
        { requestId: intent.current }
      )
      intent.current = newRequestId()
      void Taro.showToast({ title: '已创建', icon: 'success' })
      void Taro.redirectTo({ url: pageUrl(kind === 'village' ? VOTE_PAGES.village : VOTE_PAGES.entries, { id: saved.id }) })
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy(false)
    }
  }
  const yesNo = [
    { value: 'yes' as const, label: '是' },
    { value: 'no' as const, label: '否' }
  ]
  return (
    <Page className='vote-edit' title='新建活动'>
      <Section>
        <FormField label='活动类型' required>
          <ChoiceField name='kind' options={[{ value: 'showcase', label: '双晒（视频展示+投票+评委）' }, { value: 'village', label: '村民表决（先进典型户）' }]} value={kind} onChange={(v) => setKind(v as Kind)} />
        </FormField>
        {orgs.length > 1 ? (
          <FormField label='所属组织' required>
            <ChoiceField name='org' options={orgs.map((o) => ({ value: o.orgId, label: o.orgName }))} value={org} onChange={setOrgId} />
          </FormField>
        ) : (
          <View className='vote-note'>所属组织：{orgs[0].orgName}</View>
        )}
        <FormField label='活动名称' required name='title' value={title} maxlength={40} onInput={setTitle} />
        <FormField label='活动说明' name='description' value={description} maxlength={500} onInput={setDescription} />
      </Section>
      <Section title='时间（年-月-日）'>
        {kind === 'showcase' ? (
          <View>
            <FormField label='报名开始' name='submit-opens' value={submitOpens} onInput={setSubmitOpens} />
            <FormField label='报名截止' name='submit-closes' value={submitCloses} onInput={setSubmitCloses} />
          </View>
        ) : null}
        <FormField label='投票开始' name='vote-opens' value={voteOpens} onInput={setVoteOpens} />
        <FormField label='投票截止' name='vote-closes' value={voteCloses} onInput={setVoteCloses} />
      </Section>
      <Section title='投票规则'>
        {kind === 'showcase' ? (
          <View>
            <FormField label='每人每天几票' inputType='number' name='per-day' value={perDay} onInput={setPerDay} />
            <FormField label='每个作品每人每天几票' inputType='number' name='per-entry' value={perEntry} onInput={setPerEntry} />
          </View>
        ) : (
          <FormField label='谁来表决'>
            <ChoiceField name='mode' options={[{ value: 'household', label: '每户一票' }, { value: 'members', label: '每人一票' }]} value={mode} onChange={(v) => setMode(v as 'household' | 'members')} />
          </FormField>
        )}
        <FormField label='新绑定几天后才能投' inputType='number' name='cooldown' value={cooldown} onInput={setCooldown} />
        <FormField label='夜间23点到6点暂停'>
          <ChoiceField name='night' options={yesNo} value={night} onChange={(v) => setNight(v as 'yes' | 'no')} />
        </FormField>
        <FormField label='只有党员投票'>
          <ChoiceField name='party' options={yesNo} value={partyOnly} onChange={(v) => setPartyOnly(v as 'yes' | 'no')} />
        </FormField>
        {kind === 'showcase' ? (
          <FormField label='公开票数'>
            <ChoiceField name='counts' options={yesNo} value={showCounts} onChange={(v) => setShowCounts(v as 'yes' | 'no')} />
          </FormField>
        ) : null}
      </Section>
      {kind === 'showcase' ? (
        <Section title='结果权重（加起来100，票数不超过40）'>
          <FormField label='民意测评（票数）' inputType='number' name='w-votes' value={w.votes} onInput={(v) => setW({ ...w, votes: v })} />
          <FormField label='工作表现（评委）' inputType='number' name='w-performance' value={w.performance} onInput={(v) => setW({ ...w, performance: v })} />
          <FormField label='综合评价（评委）' inputType='number' name='w-overall' value={w.overall} onInput={(v) => setW({ ...w, overall: v })} />
          <View className='vote-note'>类别：{DEFAULT_CATEGORIES.map((c) => c.label).join('、')}</View>
        </Section>
      ) : null}
      {error ? <View className='vote-error'>{error}</View> : null}
      <BigButton className='vote-create' disabled={!!why} reason={why ? <View className='vote-why'>{why}</View> : undefined} loading={busy} onClick={() => void save()}>
        创建
      </BigButton>
    </Page>
  )
}
