import { createHash, randomBytes } from 'crypto'
import QRCode from 'qrcode'
import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { HouseholdDoc } from '../../data/records'
import type { ActivityDoc, CheckinDoc } from '../../data/points-records'
import { count, findPage, getById, iso } from '../../data/repo'
import { AppError, unwrap } from '../../runtime/app-error'
import { txGet } from '../../runtime/tx'
import { codeFor, slotEnds, slotOf, verifyCode } from '../../domain/checkin-code'
import { checkApplicable } from '../../domain/scoring'
import { currentPeriods } from '../../domain/china-time'
import { loadVillage } from '../shared/village'
import { checkText } from '../content-check'
import { ruleSetInForce } from './rule-sets'
import { findItem, writeNewClaim } from './record-claims'

export const ROTATE_SECONDS = 30
/** How long a code stays valid after the screen stopped showing it: time for an older villager to type it. */
export const GRACE_SECONDS = 120

export async function createActivity(
  input: { villageId: string; title: string; ruleItemId: string; quantity: number; place: string; startsAt: string; endsAt: string },
  ctx: Ctx
) {
  const caller = await ctx.caller()
  const village = await loadVillage(input.villageId)
  await checkText(ctx, `${input.title} ${input.place}`)
  const rs = await ruleSetInForce(village._id, currentPeriods(new Date(input.startsAt)).day)
  findItem(rs, input.ruleItemId)
  const startsAt = new Date(input.startsAt)
  const endsAt = new Date(input.endsAt)
  if (endsAt <= startsAt) throw new AppError('INPUT.INVALID', undefined, '结束时间要晚于开始时间')
  if (endsAt.getTime() - startsAt.getTime() > 7 * 86400000) throw new AppError('INPUT.INVALID', undefined, '一次活动签到时间最长7天')
  const id = ctx.stableId('act_')
  await ctx.tx(async (tx) => {
    const doc: ActivityDoc = {
      _id: id,
      villageId: village._id,
      villagePath: village.path,
      title: input.title,
      ruleItemId: input.ruleItemId,
      quantity: input.quantity,
      place: input.place,
      startsAt,
      endsAt,
      secret: randomBytes(16).toString('hex'),
      rotateSeconds: ROTATE_SECONDS,
      createdBy: caller.memberId,
      createdAt: ctx.now
    }
    await tx.collection(COLLECTIONS.activities).add(doc)
  })
  return { activityId: id }
}

export async function listActivities(input: { villageId: string }, ctx: Ctx) {
  const village = await loadVillage(input.villageId)
  const rows = await findPage<ActivityDoc>(COLLECTIONS.activities, { villageId: village._id }, { orderBy: [['startsAt', 'desc']], limit: 50 })
  let names = new Map<string, string>()
  try {
    const rs = await ruleSetInForce(village._id, currentPeriods(ctx.now).day)
    names = new Map(rs.items.map((i) => [i.id, i.name]))
  } catch {
    // no rule set in force: names stay blank
  }
  const counts = await Promise.all(rows.map((a) => count(COLLECTIONS.checkins, { activityId: a._id })))
  return rows.map((a, i) => ({
    id: a._id,
    title: a.title,
    place: a.place,
    ruleItemName: names.get(a.ruleItemId) ?? '',
    startsAt: iso(a.startsAt),
    endsAt: iso(a.endsAt),
    checkins: counts[i],
    open: ctx.now >= new Date(a.startsAt) && ctx.now <= new Date(a.endsAt)
  }))
}

/** The code for the venue screen: digits for typing, a QR for scanning; both rotate. */
export async function activityCode(_input: { activityId: string }, ctx: Ctx) {
  const a = ctx.access.targets[0].doc as ActivityDoc
  if (ctx.now < new Date(a.startsAt) || ctx.now > new Date(a.endsAt)) throw new AppError('CHECKIN.OUTSIDE_WINDOW')
  const code = codeFor(a.secret, slotOf(ctx.now, a.rotateSeconds))
  const qr = await QRCode.toDataURL(`cunshe:checkin:${a._id}:${code}`, { margin: 1, width: 360 })
  return {
    activityId: a._id,
    title: a.title,
    code,
    qr,
    validUntil: slotEnds(ctx.now, a.rotateSeconds).toISOString(),
    graceSeconds: GRACE_SECONDS,
    now: ctx.now.toISOString(),
    checkins: await count(COLLECTIONS.checkins, { activityId: a._id })
  }
}

/** 扫码签到: voluntary; creates a claim for the household that still goes through the whole audit chain. */
export async function checkin(input: { activityId: string; code: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const a = await getById<ActivityDoc>(COLLECTIONS.activities, input.activityId)
  if (!a) throw new AppError('CHECKIN.CODE_INVALID')
  if (caller.member.villageId !== a.villageId || !caller.member.householdId) throw new AppError('AUTH.FORBIDDEN', undefined, '只有本村村民可以签到')
  // A replay of a check-in that already committed must not fail on a code that has since rotated.
  if (!ctx.replay) {
    if (ctx.now < new Date(a.startsAt) || ctx.now > new Date(a.endsAt)) throw new AppError('CHECKIN.OUTSIDE_WINDOW')
    if (!verifyCode(a.secret, input.code, ctx.now, a.rotateSeconds, GRACE_SECONDS)) throw new AppError('CHECKIN.CODE_INVALID')
  }
  const village = await loadVillage(a.villageId)
  const day = currentPeriods(ctx.now).day
  const rs = await ruleSetInForce(a.villageId, day)
  const item = findItem(rs, a.ruleItemId)
  unwrap(checkApplicable(item, caller.member.personClass, day))
  const household = await getById<HouseholdDoc>(COLLECTIONS.households, caller.member.householdId)
  if (!household) throw new AppError('ROSTER.HOUSEHOLD_NOT_FOUND')
  const checkinId = `${a._id}:${household._id}`
  const claimId = `c_ck_${createHash('sha1').update(checkinId).digest('hex').slice(0, 16)}`
  await ctx.tx(async (tx) => {
    if (await txGet<CheckinDoc>(tx, COLLECTIONS.checkins, checkinId)) throw new AppError('CHECKIN.ALREADY')
    await tx.collection(COLLECTIONS.checkins).add({ _id: checkinId, activityId: a._id, householdId: household._id, memberId: caller.memberId, claimId, at: ctx.now })
    await writeNewClaim(tx, {
      id: claimId,
      village,
      household,
      member: caller.member,
      ruleSet: rs,
      item,
      quantity: a.quantity,
      note: `扫码签到：${a.title}`,
      photos: [],
      source: 'checkin',
      recordedBy: caller.member,
      onBehalfOf: null,
      activityId: a._id,
      batchId: null,
      occurredOn: day,
      now: ctx.now
    })
  })
  return { claimId, state: 'first_review' as const }
}
