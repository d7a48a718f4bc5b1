import { COLLECTIONS } from '../../data/collections'
import type { AuditEntryDoc, ClaimDoc, HouseholdPointsDoc } from '../../data/points-records'
import { findAll } from '../../data/repo'
import { db } from '../../runtime/cloud'
import { verifyChain } from '../../domain/hash-chain'

export interface Mismatch {
  householdId: string
  balance: number | null
  sum: number
  entries: number
  seq: number | null
}

/** Σ amount and count of ledger entries per household, by aggregation in pages of 1000 groups. */
export async function ledgerSums(): Promise<Map<string, { sum: number; n: number }>> {
  const $ = db().command.aggregate
  const out = new Map<string, { sum: number; n: number }>()
  for (let skip = 0; ; skip += 1000) {
    const res = (await db()
      .collection(COLLECTIONS.ledgerEntries)
      .aggregate()
      .group({ _id: '$householdId', sum: $.sum('$amount'), n: $.sum(1) })
      .sort({ _id: 1 })
      .skip(skip)
      .limit(1000)
      .end()) as { data?: Array<{ _id: string; sum: number; n: number }>; list?: Array<{ _id: string; sum: number; n: number }> }
    const rows = res.data ?? res.list ?? []
    for (const r of rows) out.set(r._id, { sum: r.sum, n: r.n })
    if (rows.length < 1000) break
  }
  return out
}

/**
 * Proves the ledger invariant for every household: cached balance == Σ entries and the cached entry
 * count (seq) == number of entries. Returns every household that disagrees.
 */
export async function reconcile(): Promise<{ households: number; mismatches: Mismatch[] }> {
  const [sums, docs] = await Promise.all([ledgerSums(), findAll<HouseholdPointsDoc>(COLLECTIONS.householdPoints, {}, 1_000_000)])
  const mismatches: Mismatch[] = []
  const seen = new Set<string>()
  for (const d of docs) {
    seen.add(d._id)
    const s = sums.get(d._id) ?? { sum: 0, n: 0 }
    if (s.sum !== d.balance || s.n !== d.seq) mismatches.push({ householdId: d._id, balance: d.balance, sum: s.sum, entries: s.n, seq: d.seq })
  }
  for (const [id, s] of sums) {
    if (!seen.has(id)) mismatches.push({ householdId: id, balance: null, sum: s.sum, entries: s.n, seq: null })
  }
  return { households: docs.length, mismatches }
}

/** Recomputes every claim's audit hash chain; any edited, removed or reordered entry is reported. */
export async function verifyAudit(): Promise<{ claims: number; entries: number; broken: Array<{ claimId: string; brokenAt: number | null }> }> {
  const [claims, entries] = await Promise.all([
    findAll<ClaimDoc>(COLLECTIONS.claims, {}, 1_000_000),
    findAll<AuditEntryDoc>(COLLECTIONS.auditEntries, {}, 5_000_000)
  ])
  const byClaim = new Map<string, AuditEntryDoc[]>()
  for (const e of entries) byClaim.set(e.claimId, [...(byClaim.get(e.claimId) ?? []), e])
  const broken: Array<{ claimId: string; brokenAt: number | null }> = []
  for (const c of claims) {
    const list = (byClaim.get(c._id) ?? []).sort((a, b) => a.seq - b.seq)
    const r = verifyChain(list, c.lastHash)
    if (!r.ok) broken.push({ claimId: c._id, brokenAt: r.brokenAt })
    byClaim.delete(c._id)
  }
  // Entries whose claim is gone are tampering too.
  for (const claimId of byClaim.keys()) broken.push({ claimId, brokenAt: 1 })
  return { claims: claims.length, entries: entries.length, broken }
}
