import { Image, View } from '@tarojs/components'
import { CLAIM_STATE_LABELS } from '../../../../types/contract'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { useQuery } from '@/hooks/use-call'
import { call } from '@/services/call'
import { useParam } from '@/hooks/use-param'
import { chinaDateTime } from '../../shared'
import { ClaimCard } from '../../components/claim-card'
import { previewPhotos } from '../../components/photos'
import '../../points.scss'
import './index.scss'

const ACTION_LABELS: Record<string, string> = {
  record: '网格员录入',
  record_proxy: '网格员代办录入',
  checkin: '扫码签到',
  resubmit: '修改后重新提交',
  first_approve: '党小组初审通过',
  first_reject: '党小组初审不通过',
  first_send_back: '党小组初审退回',
  second_approve: '两委复审通过',
  second_reject: '两委复审不通过',
  second_send_back: '两委复审退回',
  assembly_approve: '大会审议通过',
  assembly_reject: '大会审议未通过',
  objection: '提出异议',
  post: '入账'
}

/** One claim: its photos and the full audit trail as a timeline. */
export default function ClaimPage() {
  const claimId = useParam('id')
  const detail = useQuery(() => call('points', 'claimDetail', { claimId }), [claimId], Boolean(claimId))

  if (!claimId) return <Page className='points-claim-page'><EmptyState text='没有指定要查看的积分' /></Page>
  if (detail.loading && !detail.data) return <Page className='points-claim-page'><LoadingView /></Page>
  if (detail.error || !detail.data) {
    return (
      <Page className='points-claim-page'>
        <ErrorView error={detail.error} onRetry={() => void detail.reload()} />
      </Page>
    )
  }
  const { claim, photoUrls, audit } = detail.data
  return (
    <Page className='points-claim-page' title='积分详情'>
      <Section>
        <ClaimCard claim={claim} showHousehold showRecorder showApprovals className='points-claim-detail' />
      </Section>
      <Section title={`照片（${photoUrls.length}）`} className='points-claim-photos'>
        {photoUrls.length === 0 ? <View className='cs-muted'>没有照片</View> : null}
        <View className='points-thumbs'>
          {photoUrls.map((u) => (
            <View key={u} className='points-claim-photo' onClick={() => previewPhotos(photoUrls, u)}>
              <Image className='points-thumb' src={u} mode='aspectFill' />
            </View>
          ))}
        </View>
      </Section>
      <Section title='审核记录' className='points-audit'>
        {audit.length === 0 ? <View className='cs-muted'>暂无记录</View> : null}
        <View className='points-timeline'>
          {audit.map((a) => (
            <View key={a.seq} className='points-timeline__item points-audit-item'>
              <View className='points-timeline__dot' />
              <View className='points-timeline__body'>
                <View className='points-timeline__title'>
                  {ACTION_LABELS[a.action] ?? a.action} · {a.byName}
                </View>
                <View className='points-timeline__time'>{chinaDateTime(a.at)}</View>
                <View className='points-timeline__state'>
                  {a.from ? `${CLAIM_STATE_LABELS[a.from]} → ` : ''}
                  {CLAIM_STATE_LABELS[a.to]}
                </View>
                {a.reason ? <View className='points-timeline__reason'>原因：{a.reason}</View> : null}
              </View>
            </View>
          ))}
        </View>
      </Section>
    </Page>
  )
}
