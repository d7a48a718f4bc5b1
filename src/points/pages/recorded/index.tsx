import { useDidShow } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useRef, useState } from 'react'
import { CLAIM_STATE_LABELS, type ClaimStateName, type ClaimView } from '../../../../types/contract'
import { BigButton } from '@/components/big-button'
import { ChoiceField } from '@/components/choice-field'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { FormField } from '@/components/form-field'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { useMutation, useQuery } from '@/hooks/use-call'
import { useVillageScope } from '@/hooks/use-scope'
import { call, newRequestId } from '@/services/call'
import { POINTS_ROLES, POINTS_SCOPE_KEY, go, toast } from '../../shared'
import { ClaimCard } from '../../components/claim-card'
import { PhotoField, usePhotoUploads } from '../../components/photos'
import { ReasonBox } from '../../components/reason-box'
import { ScopeGate, VillagePicker } from '../../components/scope'
import { Stepper } from '@/components/stepper'
import '../../points.scss'
import './index.scss'

type Filter = 'all' | ClaimStateName
const FILTERS: Array<{ value: Filter; label: string }> = [
  { value: 'all', label: '全部' },
  { value: 'returned', label: '已退回' },
  { value: 'first_review', label: '待初审' },
  { value: 'second_review', label: '待复审' },
  { value: 'assembly', label: '待大会' },
  { value: 'publicity', label: '公示中' },
  { value: 'posted', label: '已入账' },
  { value: 'rejected', label: '未通过' }
]

/** 修改后重新提交 for a claim a reviewer sent back. */
export function ResubmitForm({ claim, onDone }: { claim: ClaimView; onDone: () => void }) {
  const [quantity, setQuantity] = useState(claim.quantity)
  const [note, setNote] = useState(claim.note)
  const photos = usePhotoUploads(claim.photos)
  const [requestId] = useState(newRequestId)
  const [error, setError] = useState('')
  const save = useMutation(() =>
    call('points', 'resubmitClaim', { claimId: claim.id, quantity, note: note.trim(), photos: photos.fileIds }, { requestId })
  )
  const submit = async () => {
    if (photos.uploading) return setError('照片还在上传，请稍等')
    setError('')
    const res = await save.run()
    if (res) {
      toast(`已重新提交，${CLAIM_STATE_LABELS[res.state]}`, 'none')
      onDone()
    }
  }
  return (
    <View className='recorded-resubmit'>
      <FormField label={`数量（${claim.item.unit}）`}>
        <Stepper value={quantity} onChange={setQuantity} partPrefix='points-stepper' className='recorded-resubmit__quantity' />
      </FormField>
      <FormField label='说明'>
        <ReasonBox value={note} onInput={setNote} placeholder='写明修改了什么' className='recorded-resubmit__note' />
      </FormField>
      <FormField label='照片'>
        <PhotoField photos={photos} />
      </FormField>
      {error ? <View className='points-error-text'>{error}</View> : null}
      <BigButton className='recorded-resubmit__submit' loading={save.submitting} onClick={() => void submit()}>
        重新提交
      </BigButton>
    </View>
  )
}

/** 我录入的: claims the grid worker recorded, by state; returned ones can be fixed and resubmitted. */
export default function RecordedPage() {
  const { scopes, villages, current, choose } = useVillageScope(POINTS_ROLES.record, { storageKey: POINTS_SCOPE_KEY })
  const villageId = current?.id ?? ''
  const [filter, setFilter] = useState<Filter>('all')
  const [limit, setLimit] = useState(50)
  const [editing, setEditing] = useState('')
  const list = useQuery(
    () => call('points', 'recordedByMe', { villageId, state: filter === 'all' ? undefined : filter, offset: 0, limit }),
    [villageId, filter, limit],
    Boolean(villageId)
  )
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current && villageId) void list.reload()
    shown.current = true
  })
  const items = list.data?.items ?? []

  return (
    <ScopeGate scopes={scopes} hasVillage={Boolean(current)} className='points-recorded' noAccessText='您不是网格员'>
      {() => (
        <Page className='points-recorded' title='我录入的积分'>
          <VillagePicker villages={villages} currentId={villageId} onChange={choose} />
          <View className='points-filter'>
            <ChoiceField name='state' options={FILTERS} value={filter} onChange={(v) => { setFilter(v); setLimit(50) }} />
          </View>
          <BigButton type='plain' className='recorded-go-record' onClick={() => go('/points/pages/record/index')}>
            去打分
          </BigButton>
          {list.loading && !list.data ? <LoadingView /> : null}
          {list.error ? <ErrorView error={list.error} onRetry={() => void list.reload()} /> : null}
          {list.data && items.length === 0 ? <EmptyState text='没有这类记录' /> : null}
          {items.length > 0 ? (
            <Section title={`共 ${list.data?.total ?? items.length} 条`}>
              {items.map((c) => (
                <ClaimCard
                  key={c.id}
                  claim={c}
                  className='recorded-claim'
                  showHousehold
                  showApprovals
                  showPhotos
                  onOpen={() => go(`/points/pages/claim/index?id=${encodeURIComponent(c.id)}`)}
                >
                  {c.state === 'returned' && editing !== c.id ? (
                    <BigButton type='plain' className='recorded-edit' onClick={() => setEditing(c.id)}>
                      修改后重新提交
                    </BigButton>
                  ) : null}
                  {c.state === 'returned' && editing === c.id ? (
                    <ResubmitForm claim={c} onDone={() => { setEditing(''); void list.reload() }} />
                  ) : null}
                </ClaimCard>
              ))}
              {list.data && items.length < list.data.total ? (
                <BigButton type='default' loading={list.loading} onClick={() => setLimit(Math.min(200, limit + 50))}>
                  加载更多
                </BigButton>
              ) : null}
            </Section>
          ) : null}
        </Page>
      )}
    </ScopeGate>
  )
}
