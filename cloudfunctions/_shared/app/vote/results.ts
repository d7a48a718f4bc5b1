import type { Ctx } from '../../runtime/create-handler'
import type { ResultTable } from '../../../../types/contract/vote.contract'
import { COLLECTIONS } from '../../data/collections'
import type { VoteActivityDoc, VoteEntryDoc, VoteScoreDoc } from '../../data/vote-records'
import { findAll, getById } from '../../data/repo'
import { AppError } from '../../runtime/app-error'
import { db } from '../../runtime/cloud'
import { txGet } from '../../runtime/tx'
import { formatCst } from '../../domain/china-time'
import { compareResults, computeResult } from '../../domain/vote'
import { exportXlsx } from '../xlsx'
import { canSee, countsFor, loadActivity } from './common'
import { scoreView } from './judging'

interface StoredResult {
  _id: string
  activityId: string
  table: ResultTable
  publishedBy: string
  publishedAt: Date
}

/** Valid, not voided votes per entry, counted from the vote records themselves (one aggregate). */
export async function votesFromRecords(activityId: string): Promise<Map<string, { n: number; yes: number; no: number }>> {
  const $ = db().command.aggregate
  const out = new Map<string, { n: number; yes: number; no: number }>()
  for (let skip = 0; ; skip += 1000) {
    const res = (await db()
      .collection(COLLECTIONS.voteRecords)
      .aggregate()
      .match({ activityId, state: 'valid', voided: false })
      .group({
        _id: '$entryId',
        n: $.sum(1),
        yes: $.sum($.cond({ if: $.eq(['$choice', 'approve']), then: 1, else: 0 })),
        no: $.sum($.cond({ if: $.eq(['$choice', 'reject']), then: 1, else: 0 }))
      })
      .sort({ _id: 1 })
      .skip(skip)
      .limit(1000)
      .end()) as { data?: Array<{ _id: string; n: number; yes: number; no: number }>; list?: Array<{ _id: string; n: number; yes: number; no: number }> }
    const rows = res.data ?? res.list ?? []
    for (const r of rows) out.set(r._id, { n: r.n, yes: r.yes, no: r.no })
    if (rows.length < 1000) break
  }
  return out
}

async function tableOf(a: VoteActivityDoc, source: 'records' | 'counters', withScores: boolean, at: Date): Promise<ResultTable> {
  const [entries, scores, counts] = await Promise.all([
    findAll<VoteEntryDoc>(COLLECTIONS.voteEntries, { activityId: a._id, state: 'approved' }),
    withScores ? findAll<VoteScoreDoc>(COLLECTIONS.voteScores, { activityId: a._id }) : Promise.resolve([] as VoteScoreDoc[]),
    source === 'records' ? votesFromRecords(a._id) : countsFor(a._id)
  ])
  const votes = new Map([...counts].map(([k, v]) => [k, v.n]))
  return computeResult(
    a.categories,
    a.weights,
    a.awards,
    entries.map((e) => ({ id: e._id, category: e.category, title: e.title, orgName: e.orgName, ownerName: e.ownerName })),
    votes,
    scores.map((s) => ({ entryId: s.entryId, performance: s.performance, overall: s.overall })),
    at
  )
}

/** Staff: the table as it stands, from the live counters; judges' scores only once judging closed. */
export async function results(_input: { activityId: string }, ctx: Ctx) {
  const a = ctx.access.targets[0].doc as VoteActivityDoc
  if (a.kind !== 'showcase') throw new AppError('VOTE.WRONG_KIND')
  if (a.published) {
    const stored = await getById<StoredResult>(COLLECTIONS.voteResults, a._id)
    if (stored) return { ...stored.table, published: true, scoresVisible: true }
  }
  const t = await tableOf(a, 'counters', a.judgingClosed, ctx.now)
  return { ...t, published: a.published, scoresVisible: a.judgingClosed }
}

