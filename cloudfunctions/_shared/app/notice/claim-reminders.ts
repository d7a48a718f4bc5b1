import { COLLECTIONS } from '../../data/collections'
import type { ClaimDoc } from '../../data/points-records'
import type { MemberDoc } from '../../data/records'
import { findAll, getByIds } from '../../data/repo'
import { db } from '../../runtime/cloud'
import { sendSubscribe } from '../subscribe-send'

export type ClaimOutcome = 'approved' | 'rejected' | 'publicity'
const PHRASE: Record<ClaimOutcome, string> = { approved: '已入账', rejected: '未通过', publicity: '公示中' }

/**
 * Tells the households of these claims how their claim ended (入账 / 未通过 / 公示中) by subscribe message,
 * after the state change has committed. Never throws: a reminder is not part of the decision.
 */
export async function remindClaimOutcome(claimIds: string[], outcome: ClaimOutcome, now: Date): Promise<void> {
  try {
    if (!claimIds.length) return
    const claims = await getByIds<ClaimDoc>(COLLECTIONS.claims, claimIds)
    const _ = db().command
    const households = [...new Set([...claims.values()].map((c) => c.householdId))]
    const members = households.length ? await findAll<MemberDoc>(COLLECTIONS.members, { householdId: _.in(households), removed: false }) : []
    const one = async (c: ClaimDoc) => {
      // The household, and the grid worker who recorded it (asked for it when recording).
      const to = [...members.filter((m) => m.householdId === c.householdId).map((m) => m._id), ...(c.recordedBy ? [c.recordedBy] : [])]
      const note = outcome === 'rejected' ? c.lastReason ?? '请联系网格员' : outcome === 'publicity' ? '公示期满无异议后入账' : '可在我家积分查看'
      await sendSubscribe('claimResult', to, { thing1: c.item.name, phrase2: PHRASE[outcome], number3: String(c.postedAmount ?? c.amount), thing4: note }, { now, logId: `${c._id}:${outcome}:${c.round}` })
    }
    // A meeting decides many claims at once: a few households at a time keeps it within the function's time.
    const list = [...claims.values()]
    for (let i = 0; i < list.length; i += 5) await Promise.all(list.slice(i, i + 5).map(one))
  } catch {
    // reminders are best-effort
  }
}
