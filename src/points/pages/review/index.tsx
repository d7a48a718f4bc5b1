import { useDidShow } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useRef, useState } from 'react'
import { CLAIM_STATE_LABELS, type ClaimView, type Output } from '../../../../types/contract'
import { BigButton } from '@/components/big-button'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { FormField } from '@/components/form-field'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { useMutation, useQuery } from '@/hooks/use-call'
import { useVillageScope } from '@/hooks/use-scope'
import { call } from '@/services/call'
import { useParam } from '@/hooks/use-param'
import { POINTS_ROLES, POINTS_SCOPE_KEY, chinaDateTime, chinaToday, confirm, go, signed, toast, useIntentIds } from '../../common'
import { ClaimCard } from '../../components/claim-card'
import { DateField } from '../../components/date-field'
import { ReasonBox, reasonError } from '../../components/reason-box'
import { ResultList } from '@/components/result-list'
import { ScopeGate, VillagePicker } from '../../components/scope'
import '../../points.scss'
import './index.scss'

type Step = 'first' | 'second' | 'assembly'
type Decision = 'approve' | 'reject' | 'send_back'
type ManyResults = Output<'points', 'reviewMany'>['results']

const STEP_TITLES: Record<Step, string> = { first: '党小组初审', second: '两委联席复审', assembly: '党员（村民代表）大会审议' }
const STEP_ROLES = { first: POINTS_ROLES.first, second: POINTS_ROLES.second, assembly: POINTS_ROLES.assembly } as const

function asStep(v: string): Step {
  return v === 'second' || v === 'assembly' ? v : 'first'
}

/** Parses a vote count typed by the user; NaN when it is not a whole number ≥ 0. */
export function parseVotes(text: string): number {
  const t = text.trim()
  return /^\d{1,5}$/.test(t) ? Number(t) : Number.NaN
}

/** The claim's page: all photos large, and the full audit trail. */
function DetailLink({ claim }: { claim: ClaimView }) {
  return (
    <BigButton type='default' size='small' className='review-detail' onClick={() => go(`/points/pages/claim/index?id=${encodeURIComponent(claim.id)}`)}>
      查看详情
    </BigButton>
  )
}

/** 通过 / 退回 / 不通过 on one claim; 退回 and 不通过 ask for a reason first. */
function ReviewActions({ claim, step, onDone }: { claim: ClaimView; step: 'first' | 'second'; onDone: () => void }) {
  const [mode, setMode] = useState<'reject' | 'send_back' | null>(null)
  const [reason, setReason] = useState('')
  const [error, setError] = useState('')
  const intents = useIntentIds()
  const act = useMutation((decision: Decision, why?: string) =>
    call('points', 'review', { claimId: claim.id, step, decision, ...(why ? { reason: why } : {}) }, { requestId: intents.get(`${claim.id}:${decision}`) })
  )

  const decide = async (decision: Decision) => {
    let why: string | undefined
    if (decision !== 'approve') {
      const problem = reasonError(reason)
      setError(problem ?? '')
      if (problem) return
      why = reason.trim()
      if (decision === 'reject' && !(await confirm('不通过', `确定不通过「${claim.householdName} ${claim.item.name}」吗？不通过后不能再审。`, '不通过'))) return
    }
    const res = await act.run(decision, why)
    if (res) {
      intents.done(`${claim.id}:${decision}`)
      toast(decision === 'approve' ? '已通过' : decision === 'send_back' ? '已退回给网格员' : '已设为不通过', decision === 'approve' ? 'success' : 'none')
      setMode(null)
      setReason('')
      onDone()
    }
  }

  return (
    <View className='review-actions'>
      <View className='points-actions-row'>
        <BigButton size='small' className='review-approve' loading={act.submitting && mode === null} onClick={() => void decide('approve')}>
          通过
        </BigButton>
        <BigButton type='plain' size='small' className='review-send-back' onClick={() => { setMode('send_back'); setError('') }}>
          退回
        </BigButton>
        <BigButton type='danger' size='small' className='review-reject' onClick={() => { setMode('reject'); setError('') }}>
          不通过
        </BigButton>
      </View>
      {mode ? (
        <View className={`review-reason review-reason--${mode}`}>
          <View className='review-reason__title'>{mode === 'send_back' ? '退回给网格员修改，请写明原因' : '不通过，请写明原因'}</View>
          <ReasonBox value={reason} onInput={(v) => { setReason(v); setError('') }} error={error} className='review-reason__input' />
          <View className='points-actions-row'>
            <BigButton type='default' size='small' className='review-cancel' onClick={() => { setMode(null); setError('') }}>
              取消
            </BigButton>
            <BigButton type={mode === 'reject' ? 'danger' : 'primary'} size='small' className='review-confirm' loading={act.submitting} onClick={() => void decide(mode)}>
              {mode === 'send_back' ? '确认退回' : '确认不通过'}
            </BigButton>
          </View>
        </View>
      ) : null}
    </View>
  )
}

