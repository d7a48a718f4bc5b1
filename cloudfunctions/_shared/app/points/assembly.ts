import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { AssemblyDoc, ClaimDoc } from '../../data/points-records'
import { getByIds } from '../../data/repo'
import { AppError, unwrap } from '../../runtime/app-error'
import { requireRoleInVillage } from '../../runtime/caller'
import { isDuplicate, runTx, txGet } from '../../runtime/tx'
import { db } from '../../runtime/cloud'
import { assemblyDecision, assemblyPassed } from '../../domain/audit'
import { addDays } from '../../domain/china-time'
import { POLICY } from '../policy'
import { appendAudit, loadSettings, loadVillage, requireCalendarDay } from './common'
import { remindClaimOutcome } from '../notice/claim-reminders'

/**
 * 党员（村民代表）大会审议: records the meeting and its vote, then moves every claim of the batch — to 公示
 * for the notice period if the motion passed, to 未通过 if not. Claims are moved one transaction each and
 * tagged with the assembly id, so a retried request skips the ones already done; the assembly record and
 * the request's answer are written last.
 */
export async function decideAssembly(
  input: { villageId: string; title: string; meetingDate: string; votesFor: number; votesAgainst: number; votesAbstain: number; claimIds: string[] },
  ctx: Ctx
) {
  const caller = await ctx.caller()
  requireCalendarDay(input.meetingDate, '会议日期')
  const village = await loadVillage(input.villageId)
  requireRoleInVillage(caller, POLICY.assembly, village._id, village.path)
  const settings = await loadSettings(village._id)
  const passed = assemblyPassed(input.votesFor, input.votesAgainst, input.votesAbstain)
  const assemblyId = ctx.stableId('a_')
  const startsAt = ctx.now
  const endsAt = addDays(ctx.now, settings.noticeDays)
  const claimIds = [...new Set(input.claimIds)]
  const reason = `${input.title}（${input.meetingDate}，赞成${input.votesFor}、反对${input.votesAgainst}、弃权${input.votesAbstain}）`

  // Validate the whole batch before moving any claim: a batch is decided as one.
  const found = await getByIds<ClaimDoc>(COLLECTIONS.claims, claimIds)
  for (const id of claimIds) {
    const c = found.get(id)
    if (!c || c.villageId !== village._id) throw new AppError('CLAIM.NOT_FOUND', { claimId: id })
    if (c.assemblyId === assemblyId) continue
    unwrap(assemblyDecision(c.state, c.approvals, c.round, passed))
  }
  const record: AssemblyDoc = {
    _id: assemblyId,
    villageId: village._id,
    title: input.title,
    meetingDate: input.meetingDate,
    votesFor: input.votesFor,
    votesAgainst: input.votesAgainst,
    votesAbstain: input.votesAbstain,
    passed,
    status: 'recording',
    claimIds,
    skippedClaimIds: [],
    noticeDays: settings.noticeDays,
    publicityStartsAt: startsAt,
    publicityEndsAt: endsAt,
    createdBy: caller.memberId,
    createdAt: ctx.now
  }
  // The meeting is recorded before any claim cites it, so no claim ever points at a missing assembly.
  try {
    await db().collection(COLLECTIONS.assemblies).add(record)
  } catch (e) {
    if (!isDuplicate(e)) throw e
  }
  const moved: string[] = []
  const skipped: string[] = []
  for (const id of claimIds) {
    const done = await runTx(async (tx) => {
      const c = await txGet<ClaimDoc>(tx, COLLECTIONS.claims, id)
      if (!c) return false
      if (c.assemblyId === assemblyId) return true
      // Another meeting or an objection moved it since the batch was checked: leave it, report it.
      const decision = assemblyDecision(c.state, c.approvals, c.round, passed)
      if (!decision.ok) return false
      const to = decision.value
      const audit = await appendAudit(tx, c, { by: caller.memberId, byName: caller.member.name, action: passed ? 'assembly_approve' : 'assembly_reject', from: c.state, to, reason, at: ctx.now })
      await tx.collection(COLLECTIONS.claims).doc(c._id).update({
        state: to,
        assemblyId,
        approvals: passed ? [...c.approvals, { step: 'assembly', by: caller.memberId, byName: caller.member.name, at: ctx.now, round: c.round }] : c.approvals,
        publicityStartsAt: passed ? startsAt : null,
        publicityEndsAt: passed ? endsAt : null,
        lastReason: passed ? c.lastReason : '大会审议未通过',
        updatedAt: ctx.now,
        ...audit
      })
      return true
    })
    ;(done ? moved : skipped).push(id)
  }
  await ctx.tx(async (tx) => {
    await tx.collection(COLLECTIONS.assemblies).doc(assemblyId).update({ status: 'recorded', claimIds: moved, skippedClaimIds: skipped })
  })
  if (!ctx.replay) await remindClaimOutcome(moved, passed ? 'publicity' : 'rejected', ctx.now)
  return { assemblyId, passed, claims: moved.length, skipped: skipped.length, publicityEndsAt: passed && moved.length ? endsAt.toISOString() : null }
}
