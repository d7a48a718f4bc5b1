import Taro from '@tarojs/taro'
import { chinaDateTime } from '@/utils/china-time'
import { eventValue } from '@/utils/form'
import { Input as TextInput, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import type { Input, MemberView, Output, Role } from '../../../../types/contract'
import { BigButton } from '@/components/big-button'
import { ChoiceField } from '@/components/choice-field'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { FormField } from '@/components/form-field'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { ROSTER_ROLES, rolesOf } from '@/features/tiles'
import { useMutation, useQuery, useReloadOnShow } from '@/hooks/use-call'
import { useVillageScope } from '@/hooks/use-scope'
import { call, newRequestId } from '@/services/call'
import { ConfirmDialog } from '@/components/confirm-dialog'
import { ScopePicker } from '../../components/scope-picker'
import { useParam } from '@/hooks/use-param'
import { ADMIN_SCOPE_KEY } from '../../shared'
import '../admin.scss'
import './index.scss'

/** Client-side mirror of the server's POLICY.manageRoster (the server still decides). */
export const BIND_REVIEW_ROLES: readonly Role[] = rolesOf('identity.listBindRequests')
const SEARCH_LIMIT = 20
const REASON_MIN = 2
const REASON_MAX = 100

type BindRequest = Output<'identity', 'listBindRequests'>[number]
type HouseholdItem = Output<'identity', 'listHouseholds'>['items'][number]
type Decision = Input<'identity', 'decideBindRequest'>
type Tab = 'pending' | 'done'

export { chinaDateTime } from '@/utils/china-time'

/** Empty when the reject reason is acceptable, otherwise the message shown under the field. */
export function reasonError(reason: string): string {
  const n = Array.from(reason.trim()).length
  if (n < REASON_MIN) return `请填写拒绝原因（至少${REASON_MIN}个字）`
  if (n > REASON_MAX) return `拒绝原因不能超过${REASON_MAX}个字`
  return ''
}

const STATUS_LABELS: Record<BindRequest['status'], string> = { pending: '待处理', approved: '已同意', rejected: '已拒绝' }

interface RequestCardProps {
  request: BindRequest
  rejecting: boolean
  reason: string
  reasonErr: string
  busy: boolean
  onApprove: () => void
  onReject: () => void
  onReason: (v: string) => void
  onRejectSubmit: () => void
  onRejectCancel: () => void
}

/** One bind request: who asked, when, and (while pending) 同意 / 拒绝. */
function RequestCard(p: RequestCardProps) {
  const r = p.request
  return (
    <View className={`bind-request bind-request--${r.status}`}>
      <View className='bind-request__head'>
        <View className='bind-request__name'>{r.name}</View>
        <View className={`bind-request__status bind-request__status--${r.status}`}>{STATUS_LABELS[r.status]}</View>
      </View>
      <View className='bind-request__line'>手机号：{r.phoneMasked}</View>
      {r.note ? <View className='bind-request__line bind-request__note'>说明：{r.note}</View> : null}
      <View className='bind-request__line bind-request__time'>申请时间：{chinaDateTime(r.createdAt)}</View>
      {r.status === 'pending' && !p.rejecting ? (
        <View className='bind-request__actions'>
          <BigButton className='bind-request__approve' disabled={p.busy} reason='正在处理另一条申请' onClick={p.onApprove}>
            同意
          </BigButton>
          <BigButton type='danger' className='bind-request__reject' disabled={p.busy} reason='正在处理另一条申请' onClick={p.onReject}>
            拒绝
          </BigButton>
        </View>
      ) : null}
      {r.status === 'pending' && p.rejecting ? (
        <View className='bind-request__reject-form'>
          <FormField
            label='拒绝原因'
            name='reject-reason'
            required
            value={p.reason}
            onInput={p.onReason}
            error={p.reasonErr || undefined}
            placeholder='例如：名册里查不到这个人'
            maxlength={REASON_MAX}
            hint='申请人会看到这个原因'
          />
          <View className='bind-request__actions'>
            <BigButton type='danger' className='bind-request__reject-submit' loading={p.busy} onClick={p.onRejectSubmit}>
              拒绝申请
            </BigButton>
            <BigButton type='default' className='bind-request__reject-cancel' onClick={p.onRejectCancel}>
              取消
            </BigButton>
          </View>
        </View>
      ) : null}
    </View>
  )
}

interface MemberPickerProps {
  villageId: string
  request: BindRequest
  onPick: (member: MemberView, household: HouseholdItem) => void
  onBack: () => void
}

/** Search households, open one, pick an unbound member (bound members are shown but cannot be chosen). */
function MemberPicker({ villageId, request, onPick, onBack }: MemberPickerProps) {
  const [typed, setTyped] = useState('')
  const [q, setQ] = useState('')
  const [open, setOpen] = useState<HouseholdItem | null>(null)
  const list = useQuery(
    () => call('identity', 'listHouseholds', { villageId, q: q || undefined, offset: 0, limit: SEARCH_LIMIT }),
    [villageId, q],
    Boolean(villageId)
  )
  const openId = open?.id ?? ''
  const detail = useQuery(() => call('identity', 'getHousehold', { householdId: openId }), [openId], Boolean(openId))
  const search = () => {
    setQ(typed.trim())
    setOpen(null)
  }
  const items = list.data?.items ?? []
  const total = list.data?.total ?? 0

  return (
    <Section title='选择名册里的人' className='bind-picker'>
      <View className='bind-picker__who'>
        申请人：{request.name}（{request.phoneMasked}）{request.note ? ` · ${request.note}` : ''}
      </View>
      <View className='cs-muted bind-picker__hint'>先找到这户人家，再点要绑定的家庭成员。已绑定微信的人不能再选。</View>
      <View className='admin-search'>
        <TextInput
          className='cs-input admin-search__input bind-picker__input'
          value={typed}
          placeholder='户主姓名、户号或住址'
          confirmType='search'
          onInput={(e) => setTyped(eventValue(e))}
          onConfirm={search}
        />
        <BigButton size='small' className='admin-search__go bind-picker__go' onClick={search}>
          搜索
        </BigButton>
      </View>
      {list.loading && !list.data ? <LoadingView /> : null}
      {list.error ? <ErrorView error={list.error} onRetry={() => void list.reload()} /> : null}
      {list.data && items.length === 0 ? <EmptyState text={q ? '没有找到，换个户主姓名、户号或住址试试' : '还没有登记农户'} /> : null}
      {items.map((h) => {
        const isOpen = h.id === openId
        return (
          <View key={h.id} className={`bind-household ${isOpen ? 'bind-household--open' : ''}`}>
            <View className='admin-item bind-household__head' onClick={() => setOpen(isOpen ? null : h)}>
              <View className='admin-item__main'>
                <View className='admin-item__title'>{h.headName ?? h.name}</View>
                <View className='admin-item__desc'>户号 {h.code} · {h.address}</View>
              </View>
              <View className='admin-item__side'>{isOpen ? '收起' : `${h.memberCount} 人 ›`}</View>
            </View>
            {isOpen ? (
              <View className='bind-household__members'>
                {detail.loading && !detail.data ? <LoadingView /> : null}
                {detail.error ? <ErrorView error={detail.error} onRetry={() => void detail.reload()} /> : null}
                {detail.data && detail.data.id === h.id && detail.data.members.length === 0 ? <EmptyState text='这一户还没有登记家庭成员' /> : null}
                {detail.data && detail.data.id === h.id
                  ? detail.data.members.map((m) => (
                      <View
                        key={m.id}
                        className={`bind-member-option ${m.bound ? 'bind-member-option--disabled' : ''}`}
                        onClick={m.bound ? undefined : () => onPick(m, h)}
                      >
                        <View className='bind-member-option__main'>
                          <View className='bind-member-option__name'>
                            {m.name}
                            {m.isHead ? <View className='admin-badge'>户主</View> : null}
                          </View>
                          <View className='bind-member-option__desc'>
                            {m.relation}
                            {m.phoneMasked ? ` · ${m.phoneMasked}` : ''}
                          </View>
                        </View>
                        <View className='bind-member-option__side'>{m.bound ? '已绑定微信' : '选这个人'}</View>
                      </View>
                    ))
                  : null}
              </View>
            ) : null}
          </View>
        )
      })}
      {items.length > 0 && items.length < total ? <View className='cs-muted bind-picker__more'>只显示前 {items.length} 户，共 {total} 户，请输入更准确的名字</View> : null}
      <BigButton type='default' className='bind-picker__back' onClick={onBack}>
        返回申请列表
      </BigButton>
    </Section>
  )
}

interface Pending {
  request: BindRequest
  approve: boolean
  member?: MemberView
  household?: HouseholdItem
  reason?: string
}

export default function BindRequestsPage() {
  const scope = useVillageScope(ROSTER_ROLES, { storageKey: ADMIN_SCOPE_KEY, preferred: useParam('villageId') || undefined })
  const villages = scope.villages.filter((v) => v.roles.some((r) => BIND_REVIEW_ROLES.includes(r)))
  const current = villages.find((v) => v.id === scope.current?.id) ?? villages[0]
  const villageId = current?.id ?? ''
  const requests = useQuery(() => call('identity', 'listBindRequests', { villageId }), [villageId], Boolean(villageId))
  const [tab, setTab] = useState<Tab>('pending')
  const [picking, setPicking] = useState<BindRequest | null>(null)
  const [rejectingId, setRejectingId] = useState('')
  const [reason, setReason] = useState('')
  const [reasonErr, setReasonErr] = useState('')
  const [confirming, setConfirming] = useState<Pending | null>(null)
  const [result, setResult] = useState('')
  // One requestId per decision, so re-sending the same decision after an error has exactly one effect.
  const requestIds = useRef(new Map<string, string>())
  const decide = useMutation((input: Decision) => {
    const key = JSON.stringify(input)
    const requestId = requestIds.current.get(key) ?? newRequestId()
    requestIds.current.set(key, requestId)
    return call('identity', 'decideBindRequest', input, { requestId })
  })
  useReloadOnShow(requests.reload, Boolean(villageId))

  if (scope.scopes.loading && !scope.scopes.data) return <Page><LoadingView /></Page>
  if (scope.scopes.error) return <Page><ErrorView error={scope.scopes.error} onRetry={() => void scope.scopes.reload()} /></Page>
  if (!current) return <Page><EmptyState text='您暂无审核绑定申请的权限' /></Page>

  const all = requests.data ?? []
  const pending = all.filter((r) => r.status === 'pending').sort((a, b) => a.createdAt.localeCompare(b.createdAt))
  const done = all.filter((r) => r.status !== 'pending').sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  const shownList = tab === 'pending' ? pending : done

  const closeReject = () => {
    setRejectingId('')
    setReason('')
    setReasonErr('')
  }

  const submitReject = (r: BindRequest) => {
    const err = reasonError(reason)
    setReasonErr(err)
    if (err) return
    setConfirming({ request: r, approve: false, reason: reason.trim() })
  }

  const runDecision = async () => {
    const c = confirming
    setConfirming(null)
    if (!c) return
    const input: Decision = c.approve
      ? { bindRequestId: c.request.id, approve: true, memberId: c.member?.id }
      : { bindRequestId: c.request.id, approve: false, reason: c.reason }
    const res = await decide.run(input)
    if (res) {
      const text = res.status === 'approved' ? `已同意：${c.request.name} 已绑定到 ${c.member?.name ?? ''}` : `已拒绝 ${c.request.name} 的绑定申请`
      setResult(text)
      void Taro.showToast({ title: res.status === 'approved' ? '已同意' : '已拒绝', icon: 'success' })
      setPicking(null)
      closeReject()
    }
    // Refresh either way: someone else may have handled this request already.
    void requests.reload()
  }

  const village = (
    <ScopePicker
      villages={villages}
      currentId={villageId}
      onChange={(id) => {
        scope.choose(id)
        setPicking(null)
        closeReject()
        setResult('')
      }}
    />
  )

  const dialog = (
    <ConfirmDialog
      visible={confirming !== null}
      danger={confirming?.approve === false}
      title={confirming?.approve ? '同意绑定' : '拒绝申请'}
      content={
        confirming ? (
          <View className={`bind-confirm bind-confirm--${confirming.approve ? 'approve' : 'reject'}`}>
            {confirming.approve ? (
              <View>
                确定把微信申请人 {confirming.request.name}（{confirming.request.phoneMasked}）绑定到名册里的
                {confirming.household ? ` ${confirming.household.headName ?? confirming.household.name}家（户号 ${confirming.household.code}）的` : ''}
                {' '}{confirming.member?.name} 吗？
              </View>
            ) : (
              <View>
                确定拒绝 {confirming.request.name}（{confirming.request.phoneMasked}）的绑定申请吗？原因：{confirming.reason}
              </View>
            )}
          </View>
        ) : null
      }
      confirmText={confirming?.approve ? '同意绑定' : '拒绝'}
      onConfirm={() => void runDecision()}
      onCancel={() => setConfirming(null)}
    />
  )

  if (picking) {
    return (
      <Page className='admin-bind-requests' title={`${current.name} 绑定申请`}>
        {village}
        <MemberPicker
          villageId={villageId}
          request={picking}
          onPick={(member, household) => setConfirming({ request: picking, approve: true, member, household })}
          onBack={() => setPicking(null)}
        />
        {dialog}
      </Page>
    )
  }

  return (
    <Page className='admin-bind-requests' title={`${current.name} 绑定申请`}>
      {village}
      <View className='cs-muted bind-requests__hint'>没有邀请码的村民在“我的”页面申请绑定微信。请核对是本人后，在名册里找到他再同意。</View>
      <ChoiceField<Tab>
        name='bind-tab'
        options={[
          { value: 'pending', label: `待处理${requests.data ? `（${pending.length}）` : ''}` },
          { value: 'done', label: '已处理' }
        ]}
        value={tab}
        onChange={(t) => {
          setTab(t)
          closeReject()
        }}
      />
      {result ? <View className='admin-result bind-requests__result'>{result}</View> : null}
      {requests.loading && !requests.data ? <LoadingView /> : null}
      {requests.error ? <ErrorView error={requests.error} onRetry={() => void requests.reload()} /> : null}
      {requests.data && shownList.length === 0 ? <EmptyState text={tab === 'pending' ? '没有待处理的绑定申请' : '还没有处理过的申请'} /> : null}
      {shownList.length > 0 ? (
        <Section title={tab === 'pending' ? `待处理 ${pending.length} 条` : `已处理 ${done.length} 条`} className='bind-requests__list'>
          {shownList.map((r) => (
            <RequestCard
              key={r.id}
              request={r}
              rejecting={rejectingId === r.id}
              reason={reason}
              reasonErr={reasonErr}
              busy={decide.submitting}
              onApprove={() => {
                closeReject()
                setResult('')
                setPicking(r)
              }}
              onReject={() => {
                closeReject()
                setResult('')
                setRejectingId(r.id)
              }}
              onReason={(v) => {
                setReason(v)
                if (reasonErr) setReasonErr('')
              }}
              onRejectSubmit={() => submitReject(r)}
              onRejectCancel={closeReject}
            />
          ))}
        </Section>
      ) : null}
      {dialog}
    </Page>
  )
}
