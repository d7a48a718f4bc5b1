import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { VoteActivityDoc, VoteEntryDoc, VoteScoreDoc } from '../../data/vote-records'
import { findAll, iso } from '../../data/repo'
import { AppError } from '../../runtime/app-error'
import type { Caller } from '../../runtime/caller'
import { requireSod } from '../../runtime/access'
import { db } from '../../runtime/cloud'
import { txGet } from '../../runtime/tx'
import { checkText } from '../content-check'
import { entryViews, loadActivity } from './common'

/**
 * A judge never scores their own unit: the entrant's unit is the judge's village (or inside it), or a node
 * where the judge holds a post other than 评委 (a town admin judging the town's own secretary).
 */
export function ownOrg(caller: Caller, e: VoteEntryDoc): boolean {
  return e.orgPath.includes(caller.member.villageId) || caller.grants.some((g) => g.role !== 'judge' && g.orgId === e.orgId)
}

function judgeCategories(caller: Caller, a: VoteActivityDoc): string[] {
  if (!a.judges.length) return a.categories.map((c) => c.key)
  return a.judges.find((j) => j.memberId === caller.memberId)?.categories ?? []
}

export function scoreView(s: VoteScoreDoc) {
  return { entryId: s.entryId, judgeId: s.judgeId, judgeName: s.judgeName, performance: s.performance, overall: s.overall, comment: s.comment, updatedAt: iso(s.updatedAt) }
}

/** The approved entries of the judge's categories, each with the judge's own score (no one else's). */
export async function judgeQueue(_input: { activityId: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const a = ctx.access.targets[0].doc as VoteActivityDoc
  if (a.kind !== 'showcase') throw new AppError('VOTE.WRONG_KIND')
  const cats = judgeCategories(caller, a)
  if (!cats.length) throw new AppError('VOTE.NOT_JUDGE_CATEGORY')
  const _ = db().command
  const [entries, mine] = await Promise.all([
    findAll<VoteEntryDoc>(COLLECTIONS.voteEntries, { activityId: a._id, category: _.in(cats), state: 'approved' }),
    findAll<VoteScoreDoc>(COLLECTIONS.voteScores, { activityId: a._id, judgeId: caller.memberId })
  ])
  entries.sort((x, y) => x.category.localeCompare(y.category) || x.orgName.localeCompare(y.orgName, 'zh'))
  const views = await entryViews(entries, { ...a, showCounts: false }, null, ctx.now)
  const byEntry = new Map(mine.map((s) => [s.entryId, s]))
  return views.map((v, i) => ({ ...v, ownOrg: ownOrg(caller, entries[i]), myScore: byEntry.has(v.id) ? scoreView(byEntry.get(v.id)!) : null }))
}

/** A judge's score of one entry: set or changed until staff close judging. */
export async function scoreEntry(input: { entryId: string; performance: number; overall: number; comment: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const e = ctx.access.targets[0].doc as VoteEntryDoc
  requireSod('notOwnOrg', !ownOrg(caller, e))
  const a = await loadActivity(e.activityId)
  if (a.judgingClosed || a.published) throw new AppError('VOTE.JUDGING_CLOSED')
  if (!judgeCategories(caller, a).includes(e.category)) throw new AppError('VOTE.NOT_JUDGE_CATEGORY')
  if (e.state !== 'approved') throw new AppError('VOTE.ENTRY_NOT_OPEN')
  if (!ctx.replay && input.comment) await checkText(ctx, input.comment)
  const id = `${e._id}:${caller.memberId}`
  const doc: VoteScoreDoc = {
    _id: id,
    activityId: a._id,
    entryId: e._id,
    category: e.category,
    judgeId: caller.memberId,
    judgeName: caller.member.name,
    performance: input.performance,
    overall: input.overall,
    comment: input.comment,
    createdAt: ctx.now,
    updatedAt: ctx.now
  }
  // Changed only while judging is open: the activity is read again inside the transaction that writes.
  await ctx.tx(async (tx) => {
    const act = await txGet<VoteActivityDoc>(tx, COLLECTIONS.voteActivities, a._id)
    if (!act || act.judgingClosed || act.published) throw new AppError('VOTE.JUDGING_CLOSED')
    const prior = await txGet<VoteScoreDoc>(tx, COLLECTIONS.voteScores, id)
    if (prior) await tx.collection(COLLECTIONS.voteScores).doc(id).update({ performance: input.performance, overall: input.overall, comment: input.comment, updatedAt: ctx.now })
    else await tx.collection(COLLECTIONS.voteScores).add(doc)
  })
  return scoreView(doc)
}
