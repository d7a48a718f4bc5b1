import type { z } from 'zod'
import type { activityInput } from '../../../../types/contract/vote.contract'
import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { MemberDoc, OrgNodeDoc } from '../../data/records'
import type { VoteActivityDoc } from '../../data/vote-records'
import { findPage, getById, getByIds } from '../../data/repo'
import { AppError } from '../../runtime/app-error'
import { db } from '../../runtime/cloud'
import { txGet } from '../../runtime/tx'
import { checkText } from '../content-check'
import { activityView, canSee, loadActivity, orgNames } from './common'

type ActivityInput = z.output<typeof activityInput>

/** Staff create or edit an activity. Rules and weights freeze once voting has started. */
export async function saveActivity(input: ActivityInput, ctx: Ctx) {
  const caller = await ctx.caller()
  const org = ctx.access.targets[0].doc as OrgNodeDoc
  const electorateOrg = await getById<OrgNodeDoc>(COLLECTIONS.orgNodes, input.electorate.orgId)
  if (!electorateOrg) throw new AppError('ORG.NOT_FOUND')
  // The electorate lies inside the activity's org.
  if (electorateOrg._id !== org._id && !electorateOrg.path.includes(org._id)) throw new AppError('ORG.OUT_OF_SCOPE', undefined, '选民范围要在活动所属组织之内')
  const judgeIds = input.judges.map((j) => j.memberId)
  const judges = await getByIds<MemberDoc>(COLLECTIONS.members, judgeIds)
  for (const j of input.judges) {
    const m = judges.get(j.memberId)
    if (!m || !m.roles.some((g) => g.role === 'judge')) throw new AppError('INPUT.INVALID', undefined, '评委名单里有人没有评委职务')
    for (const k of j.categories) if (!input.categories.some((c) => c.key === k)) throw new AppError('VOTE.CATEGORY_UNKNOWN')
  }
  if (!ctx.replay) await checkText(ctx, `${input.title}\n${input.description}`)
  const kind = input.kind
  const categories = kind === 'village' ? [{ key: 'nominee', label: '移风易俗先进典型' }] : input.categories
  const id = input.activityId ?? ctx.stableId('va_')
  const doc = await ctx.tx(async (tx) => {
    const prior = input.activityId ? await txGet<VoteActivityDoc>(tx, COLLECTIONS.voteActivities, input.activityId) : null
    if (input.activityId && !prior) throw new AppError('VOTE.ACTIVITY_NOT_FOUND')
    if (prior && prior.orgId !== org._id) throw new AppError('ORG.OUT_OF_SCOPE')
    if (prior && prior.kind !== kind) throw new AppError('VOTE.WRONG_KIND')
    const started = !!prior && new Date(prior.voteOpens) <= ctx.now
    if (prior?.published) throw new AppError('VOTE.ALREADY_PUBLISHED')
    const next: VoteActivityDoc = {
      _id: id,
      kind,
      title: input.title,
      description: input.description,
      orgId: org._id,
      orgPath: [...org.path, org._id],
      villageId: org.villageId,
      categories,
      electorate: { orgId: electorateOrg._id, partyOnly: input.electorate.partyOnly, mode: input.electorate.mode, representativeIds: input.electorate.representativeIds },
      submitOpens: new Date(input.submitOpens),
      submitCloses: new Date(input.submitCloses),
      voteOpens: started ? prior!.voteOpens : new Date(input.voteOpens),
      voteCloses: new Date(input.voteCloses),
      // Once votes are being cast, the rules and weights they were cast under stay.
      rules: started ? prior!.rules : input.rules,
      weights: started ? prior!.weights : input.weights,
      awards: input.awards,
      showCounts: input.showCounts,
      judges: input.judges.map((j) => ({ ...j, name: judges.get(j.memberId)?.name ?? '' })),
      judgingClosed: prior?.judgingClosed ?? false,
      judgingClosedAt: prior?.judgingClosedAt ?? null,
      published: false,
      publishedAt: null,
      createdBy: prior?.createdBy ?? caller.memberId,
      createdAt: prior?.createdAt ?? ctx.now,
      updatedAt: ctx.now
    }
    if (prior) {
      const { _id, ...rest } = next
      void _id
      await tx.collection(COLLECTIONS.voteActivities).doc(id).set(rest)
    } else await tx.collection(COLLECTIONS.voteActivities).add(next)
    return next
  })
  const names = await orgNames([doc.orgId, doc.electorate.orgId])
  return activityView(reviveDates(doc), caller, ctx.now, names)
}

/** Results of a recorded transaction come back as JSON: dates as strings. */
export function reviveDates(a: VoteActivityDoc): VoteActivityDoc {
  return { ...a, submitOpens: new Date(a.submitOpens), submitCloses: new Date(a.submitCloses), voteOpens: new Date(a.voteOpens), voteCloses: new Date(a.voteCloses) }
}

export async function listActivities(input: { kind?: 'showcase' | 'village' }, ctx: Ctx) {
  const caller = await ctx.caller()
  const _ = db().command
  const orgIds = [...new Set([...caller.member.orgPath, caller.member.villageId, ...caller.grants.map((g) => g.orgId)])]
  // Where the caller lives or holds a post, and (for staff, judges, secretaries above a village) everything below.
  const above = [...new Set(caller.grants.map((g) => g.orgId))]
  const where: object = above.length ? _.or([{ orgId: _.in(orgIds) }, { orgPath: _.in(above) }]) : { orgId: _.in(orgIds) }
  const list = await findPage<VoteActivityDoc>(COLLECTIONS.voteActivities, input.kind ? _.and([where, { kind: input.kind }]) : where, { orderBy: [['voteOpens', 'desc']], limit: 100 })
  const names = await orgNames(list.flatMap((a) => [a.orgId, a.electorate.orgId]))
  return list.filter((a) => canSee(caller, a)).map((a) => activityView(a, caller, ctx.now, names))
}

export async function getActivity(input: { activityId: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const a = await loadActivity(input.activityId)
  if (!canSee(caller, a)) throw new AppError('AUTH.FORBIDDEN')
  const names = await orgNames([a.orgId, a.electorate.orgId])
  return activityView(a, caller, ctx.now, names)
}

/** Staff close judging: scores freeze and become visible to staff. */
export async function closeJudging(input: { activityId: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const a = await loadActivity(input.activityId)
  if (a.kind !== 'showcase') throw new AppError('VOTE.WRONG_KIND')
  if (!a.judgingClosed && ctx.now < new Date(a.voteCloses)) throw new AppError('INPUT.INVALID', undefined, '投票还没结束，不能结束打分')
  if (!a.judgingClosed) {
    await db()
      .collection(COLLECTIONS.voteActivities)
      .where({ _id: a._id, judgingClosed: false })
      .update({ judgingClosed: true, judgingClosedAt: ctx.now, updatedAt: ctx.now })
  }
  const names = await orgNames([a.orgId, a.electorate.orgId])
  return activityView({ ...a, judgingClosed: true }, caller, ctx.now, names)
}
