import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { VoteActivityDoc, VoteEntryDoc, VoteRecordDoc, VoteTallyDoc, VoteVoidDoc } from '../../data/vote-records'
import { findAll, findPage, getById, getByIds, iso } from '../../data/repo'
import { AppError } from '../../runtime/app-error'
import { cloud, db } from '../../runtime/cloud'
import { isDuplicate } from '../../runtime/tx'

/** Most voters looked up in WeChat's risk control per report (each is one open-API call). */
const RISK_LOOKUPS = 30

/** WeChat's risk rank (0 safest … 4) for a voter, scene 1 (marketing fraud); null when WeChat does not answer. */
async function riskRank(openid: string): Promise<number | null> {
  try {
    const res = (await cloud().callWxOpenApi({
      apiName: '/wxa/getuserriskrank',
      requestData: { appid: process.env.WX_APPID ?? '', openid, scene: 1, client_ip: '0.0.0.0' }
    })) as { result?: { errcode?: number; risk_rank?: number } }
    const r = res.result
    return r && (r.errcode ?? 0) === 0 && typeof r.risk_rank === 'number' ? r.risk_rank : null
  } catch {
    return null
  }
}

/**
 * Staff's anti-fraud report: minutes in which one entry got a burst of votes, voters whose account was bound
 * after the activity began, voters who used every vote on every day they voted, and WeChat's risk rank for
 * each flagged voter. Reads aggregates, never every vote into memory.
 */
export async function fraudReport(_input: { activityId: string }, ctx: Ctx) {
  const a = ctx.access.targets[0].doc as VoteActivityDoc
  const $ = db().command.aggregate
  const _ = db().command
  const agg = async <T>(pipeline: (q: ReturnType<ReturnType<typeof db>['collection']>['aggregate'] extends () => infer R ? R : never) => unknown): Promise<T[]> => {
    const res = (await (pipeline(db().collection(COLLECTIONS.voteRecords).aggregate()) as { end(): Promise<unknown> }).end()) as { data?: T[]; list?: T[] }
    return res.data ?? res.list ?? []
  }
  const burstRows = await agg<{ _id: { entryId: string; minute: string }; n: number }>((q) =>
    q
      .match({ activityId: a._id, state: 'valid', voided: false })
      .group({ _id: { entryId: '$entryId', minute: '$minute' }, n: $.sum(1) })
      .match({ n: _.gte(a.rules.burstPerMinute) })
      .sort({ n: -1 })
      .limit(100)
  )
  const newRows = await agg<{ _id: string; name: string; boundAt: Date; n: number }>((q) =>
    q
      .match({ activityId: a._id, state: 'valid', boundAt: _.gt(new Date(a.createdAt)) })
      .group({ _id: '$voterKey', name: $.first('$voterName'), boundAt: $.first('$boundAt'), n: $.sum(1) })
      .sort({ n: -1 })
      .limit(100)
  )
  // Every day a voter voted, they used the whole daily allowance.
  const perDay = a.kind === 'village' ? Number.MAX_SAFE_INTEGER : a.rules.perDay
  const tallies = await findPage<VoteTallyDoc>(COLLECTIONS.voteTallies, { activityId: a._id, n: _.gte(perDay) }, { limit: 1000 })
  const fullDays = new Map<string, number>()
  for (const t of tallies) fullDays.set(t.voterKey, (fullDays.get(t.voterKey) ?? 0) + 1)
  const hitters: Array<{ voterKey: string; days: number }> = []
  for (const [voterKey, days] of fullDays) {
    const all = await findPage<VoteTallyDoc>(COLLECTIONS.voteTallies, { activityId: a._id, voterKey }, { limit: 200, fields: { n: true } })
    if (all.length === days && days >= 2) hitters.push({ voterKey, days })
  }
  hitters.sort((x, y) => y.days - x.days)

  const burstEntries = await getByIds<VoteEntryDoc>(COLLECTIONS.voteEntries, burstRows.map((r) => r._id.entryId))
  // Voters behind the bursts.
  const burstVoters = new Set<string>()
  for (const b of burstRows.slice(0, 10)) {
    const recs = await findPage<VoteRecordDoc>(COLLECTIONS.voteRecords, { activityId: a._id, entryId: b._id.entryId, minute: b._id.minute, state: 'valid' }, { limit: 200, fields: { voterKey: true } })
    for (const r of recs) burstVoters.add(r.voterKey)
  }
  const reasons = new Map<string, string[]>()
  const add = (k: string, why: string) => reasons.set(k, [...(reasons.get(k) ?? []), why])
  for (const k of burstVoters) add(k, '集中刷票时段投票')
  for (const r of newRows) add(r._id, '活动期间新绑定')
  for (const h of hitters) add(h.voterKey, `连续${h.days}天投满`)
  const flagged = [...reasons.keys()].slice(0, 200)
  const voids = await getByIds<VoteVoidDoc>(COLLECTIONS.voteVoids, flagged.map((k) => `${a._id}:${k}`))
  const rows: Array<{ voterKey: string; name: string; votes: number; riskRank: number | null; reasons: string[]; voided: boolean }> = []
  for (const [i, k] of flagged.entries()) {
    const recs = await findPage<VoteRecordDoc>(COLLECTIONS.voteRecords, { activityId: a._id, voterKey: k, state: 'valid' }, { limit: 1000, fields: { openid: true, voterName: true, voided: true } })
    const live = recs.filter((r) => !r.voided).length
    const risk = i < RISK_LOOKUPS && recs[0]?.openid ? await riskRank(recs[0].openid) : null
    rows.push({ voterKey: k, name: recs[0]?.voterName ?? '', votes: live, riskRank: risk, reasons: reasons.get(k)!, voided: voids.has(`${a._id}:${k}`) })
  }
  rows.sort((x, y) => Number(x.voided) - Number(y.voided) || (y.riskRank ?? -1) - (x.riskRank ?? -1) || y.reasons.length - x.reasons.length)
  const votesOf = new Map<string, number>()
  for (const r of rows) votesOf.set(r.voterKey, r.votes)
  return {
    bursts: burstRows.map((r) => ({ entryId: r._id.entryId, title: burstEntries.get(r._id.entryId)?.title ?? '', minute: r._id.minute, votes: r.n })),
    newAccounts: newRows.map((r) => ({ voterKey: r._id, name: r.name, boundAt: iso(r.boundAt), votes: r.n })),
    limitHitters: hitters.map((h) => ({ voterKey: h.voterKey, name: rows.find((x) => x.voterKey === h.voterKey)?.name ?? '', days: h.days, votes: votesOf.get(h.voterKey) ?? 0 })),
    voters: rows
  }
}

