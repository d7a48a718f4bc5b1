import { err, ok, type Result } from './result'

/**
 * May work done on `occurredOn` still be claimed today? Not in the future, at most `backdateDays` back (补录
 * limit, a village setting), never in a quarter whose redemption has been settled or a year already summarised
 * (those totals have been used). Days are China-time YYYY-MM-DD strings, which order as text.
 */
export function claimableDay(
  occurredOn: string,
  o: { today: string; earliest: string; closedQuarters: readonly string[]; closedYears: readonly string[]; quarter: string; year: string }
): Result<true> {
  if (occurredOn > o.today) return err('INPUT.INVALID', { occurredOn })
  if (occurredOn < o.earliest) return err('CLAIM.TOO_OLD', { occurredOn, earliest: o.earliest })
  if (o.closedQuarters.includes(o.quarter) || o.closedYears.includes(o.year)) return err('CLAIM.PERIOD_CLOSED', { occurredOn })
  return ok(true)
}
