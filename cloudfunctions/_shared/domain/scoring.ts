import type { PersonClass } from '../../../types/contract/common'
import type { CapCycle, RuleItem } from './points-types'
import type { Periods } from './china-time'
import { err, ok, type Result } from './result'

/** Can this item be claimed for a person of this class for work done on this (China-time) day? */
export function checkApplicable(item: RuleItem, personClass: PersonClass, occurredOn: string): Result<true> {
  if (!item.classes.includes(personClass)) return err('RULES.CLASS_NOT_APPLICABLE')
  if ((item.activeFrom && occurredOn < item.activeFrom) || (item.activeTo && occurredOn > item.activeTo)) return err('RULES.ITEM_INACTIVE')
  return ok(true)
}

export function claimAmount(item: Pick<RuleItem, 'points'>, quantity: number): number {
  return item.points * quantity
}

export function capKey(cycle: CapCycle, periods: Periods): string {
  return periods[cycle]
}

/**
 * Applies a per-cycle cap (on the absolute value) to an amount about to post.
 * Returns the amount that may post now and the counter's new value.
 */
export function applyCap(cap: number | null, used: number, amount: number): { allowed: number; used: number } {
  if (cap === null) return { allowed: amount, used: used + Math.abs(amount) }
  const room = Math.max(0, cap - used)
  const magnitude = Math.min(Math.abs(amount), room)
  // `|| 0`: never a -0 amount in the ledger
  return { allowed: Math.sign(amount) * magnitude || 0, used: used + magnitude }
}

/**
 * The earned points a veto item takes. `zero_quarter` (本季度积分清零) brings the quarter's earned points to
 * exactly zero (the item's own points are not deducted on top); other effects take the item's own
 * (negative) points. The deduction counts in full against earned points whatever the balance holds; how much
 * of it the balance can give is decided by the ledger (`deduct`).
 */
export function vetoAmount(effect: RuleItem['vetoEffect'], itemAmount: number, quarterEarned: number): number {
  return (effect === 'zero_quarter' ? -Math.max(0, quarterEarned) : itemAmount) || 0
}
