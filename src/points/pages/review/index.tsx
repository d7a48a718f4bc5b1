import { useDidShow } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useRef, useState } from 'react'
import { CLAIM_STATE_LABELS, type ClaimView, type Output, ASSEMBLY_BODY_LABELS } from '../../../../types/contract'
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
import { POINTS_ROLES, POINTS_SCOPE_KEY, chinaDateTime, chinaToday, confirm, go, signed, toast, useIntentIds } from '../../shared'
import { ClaimCard, isObjected } from '../../components/claim-card'
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
    if (decision === 'approve' && isObjected(claim) && !(await confirm('这条有异议', `「${claim.householdName} ${claim.item.name}」有村民提出异议：${(claim.openObjections ?? []).map((o) => o.reason).join('；')}。核实过了，确定通过吗？`, '确认通过', '先不通过'))) return
    const res = await act.run(decision, why)
    if (res) {
      intents.done(`${claim.id}:${decision}`)
      toast(decision === 'approve' ? '已通过' : decision === 'send_back' ? '已退回给网格员' : '已设为不通过', decision === 'approve' ? 'success' : 'none')
      setMode(null)
      setReason('')
      onDone()
    }
  }

  // The same four-eyes rule refuses every decision (not only 通过) to whoever may not approve: offer none.
  if (claim.mayApprove === false) return <View className='cs-muted review-no-approve'>{claim.notApprovableReason ?? '您不能审这条'}</View>

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

/** The selected claims that carry an open objection, listed apart from the rest of a batch. */
function ObjectedList({ claims }: { claims: ClaimView[] }) {
  if (claims.length === 0) return null
  return (
    <View className='review-objected'>
      <View className='review-objected__title'>勾选的积分中有 {claims.length} 条有异议：</View>
      {claims.map((c) => (
        <View key={c.id} className='review-objected__item'>
          {c.householdName} {c.item.name}：{(c.openObjections ?? []).map((o) => o.reason).join('；')}
        </View>
      ))}
    </View>
  )
}

/** A separate confirmation naming the objected claims of a batch and their reasons. */
function confirmObjected(claims: ClaimView[], action: string): Promise<boolean> {
  const lines = claims.map((c) => `${c.householdName} ${c.item.name}（${(c.openObjections ?? []).map((o) => o.reason).join('；')}）`).join('\n')
  return confirm(`有 ${claims.length} 条有异议`, `${lines}\n这些异议都核实过了，确定${action}吗？`, '核实过，继续', '回去再看')
}

type Body = 'villager_reps' | 'party_members'

/** Client-side check of a meeting's numbers (the server checks quorum and majority by the village's rule). */
export function assemblyProblem(body: Body, total: number, present: number, votes: number[]): string | undefined {
  if (body === 'villager_reps' && Number.isNaN(total)) return '请填写村民代表应到人数'
  if (Number.isNaN(present) || present < 1) return '请填写实到人数'
  if (!Number.isNaN(total) && present > total) return '实到人数不能多于应到人数'
  if (votes.some((n) => Number.isNaN(n))) return '票数请填写整数'
  if (votes.reduce((a, b) => a + b, 0) > present) return '赞成、反对、弃权加起来不能多于实到人数'
  return undefined
}

