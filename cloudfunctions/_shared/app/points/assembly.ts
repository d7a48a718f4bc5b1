import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { OrgNodeDoc } from '../../data/records'
import type { AssemblyBody, AssemblyDoc, ClaimDoc } from '../../data/points-records'
import { count, findPage, getById, getByIds } from '../../data/repo'
import { AppError, unwrap } from '../../runtime/app-error'
import { isDuplicate, runTx, txGet } from '../../runtime/tx'
import { db } from '../../runtime/cloud'
import { assemblyDecision, assemblyOutcome } from '../../domain/audit'
import { endOfChinaDayAfter } from '../../domain/china-time'
import { ASSEMBLY_BODY_LABELS } from '../../../../types/contract/points.contract'
import { checkText } from '../content-check'
import { loadSettings } from '../shared/village'
import { householdLabel } from '../shared/households'
import { appendAudit } from './audit-trail'
import { remindClaimOutcome } from '../notice/claim-reminders'

/** Members of the body: for 党员大会 the village's party members (each has a vote). */
async function membersOf(villageId: string, body: AssemblyBody, given: number | undefined): Promise<number> {
  if (given) return given
  if (body === 'party_members') return count(COLLECTIONS.members, { villageId, personClass: 'party', removed: false })
  throw new AppError('INPUT.INVALID', undefined, '请填写村民代表的总人数')
}

/** Why the recorder may not decide this claim (approved it, recorded it, or lives in its household), or null. */
function conflictOf(c: ClaimDoc, memberId: string, householdId: string | null): string | null {
  if (householdId && c.householdId === householdId) return '登记人家里的申报'
  if (c.recordedBy === memberId) return '登记人录入或提出的'
  // Reviewers of any round; recording an earlier meeting on it does not make one an approver.
  if (c.approvals.some((a) => a.by === memberId && a.step !== 'assembly')) return '登记人审批过的'
  return null
}

/**
 * 党员（村民代表）大会审议: records the meeting — attendance, votes, the body's quorum and majority — then moves
 * every claim of the batch: to 公示 until the end of the China-time day `noticeDays` later if the motion
 * passed, to 未通过 if not. Without a quorum nothing is recorded. Claims the recorder approved or lives in are
 * left out and listed. The meeting record is written first with everything derived from the clock, and a
 * retry of the request (after a crash) reuses it, so all claims of one meeting end 公示 at the same time.
 */
