import { CLAIM_STATE_LABELS, type ClaimView, type SettingsView } from '../../../../types/contract/points.contract'
import { maskName } from '../../../../types/contract/common'
import { COLLECTIONS } from '../../data/collections'
import type { OrgNodeDoc } from '../../data/records'
import type { AuditEntryDoc, ClaimDoc, ClaimState, RuleSetDoc, VillageSettingsDoc } from '../../data/points-records'
import { getById, iso } from '../../data/repo'
import { chainHash } from '../../domain/hash-chain'
import { isCalendarDay } from '../../domain/china-time'
import { AppError } from '../../runtime/app-error'
import type { Tx } from '../../runtime/tx'
import { loadOrg } from '../identity/views'

export const DEFAULT_SETTINGS: Omit<VillageSettingsDoc, '_id' | 'villageId' | 'updatedAt'> = {
  currentRuleSetId: null,
  rankingEnabled: true,
  noticeDays: 5,
  honours: [
    { name: '五星级文明户', minPoints: 300 },
    { name: '四星级文明户', minPoints: 240 },
    { name: '三星级文明户', minPoints: 180 }
  ],
  credit: { excellent: 200, good: 120 },
  priorityTopN: 10,
  mall: { threshold: 80, pointsPerYuan: 5, pickupPlace: '', openHours: '', contactPhone: '' }
}

export async function loadVillage(villageId: string): Promise<OrgNodeDoc> {
  const v = await loadOrg(villageId)
  if (v.kind !== 'village' && v.kind !== 'community') throw new AppError('ORG.NOT_FOUND')
  return v
}

export async function loadSettings(villageId: string): Promise<VillageSettingsDoc> {
  const s = await getById<VillageSettingsDoc>(COLLECTIONS.villageSettings, villageId)
  return { _id: villageId, villageId, updatedAt: new Date(0), ...DEFAULT_SETTINGS, ...(s ?? {}), mall: { ...DEFAULT_SETTINGS.mall, ...(s?.mall ?? {}) } }
}

export function settingsView(s: VillageSettingsDoc): SettingsView {
  return {
    villageId: s.villageId,
    rankingEnabled: s.rankingEnabled,
    noticeDays: s.noticeDays,
    honours: s.honours,
    credit: s.credit,
    priorityTopN: s.priorityTopN,
    mall: s.mall
  }
}

/** The rule set in force for a village (the adopted one named in its settings). */
export async function currentRuleSet(villageId: string): Promise<RuleSetDoc> {
  const s = await loadSettings(villageId)
  const rs = s.currentRuleSetId ? await getById<RuleSetDoc>(COLLECTIONS.ruleSets, s.currentRuleSetId) : null
  if (!rs || rs.status !== 'adopted') throw new AppError('RULES.NOT_ADOPTED')
  return rs
}

/**
 * Refuses a YYYY-MM-DD that passes the contract's format check but names no real day (2026-02-30).
 * Belongs in the contract's `day` schema; checked here until it is.
 */
export function requireCalendarDay(value: string | null | undefined, what: string): void {
  if (value != null && !isCalendarDay(value)) throw new AppError('INPUT.INVALID', { value }, `${what}不是有效的日期`)
}

export function householdLabel(code: string, head: string | null): string {
  return head ? `${head}家` : `${code}户`
}

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

export interface AuditStep {
  by: string
  byName: string
  action: string
  from: ClaimState | null
  to: ClaimState
  reason: string | null
  at: Date
}

/**
 * Appends the next hash-chained audit entry of a claim inside the transaction and returns the claim
 * fields to write with it. Entry ids are `${claimId}:${seq}`, so two writers racing for one seq collide.
 */
export async function appendAudit(tx: Tx, claim: Pick<ClaimDoc, '_id' | 'auditSeq' | 'lastHash'>, s: AuditStep): Promise<{ auditSeq: number; lastHash: string }> {
  const seq = claim.auditSeq + 1
  const fields = { claimId: claim._id, seq, at: s.at, by: s.by, action: s.action, from: s.from, to: s.to, reason: s.reason }
  const hash = chainHash(claim.lastHash, fields)
  const entry: AuditEntryDoc = { _id: `${claim._id}:${seq}`, ...fields, byName: s.byName, prevHash: claim.lastHash, hash }
  await tx.collection(COLLECTIONS.auditEntries).add(entry)
  return { auditSeq: seq, lastHash: hash }
}
