import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { HouseholdDoc, MemberDoc } from '../../data/records'
import type { ClaimDoc, ClaimSource, RuleItem, RuleSetDoc } from '../../data/points-records'
import type { WindowDoc } from '../../data/mall-records'
import { findAll, getByIds } from '../../data/repo'
import { AppError, unwrap } from '../../runtime/app-error'
import { requireSod } from '../../runtime/access'
import { checkApplicable, claimAmount } from '../../domain/scoring'
import { claimableDay } from '../../domain/claim-dates'
import { addDays, currentPeriods, dayStart } from '../../domain/china-time'
import { requireOwnUpload } from '../files'
import { loadSettings } from '../shared/village'
import { GENESIS_HASH } from '../../domain/hash-chain'
import { checkText } from '../content-check'
import { loadVillage } from '../shared/village'
import { appendAudit } from './audit-trail'
import { ruleSetInForce } from './rule-sets'
import type { Tx } from '../../runtime/tx'

export interface NewClaim {
  id: string
  village: { _id: string; path: string[] }
  household: HouseholdDoc
  member: MemberDoc | null
  ruleSet: Pick<RuleSetDoc, '_id' | 'version'>
  item: RuleItem
  quantity: number
  note: string
  photos: string[]
  source: ClaimSource
  recordedBy: MemberDoc
  onBehalfOf: string | null
  activityId: string | null
  batchId: string | null
  occurredOn: string
  now: Date
  /** Where the claim enters the chain: 待初审, or 两委联席复审 for a correction. */
  startState?: 'first_review' | 'second_review'
}

/** Writes a new claim at 待初审 with its first audit entry (网格员打分 / 扫码签到). */
export async function writeNewClaim(tx: Tx, c: NewClaim): Promise<void> {
  const doc: ClaimDoc = {
    _id: c.id,
    villageId: c.village._id,
    villagePath: c.village.path,
    householdId: c.household._id,
    householdCode: c.household.code,
    householdHead: c.household.headName,
    householdOrgPath: c.household.orgPath,
    gridId: c.household.gridId,
    memberId: c.member?._id ?? null,
    memberName: c.member?.name ?? null,
    personClass: c.member?.personClass ?? 'masses',
    ruleSetId: c.ruleSet._id,
    ruleVersion: c.ruleSet.version,
    item: { id: c.item.id, name: c.item.name, category: c.item.category, points: c.item.points, unit: c.item.unit, cap: c.item.cap, capCycle: c.item.capCycle, vetoEffect: c.item.vetoEffect },
    quantity: c.quantity,
    amount: claimAmount(c.item, c.quantity),
    note: c.note,
    photos: c.photos,
    source: c.source,
    recordedBy: c.recordedBy._id,
    recordedByName: c.recordedBy.name,
    onBehalfOf: c.onBehalfOf,
    activityId: c.activityId,
    batchId: c.batchId,
    occurredOn: c.occurredOn,
    periods: currentPeriods(dayStart(c.occurredOn)),
    state: c.startState ?? 'first_review',
    round: 1,
    approvals: [],
    assemblyId: null,
    publicityStartsAt: null,
    publicityEndsAt: null,
    objections: 0,
    lastReason: null,
    auditSeq: 0,
    lastHash: GENESIS_HASH,
    postedAmount: null,
    createdAt: c.now,
    updatedAt: c.now
  }
  const audit = await appendAudit(tx, doc, {
    by: c.recordedBy._id,
    byName: c.recordedBy.name,
    action: { checkin: 'checkin', proxy: 'record_proxy', grid_worker: 'record', correction: 'propose_correction' }[c.source],
    from: null,
    to: c.startState ?? 'first_review',
    reason: c.note || null,
    at: c.now
  })
  await tx.collection(COLLECTIONS.claims).add({ ...doc, ...audit })
}

export function findItem(rs: RuleSetDoc, itemId: string): RuleItem {
  const item = rs.items.find((i) => i.id === itemId)
  if (!item) throw new AppError('RULES.ITEM_NOT_FOUND')
  return item
}

/** The person class a claim is scored under: the named member's, else the head's (群众 when unknown). */
export function scoredMember(h: HouseholdDoc, memberId: string | undefined, members: Map<string, MemberDoc>): MemberDoc | null {
  if (memberId) {
    const m = members.get(memberId)
    if (!m || m.householdId !== h._id || m.removed) throw new AppError('ROSTER.MEMBER_NOT_FOUND')
    return m
  }
  return h.headMemberId ? members.get(h.headMemberId) ?? null : null
}

