import type { Ctx } from '../../runtime/create-handler'
import { maskName } from '../../../../types/contract/common'
import { COLLECTIONS } from '../../data/collections'
import type { ClaimDoc, ObjectionDoc } from '../../data/points-records'
import { findAll, iso } from '../../data/repo'
import { AppError, unwrap } from '../../runtime/app-error'
import { db } from '../../runtime/cloud'
import { runTx, txGet } from '../../runtime/tx'
import { canPost, objection } from '../../domain/audit'
import { applyCap, capKey, vetoAmount } from '../../domain/scoring'
import { deduct } from '../../domain/ledger'
import { checkText } from '../content-check'
import { postEntry, readPoints } from '../ledger/post-entry'
import { householdLabel } from '../shared/households'
import { appendAudit } from './audit-trail'
import type { CapCounterDoc } from '../../data/points-records'
import { remindClaimOutcome } from '../notice/claim-reminders'

/** 公示: what villagers of the village see on the notice board, names masked. */
export async function publicity(_input: { villageId: string }, ctx: Ctx) {
  const village = ctx.access.targets[0]
  const items = await findAll<ClaimDoc>(COLLECTIONS.claims, { villageId: village.id, state: 'publicity' })
  items.sort((a, b) => new Date(a.publicityEndsAt ?? 0).getTime() - new Date(b.publicityEndsAt ?? 0).getTime() || a._id.localeCompare(b._id))
  return {
    items: items.map((c) => ({
      claimId: c._id,
      householdMasked: householdLabel(c.householdCode, c.householdHead ? maskName(c.householdHead) : null),
      itemName: c.item.name,
      quantity: c.quantity,
      unit: c.item.unit,
      amount: c.amount,
      occurredOn: c.occurredOn,
      endsAt: iso(c.publicityEndsAt),
      objections: c.objections
    }))
  }
}

/**
 * 异议: any villager of the village may object during the notice period; the claim goes back to 两委. One
 * objection per person per claim while it is open (the objection's id is the person's, for this round).
 */