/** Publishes the final table, computed from the stored vote records and scores, once judging closed. */
export async function publish(_input: { activityId: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const a = ctx.access.targets[0].doc as VoteActivityDoc
  if (a.kind !== 'showcase') throw new AppError('VOTE.WRONG_KIND')
  if (!a.judgingClosed) throw new AppError('VOTE.JUDGING_OPEN')
  if (a.published && !ctx.replay) throw new AppError('VOTE.ALREADY_PUBLISHED')
  const table = await tableOf(a, 'records', true, ctx.now)
  return ctx.tx(async (tx) => {
    const cur = await txGet<VoteActivityDoc>(tx, COLLECTIONS.voteActivities, a._id)
    if (!cur || cur.published) throw new AppError('VOTE.ALREADY_PUBLISHED')
    await tx.collection(COLLECTIONS.voteActivities).doc(a._id).update({ published: true, publishedAt: ctx.now, updatedAt: ctx.now })
    const doc: StoredResult = { _id: a._id, activityId: a._id, table, publishedBy: caller.memberId, publishedAt: ctx.now }
    await tx.collection(COLLECTIONS.voteResults).add(doc)
    return table
  })
}

export async function publishedResult(input: { activityId: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const a = await loadActivity(input.activityId)
  if (!canSee(caller, a)) throw new AppError('AUTH.FORBIDDEN')
  const stored = a.published ? await getById<StoredResult>(COLLECTIONS.voteResults, a._id) : null
  if (!stored) throw new AppError('VOTE.NOT_PUBLISHED')
  return stored.table
}

/** Recomputes from the stored votes and scores; the published table must come out the same. */
export async function recompute(_input: { activityId: string }, ctx: Ctx) {
  const a = ctx.access.targets[0].doc as VoteActivityDoc
  const stored = await getById<StoredResult>(COLLECTIONS.voteResults, a._id)
  if (!stored) throw new AppError('VOTE.NOT_PUBLISHED')
  const again = await tableOf(a, 'records', true, new Date(stored.table.computedAt))
  const differences = compareResults(stored.table, again)
  return { same: differences.length === 0, differences }
}

export async function scores(_input: { activityId: string }, ctx: Ctx) {
  const a = ctx.access.targets[0].doc as VoteActivityDoc
  if (!a.judgingClosed) throw new AppError('VOTE.JUDGING_OPEN', undefined, '评委打分结束前，分数不公开')
  const [list, entries] = await Promise.all([
    findAll<VoteScoreDoc>(COLLECTIONS.voteScores, { activityId: a._id }),
    findAll<VoteEntryDoc>(COLLECTIONS.voteEntries, { activityId: a._id })
  ])
  const titles = new Map(entries.map((e) => [e._id, e.title]))
  return list.map((s) => ({ ...scoreView(s), title: titles.get(s.entryId) ?? '' }))
}

/** xlsx: votes aggregated per entry and day, the judges' scores (after judging), or the final table. */
export async function exportVoteXlsx(input: { activityId: string; what: 'votes' | 'scores' | 'result' }, ctx: Ctx) {
  const a = ctx.access.targets[0].doc as VoteActivityDoc
  const stamp = formatCst(ctx.now, 'YYYYMMDD-HHmm')
  const entries = await findAll<VoteEntryDoc>(COLLECTIONS.voteEntries, { activityId: a._id })
  const byId = new Map(entries.map((e) => [e._id, e]))
  const label = new Map(a.categories.map((c) => [c.key, c.label]))
  if (input.what === 'votes') {
    const $ = db().command.aggregate
    const res = (await db()
      .collection(COLLECTIONS.voteRecords)
      .aggregate()
      .match({ activityId: a._id, state: 'valid', voided: false })
      .group({ _id: { entryId: '$entryId', day: '$day' }, n: $.sum(1) })
      .sort({ _id: 1 })
      .limit(1000)
      .end()) as { data?: Array<{ _id: { entryId: string; day: string }; n: number }>; list?: Array<{ _id: { entryId: string; day: string }; n: number }> }
    const rows = (res.data ?? res.list ?? []).map((r) => {
      const e = byId.get(r._id.entryId)
      return { category: label.get(e?.category ?? '') ?? '', title: e?.title ?? r._id.entryId, org: e?.orgName ?? '', day: r._id.day, votes: r.n }
    })
    const out = await exportXlsx(ctx, `${a.title}-每日票数-${stamp}`, [
      { name: '每日票数', columns: [{ header: '类别', key: 'category' }, { header: '作品', key: 'title', width: 30 }, { header: '单位', key: 'org', width: 20 }, { header: '日期', key: 'day' }, { header: '有效票', key: 'votes' }], rows }
    ])
    return { ...out, rows: rows.length }
  }
  if (input.what === 'scores') {
    const list = await scores(input, ctx)
    const rows = list.map((s) => ({ title: s.title, judge: s.judgeName, performance: s.performance, overall: s.overall, comment: s.comment, at: formatCst(new Date(s.updatedAt)) }))
    const out = await exportXlsx(ctx, `${a.title}-评委打分-${stamp}`, [
      { name: '评委打分', columns: [{ header: '作品', key: 'title', width: 30 }, { header: '评委', key: 'judge' }, { header: '工作表现', key: 'performance' }, { header: '综合评价', key: 'overall' }, { header: '评语', key: 'comment', width: 40 }, { header: '时间', key: 'at', width: 18 }], rows }
    ])
    return { ...out, rows: rows.length }
  }
  const stored = await getById<StoredResult>(COLLECTIONS.voteResults, a._id)
  const table = stored?.table ?? (await tableOf(a, 'records', a.judgingClosed, ctx.now))
  const rows = table.categories.flatMap((c) =>
    c.rows.map((r) => ({ category: c.label, rank: r.rank, title: r.title, org: r.orgName, owner: r.ownerName, votes: r.votes, voteScore: r.voteScore, performance: r.performance ?? '', overall: r.overall ?? '', total: r.total, award: r.award ?? '' }))
  )
  const out = await exportXlsx(ctx, `${a.title}-结果-${stamp}`, [
    {
      name: stored ? '最终结果' : '结果（未公布）',
      columns: [
        { header: '类别', key: 'category' },
        { header: '名次', key: 'rank' },
        { header: '作品', key: 'title', width: 30 },
        { header: '单位', key: 'org', width: 20 },
        { header: '书记', key: 'owner' },
        { header: '票数', key: 'votes' },
        { header: `民意测评(${a.weights.votes})`, key: 'voteScore' },
        { header: '工作表现均分', key: 'performance' },
        { header: '综合评价均分', key: 'overall' },
        { header: '总分', key: 'total' },
        { header: '奖项', key: 'award' }
      ],
      rows
    }
  ])
  return { ...out, rows: rows.length }
}