function AssemblyForm({ villageId, claimIds, objected, onDone }: { villageId: string; claimIds: string[]; objected: ClaimView[]; onDone: () => void }) {
  const today = chinaToday()
  const [body, setBody] = useState<Body>('villager_reps')
  const [title, setTitle] = useState(`${today} 村民代表会议`)
  const [meetingDate, setMeetingDate] = useState(today)
  const [attendance, setAttendance] = useState({ total: '', present: '' })
  const [votes, setVotes] = useState({ for: '', against: '0', abstain: '0' })
  const [error, setError] = useState('')
  const [result, setResult] = useState<Output<'points', 'decideAssembly'> | null>(null)
  const intents = useIntentIds()
  const key = `${claimIds.join(',')}|${body}|${title}|${meetingDate}|${attendance.total}|${attendance.present}|${votes.for}|${votes.against}|${votes.abstain}`
  const total = parseVotes(attendance.total)
  const decide = useMutation(() =>
    call(
      'points',
      'decideAssembly',
      {
        villageId,
        title: title.trim(),
        meetingDate,
        body,
        // 党员大会: the functions count the party members with a vote from the roster when left empty.
        ...(Number.isNaN(total) ? {} : { membersTotal: total }),
        present: parseVotes(attendance.present),
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
    const present = parseVotes(attendance.present)
    const problem =
      claimIds.length === 0 ? '请先在上面勾选要审议的积分'
        : !title.trim() ? '请填写会议名称'
          : assemblyProblem(body, total, present, nums)
    setError(problem ?? '')
    if (problem) return
    const who = `${ASSEMBLY_BODY_LABELS[body]}${Number.isNaN(total) ? '' : `应到 ${total} 人，`}实到 ${present} 人`
    if (objected.length > 0 && !(await confirmObjected(objected, '一并提交大会结果'))) return
    const ok = await confirm('大会审议结果', `${claimIds.length} 条积分。${who}：赞成 ${nums[0]} 票，反对 ${nums[1]} 票，弃权 ${nums[2]} 票。提交后不能修改，确定吗？`, '提交')
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
      <View className='assembly-body points-actions-row'>
        {(['villager_reps', 'party_members'] as const).map((b) => (
          <BigButton
            key={b}
            size='small'
            type={body === b ? 'primary' : 'default'}
            className={`assembly-body__${b}`}
            onClick={() => {
              setBody(b)
              setTitle(`${meetingDate} ${ASSEMBLY_BODY_LABELS[b]}`)
            }}
          >
            {ASSEMBLY_BODY_LABELS[b]}
          </BigButton>
        ))}
      </View>
      <FormField label='会议名称' name='assembly-title' required value={title} onInput={setTitle} maxlength={60} />
      <FormField label='会议日期' name='assembly-date'>
        <DateField value={meetingDate} end={today} onChange={setMeetingDate} className='assembly-date' />
      </FormField>
      <View className='assembly-votes'>
        <FormField
          label={body === 'party_members' ? '应到党员（不填按名册）' : '应到代表'}
          name='members-total'
          inputType='number'
          value={attendance.total}
          onInput={(v) => setAttendance({ ...attendance, total: v })}
          maxlength={5}
        />
        <FormField label='实到人数' name='members-present' inputType='number' value={attendance.present} onInput={(v) => setAttendance({ ...attendance, present: v })} maxlength={5} />
      </View>
      <View className='cs-muted assembly-rule'>到会要过三分之二，赞成要超过到会人数的一半（村里另有规定的按村里的）</View>
      <View className='assembly-votes'>
        <FormField label='赞成票' name='votes-for' inputType='number' value={votes.for} onInput={(v) => setVotes({ ...votes, for: v })} maxlength={5} />
        <FormField label='反对票' name='votes-against' inputType='number' value={votes.against} onInput={(v) => setVotes({ ...votes, against: v })} maxlength={5} />
        <FormField label='弃权票' name='votes-abstain' inputType='number' value={votes.abstain} onInput={(v) => setVotes({ ...votes, abstain: v })} maxlength={5} />
      </View>
      <ObjectedList claims={objected} />
      {error ? <View className='points-error-text assembly-error'>{error}</View> : null}
      <BigButton className='assembly-submit' loading={decide.submitting} onClick={() => void submit()}>
        提交审议结果（{claimIds.length} 条）
      </BigButton>
      {result ? (
        <View className={`assembly-result assembly-result--${result.passed ? 'passed' : 'failed'}`}>
          <View className='assembly-result__title'>{result.passed ? `大会通过，${result.claims} 条积分进入公示` : `大会未通过，${result.claims} 条积分不予入账`}</View>
          <View className='assembly-result__attendance'>应到 {result.attendance.total} 人，实到 {result.attendance.present} 人</View>
          {result.publicityEndsAt ? <View className='assembly-result__ends'>公示截止 {chinaDateTime(result.publicityEndsAt)}</View> : null}
          {result.skipped > 0 ? <View className='assembly-result__skipped'>另有 {result.skipped} 条已被别的会议或异议处理，未计入本次</View> : null}
          {result.excluded.length > 0 ? (
            <View className='assembly-result__excluded'>
              <View>以下 {result.excluded.length} 条不能由您登记，请其他两委成员或镇里登记：</View>
              {result.excluded.map((x) => (
                <View key={x.claimId} className='assembly-result__excluded-item'>
                  {x.householdName}：{x.reason}
                </View>
              ))}
            </View>
          ) : null}
        </View>
      ) : null}
    </Section>
  )
}

/** The village's recent meetings with attendance and votes (the 大会 record). */
function MeetingList({ villageId }: { villageId: string }) {
  const list = useQuery(() => call('points', 'assemblies', { villageId }), [villageId], Boolean(villageId))
  if (!list.data || list.data.length === 0) return null
  return (
    <Section title='历次会议' className='assembly-history'>
      {list.data.slice(0, 10).map((a) => (
        <View key={a.id} className={`points-list-item assembly-history__item assembly-history__item--${a.passed ? 'passed' : 'failed'}`}>
          <View className='points-list-item__main'>
            {a.meetingDate} {ASSEMBLY_BODY_LABELS[a.body]}：应到 {a.membersTotal} 人，实到 {a.present} 人，赞成 {a.votesFor}、反对 {a.votesAgainst}、弃权 {a.votesAbstain}
          </View>
          <View className='points-list-item__side'>
            {a.passed ? '通过' : '未通过'} {a.claims} 条{a.excluded ? `，另 ${a.excluded} 条回避` : ''} · {a.recordedByName}登记
          </View>
        </View>
      ))}
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
  // Claims the caller may not approve (already approved, own recording…) cannot be ticked for a batch.
  const selectable = items.filter((c) => c.mayApprove !== false)
  const chosenClaims = selectable.filter((c) => selected.has(c.id))
  const chosen = chosenClaims.map((c) => c.id)
  const objectedChosen = chosenClaims.filter(isObjected)
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
  const allOn = selectable.length > 0 && selectable.every((c) => selected.has(c.id))
  const toggleAll = () => setSelected(allOn ? new Set() : new Set(selectable.map((c) => c.id)))
  const refresh = () => {
    setSelected(new Set())
    void queue.reload()
  }

  const runMany = async () => {
    if (chosen.length === 0) return toast('请先勾选要通过的积分')
    if (objectedChosen.length > 0 && !(await confirmObjected(objectedChosen, '通过它们'))) return
    if (!(await confirm('批量通过', `确定通过勾选的 ${chosen.length} 条积分吗？${objectedChosen.length ? `其中 ${objectedChosen.length} 条有异议。` : ''}`, '通过'))) return
    setNames(Object.fromEntries(chosenClaims.map((c) => [c.id, `${c.householdName} ${c.item.name} · ${c.occurredOn}`])))
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
              <BigButton type='default' className='review-select-all' disabled={selectable.length === 0} reason='这些您都不能通过' onClick={toggleAll}>
                {allOn ? '取消全选' : '全选'}
              </BigButton>
              {selectable.length < items.length ? <View className='cs-muted review-skipped-note'>{items.length - selectable.length} 条您不能通过，不能勾选（原因见每条下面）</View> : null}
              {items.map((c) => (
                <ClaimCard
                  key={c.id}
                  claim={c}
                  className='review-claim'
                  showHousehold
                  showRecorder
                  showApprovals
                  showPhotos
                  selected={c.mayApprove !== false && selected.has(c.id)}
                  onToggle={c.mayApprove === false ? undefined : () => toggle(c.id)}
                  toggleOff={c.mayApprove === false}
                  onOpen={() => go(`/points/pages/claim/index?id=${encodeURIComponent(c.id)}`)}
                >
                  <DetailLink claim={c} />
                  {step !== 'assembly' ? <ReviewActions claim={c} step={step} onDone={refresh} /> : null}
                  {step === 'assembly' && c.mayApprove === false ? <View className='cs-muted review-no-approve'>{c.notApprovableReason ?? '您不能登记这条'}</View> : null}
                </ClaimCard>
              ))}
            </Section>
          ) : null}

          {step !== 'assembly' && items.length > 0 ? (
            <ObjectedList claims={objectedChosen} />
          ) : null}
          {step !== 'assembly' && items.length > 0 ? (
            <BigButton className='review-approve-many' loading={approveMany.submitting} disabled={chosen.length === 0} reason='先勾选要通过的积分' onClick={() => void runMany()}>
              批量通过（{chosen.length} 条，共 {signed(items.filter((c) => selected.has(c.id)).reduce((s, c) => s + c.amount, 0))} 分）
            </BigButton>
          ) : null}
          {step === 'assembly' && queue.data ? <AssemblyForm villageId={villageId} claimIds={chosen} objected={objectedChosen} onDone={refresh} /> : null}
          {step === 'assembly' ? <MeetingList villageId={villageId} /> : null}
        </Page>
      )}
    </ScopeGate>
  )
}
