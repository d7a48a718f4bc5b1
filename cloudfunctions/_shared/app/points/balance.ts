import type { Ctx } from '../../runtime/create-handler'
import { maskName } from '../../../../types/contract/common'
import { COLLECTIONS } from '../../data/collections'
import type { HouseholdPointsDoc, LedgerEntryDoc } from '../../data/points-records'
import { count, findAll, findPage, getById, iso } from '../../data/repo'
import { AppError } from '../../runtime/app-error'
import { holdsRoleOver } from '../../runtime/access'
import { ROLE_GROUPS } from '../../../../types/contract/access'
import type { OrgNodeDoc } from '../../data/records'
import { db } from '../../runtime/cloud'
import { currentPeriods } from '../../domain/china-time'
import { rankRows } from '../../domain/honours-and-credit'
import { loadSettings } from '../shared/village'
import { householdLabel } from '../shared/households'
import { scopedHousehold } from '../shared/households'

/** A household's balance: one cached document, however long its ledger. */
export async function balance(_input: { householdId?: string }, ctx: Ctx) {
  const h = scopedHousehold(ctx)
  const _ = db().command
  const [p, pending] = await Promise.all([
    getById<HouseholdPointsDoc>(COLLECTIONS.householdPoints, h._id),
    count(COLLECTIONS.claims, { householdId: h._id, state: _.in(['first_review', 'second_review', 'assembly', 'publicity', 'returned']) })
  ])
  const per = currentPeriods(ctx.now)
  return {
    householdId: h._id,
    householdName: householdLabel(h.code, h.headName),
    balance: p?.balance ?? 0,
    yearPoints: p?.earned?.[per.year] ?? 0,
    quarterPoints: p?.earned?.[per.quarter] ?? 0,
    monthPoints: p?.earned?.[per.month] ?? 0,
    year: per.year,
    quarter: per.quarter,
    month: per.month,
    pendingClaims: pending
  }
}

/** Entries that earn (or deduct) points count in the period of the work; redemptions and refunds only move the balance. */
function earnedIn(e: LedgerEntryDoc): { workDay: string | null; countsIn: string | null } {
  const earns = e.kind === 'claim' || e.kind === 'veto' || e.kind === 'correction'
  return earns ? { workDay: e.periods.day, countsIn: e.periods.quarter } : { workDay: null, countsIn: null }
}

/** 积分明细 in the order the entries posted (newest first), so each running balance follows from the one below it. */
export async function ledger(input: { householdId?: string; offset: number; limit: number }, ctx: Ctx) {
  const h = scopedHousehold(ctx)
  const where = { householdId: h._id }
  const [items, total] = await Promise.all([
    findPage<LedgerEntryDoc>(COLLECTIONS.ledgerEntries, where, { orderBy: [['seq', 'desc']], offset: input.offset, limit: input.limit }),
    count(COLLECTIONS.ledgerEntries, where)
  ])
  return {
    items: items.map((e) => ({
      id: e._id,
      seq: e.seq,
      amount: e.amount,
      notTaken: e.notTaken ?? 0,
      balanceAfter: e.balanceAfter,
      kind: e.kind,
      reason: e.reason,
      ruleItemName: e.ruleItemName,
      claimId: e.claimId,
      orderId: e.orderId,
      approvals: e.approvals.map((a) => ({ step: a.step, byName: a.byName, at: iso(a.at) })),
      at: iso(e.at),
      ...earnedIn(e)
    })),
    total
  }
}

/**
 * Top households of a village in a year, masked names, from the cached per-period totals (one read per
 * household, never the ledger). `earned[year]` is used rather than `yearPoints`: the latter follows the year
 * of a household's latest entry, so a finished year's ranking would lose every household that has since
 * earned again (or whose December claim posted in January). Villages may switch rankings off.
 */
export async function ranking(input: { villageId?: string; year?: string; limit: number }, ctx: Ctx) {
  const caller = await ctx.caller()
  const village = ctx.access.targets[0].doc as OrgNodeDoc
  const settings = await loadSettings(village._id)
  // A village that switched rankings off still lets its report readers see them.
  const staff = holdsRoleOver(caller, ROLE_GROUPS.reports, ctx.access.targets[0])
  if (!settings.rankingEnabled && !staff) throw new AppError('RANKING.DISABLED')
  const thisYear = currentPeriods(ctx.now).year
  const year = input.year ?? thisYear
  let rows: Array<{ points: number; id: string; code: string; head: string | null }>
  if (year === thisYear) {
    // The current year: one indexed query (villageId, year, yearPoints desc). Every entry posted this year
    // sets year/yearPoints, so a household absent here has earned nothing this year.
    const top = await findPage<HouseholdPointsDoc>(COLLECTIONS.householdPoints, { villageId: village._id, year }, { orderBy: [['yearPoints', 'desc'], ['code', 'asc']], limit: input.limit })
    // Entries that earned nothing this year (redemptions, late posts for last year) also set `year`: leave
    // those households out, as the past-year path does.
    rows = top.filter((r) => r.earned?.[year] !== undefined).map((r) => ({ points: r.yearPoints, id: r._id, code: r.code, head: r.headName }))
  } else {
    // A past year (reports): totals by the year the work was done, over the village's cached totals.
    const all = await findAll<HouseholdPointsDoc>(COLLECTIONS.householdPoints, { villageId: village._id })
    rows = all
      .filter((r) => r.earned?.[year] !== undefined)
      .map((r) => ({ points: r.earned[year], id: r._id, code: r.code, head: r.headName }))
      .sort((a, b) => b.points - a.points || a.code.localeCompare(b.code))
      .slice(0, input.limit)
  }
  return {
    year,
    items: rankRows(rows).map((r) => ({
      rank: r.rank,
      householdMasked: householdLabel(r.code, r.head ? maskName(r.head) : null),
      points: r.points,
      mine: r.id === caller.member.householdId
    }))
  }
}
