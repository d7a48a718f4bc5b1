/**
 * One-time subscribe message templates (订阅消息). The ids are the ones chosen in 公众平台 → 订阅消息; replace them
 * with the real ids of the deployed mini program. Field keys and kinds follow each template's keyword list, so the
 * sender can keep every value inside WeChat's limits (error 47003 otherwise).
 */
export const SUBSCRIBE_FIELD_LIMITS = {
  thing: 20,
  phrase: 5,
  name: 10,
  character_string: 32,
  number: 32,
  time: 30,
  date: 30
} as const
export type SubscribeFieldKind = keyof typeof SUBSCRIBE_FIELD_LIMITS

export interface SubscribeTemplate {
  /** Template id from 公众平台 (placeholder locally). */
  id: string
  title: string
  /** Keyword key (e.g. thing1) → its kind. */
  fields: Record<string, SubscribeFieldKind>
  /** Page the message opens (without parameters when the template is shared by many records). */
  page: string
}

export const SUBSCRIBE_TEMPLATES = {
  noticeNew: { id: 'TPL_NOTICE_NEW', title: '新公告提醒', fields: { thing1: 'thing', thing2: 'thing', time3: 'time' }, page: 'notice/pages/feed/index' },
  reportAnswered: { id: 'TPL_REPORT_ANSWER', title: '反馈处理结果通知', fields: { thing1: 'thing', phrase2: 'phrase', thing3: 'thing', time4: 'time' }, page: 'notice/pages/report-detail/index' },
  claimResult: { id: 'TPL_CLAIM_RESULT', title: '积分审核结果通知', fields: { thing1: 'thing', phrase2: 'phrase', number3: 'number', thing4: 'thing' }, page: 'points/pages/my/index' },
  orderPlaced: { id: 'TPL_ORDER_PICKUP', title: '兑换领取提醒', fields: { thing1: 'thing', character_string2: 'character_string', time3: 'time' }, page: 'mall/pages/orders/index' }
} as const satisfies Record<string, SubscribeTemplate>
export type SubscribeKind = keyof typeof SUBSCRIBE_TEMPLATES

/** Which templates the app asks for at each moment (from a tap): at most 3 one-time ids per request. */
export const SUBSCRIBE_MOMENTS = {
  afterOrder: ['orderPlaced'],
  afterClaim: ['claimResult'],
  afterReport: ['reportAnswered'],
  noticeFeed: ['noticeNew']
} as const satisfies Record<string, readonly SubscribeKind[]>
export type SubscribeMoment = keyof typeof SUBSCRIBE_MOMENTS

/** Cuts a value to what WeChat accepts for its field kind (characters, not bytes). */
export function fitSubscribeField(kind: SubscribeFieldKind, value: string): string {
  const limit = SUBSCRIBE_FIELD_LIMITS[kind]
  let v = String(value ?? '').replace(/\s+/g, ' ').trim()
  if (kind === 'phrase') v = v.replace(/[^\u4e00-\u9fa5]/g, '')
  if (kind === 'number') v = v.replace(/[^\d.+-]/g, '') || '0'
  if (kind === 'character_string') v = v.replace(/[^\x21-\x7e]/g, '')
  const chars = Array.from(v)
  if (chars.length <= limit) return v || '—'
  return kind === 'thing' || kind === 'name' ? `${chars.slice(0, limit - 1).join('')}…` : chars.slice(0, limit).join('')
}
