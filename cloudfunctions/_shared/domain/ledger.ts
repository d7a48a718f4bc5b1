import type { HouseholdPointsDoc } from '../data/points-records'
import type { Periods } from './china-time'

/**
 * The cached household totals after one ledger entry. `earned` (from claims, by the period the work was
 * done) drives rankings, eligibility and honours; redemptions only move the balance.
 */
export function applyEntry(
  doc: Pick<HouseholdPointsDoc, 'balance' | 'seq' | 'earned' | 'year' | 'yearPoints'>,
  amount: number,
  earnedIn: Periods | null,
  currentYear: string
): Pick<HouseholdPointsDoc, 'balance' | 'seq' | 'earned' | 'year' | 'yearPoints'> {
  const earned = { ...doc.earned }
  if (earnedIn) {
    for (const key of [earnedIn.year, earnedIn.quarter, earnedIn.month, earnedIn.week]) earned[key] = (earned[key] ?? 0) + amount
  }
  return {
    balance: doc.balance + amount,
    seq: doc.seq + 1,
    earned,
    year: currentYear,
    yearPoints: earned[currentYear] ?? 0
  }
}

export function emptyPoints(): Pick<HouseholdPointsDoc, 'balance' | 'seq' | 'earned' | 'year' | 'yearPoints' | 'ineligibleYears'> {
  return { balance: 0, seq: 0, earned: {}, year: '', yearPoints: 0, ineligibleYears: [] }
}