function AssemblyForm({ villageId, claimIds, onDone }: { villageId: string; claimIds: string[]; onDone: () => void }) {
  const today = chinaToday()
  const [title, setTitle] = useState(`${today} 党员（村民代表）大会`)
  const [meetingDate, setMeetingDate] = useState(today)
  const [votes, setVotes] = useState({ for: '', against: '0', abstain: '0' })
  const [error, setError] = useState('')
  const [result, setResult] = useState<Output<'points', 'decideAssembly'> | null>(null)
  const intents = useIntentIds()
  const key = `${claimIds.join(',')}|${title}|${meetingDate}|${votes.for}|${votes.against}|${votes.abstain}`
  const decide = useMutation(() =>
    call(
      'points',
      'decideAssembly',
      {
        villageId,
        title: title.trim(),
        meetingDate,
        votesFor: parseVotes(votes.for),
        votesAgainst: parseVotes(votes.against),
        votesAbstain: parseVotes(votes.abstain),
        claimIds
      },
      { requestId: intents.get(key) }
    )
  )

  const submit = async () => {
    const nums = [votes.for, votes.against, votes.abstain].map(parseVotes)
    const problem =
      claimIds.length === 0 ? '请先在上面勾选要审议的积分'
        : !title.trim() ? '请填写会议名称'
          : nums.some((n) => Number.isNaN(n)) ? '票数请填写整数'
            : undefined
    setError(problem ?? '')
    if (problem) return
    const ok = await confirm('大会审议结果', `${claimIds.length} 条积分：赞成 ${nums[0]} 票，反对 ${nums[1]} 票，弃权 ${nums[2]} 票。提交后不能修改，确定吗？`, '提交')
    if (!ok) return
    const res = await decide.run()
    if (res) {
      intents.done(key)
      setResult(res)
      onDone()
    }
  }

  return (
    <Section title='大会审议结果' className='assembly-form'>
      <FormField label='会议名称' name='assembly-title' required value={title} onInput={setTitle} maxlength={60} />
      <FormField label='会议日期' name='assembly-date'>
        <DateField value={meetingDate} end={today} onChange={setMeetingDate} className='assembly-date' />
      </FormField>
      <View className='assembly-votes'>
        <FormField label='赞成票' name='votes-for' inputType='number' value={votes.for} onInput={(v) => setVotes({ ...votes, for: v })} maxlength={5} />
        <FormField label='反对票' name='votes-against' inputType='number' value={votes.against} onInput={(v) => setVotes({ ...votes, against: v })} maxlength={5} />
        <FormField label='弃权票' name='votes-abstain' inputType='number' value={votes.abstain} onInput={(v) => setVotes({ ...votes, abstain: v })} maxlength={5} />
      </View>
      {error ? <View className='points-error-text assembly-error'>{error}</View> : null}
      <BigButton className='assembly-submit' loading={decide.submitting} onClick={() => void submit()}>
        提交审议结果（{claimIds.length} 条）
      </BigButton>
      {result ? (
        <View className={`assembly-result assembly-result--${result.passed ? 'passed' : 'failed'}`}>
          <View className='assembly-result__title'>{result.passed ? `大会通过，${result.claims} 条积分进入公示` : `大会未通过，${result.claims} 条积分不予入账`}</View>
          {result.publicityEndsAt ? <View className='assembly-result__ends'>公示截止 {chinaDateTime(result.publicityEndsAt)}</View> : null}
          {result.skipped > 0 ? <View className='assembly-result__skipped'>另有 {result.skipped} 条已被别的会议或异议处理，未计入本次</View> : null}
        </View>
      ) : null}
    </Section>
  )
}

