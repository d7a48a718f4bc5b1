import { COLLECTIONS } from '../../data/collections'
import type { RuleSetDoc } from '../../data/points-records'
import { findAll } from '../../data/repo'
import { AppError } from '../../runtime/app-error'

/**
 * The rule set in force on a day: the latest version adopted on or before it (adopted or since superseded).
 * A claim is scored by the standards that applied when the work was done, not by today's.
 */
export async function ruleSetInForce(villageId: string, day: string): Promise<RuleSetDoc> {
  const all = await findAll<RuleSetDoc>(COLLECTIONS.ruleSets, { villageId })
  const inForce = all
    .filter((r) => (r.status === 'adopted' || r.status === 'superseded') && r.adoptedOn && r.adoptedOn <= day)
    .sort((a, b) => (b.adoptedOn as string).localeCompare(a.adoptedOn as string) || b.version - a.version)[0]
  if (!inForce) throw new AppError('RULES.NOT_ADOPTED', { day }, `${day}还没有经村民代表大会通过的积分标准`)
  return inForce
}
