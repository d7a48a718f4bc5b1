import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { VoteActivityDoc, VoteEntryDoc, VoteRecordDoc, VoteTallyDoc } from '../../data/vote-records'
import { getById } from '../../data/repo'
import { AppError } from '../../runtime/app-error'
import type { Caller } from '../../runtime/caller'
import { db } from '../../runtime/cloud'
import { isDuplicate } from '../../runtime/tx'
import { currentPeriods, formatCst } from '../../domain/china-time'
import { limitsOf, SHARDS, voterKeyOf, voterRefusal, WHOLE_VOTE, type Refusal } from '../../domain/vote'
import { boundAt, ensureCounters, loadActivity, loadEntry } from './common'

type Choice = 'approve' | 'reject'

function refuse(r: Refusal): never {
  throw new AppError(r.code, undefined, r.message)
}

function facts(caller: Caller, bound: Date | null) {
  const m = caller.member
  return { memberId: m._id, householdId: m.householdId, orgPath: m.orgPath, villageId: m.villageId, party: m.personClass === 'party', boundAt: bound }
}

function dayFor(a: VoteActivityDoc, now: Date): string {
  return a.kind === 'village' ? WHOLE_VOTE : currentPeriods(now).day
}

const tallyIdOf = (activityId: string, voterKey: string, day: string) => `${activityId}|${voterKey}|${day}`

export function statusOf(a: VoteActivityDoc, day: string, t: Pick<VoteTallyDoc, 'n' | 'e' | 'c'> | null, refusal: Refusal | null) {
  const { perDay, perEntry } = limitsOf(a.kind, a.rules)
  const used = t?.n ?? 0
  return {
    eligible: !refusal,
    reason: refusal ? refusal.message ?? new AppError(refusal.code).message : null,
    day,
    perDay: a.kind === 'village' ? 0 : perDay,
    perEntryPerDay: perEntry,
    usedToday: used,
    remainingToday: a.kind === 'village' ? 0 : Math.max(0, perDay - used),
    byEntry: { ...(t?.e ?? {}) },
    choices: { ...(t?.c ?? {}) }
  }
}

