import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { HouseholdDoc, MemberDoc } from '../../data/records'
import type { RuleItem } from '../../data/points-records'
import { getById } from '../../data/repo'
import { currentPeriods } from '../../domain/china-time'
import { checkText } from '../content-check'
import { loadVillage } from '../shared/village'
import { requireClaimableDay, writeNewClaim } from './record-claims'

/**
 * 积分更正: a 两委 member proposes points outside any rule item (a correction), with a reason. It is a claim of
 * its own kind that enters the chain at 两委联席复审: two other 两委 members must approve (the proposer's own
 * signature is the first), then the 大会 decides and it goes through 公示 like any other claim. Nothing
 * reaches the ledger on one person's word.
 */
export async function proposeCorrection(input: { householdId: string; amount: number; reason: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  // The runtime checked the proposer is 两委 over the household and not one of its members.
  const h = ctx.access.targets[0].doc as HouseholdDoc
  await checkText(ctx, input.reason)
  const village = await loadVillage(h.villageId)
  const today = currentPeriods(ctx.now).day
  await requireClaimableDay(village._id, today, ctx.now)
  const head = h.headMemberId ? await getById<MemberDoc>(COLLECTIONS.members, h.headMemberId) : null
  const item: RuleItem = {
    id: 'correction',
    name: input.amount > 0 ? '积分更正（补加）' : '积分更正（扣减）',
    category: 'basic',
    classes: ['party', 'masses', 'grid_worker'],
    points: input.amount,
    unit: '次',
    cap: null,
    capCycle: 'year',
    evidenceRequired: false,
    activeFrom: null,
    activeTo: null,
    vetoEffect: 'none'
  }
  const claimId = ctx.stableId('c_')
  await ctx.tx((tx) =>
    writeNewClaim(tx, {
      id: claimId,
      village,
      household: h,
      member: head,
      ruleSet: { _id: 'correction', version: 0 },
      item,
      quantity: 1,
      note: input.reason,
      photos: [],
      source: 'correction',
      recordedBy: caller.member,
      onBehalfOf: null,
      activityId: null,
      batchId: null,
      occurredOn: today,
      now: ctx.now,
      startState: 'second_review'
    })
  )
  return { claimId, state: 'second_review' as const }
}
