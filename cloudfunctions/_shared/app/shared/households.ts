import type { Ctx } from '../../runtime/create-handler'
import type { HouseholdDoc } from '../../data/records'
import { AppError } from '../../runtime/app-error'

/** How a household is named in lists and public views: 户主家, or 户号 without a head. */
export function householdLabel(code: string, head: string | null): string {
  return head ? `${head}家` : `${code}户`
}

/**
 * The household an action is about, as the runtime resolved and checked it from the action's declared
 * scope (the caller's own when the input names none).
 */
export function scopedHousehold(ctx: Ctx): HouseholdDoc {
  const t = ctx.access.targets[0]
  if (!t || t.kind !== 'household') throw new AppError('ROSTER.HOUSEHOLD_NOT_FOUND', undefined, '您还没有登记到某一户')
  return t.doc as HouseholdDoc
}
