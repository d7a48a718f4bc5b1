import { COLLECTIONS } from '../../data/collections'
import type { HouseholdDoc } from '../../data/records'
import type { HouseholdPointsDoc, LedgerEntryDoc, LedgerKind } from '../../data/points-records'
import { applyEntry, emptyPoints } from '../../domain/ledger'
import { currentPeriods, type Periods } from '../../domain/china-time'
import { AppError } from '../../runtime/app-error'
import { txGet, type Tx } from '../../runtime/tx'

export interface PostEntry {
  entryId: string
  householdId: string
  amount: number
  kind: LedgerKind
  reason: string
  claimId?: string | null
  orderId?: string | null
  ruleItemName?: string | null
  /** Period the points were earned in (claims, corrections); null for redemptions and refunds. */
  earnedIn: Periods | null
  evidence?: string[]
  approvals?: Array<{ step: string; byName: string; at: Date }>
  by: string
  now: Date
  /**
   * The full points earned by this entry when it differs from `amount` (a deduction larger than the
   * balance): earned totals move by this, the balance by `amount`, and the difference is recorded.
   */
  earned?: number
  /** Refuse (LEDGER.INSUFFICIENT_BALANCE) instead of letting the balance go below zero. */
  forbidNegative?: boolean
  /** Extra fields to set on the household points document (e.g. ineligibleYears). */
  extra?: (doc: HouseholdPointsDoc) => Partial<HouseholdPointsDoc>
}

/** Reads the household's points document inside the transaction, creating a fresh one if missing. */
export async function readPoints(tx: Tx, householdId: string): Promise<{ doc: HouseholdPointsDoc; exists: boolean }> {
  const doc = await txGet<HouseholdPointsDoc>(tx, COLLECTIONS.householdPoints, householdId)
  if (doc) return { doc, exists: true }
  const h = await txGet<HouseholdDoc>(tx, COLLECTIONS.households, householdId)
  if (!h) throw new AppError('ROSTER.HOUSEHOLD_NOT_FOUND')
  return {
    exists: false,
    doc: { _id: householdId, villageId: h.villageId, gridId: h.gridId, code: h.code, headName: h.headName, ...emptyPoints(), updatedAt: new Date(0) }
  }
}

/**
 * Appends one ledger entry and moves the cached balance in the same transaction (the only way points
 * change). The entry id is deterministic per cause (claim, order, refund), so a replay collides instead
 * of posting twice.
 */
export async function postEntry(tx: Tx, e: PostEntry, current?: { doc: HouseholdPointsDoc; exists: boolean }): Promise<HouseholdPointsDoc> {
  const { doc, exists } = current ?? (await readPoints(tx, e.householdId))
  if (e.forbidNegative && doc.balance + e.amount < 0) throw new AppError('LEDGER.INSUFFICIENT_BALANCE')
  const year = currentPeriods(e.now).year
  const next = { ...doc, ...applyEntry(doc, e.amount, e.earnedIn, year, e.earned ?? e.amount), updatedAt: e.now }
  Object.assign(next, e.extra?.(next) ?? {})
  const entry: LedgerEntryDoc = {
    _id: e.entryId,
    householdId: e.householdId,
    villageId: doc.villageId,
    seq: next.seq,
    amount: e.amount,
    earnedAmount: e.earnedIn ? e.earned ?? e.amount : null,
    notTaken: (e.earned ?? e.amount) - e.amount,
    balanceAfter: next.balance,
    kind: e.kind,
    reason: e.reason,
    claimId: e.claimId ?? null,
    orderId: e.orderId ?? null,
    ruleItemName: e.ruleItemName ?? null,
    periods: e.earnedIn ?? currentPeriods(e.now),
    evidence: e.evidence ?? [],
    approvals: e.approvals ?? [],
    by: e.by,
    at: e.now
  }
  await tx.collection(COLLECTIONS.ledgerEntries).add(entry)
  const { _id, ...fields } = next
  if (exists) await tx.collection(COLLECTIONS.householdPoints).doc(_id).set(fields)
  else await tx.collection(COLLECTIONS.householdPoints).add(next)
  return next
}