/** What the caller may still do in an activity today, and why not. */
export async function voteStatus(input: { activityId: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const a = await loadActivity(input.activityId)
  const refusal = voterRefusal(windowsOf(a), facts(caller, await boundAt(ctx.openid)), ctx.now)
  const day = dayFor(a, ctx.now)
  const voterKey = voterKeyOf(a.electorate.mode, { memberId: caller.memberId, householdId: caller.member.householdId })
  const t = await getById<VoteTallyDoc>(COLLECTIONS.voteTallies, tallyIdOf(a._id, voterKey, day))
  return statusOf(a, day, t, refusal)
}

export function windowsOf(a: VoteActivityDoc) {
  return { ...a, submitOpens: new Date(a.submitOpens), submitCloses: new Date(a.submitCloses), voteOpens: new Date(a.voteOpens), voteCloses: new Date(a.voteCloses) }
}

/**
 * One vote. Reads only documents addressed by id (caller, binding, entry, activity, the voter's tally for the
 * day) and writes at most three: the vote record (its id derives from the request, so a retry collides
 * instead of voting twice), the voter's tally by a conditional atomic update (the per-day and per-entry
 * limits hold however many requests race), and one of the entry's counter shards (`_.inc`).
 */
export async function vote(input: { entryId: string; choice?: Choice }, ctx: Ctx) {
  const caller = await ctx.caller()
  const e = await loadEntry(input.entryId)
  const a = await loadActivity(e.activityId)
  const bound = await boundAt(ctx.openid)
  const day = dayFor(a, ctx.now)
  const voterKey = voterKeyOf(a.electorate.mode, { memberId: caller.memberId, householdId: caller.member.householdId })
  const tallyId = tallyIdOf(a._id, voterKey, day)
  const recordId = ctx.stableId('vr_')
  const { perDay, perEntry } = limitsOf(a.kind, a.rules)
  const choice: Choice | null = a.kind === 'village' ? input.choice ?? null : null

  /** A retry of a request that already went through is answered as it was. */
  const priorAnswer = async (): Promise<ReturnType<typeof answer> | null> => {
    const rec = await getById<VoteRecordDoc>(COLLECTIONS.voteRecords, recordId)
    if (!rec) return null
    if (rec.state === 'refused') throw new AppError((rec.code ?? 'VOTE.DAY_LIMIT') as 'VOTE.DAY_LIMIT')
    const t = await getById<VoteTallyDoc>(COLLECTIONS.voteTallies, tallyId)
    return answer(t)
  }
  const answer = (t: Pick<VoteTallyDoc, 'n' | 'e' | 'c'> | null) => ({ entryId: e._id, status: statusOf(a, day, t, null), votes: null })

  const refusal = voterRefusal(windowsOf(a), facts(caller, bound), ctx.now)
  if (refusal) {
    const prior = await priorAnswer()
    if (prior) return prior
    refuse(refusal)
  }
  if (a.kind === 'village' && !choice) throw new AppError('VOTE.CHOICE_REQUIRED')
  if (e.state !== 'approved') throw new AppError('VOTE.ENTRY_NOT_OPEN', undefined, e.state === 'rejected' ? '这个作品未通过审核，不能投票' : e.state === 'withdrawn' ? '这个作品已撤回，不能投票' : undefined)

  const limitCode = (t: Pick<VoteTallyDoc, 'n' | 'e'>) =>
    t.n >= perDay ? ('VOTE.DAY_LIMIT' as const) : a.kind === 'village' ? ('VOTE.ALREADY_VOTED' as const) : ('VOTE.ENTRY_LIMIT' as const)
  const full = (t: Pick<VoteTallyDoc, 'n' | 'e'>) => t.n >= perDay || (t.e[e._id] ?? 0) >= perEntry

  // Cheap refusal from the tally as read (no write); a request that already counted is recognised first.
  const seen = await getById<VoteTallyDoc>(COLLECTIONS.voteTallies, tallyId)
  if (seen && full(seen)) {
    const prior = await priorAnswer()
    if (prior) return prior
    throw new AppError(limitCode(seen))
  }

  const shard = Math.floor(Math.random() * SHARDS)
  const record: VoteRecordDoc = {
    _id: recordId,
    activityId: a._id,
    entryId: e._id,
    category: e.category,
    voterKey,
    memberId: caller.memberId,
    voterName: caller.member.name,
    openid: ctx.openid,
    day,
    minute: formatCst(ctx.now, 'YYYY-MM-DD HH:mm'),
    at: ctx.now,
    boundAt: bound,
    choice,
    shard,
    state: 'valid',
    code: null,
    voided: false,
    voidReason: null,
    voidedBy: null,
    voidedAt: null
  }
  // Write 1: the record. A duplicate id means this request was already handled.
  try {
    await db().collection(COLLECTIONS.voteRecords).add(record)
  } catch (err) {
    if (!isDuplicate(err)) throw err
    const prior = await priorAnswer()
    if (prior) return prior
    throw err
  }

  // Write 2: the tally, created with this vote or raised only while under both limits.
  const _ = db().command
  const fieldE = `e.${e._id}`
  const inc: Record<string, unknown> = { n: _.inc(1), [fieldE]: _.inc(1) }
  if (choice) inc[`c.${e._id}`] = choice
  let counted = false
  if (!seen) {
    try {
      const t: VoteTallyDoc = { _id: tallyId, activityId: a._id, voterKey, day, n: 1, e: { [e._id]: 1 }, ...(choice ? { c: { [e._id]: choice } } : {}) }
      await db().collection(COLLECTIONS.voteTallies).add(t)
      counted = true
    } catch (err) {
      if (!isDuplicate(err)) throw err
    }
  }
  if (!counted) {
    const res = (await db()
      .collection(COLLECTIONS.voteTallies)
      .where({ _id: tallyId, n: _.lt(perDay), [fieldE]: _.or(_.exists(false), _.lt(perEntry)) })
      .update(inc)) as { updated?: number }
    counted = (res.updated ?? 0) === 1
  }
  if (!counted) {
    const now = await getById<VoteTallyDoc>(COLLECTIONS.voteTallies, tallyId)
    const code = now ? limitCode(now) : 'VOTE.DAY_LIMIT'
    await db().collection(COLLECTIONS.voteRecords).doc(recordId).update({ state: 'refused', code })
    throw new AppError(code)
  }

  // Write 3: one counter shard of the entry.
  const shardInc: Record<string, unknown> = { n: _.inc(1) }
  if (choice) shardInc[choice === 'approve' ? 'yes' : 'no'] = _.inc(1)
  const res = (await db().collection(COLLECTIONS.voteCounters).doc(`${e._id}#${shard}`).update(shardInc)) as { updated?: number }
  if ((res.updated ?? 0) === 0) {
    await ensureCounters(e as VoteEntryDoc)
    await db().collection(COLLECTIONS.voteCounters).doc(`${e._id}#${shard}`).update(shardInc)
  }
  const base: Pick<VoteTallyDoc, 'n' | 'e' | 'c'> = seen ?? { n: 0, e: {}, c: {} }
  return answer({ n: base.n + 1, e: { ...base.e, [e._id]: (base.e[e._id] ?? 0) + 1 }, c: choice ? { ...(base.c ?? {}), [e._id]: choice } : base.c })
}
