import type { Ctx } from '../../runtime/create-handler'
import { scopedHousehold } from '../shared/households'
import { householdView } from './views'

/** A household with its members: for its own members, and for roster readers whose role covers it. */
export async function getHousehold(_input: { householdId: string }, ctx: Ctx) {
  return householdView(scopedHousehold(ctx))
}