/**
 * Voids every valid vote of one voter in an activity, with a reason, exactly once: a void record per voter
 * (deterministic id) refuses a second void, and each vote flips by a conditional update before its counter
 * shard goes down, so a retry never decrements twice.
 */
export async function voidVoter(input: { activityId: string; voterKey: string; reason: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const a = ctx.access.targets[0].doc as VoteActivityDoc
  if (a.published) throw new AppError('VOTE.ALREADY_PUBLISHED', undefined, '结果已经公布，不能再作废选票')
  const id = `${a._id}:${input.voterKey}`
  const request = ctx.stableId('void_')
  const log: VoteVoidDoc = { _id: id, activityId: a._id, voterKey: input.voterKey, reason: input.reason, by: caller.memberId, byName: caller.member.name, at: ctx.now, request, voided: 0, done: false }
  try {
    await db().collection(COLLECTIONS.voteVoids).add(log)
  } catch (err) {
    if (!isDuplicate(err)) throw err
    const prior = await getById<VoteVoidDoc>(COLLECTIONS.voteVoids, id)
    if (!prior || prior.request !== request) throw new AppError('VOTE.ALREADY_VOIDED')
    if (prior.done) return { voided: prior.voided, reason: prior.reason, at: iso(prior.at) }
  }
  const _ = db().command
  const recs = await findAll<VoteRecordDoc>(COLLECTIONS.voteRecords, { activityId: a._id, voterKey: input.voterKey, state: 'valid' }, 100000)
  let voided = 0
  for (const r of recs) {
    if (r.voided) {
      voided++
      continue
    }
    const res = (await db()
      .collection(COLLECTIONS.voteRecords)
      .where({ _id: r._id, voided: false })
      .update({ voided: true, voidReason: input.reason, voidedBy: caller.memberId, voidedAt: ctx.now })) as { updated?: number }
    if ((res.updated ?? 0) !== 1) {
      voided++
      continue
    }
    const dec: Record<string, unknown> = { n: _.inc(-1) }
    if (r.choice) dec[r.choice === 'approve' ? 'yes' : 'no'] = _.inc(-1)
    await db().collection(COLLECTIONS.voteCounters).doc(`${r.entryId}#${r.shard}`).update(dec)
    voided++
  }
  await db().collection(COLLECTIONS.voteVoids).doc(id).update({ voided, done: true })
  return { voided, reason: input.reason, at: iso(ctx.now) }
}
