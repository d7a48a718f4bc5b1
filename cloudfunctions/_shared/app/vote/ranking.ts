import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { VoteEntryDoc } from '../../data/vote-records'
import { findPage } from '../../data/repo'
import { AppError } from '../../runtime/app-error'
import { canSee, countsFor, isStaffOf, loadActivity } from './common'

/**
 * A category's ranking by votes: its approved entries (one query) and the sum of their counter shards (one
 * aggregate over SHARDS documents per entry), so it costs the same at a thousand votes or a million.
 */
export async function ranking(input: { activityId: string; category: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const a = await loadActivity(input.activityId)
  if (!canSee(caller, a)) throw new AppError('AUTH.FORBIDDEN')
  if (!a.categories.some((c) => c.key === input.category)) throw new AppError('VOTE.CATEGORY_UNKNOWN')
  if (!a.showCounts && !isStaffOf(caller, a)) return { hidden: true, rows: [] }
  const [entries, counts] = await Promise.all([
    findPage<VoteEntryDoc>(COLLECTIONS.voteEntries, { activityId: a._id, category: input.category, state: 'approved' }, { limit: 1000, fields: { title: true, orgName: true, ownerName: true } }),
    countsFor(a._id, input.category)
  ])
  const rows = entries.map((e) => ({ entryId: e._id, title: e.title, orgName: e.orgName, ownerName: e.ownerName, votes: counts.get(e._id)?.n ?? 0, rank: 0 }))
  rows.sort((x, y) => y.votes - x.votes || x.entryId.localeCompare(y.entryId))
  rows.forEach((r, i) => (r.rank = i > 0 && rows[i - 1].votes === r.votes ? rows[i - 1].rank : i + 1))
  return { hidden: false, rows }
}
