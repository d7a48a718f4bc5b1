import { CLAIM_STATE_LABELS, type ClaimView } from '../../../../types/contract/points.contract'
import { maskName } from '../../../../types/contract/common'
import type { ClaimDoc } from '../../data/points-records'
import { iso } from '../../data/repo'
import { householdLabel } from '../shared/households'

export function claimView(c: ClaimDoc, opts: { masked?: boolean; urls?: Map<string, string> } = {}): ClaimView {
  const head = c.householdHead ? (opts.masked ? maskName(c.householdHead) : c.householdHead) : null
  return {
    id: c._id,
    villageId: c.villageId,
    householdId: c.householdId,
    householdCode: c.householdCode,
    householdName: householdLabel(c.householdCode, head),
    memberName: c.memberName ? (opts.masked ? maskName(c.memberName) : c.memberName) : null,
    item: { id: c.item.id, name: c.item.name, category: c.item.category, points: c.item.points, unit: c.item.unit },
    ruleVersion: c.ruleVersion,
    quantity: c.quantity,
    amount: c.amount,
    note: c.note,
    photos: c.photos,
    photoUrls: c.photos.map((f) => opts.urls?.get(f) ?? '').filter(Boolean),
    source: c.source,
    recordedByName: c.recordedByName,
    occurredOn: c.occurredOn,
    state: c.state,
    stateLabel: CLAIM_STATE_LABELS[c.state],
    approvals: c.approvals.filter((a) => a.round === c.round).map((a) => ({ step: a.step, byName: a.byName, at: iso(a.at) })),
    publicityEndsAt: c.publicityEndsAt ? iso(c.publicityEndsAt) : null,
    lastReason: c.lastReason,
    postedAmount: c.postedAmount,
    createdAt: iso(c.createdAt)
  }
}
