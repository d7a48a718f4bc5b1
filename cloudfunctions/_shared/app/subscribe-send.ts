import { fitSubscribeField, SUBSCRIBE_TEMPLATES, type SubscribeKind } from '../../../types/contract/subscribe'
import { COLLECTIONS } from '../data/collections'
import type { BindingDoc, MemberDoc } from '../data/records'
import type { SubscribeSendDoc } from '../data/notice-records'
import { getByIds } from '../data/repo'
import { cloud, db } from '../runtime/cloud'
import { formatCst } from '../domain/china-time'

const SEND_CONCURRENCY = 10

export interface SendResult {
  sent: number
  failed: number
  skipped: number
}

/**
 * One-time subscribe messages (订阅消息) to members. Every value is cut to its field kind's limit (thing ≤ 20
 * characters…), the page may carry a query. A refused or failed send (43101 not subscribed, 47003, network) is
 * logged and counted, never thrown: the action that caused it has already happened. Members without a WeChat
 * binding are skipped. Each attempt is logged in subscribe_sends (the local dev page lists them per person).
 */
export async function sendSubscribe(
  kind: SubscribeKind,
  memberIds: string[],
  values: Record<string, string>,
  opts: { now: Date; query?: string; logId?: string }
): Promise<SendResult> {
  const out: SendResult = { sent: 0, failed: 0, skipped: 0 }
  try {
    const tpl = SUBSCRIBE_TEMPLATES[kind]
    const data: Record<string, { value: string }> = {}
    for (const [key, fieldKind] of Object.entries(tpl.fields)) data[key] = { value: fitSubscribeField(fieldKind, values[key] ?? '') }
    const page = opts.query ? `${tpl.page}?${opts.query}` : tpl.page
    const logId = opts.logId ?? `s${opts.now.getTime().toString(36)}${Math.random().toString(36).slice(2, 8)}`
    const ids = [...new Set(memberIds)]
    const members = await getByIds<MemberDoc>(COLLECTIONS.members, ids)
    const _ = db().command
    const bindings: BindingDoc[] = []
    for (let i = 0; i < ids.length; i += 500) {
      const res = (await db().collection(COLLECTIONS.bindings).where({ memberId: _.in(ids.slice(i, i + 500)) }).limit(1000).get()) as { data: BindingDoc[] }
      bindings.push(...res.data)
    }
    const openids = new Map<string, string[]>()
    for (const b of bindings) openids.set(b.memberId, [...(openids.get(b.memberId) ?? []), b._id])
    const one = async (memberId: string, openid: string) => {
      let ok = false
      let errcode: number | null = null
      let errmsg: string | null = null
      try {
        const res = (await cloud().callWxOpenApi({
          apiName: '/cgi-bin/message/subscribe/send',
          requestData: { touser: openid, template_id: tpl.id, page, data, miniprogram_state: process.env.CUNSHE_MP_STATE || 'formal', lang: 'zh_CN' }
        })) as { result?: { errcode?: number; errmsg?: string } }
        errcode = Number(res.result?.errcode ?? 0)
        errmsg = res.result?.errmsg ?? null
        ok = errcode === 0
      } catch (e) {
        errmsg = String((e as { message?: unknown })?.message ?? e).slice(0, 200)
      }
      if (ok) out.sent++
      else out.failed++
      const log: SubscribeSendDoc = { _id: `${logId}:${kind}:${openid}`, kind, templateId: tpl.id, memberId, openid, page, data, ok, errcode, errmsg, at: opts.now }
      try {
        await db().collection(COLLECTIONS.subscribeSends).add(log)
      } catch {
        // a retried action logs the same send once (same id); the log is best-effort either way
      }
    }
    const jobs: Array<[string, string]> = []
    for (const memberId of ids) {
      const m = members.get(memberId)
      const targets = m && !m.removed ? openids.get(memberId) ?? [] : []
      if (!targets.length) out.skipped++
      for (const openid of targets) jobs.push([memberId, openid])
    }
    // A few at a time: a town-wide announcement reaches many people within the function's time limit.
    for (let i = 0; i < jobs.length; i += SEND_CONCURRENCY) await Promise.all(jobs.slice(i, i + SEND_CONCURRENCY).map(([m, o]) => one(m, o)))
  } catch {
    out.failed++
  }
  return out
}

/** The time value of a subscribe message, China time. */
export function subscribeTime(d: Date): string {
  return formatCst(d, 'YYYY年MM月DD日 HH:mm')
}