/** 审核: the queue of one step of the chain for one village. */
export default function ReviewPage() {
  const step = asStep(useParam('step'))
  const { scopes, villages, current, choose } = useVillageScope(STEP_ROLES[step], { storageKey: POINTS_SCOPE_KEY })
  const villageId = current?.id ?? ''
  const queue = useQuery(() => call('points', 'reviewQueue', { villageId, step, offset: 0, limit: 100 }), [villageId, step], Boolean(villageId))
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [results, setResults] = useState<ManyResults | null>(null)
  const intents = useIntentIds()
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current && villageId) void queue.reload()
    shown.current = true
  })
  const items = queue.data?.items ?? []
  const chosen = items.filter((c) => selected.has(c.id)).map((c) => c.id)
  const manyKey = `many:${chosen.join(',')}`
  const approveMany = useMutation(() =>
    call('points', 'reviewMany', { claimIds: chosen, step: step === 'second' ? 'second' : 'first', decision: 'approve' }, { requestId: intents.get(manyKey) })
  )

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })
  const allOn = items.length > 0 && items.every((c) => selected.has(c.id))
  const toggleAll = () => setSelected(allOn ? new Set() : new Set(items.map((c) => c.id)))
  const refresh = () => {
    setSelected(new Set())
    void queue.reload()
  }

  const runMany = async () => {
    if (chosen.length === 0) return toast('请先勾选要通过的积分')
    if (!(await confirm('批量通过', `确定通过勾选的 ${chosen.length} 条积分吗？`, '通过'))) return
    setNames(Object.fromEntries(items.filter((c) => selected.has(c.id)).map((c) => [c.id, `${c.householdName} ${c.item.name} · ${c.occurredOn}`])))
    const res = await approveMany.run()
    if (res) {
      intents.done(manyKey)
      setResults(res.results)
      refresh()
    }
  }

  // The queue reloads without the approved claims: keep their names from before the batch ran.
  const [names, setNames] = useState<Record<string, string>>({})
  const nameOf = (id: string) => names[id] ?? '这条积分'

  return (
    <ScopeGate scopes={scopes} hasVillage={Boolean(current)} className='points-review' noAccessText={`您没有${STEP_TITLES[step]}的权限`}>
      {() => (
        <Page className={`points-review points-review--${step}`} title={STEP_TITLES[step]}>
          <VillagePicker villages={villages} currentId={villageId} onChange={(id) => { choose(id); setSelected(new Set()) }} />
          {queue.loading && !queue.data ? <LoadingView /> : null}
          {queue.error ? <ErrorView error={queue.error} onRetry={() => void queue.reload()} /> : null}
          {queue.data && items.length === 0 ? <EmptyState text='没有等待审核的积分' /> : null}

          {results ? (
            <Section title='批量通过结果' className='review-results'>
              <ResultList
                rows={results.map((r) => ({
                  key: r.claimId,
                  title: nameOf(r.claimId),
                  ok: r.ok,
                  status: r.ok ? (r.state ? CLAIM_STATE_LABELS[r.state] : '已通过') : r.message ?? '没有通过'
                }))}
              />
              <BigButton type='default' size='small' onClick={() => setResults(null)}>
                知道了
              </BigButton>
            </Section>
          ) : null}

          {items.length > 0 ? (
            <Section title={`待审 ${queue.data?.total ?? items.length} 条，已勾选 ${chosen.length} 条`} className='review-queue'>
              <BigButton type='default' className='review-select-all' onClick={toggleAll}>
                {allOn ? '取消全选' : '全选'}
              </BigButton>
              {items.map((c) => (
                <ClaimCard
                  key={c.id}
                  claim={c}
                  className='review-claim'
                  showHousehold
                  showRecorder
                  showApprovals
                  showPhotos
                  selected={selected.has(c.id)}
                  onToggle={() => toggle(c.id)}
                  onOpen={() => go(`/points/pages/claim/index?id=${encodeURIComponent(c.id)}`)}
                >
                  <DetailLink claim={c} />
                  {step !== 'assembly' ? <ReviewActions claim={c} step={step} onDone={refresh} /> : null}
                </ClaimCard>
              ))}
            </Section>
          ) : null}

          {step !== 'assembly' && items.length > 0 ? (
            <BigButton className='review-approve-many' loading={approveMany.submitting} disabled={chosen.length === 0} reason='先勾选要通过的积分' onClick={() => void runMany()}>
              批量通过（{chosen.length} 条，共 {signed(items.filter((c) => selected.has(c.id)).reduce((s, c) => s + c.amount, 0))} 分）
            </BigButton>
          ) : null}
          {step === 'assembly' && queue.data ? <AssemblyForm villageId={villageId} claimIds={chosen} onDone={refresh} /> : null}
        </Page>
      )}
    </ScopeGate>
  )
}
