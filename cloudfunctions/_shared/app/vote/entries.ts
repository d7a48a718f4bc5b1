import type { Ctx } from '../../runtime/create-handler'
import type { EntryState } from '../../../../types/contract/vote.contract'
import { COLLECTIONS } from '../../data/collections'
import type { HouseholdDoc, OrgNodeDoc } from '../../data/records'
import type { VoteActivityDoc, VoteEntryDoc } from '../../data/vote-records'
import { findAll, getById } from '../../data/repo'
import { AppError } from '../../runtime/app-error'
import { requireSod } from '../../runtime/access'
import { db } from '../../runtime/cloud'
import { txGet } from '../../runtime/tx'
import { checkText } from '../content-check'
import { canSee, countsFor, ensureCounters, entryViews, isStaffOf, loadActivity, loadEntry } from './common'

type Parts = VoteEntryDoc['parts']

/**
 * A secretary submits (or, while it waits for review or was sent back, edits) the entry of their unit.
 * One entry per unit and activity: its id is derived from both, so a double tap cannot make two.
 */
export async function submitEntry(input: { activityId: string; orgId: string; category: string; title: string; parts: Parts; cover: string; video: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const org = ctx.access.targets[0].doc as OrgNodeDoc
  const a = await loadActivity(input.activityId)
  if (a.kind !== 'showcase') throw new AppError('VOTE.WRONG_KIND')
  if (org._id !== a.orgId && !org.path.includes(a.orgId)) throw new AppError('ORG.OUT_OF_SCOPE', undefined, '您的单位不在这次活动的范围内')
  if (!a.categories.some((c) => c.key === input.category)) throw new AppError('VOTE.CATEGORY_UNKNOWN')
  const open = ctx.now >= new Date(a.submitOpens) && ctx.now < new Date(a.submitCloses)
  if (!open && !ctx.replay) throw new AppError('VOTE.SUBMIT_CLOSED')
  if (!ctx.replay) await checkText(ctx, [input.title, input.parts.ideas, input.parts.results, input.parts.highlights, input.parts.service].join('\n'))
  // One entry per unit, activity and category (a 镇 may enter both 镇党委书记 and 街道党工委书记 in the demo).
  const id = `ve_${a._id}_${org._id}_${input.category}`
  const saved = await ctx.tx(async (tx) => {
    const prior = await txGet<VoteEntryDoc>(tx, COLLECTIONS.voteEntries, id)
    if (prior && !['pending', 'changes'].includes(prior.state)) throw new AppError('VOTE.ENTRY_LOCKED', undefined, prior.state === 'approved' ? '作品已通过审核，不能再修改' : '作品已经撤回或未通过，不能再修改')
    const doc: VoteEntryDoc = {
      _id: id,
      activityId: a._id,
      kind: 'showcase',
      category: input.category,
      orgId: org._id,
      orgName: org.name,
      orgPath: [...org.path, org._id],
      villageId: org.villageId,
      ownerMemberId: caller.memberId,
      ownerName: caller.member.name,
      householdId: null,
      title: input.title,
      parts: input.parts,
      cover: input.cover,
      video: input.video,
      state: 'pending',
      reviewNote: prior?.reviewNote ?? null,
      history: [...(prior?.history ?? []), { at: ctx.now, by: caller.memberId, byName: caller.member.name, action: prior ? 'resubmit' : 'submit', note: '' }],
      createdAt: prior?.createdAt ?? ctx.now,
      updatedAt: ctx.now
    }
    if (prior) {
      const { _id, ...rest } = doc
      void _id
      await tx.collection(COLLECTIONS.voteEntries).doc(id).set(rest)
    } else await tx.collection(COLLECTIONS.voteEntries).add(doc)
    return doc
  })
  return (await entryViews([saved], a, caller, ctx.now))[0]
}

export async function withdrawEntry(_input: { entryId: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const e = ctx.access.targets[0].doc as VoteEntryDoc
  if (e.ownerMemberId !== caller.memberId) throw new AppError('AUTH.FORBIDDEN', undefined, '只能撤回自己提交的作品')
  const a = await loadActivity(e.activityId)
  const done = await move(ctx, e, ['pending', 'changes', 'approved'], 'withdrawn', caller.memberId, caller.member.name, 'withdraw', '')
  const counts = await countsFor(a._id, e.category)
  return (await entryViews([done], a, caller, ctx.now, counts))[0]
}

/** One state change of an entry, inside a transaction; refuses when someone else moved it first. */
async function move(ctx: Ctx, e: VoteEntryDoc, from: EntryState[], to: EntryState, by: string, byName: string, action: string, note: string): Promise<VoteEntryDoc> {
  return ctx.tx(async (tx) => {
    const cur = await txGet<VoteEntryDoc>(tx, COLLECTIONS.voteEntries, e._id)
    if (!cur) throw new AppError('VOTE.ENTRY_NOT_FOUND')
    if (!from.includes(cur.state)) throw new AppError('VOTE.STATE_CHANGED')
    const history = [...cur.history, { at: ctx.now, by, byName, action, note }]
    const reviewNote = action === 'withdraw' ? cur.reviewNote : note || null
    await tx.collection(COLLECTIONS.voteEntries).doc(e._id).update({ state: to, reviewNote, history, updatedAt: ctx.now })
    return { ...cur, state: to, reviewNote, history, updatedAt: ctx.now }
  })
}

export async function reviewQueue(_input: { activityId: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const a = ctx.access.targets[0].doc as VoteActivityDoc
  const _ = db().command
  const list = await findAll<VoteEntryDoc>(COLLECTIONS.voteEntries, { activityId: a._id, state: _.in(['pending']) })
  list.sort((x, y) => new Date(x.updatedAt).getTime() - new Date(y.updatedAt).getTime())
  return entryViews(list, a, caller, ctx.now)
}

/** Staff review: approve (the entry becomes public and votable), reject with a reason, or ask for changes. */
export async function reviewEntry(input: { entryId: string; decision: 'approve' | 'reject' | 'changes'; reason: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const e = ctx.access.targets[0].doc as VoteEntryDoc
  requireSod('notOwnEntry', e.ownerMemberId !== caller.memberId)
  const a = await loadActivity(e.activityId)
  if (!isStaffOf(caller, a)) throw new AppError('AUTH.FORBIDDEN')
  const to: EntryState = input.decision === 'approve' ? 'approved' : input.decision === 'reject' ? 'rejected' : 'changes'
  const from: EntryState[] = input.decision === 'reject' ? ['pending', 'approved'] : ['pending']
  const done = ctx.replay ? await loadEntry(e._id) : await move(ctx, e, from, to, caller.memberId, caller.member.name, input.decision, input.reason)
  if (done.state === 'approved') await ensureCounters(done)
  const counts = await countsFor(a._id, e.category)
  return (await entryViews([done], a, caller, ctx.now, counts))[0]
}

export async function listEntries(input: { activityId: string; category?: string; states?: EntryState[] }, ctx: Ctx) {
  const caller = await ctx.caller()
  const a = await loadActivity(input.activityId)
  if (!canSee(caller, a)) throw new AppError('AUTH.FORBIDDEN')
  const staff = isStaffOf(caller, a)
  const _ = db().command
  const states = staff && input.states?.length ? input.states : ['approved']
  const where: Record<string, unknown> = { activityId: a._id, state: _.in(states) }
  if (input.category) where.category = input.category
  const list = await findAll<VoteEntryDoc>(COLLECTIONS.voteEntries, where)
  list.sort((x, y) => x.orgName.localeCompare(y.orgName, 'zh') || x._id.localeCompare(y._id))
  const counts = await countsFor(a._id, input.category)
  return entryViews(list, a, caller, ctx.now, counts)
}

export async function getEntry(input: { entryId: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const e = await loadEntry(input.entryId)
  const a = await loadActivity(e.activityId)
  if (!canSee(caller, a)) throw new AppError('AUTH.FORBIDDEN')
  // Before review only its author and staff see an entry (WeChat cannot check video content).
  if (e.state !== 'approved' && e.ownerMemberId !== caller.memberId && !isStaffOf(caller, a)) throw new AppError('VOTE.ENTRY_NOT_FOUND')
  const counts = await countsFor(a._id, e.category)
  return (await entryViews([e], a, caller, ctx.now, counts))[0]
}

export async function myEntries(input: { activityId: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const a = await loadActivity(input.activityId)
  const list = await findAll<VoteEntryDoc>(COLLECTIONS.voteEntries, { ownerMemberId: caller.memberId, activityId: a._id })
  const counts = await countsFor(a._id)
  return entryViews(list, a, caller, ctx.now, counts)
}

/** Village vote: staff nominate a household; a nominee needs no review (staff wrote it). */
export async function nominate(input: { activityId: string; householdId: string; title: string; reason: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const a = ctx.access.targets[0].doc as VoteActivityDoc
  if (a.kind !== 'village') throw new AppError('VOTE.WRONG_KIND')
  if (ctx.now >= new Date(a.voteOpens) && !ctx.replay) throw new AppError('VOTE.SUBMIT_CLOSED', undefined, '表决已经开始，不能再推荐')
  const h = await getById<HouseholdDoc>(COLLECTIONS.households, input.householdId)
  if (!h) throw new AppError('ROSTER.HOUSEHOLD_NOT_FOUND')
  if (!h.orgPath.includes(a.electorate.orgId) && h.villageId !== a.electorate.orgId) throw new AppError('ORG.OUT_OF_SCOPE', undefined, '这一户不在本次表决的范围内')
  if (!ctx.replay) await checkText(ctx, `${input.title}\n${input.reason}`)
  const id = `ve_${a._id}_${h._id}`
  const doc: VoteEntryDoc = {
    _id: id,
    activityId: a._id,
    kind: 'village',
    category: 'nominee',
    orgId: h.villageId,
    orgName: `${h.headName ?? h.code}家（${h.code}）`,
    orgPath: h.orgPath,
    villageId: h.villageId,
    ownerMemberId: null,
    ownerName: h.headName ?? h.code,
    householdId: h._id,
    title: input.title,
    parts: { ideas: input.reason, results: '', highlights: '', service: '' },
    cover: null,
    video: null,
    state: 'approved',
    reviewNote: null,
    history: [{ at: ctx.now, by: caller.memberId, byName: caller.member.name, action: 'nominate', note: '' }],
    createdAt: ctx.now,
    updatedAt: ctx.now
  }
  const saved = await ctx.tx(async (tx) => {
    const prior = await txGet<VoteEntryDoc>(tx, COLLECTIONS.voteEntries, id)
    if (prior) return prior
    await tx.collection(COLLECTIONS.voteEntries).add(doc)
    return doc
  })
  await ensureCounters(saved)
  return (await entryViews([saved], a, caller, ctx.now, new Map()))[0]
}
