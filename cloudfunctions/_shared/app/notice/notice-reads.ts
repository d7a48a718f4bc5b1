import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { NoticeDoc } from '../../data/notice-records'
import type { BindingDoc, HouseholdDoc } from '../../data/records'
import { findAll, getByIds, iso } from '../../data/repo'
import { db } from '../../runtime/cloud'
import { txGet } from '../../runtime/tx'
import { AppError } from '../../runtime/app-error'
import { sendSubscribe, subscribeTime } from '../subscribe-send'
import { addressees } from './common'

const REMIND_GAP_MS = 3600000

async function unreadAddressees(n: NoticeDoc) {
  const people = await addressees(n)
  const reads = new Set((await findAll<{ _id: string; memberId: string }>(COLLECTIONS.noticeReads, { noticeId: n._id })).map((r) => r.memberId))
  return { people, unread: people.filter((m) => !reads.has(m._id)), reads: people.filter((m) => reads.has(m._id)).length }
}

/** Staff: how many addressees have read it, and who has not (full names: staff only). */
export async function readStats(_input: { noticeId: string }, ctx: Ctx) {
  const n = ctx.access.targets[0].doc as NoticeDoc
  const { people, unread, reads } = await unreadAddressees(n)
  const _ = db().command
  const ids = unread.map((m) => m._id)
  const bound = new Set<string>()
  for (let i = 0; i < ids.length; i += 500) {
    const res = (await db().collection(COLLECTIONS.bindings).where({ memberId: _.in(ids.slice(i, i + 500)) }).limit(1000).get()) as { data: BindingDoc[] }
    for (const b of res.data) bound.add(b.memberId)
  }
  const households = await getByIds<HouseholdDoc>(COLLECTIONS.households, unread.map((m) => m.householdId ?? ''))
  return {
    addresseeCount: people.length,
    readCount: reads,
    unread: unread
      .map((m) => {
        const h = m.householdId ? households.get(m.householdId) : undefined
        return { memberId: m._id, name: m.name, householdName: h ? `${h.headName ?? h.code}家（${h.code}）` : '', bound: bound.has(m._id) }
      })
      .sort((a, b) => a.householdName.localeCompare(b.householdName, 'zh') || a.name.localeCompare(b.name, 'zh')),
    remindedAt: n.remindedAt ? iso(n.remindedAt) : null
  }
}

/** Staff: a subscribe-message reminder to every addressee who has not read it yet. */
export async function remindUnread(_input: { noticeId: string }, ctx: Ctx) {
  const n = ctx.access.targets[0].doc as NoticeDoc
  // At most once an hour: each reminder uses up the person's one-time subscription.
  await ctx.tx(async (tx) => {
    const cur = await txGet<NoticeDoc>(tx, COLLECTIONS.notices, n._id)
    if (!cur) return
    if (cur.remindedAt && ctx.now.getTime() - new Date(cur.remindedAt).getTime() < REMIND_GAP_MS) throw new AppError('NOTICE.REMIND_TOO_SOON')
    await tx.collection(COLLECTIONS.notices).doc(n._id).update({ remindedAt: ctx.now })
  })
  const { unread } = await unreadAddressees(n)
  return sendSubscribe('noticeNew', unread.map((m) => m._id), { thing1: `未读：${n.title}`, thing2: n.targetOrgName, time3: subscribeTime(n.publishedAt) }, { now: ctx.now, query: `id=${n._id}`, logId: ctx.stableId('rm_') })
}
