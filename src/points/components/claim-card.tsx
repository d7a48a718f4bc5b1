import { Image, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { ClaimView } from '../../../types/contract'
import { CHAIN, chinaDateTime, signed } from '../shared'
import { previewPhotos } from './photos'
import '../points.scss'

const STEP_LABELS = { first: '党小组初审', second: '两委复审', assembly: '大会审议' } as const

/** Where the claim sits in the chain: done steps, the current one, the rest. */
export function ChainProgress({ claim }: { claim: ClaimView }) {
  if (claim.state === 'rejected' || claim.state === 'returned') return null
  const at = CHAIN.findIndex((s) => s.state === claim.state)
  return (
    <View className='points-chain'>
      {CHAIN.map((s, i) => (
        <View
          key={s.state}
          className={`points-chain__step ${i < at ? 'points-chain__step--done' : ''} ${i === at ? 'points-chain__step--now' : ''}`}
        >
          {s.label}
        </View>
      ))}
    </View>
  )
}

/** Thumbnails shown on a card; a tap opens all of them full screen. */
const THUMBS_ON_CARD = 4

/** The claim's photos as small thumbnails (tap → full-screen viewer over the whole list). */
export function ClaimPhotos({ claim }: { claim: ClaimView }) {
  const urls = claim.photoUrls
  if (claim.photos.length === 0) return <View className='points-hint points-claim__photos points-claim__photos--none'>没有照片</View>
  const shown = urls.slice(0, THUMBS_ON_CARD)
  const more = urls.length - shown.length
  const missing = claim.photos.length - urls.length
  return (
    <View className='points-claim__photos'>
      {shown.length > 0 ? (
        <View className='points-thumbs points-thumbs--small'>
          {shown.map((u, i) => (
            <View key={`${i}:${u}`} className='points-claim__photo' onClick={() => previewPhotos(urls, u)}>
              <Image className='points-thumb' src={u} mode='aspectFill' lazyLoad />
              {i === shown.length - 1 && more > 0 ? <View className='points-claim__photo-more'>+{more}</View> : null}
            </View>
          ))}
        </View>
      ) : null}
      {missing > 0 ? <View className='points-hint points-claim__photos-missing'>{missing} 张照片暂时打不开，请点“查看详情”</View> : null}
    </View>
  )
}

/** True when the claim carries an open objection (异议) the reviewers must weigh. */
export function isObjected(claim: ClaimView): boolean {
  return (claim.openObjections?.length ?? 0) > 0
}

/** The open objections' reasons (reviewers only; the objector's name only for 两委). */
export function ObjectionNotice({ claim }: { claim: ClaimView }) {
  const list = claim.openObjections ?? []
  if (list.length === 0) return null
  return (
    <View className='points-claim__objection'>
      <View className='points-claim__objection-title'>有异议（{list.length} 条），请核实后再审</View>
      {list.map((o, i) => (
        <View key={`${o.at}-${i}`} className='points-claim__objection-reason'>
          {o.byName ? `${o.byName}：` : ''}
          {o.reason}
          <View className='points-claim__objection-at cs-nowrap'>{chinaDateTime(o.at)}</View>
        </View>
      ))}
    </View>
  )
}

export interface ClaimCardProps {
  claim: ClaimView
  className?: string
  /** Show the household (reviewers and grid workers see many). */
  showHousehold?: boolean
  showRecorder?: boolean
  showApprovals?: boolean
  /** Photo thumbnails from `photoUrls` (reviewers and grid workers check the evidence on the list). */
  showPhotos?: boolean
  selected?: boolean
  onToggle?: () => void
  /** Shown instead of the tick box when the claim cannot be selected (the reason is shown by the caller). */
  toggleOff?: boolean
  onOpen?: () => void
  children?: ReactNode
}

/** One points claim: item, quantity, amount, where it is in the chain. */
export function ClaimCard(props: ClaimCardProps) {
  const { claim, className, showHousehold, showRecorder, showApprovals, showPhotos, selected, onToggle, toggleOff, onOpen, children } = props
  const amountClass = claim.amount >= 0 ? 'points-plus' : 'points-minus'
  return (
    <View className={`points-claim ${selected ? 'points-claim--selected' : ''} points-claim--${claim.state} ${isObjected(claim) ? 'points-claim--objected' : ''} ${className ?? ''}`}>
      <View className='points-claim__head'>
        {onToggle ? (
          <View className={`points-check ${selected ? 'points-check--on' : ''} points-claim__check`} onClick={onToggle}>
            {selected ? '✓' : ''}
          </View>
        ) : toggleOff ? (
          <View className='points-check points-check--off points-claim__check' aria-disabled>
            —
          </View>
        ) : null}
        <View className='points-claim__main' onClick={onOpen}>
          {showHousehold ? (
            <View className='points-claim__household'>
              {claim.householdName}
              <View className='points-claim__code'>户号 {claim.householdCode}</View>
            </View>
          ) : null}
          <View className='points-claim__item'>{claim.item.name}</View>
          <View className='points-claim__meta'>
            {claim.quantity} {claim.item.unit} × {signed(claim.item.points)} 分 · {claim.occurredOn}
          </View>
          {claim.memberName ? <View className='points-claim__meta'>成员：{claim.memberName}</View> : null}
          {showRecorder ? (
            <View className='points-claim__meta'>
              录入：{claim.recordedByName}
              {claim.source === 'checkin' ? '（扫码签到）' : claim.source === 'proxy' ? '（代办）' : ''}
            </View>
          ) : null}
          {claim.note ? <View className='points-claim__meta'>备注：{claim.note}</View> : null}
        </View>
        <View className={`points-claim__amount ${amountClass}`} onClick={onOpen}>
          {signed(claim.amount)}
        </View>
      </View>
      {showPhotos ? <ClaimPhotos claim={claim} /> : null}
      <View className={`points-claim__state points-state--${claim.state}`}>{claim.stateLabel}</View>
      {claim.state === 'publicity' && claim.publicityEndsAt ? (
        <View className='points-claim__meta'>公示截止 {chinaDateTime(claim.publicityEndsAt)}</View>
      ) : null}
      {claim.lastReason && (claim.state === 'returned' || claim.state === 'rejected') ? (
        <View className='points-claim__reason'>原因：{claim.lastReason}</View>
      ) : null}
      <ObjectionNotice claim={claim} />
      <ChainProgress claim={claim} />
      {showApprovals && claim.approvals.length > 0 ? (
        <View className='points-claim__approvals'>
          {claim.approvals.map((a) => (
            <View key={`${a.step}-${a.at}`} className='points-claim__approval'>
              ✓ {STEP_LABELS[a.step]} {a.byName} {chinaDateTime(a.at)}
            </View>
          ))}
        </View>
      ) : null}
      {children ? <View className='points-claim__actions'>{children}</View> : null}
    </View>
  )
}
