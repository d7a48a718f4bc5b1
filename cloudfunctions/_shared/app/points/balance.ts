import type { Ctx } from '../../runtime/create-handler'
import { maskName } from '../../../../types/contract/common'
import { COLLECTIONS } from '../../data/collections'
import type { HouseholdPointsDoc, LedgerEntryDoc } from '../../data/points-records'
import { count, findAll, findPage, getById, iso } from '../../data/repo'
import { AppError } from '../../runtime/app-error'
import { requireRoleInVillage } from '../../runtime/caller'
import { db } from '../../runtime/cloud'
import { currentPeriods } from '../../domain/china-time'
import { rankRows } from '../../domain/three-links'
import { postEntry } from '../ledger/post-entry'
import { POLICY } from '../policy'
import { householdLabel, loadSettings, loadVillage } from './common'
import { resolveHousehold } from './claim-queries'

/** A household's balance: one cached document, however long its ledger. */
export async function balance(input: { householdId?: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const h = await resolveHousehold(caller, input.householdId)
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
  const caller = await ctx.caller()
  const h = await resolveHousehold(caller, input.householdId)
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
  const villageId = input.villageId ?? caller.member.villageId
  const village = await loadVillage(villageId)
  const settings = await loadSettings(village._id)
  const staff = caller.grants.some((g) => POLICY.pointsReports.includes(g.role as never) && (g.villageId === village._id || village.path.includes(g.orgId)))
  if (!settings.rankingEnabled && !staff) throw new AppError('RANKING.DISABLED')
  if (caller.member.villageId !== village._id && !staff) throw new AppError('AUTH.FORBIDDEN')
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

/** A correction is a new ledger entry by 两委/管理员 with a reason — never an edit of an old one. */
export async function correct(input: { householdId: string; amount: number; reason: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const h = await resolveHousehold(caller, input.householdId)
  const village = await loadVillage(h.villageId)
  requireRoleInVillage(caller, POLICY.assembly, village._id, village.path)
  // Nobody corrects their own household's points (the same rule as reviewing its claims).
  if (h._id === caller.member.householdId) throw new AppError('AUDIT.SELF_REVIEW', undefined, '不能更正自己家的积分')
  const entryId = ctx.stableId('corr_')
  const next = await ctx.tx((tx) =>
    postEntry(tx, {
      entryId,
      householdId: h._id,
      amount: input.amount,
      kind: 'correction',
      reason: `更正：${input.reason}（${caller.member.name}）`,
      earnedIn: currentPeriods(ctx.now),
      by: caller.memberId,
      now: ctx.now,
      forbidNegative: true
    })
  )
  return { entryId, balance: next.balance }
}