export async function decideAssembly(
  input: { villageId: string; title: string; meetingDate: string; body: AssemblyBody; membersTotal?: number; present: number; votesFor: number; votesAgainst: number; votesAbstain: number; claimIds: string[] },
  ctx: Ctx
) {
  const caller = await ctx.caller()
  const village = ctx.access.targets[0].doc as OrgNodeDoc
  await checkText(ctx, input.title)
  const settings = await loadSettings(village._id)
  const assemblyId = ctx.stableId('a_')
  const prior = await getById<AssemblyDoc>(COLLECTIONS.assemblies, assemblyId)
  const total = prior?.membersTotal ?? (await membersOf(village._id, input.body, input.membersTotal))
  const { passed } = unwrap(
    assemblyOutcome({ total, present: input.present, votesFor: input.votesFor, votesAgainst: input.votesAgainst, votesAbstain: input.votesAbstain }, settings.assembly[input.body])
  )

  let record: AssemblyDoc
  if (prior) {
    record = prior
  } else {
    const claimIds = [...new Set(input.claimIds)]
    const found = await getByIds<ClaimDoc>(COLLECTIONS.claims, claimIds)
    const batchIds: string[] = []
    const excluded: AssemblyDoc['excluded'] = []
    // Validate the whole batch before moving any claim: a batch is decided as one.
    for (const id of claimIds) {
      const c = found.get(id)
      if (!c || c.villageId !== village._id) throw new AppError('CLAIM.NOT_FOUND', { claimId: id })
      const conflict = conflictOf(c, caller.memberId, caller.member.householdId)
      if (conflict) {
        excluded.push({ claimId: id, householdName: householdLabel(c.householdCode, c.householdHead), reason: conflict })
        continue
      }
      unwrap(assemblyDecision(c.state, c.approvals, c.round, passed, c.source !== 'correction'))
      batchIds.push(id)
    }
    if (!batchIds.length) throw new AppError('ASSEMBLY.NOTHING_LEFT', { excluded })
    record = {
      _id: assemblyId,
      villageId: village._id,
      title: input.title,
      meetingDate: input.meetingDate,
      body: input.body,
      membersTotal: total,
      present: input.present,
      votesFor: input.votesFor,
      votesAgainst: input.votesAgainst,
      votesAbstain: input.votesAbstain,
      passed,
      status: 'recording',
      batchIds,
      excluded,
      claimIds: [],
      skippedClaimIds: [],
      noticeDays: settings.noticeDays,
      publicityStartsAt: ctx.now,
      publicityEndsAt: endOfChinaDayAfter(ctx.now, settings.noticeDays),
      createdBy: caller.memberId,
      createdByName: caller.member.name,
      createdAt: ctx.now
    }
    // The meeting is recorded before any claim cites it, so no claim ever points at a missing assembly.
    try {
      await db().collection(COLLECTIONS.assemblies).add(record)
    } catch (e) {
      if (!isDuplicate(e)) throw e
      record = (await getById<AssemblyDoc>(COLLECTIONS.assemblies, assemblyId)) as AssemblyDoc
    }
  }
  const startsAt = new Date(record.publicityStartsAt)
  const endsAt = new Date(record.publicityEndsAt)
  const bodyName = ASSEMBLY_BODY_LABELS[record.body]
  const reason = `${record.title}（${record.meetingDate}，${bodyName}应到${record.membersTotal}人、实到${record.present}人，赞成${record.votesFor}、反对${record.votesAgainst}、弃权${record.votesAbstain}）`
  const moved: string[] = []
  const skipped: string[] = []
  for (const id of record.batchIds) {
    const done = await runTx(async (tx) => {
      const c = await txGet<ClaimDoc>(tx, COLLECTIONS.claims, id)
      if (!c) return false
      if (c.assemblyId === assemblyId) return true
      // Another meeting or an objection moved it since the batch was checked: leave it, report it.
      const decision = assemblyDecision(c.state, c.approvals, c.round, record.passed, c.source !== 'correction')
      if (!decision.ok) return false
      const to = decision.value
      const audit = await appendAudit(tx, c, { by: caller.memberId, byName: caller.member.name, action: record.passed ? 'assembly_approve' : 'assembly_reject', from: c.state, to, reason, at: startsAt })
      await tx.collection(COLLECTIONS.claims).doc(c._id).update({
        state: to,
        assemblyId,
        approvals: record.passed ? [...c.approvals, { step: 'assembly', by: caller.memberId, byName: caller.member.name, at: startsAt, round: c.round }] : c.approvals,
        publicityStartsAt: record.passed ? startsAt : null,
        publicityEndsAt: record.passed ? endsAt : null,
        lastReason: record.passed ? c.lastReason : '大会审议未通过',
        updatedAt: startsAt,
        ...audit
      })
      return true
    })
    ;(done ? moved : skipped).push(id)
  }
  await ctx.tx(async (tx) => {
    await tx.collection(COLLECTIONS.assemblies).doc(assemblyId).update({ status: 'recorded', claimIds: moved, skippedClaimIds: skipped })
  })
  if (!ctx.replay) await remindClaimOutcome(moved, record.passed ? 'publicity' : 'rejected', ctx.now)
  return {
    assemblyId,
    passed: record.passed,
    claims: moved.length,
    skipped: skipped.length,
    publicityEndsAt: record.passed && moved.length ? endsAt.toISOString() : null,
    attendance: { present: record.present, total: record.membersTotal },
    excluded: record.excluded
  }
}

/** The village's meetings, newest first, with attendance and votes. */
export async function assemblies(_input: { villageId: string }, ctx: Ctx) {
  const rows = await findPage<AssemblyDoc>(COLLECTIONS.assemblies, { villageId: ctx.access.targets[0].id }, { orderBy: [['meetingDate', 'desc']], limit: 50 })
  return rows.map((a) => ({
    id: a._id,
    title: a.title,
    meetingDate: a.meetingDate,
    body: a.body ?? 'villager_reps',
    present: a.present ?? a.votesFor + a.votesAgainst + a.votesAbstain,
    membersTotal: a.membersTotal ?? a.votesFor + a.votesAgainst + a.votesAbstain,
    votesFor: a.votesFor,
    votesAgainst: a.votesAgainst,
    votesAbstain: a.votesAbstain,
    passed: a.passed,
    claims: a.claimIds.length,
    excluded: a.excluded?.length ?? 0,
    recordedByName: a.createdByName ?? ''
  }))
}