export async function raiseObjection(input: { claimId: string; reason: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  await checkText(ctx, input.reason)
  const state = await ctx.tx(async (tx) => {
    const c = await txGet<ClaimDoc>(tx, COLLECTIONS.claims, input.claimId)
    if (!c) throw new AppError('CLAIM.NOT_FOUND')
    const objectionId = `${c._id}:${caller.memberId}:${c.round}`
    if (await txGet<ObjectionDoc>(tx, COLLECTIONS.objections, objectionId)) throw new AppError('PUBLICITY.ALREADY_OBJECTED')
    const to = unwrap(objection(c.state, c.publicityEndsAt ? new Date(c.publicityEndsAt) : null, ctx.now))
    const audit = await appendAudit(tx, c, { by: caller.memberId, byName: caller.member.name, action: 'objection', from: c.state, to, reason: input.reason, at: ctx.now })
    const doc: ObjectionDoc = { _id: objectionId, claimId: c._id, villageId: c.villageId, round: c.round, by: caller.memberId, byName: caller.member.name, reason: input.reason, at: ctx.now }
    await tx.collection(COLLECTIONS.objections).add(doc)
    await tx.collection(COLLECTIONS.claims).doc(c._id).update({
      state: to,
      round: c.round + 1,
      // The first review stands; 两委 review and the assembly happen again in the new round.
      approvals: [...c.approvals, ...c.approvals.filter((a) => a.round === c.round && a.step === 'first').map((a) => ({ ...a, round: c.round + 1 }))],
      assemblyId: null,
      publicityStartsAt: null,
      publicityEndsAt: null,
      objections: c.objections + 1,
      lastReason: `异议：${input.reason}`,
      updatedAt: ctx.now,
      ...audit
    })
    return to
  })
  return { state }
}

/**
 * Posts one claim whose notice period is over: the ledger entry, the cached balance, the cap counter, the
 * claim's state and its audit entry in one transaction. The entry id is the claim's, so it posts once.
 */
export async function postClaim(claimId: string, now: Date): Promise<boolean> {
  return runTx(async (tx) => {
    const c = await txGet<ClaimDoc>(tx, COLLECTIONS.claims, claimId)
    if (!c || !canPost(c.state, c.publicityEndsAt ? new Date(c.publicityEndsAt) : null, now)) return false
    const points = await readPoints(tx, c.householdId)
    // `earned` counts in full (a deduction even beyond the balance); the balance only gives what it holds.
    let earned: number
    let capDoc: { id: string; used: number; exists: boolean } | null = null
    if (c.item.category === 'veto') {
      earned = vetoAmount(c.item.vetoEffect, c.amount, points.doc.earned[c.periods.quarter] ?? 0)
    } else if (c.item.cap !== null) {
      // The counter follows the rule item across rule-set versions: adopting a new version resets no cap.
      const id = `${c.householdId}:${c.item.id}:${capKey(c.item.capCycle, c.periods)}`
      const cur = await txGet<CapCounterDoc>(tx, COLLECTIONS.capCounters, id)
      earned = applyCap(c.item.cap, cur?.used ?? 0, c.amount).allowed
      capDoc = { id, used: (cur?.used ?? 0) + Math.abs(earned), exists: !!cur }
    } else {
      earned = c.amount
    }
    const { taken, notTaken } = deduct(earned, points.doc.balance)
    const notes = [
      earned !== c.amount ? (earned === 0 ? '已达本期上限，不再加分' : `按规定计${earned}分`) : null,
      notTaken ? `余额不足，实扣${-taken}分，其余${-notTaken}分照计入积分` : null
    ].filter(Boolean)
    const reason = notes.length ? `${c.item.name}（${notes.join('；')}）` : c.item.name
    const kind = c.source === 'correction' ? 'correction' : c.item.category === 'veto' ? 'veto' : 'claim'
    await postEntry(
      tx,
      {
        entryId: `claim_${c._id}`,
        householdId: c.householdId,
        amount: taken,
        earned,
        kind,
        reason: c.source === 'correction' ? `更正：${c.note}（${reason}）` : reason,
        claimId: c._id,
        ruleItemName: c.item.name,
        earnedIn: c.periods,
        evidence: c.photos,
        approvals: [
          ...(c.source === 'correction' ? [{ step: 'propose', byName: c.recordedByName, at: c.createdAt }] : []),
          ...c.approvals.filter((a) => a.round === c.round).map((a) => ({ step: a.step, byName: a.byName, at: a.at }))
        ],
        by: 'system',
        now,
        extra: (d) => (c.item.vetoEffect === 'ineligible_year' ? { ineligibleYears: [...new Set([...(d.ineligibleYears ?? []), c.periods.year])] } : {})
      },
      points
    )
    if (capDoc) {
      if (capDoc.exists) await tx.collection(COLLECTIONS.capCounters).doc(capDoc.id).set({ used: capDoc.used })
      else await tx.collection(COLLECTIONS.capCounters).add({ _id: capDoc.id, used: capDoc.used })
    }
    const audit = await appendAudit(tx, c, { by: 'system', byName: '系统', action: 'post', from: c.state, to: 'posted', reason: `入账${earned}分`, at: now })
    await tx.collection(COLLECTIONS.claims).doc(c._id).update({ state: 'posted', postedAmount: earned, updatedAt: now, ...audit })
    return true
  })
}

/** Posts every due claim (one village or all); run by the timer and by hand by 两委/管理员. */
export async function postDue(input: { villageId?: string }, ctx: Ctx) {
  if (!ctx.system && !input.villageId) input = { villageId: ctx.access.targets[0]?.id }
  const _ = db().command
  const where: Record<string, unknown> = { state: 'publicity', publicityEndsAt: _.lte(ctx.now) }
  if (input.villageId) where.villageId = input.villageId
  const due = await findAll<ClaimDoc>(COLLECTIONS.claims, where, 5000)
  let posted = 0
  let failed = 0
  for (const c of due) {
    try {
      if (await postClaim(c._id, ctx.now)) {
        posted++
        await remindClaimOutcome([c._id], 'approved', ctx.now)
      }
    } catch (e) {
      if (!(e instanceof AppError)) throw e
      failed++
    }
  }
  return { posted, failed }
}
