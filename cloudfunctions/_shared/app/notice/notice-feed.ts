import { ORG_KIND_LABELS } from '../../../../types/contract/common'
import type { NoticeCategory } from '../../../../types/contract/notice.contract'
import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { NoticeDoc, NoticeReadDoc } from '../../data/notice-records'
import type { OrgNodeDoc } from '../../data/records'
import { findAll, getById } from '../../data/repo'
import { AppError } from '../../runtime/app-error'
import { db } from '../../runtime/cloud'
import { isDuplicate } from '../../runtime/tx'
import { isAddressee } from '../../domain/notice-audience'
import { audiencePerson, canManage, detailView, HANDLERS, isExpired, memberOrgIds, readCount, summaryView } from './common'

/**
 * What is addressed to me (or, with `managed`, what I may manage): pinned first, then unread, then newest.
 * Expired announcements drop out unless asked for.
 */
export async function feed(input: { search: string; category?: NoticeCategory; includeExpired: boolean; limit: number; managed?: boolean }, ctx: Ctx) {
  const caller = await ctx.caller()
  const _ = db().command
  const person = audiencePerson(caller.member)
  const mine = await findAll<NoticeDoc>(COLLECTIONS.notices, { targetOrgId: _.in(memberOrgIds(caller.member)) })
  let list = mine.filter((n) => isAddressee(person, n))
  if (input.managed) {
    const orgs = [...new Set(caller.grants.filter((g) => HANDLERS.includes(g.role)).map((g) => g.orgId))]
    const managed = orgs.length ? await findAll<NoticeDoc>(COLLECTIONS.notices, { targetPath: _.in(orgs) }) : []
    list = managed.filter((n) => canManage(caller, n))
  }
  const words = input.search.toLowerCase().split(/\s+/).filter(Boolean)
  list = list.filter((n) => (input.includeExpired || input.managed || !isExpired(n, ctx.now)) && (!input.category || n.category === input.category) && words.every((w) => n.searchText.includes(w)))
  const reads = new Set<string>()
  const ids = list.map((n) => n._id)
  for (let i = 0; i < ids.length; i += 500) {
    const res = (await db().collection(COLLECTIONS.noticeReads).where({ memberId: caller.memberId, noticeId: _.in(ids.slice(i, i + 500)) }).limit(1000).get()) as { data: NoticeReadDoc[] }
    for (const r of res.data) reads.add(r.noticeId)
  }
  const addressed = new Set(mine.filter((n) => isAddressee(person, n)).map((n) => n._id))
  const items = list.map((n) => summaryView(n, addressed.has(n._id) && !reads.has(n._id), ctx.now))
  items.sort((a, b) => Number(b.pinned) - Number(a.pinned) || Number(b.unread) - Number(a.unread) || b.publishedAt.localeCompare(a.publishedAt))
  return { items: items.slice(0, input.limit), unread: items.filter((i) => i.unread).length }
}

async function loadForReader(noticeId: string, ctx: Ctx) {
  const caller = await ctx.caller()
  const n = await getById<NoticeDoc>(COLLECTIONS.notices, noticeId)
  if (!n) throw new AppError('NOTICE.NOT_FOUND')
  const addressee = isAddressee(audiencePerson(caller.member), n)
  if (!addressee && !canManage(caller, n)) throw new AppError('NOTICE.NOT_ADDRESSEE')
  return { caller, n, addressee }
}

export async function detail(input: { noticeId: string }, ctx: Ctx) {
  const { caller, n } = await loadForReader(input.noticeId, ctx)
  return detailView(n, caller, ctx.now)
}

/** One read per addressee (deterministic id): opening twice, or twice at once, counts once. */
export async function markRead(input: { noticeId: string }, ctx: Ctx) {
  const { caller, n, addressee } = await loadForReader(input.noticeId, ctx)
  if (!addressee) return { readCount: await readCount(n._id), first: false }
  const doc: NoticeReadDoc = { _id: `${n._id}:${caller.memberId}`, noticeId: n._id, memberId: caller.memberId, at: ctx.now }
  let first = true
  try {
    await db().collection(COLLECTIONS.noticeReads).add(doc)
  } catch (e) {
    if (!isDuplicate(e)) throw e
    first = false
  }
  return { readCount: await readCount(n._id), first }
}

/** The org nodes the caller may publish to: where they hold a handling role, and everything below. */
export async function targets(_input: Record<string, never>, ctx: Ctx) {
  const caller = await ctx.caller()
  const _ = db().command
  const roots = [...new Set(caller.grants.filter((g) => HANDLERS.includes(g.role)).map((g) => g.orgId))]
  if (!roots.length) throw new AppError('AUTH.FORBIDDEN')
  const [tops, below] = await Promise.all([findAll<OrgNodeDoc>(COLLECTIONS.orgNodes, { _id: _.in(roots) }), findAll<OrgNodeDoc>(COLLECTIONS.orgNodes, { path: _.in(roots) })])
  const all = new Map([...tops, ...below].map((o) => [o._id, o]))
  const minDepth = Math.min(...tops.map((t) => t.path.length))
  return [...all.values()]
    .sort((a, b) => [...a.path, a._id].join('/').localeCompare([...b.path, b._id].join('/')))
    .map((o) => ({ id: o._id, name: o.name, kindLabel: ORG_KIND_LABELS[o.kind], depth: o.path.length - minDepth }))
}
