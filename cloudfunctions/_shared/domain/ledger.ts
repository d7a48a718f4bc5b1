import type { Periods } from './china-time'

/** The cached totals of one household (balance and earned points by period). */
export interface PointsTotals {
  balance: number
  seq: number
  /** Points earned by period key (2026, 2026-Q4, 2026-11, 2026-W48): deductions count here in full. */
  earned: Record<string, number>
  /** Current year and its points, for the ranking index. */
  year: string
  yearPoints: number
}

/**
 * The cached household totals after one ledger entry. `amount` moves the spendable balance; `earned`
 * (defaults to `amount`) moves the earned points of the period the work was done in, which drive rankings,
 * eligibility and honours. A deduction larger than the balance counts in full as earned, while the
 * balance only goes down to zero (see `deduct`). Redemptions move the balance only (earnedIn null).
 */
export function applyEntry(doc: PointsTotals, amount: number, earnedIn: Periods | null, currentYear: string, earnedAmount = amount): PointsTotals {
  const earned = { ...doc.earned }
  if (earnedIn) {
    for (const key of [earnedIn.year, earnedIn.quarter, earnedIn.month, earnedIn.week]) earned[key] = (earned[key] ?? 0) + earnedAmount
  }
  return {
    balance: doc.balance + amount,
    seq: doc.seq + 1,
    earned,
    year: currentYear,
    yearPoints: earned[currentYear] ?? 0
  }
}

/**
 * What a change of `amount` does to a balance: additions are taken in full; a deduction takes at most what
 * the balance holds (never below zero) and the rest is `notTaken` (recorded on the ledger entry).
 */
export function deduct(amount: number, balance: number): { taken: number; notTaken: number } {
  if (amount >= 0) return { taken: amount, notTaken: 0 }
  const taken = Math.max(amount, -Math.max(0, balance)) || 0
  return { taken, notTaken: amount - taken }
}

export function emptyPoints(): PointsTotals & { ineligibleYears: string[] } {
  return { balance: 0, seq: 0, earned: {}, year: '', yearPoints: 0, ineligibleYears: [] }
}