/**
 * Refuses a 发生日期 that may no longer be claimed (future, beyond the village's 补录 limit, a settled quarter
 * or a summarised year). Shared by 网格员打分 and corrections.
 */
export async function requireClaimableDay(villageId: string, occurredOn: string, now: Date): Promise<void> {
  const settings = await loadSettings(villageId)
  const per = currentPeriods(dayStart(occurredOn))
  const windows = await findAll<WindowDoc>(COLLECTIONS.windows, { villageId, quarter: per.quarter })
  const out = claimableDay(occurredOn, {
    today: currentPeriods(now).day,
    earliest: currentPeriods(addDays(now, -settings.backdateDays)).day,
    closedQuarters: windows.filter((w) => new Date(w.closesAt) <= now).map((w) => w.quarter),
    closedYears: settings.closedYears,
    quarter: per.quarter,
    year: per.year
  })
  if (!out.ok && out.code === 'INPUT.INVALID') throw new AppError('INPUT.INVALID', out.details, '发生日期不能晚于今天')
  if (!out.ok && out.code === 'CLAIM.TOO_OLD') throw new AppError('CLAIM.TOO_OLD', out.details, `发生日期最早只能补录到${(out.details as { earliest: string }).earliest}（${settings.backdateDays}天内）`)
  unwrap(out)
}

export async function recordClaims(
  input: {
    villageId: string
    ruleItemId: string
    quantity: number
    note: string
    photos: string[]
    occurredOn: string
    entries: Array<{ householdId: string; memberId?: string }>
    onBehalfOf?: string
  },
  ctx: Ctx
) {
  const caller = await ctx.caller()
  const village = await loadVillage(input.villageId)
  await requireClaimableDay(village._id, input.occurredOn, ctx.now)
  // Scored by the standards in force on the day the work was done.
  const rs = await ruleSetInForce(village._id, input.occurredOn)
  const item = findItem(rs, input.ruleItemId)
  if (item.evidenceRequired && input.photos.length === 0) throw new AppError('CLAIM.EVIDENCE_REQUIRED')
  await requireOwnUpload(caller.memberId, input.photos, 'claim_photo')
  const ids = input.entries.map((e) => e.householdId)
  if (new Set(ids).size !== ids.length) throw new AppError('INPUT.INVALID', undefined, '同一户不能重复选择')
  // The runtime resolved every household and checked the caller's grid covers it.
  const households = new Map(ctx.access.targets.map((t) => [t.id, t.doc as HouseholdDoc]))
  const memberIds = [...households.values()].map((h) => h.headMemberId ?? '')
  input.entries.forEach((e) => e.memberId && memberIds.push(e.memberId))
  if (input.onBehalfOf) memberIds.push(input.onBehalfOf)
  const members = await getByIds<MemberDoc>(COLLECTIONS.members, memberIds)
  const plan = input.entries.map((e) => {
    const h = households.get(e.householdId)
    if (!h || h.villageId !== village._id) throw new AppError('ROSTER.HOUSEHOLD_NOT_FOUND')
    // A grid worker does not score their own household (someone else's grid worker or 两委 must).
    requireSod('notOwnHousehold', h._id !== caller.member.householdId, { householdId: h._id })
    const m = scoredMember(h, e.memberId, members)
    unwrap(checkApplicable(item, m?.personClass ?? 'masses', input.occurredOn))
    return { h, m }
  })
  let onBehalfOf: string | null = null
  if (input.onBehalfOf) {
    const p = members.get(input.onBehalfOf)
    if (!p || p.removed || !ids.includes(p.householdId ?? '')) throw new AppError('INPUT.INVALID', undefined, '代办对象必须是所选农户的家庭成员')
    onBehalfOf = p._id
  }
  await checkText(ctx, input.note)
  // Ids derive from the request, so a retried batch writes the same claims (and collides) instead of new ones.
  const batchId = ctx.stableId('b_')
  const claimIds = plan.map(({ h }) => ctx.stableId('c_', h._id))
  await ctx.tx(async (tx) => {
    for (let i = 0; i < plan.length; i++) {
      await writeNewClaim(tx, {
        id: claimIds[i],
        village,
        household: plan[i].h,
        member: plan[i].m,
        ruleSet: rs,
        item,
        quantity: input.quantity,
        note: input.note,
        photos: input.photos,
        source: onBehalfOf ? 'proxy' : 'grid_worker',
        recordedBy: caller.member,
        onBehalfOf,
        activityId: null,
        batchId,
        occurredOn: input.occurredOn,
        now: ctx.now
      })
    }
  }, { attempts: 5 })
  return { claimIds, batchId }
}
