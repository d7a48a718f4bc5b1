import { COLLECTIONS } from '../../data/collections'
import type { AuditEntryDoc, ClaimDoc, ClaimState } from '../../data/points-records'
import { chainHash } from '../../domain/hash-chain'
import type { Tx } from '../../runtime/tx'

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
