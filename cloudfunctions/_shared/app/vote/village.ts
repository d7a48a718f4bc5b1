import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { VoteEntryDoc } from '../../data/vote-records'
import { findAll } from '../../data/repo'
import { AppError } from '../../runtime/app-error'
import { db } from '../../runtime/cloud'
import { villageApproved } from '../../domain/vote'
import { canSee, countsFor, loadActivity } from './common'

/** The village vote's result: counts per nominee and the approved list, public once the vote has closed. */
export async function villageResult(input: { activityId: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const a = await loadActivity(input.activityId)
  if (a.kind !== 'village') throw new AppError('VOTE.WRONG_KIND')
  if (!canSee(caller, a)) throw new AppError('AUTH.FORBIDDEN')
  const closed = ctx.now >= new Date(a.voteCloses)
  const [entries, counts, voters] = await Promise.all([
    findAll<VoteEntryDoc>(COLLECTIONS.voteEntries, { activityId: a._id, state: 'approved' }),
    countsFor(a._id),
    db().collection(COLLECTIONS.voteTallies).where({ activityId: a._id }).count() as Promise<{ total: number }>
  ])
  entries.sort((x, y) => x.orgName.localeCompare(y.orgName, 'zh'))
  return {
    closed,
    voters: voters.total,
    nominees: entries.map((e) => {
      const c = counts.get(e._id) ?? { n: 0, yes: 0, no: 0 }
      return { entryId: e._id, title: e.title, householdId: e.householdId, name: e.orgName, yes: c.yes, no: c.no, approved: closed && villageApproved(c.yes, c.no) }
    })
  }
}
