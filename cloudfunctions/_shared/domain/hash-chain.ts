import { createHash } from 'crypto'

export const GENESIS_HASH = '0'.repeat(64)

export interface ChainedFields {
  claimId: string
  seq: number
  at: Date | string
  by: string
  action: string
  from: string | null
  to: string
  reason: string | null
}

/** Canonical text of an audit entry: fixed key order, ISO time, so the hash is reproducible anywhere. */
export function canonical(e: ChainedFields): string {
  const at = (e.at instanceof Date ? e.at : new Date(e.at)).toISOString()
  return JSON.stringify([e.claimId, e.seq, at, e.by, e.action, e.from, e.to, e.reason])
}

export function chainHash(prevHash: string, e: ChainedFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonical(e)).digest('hex')
}

/** Verifies a claim's entries (sorted by seq): contiguous seqs, each hash over its predecessor. */
export function verifyChain(entries: Array<ChainedFields & { prevHash: string; hash: string }>, lastHash: string): { ok: boolean; brokenAt: number | null } {
  let prev = GENESIS_HASH
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]
    if (e.seq !== i + 1 || e.prevHash !== prev || chainHash(prev, e) !== e.hash) return { ok: false, brokenAt: e.seq }
    prev = e.hash
  }
  if (prev !== lastHash) return { ok: false, brokenAt: entries.length + 1 }
  return { ok: true, brokenAt: null }
}

/** Hash of any append-only record over its predecessor's hash (fixed field order, JSON with ISO times). */
export function recordHash(prevHash: string, parts: Array<string | number | null | Date>): string {
  const text = JSON.stringify(parts.map((p) => (p instanceof Date ? p.toISOString() : p)))
  return createHash('sha256').update(prevHash).update('\n').update(text).digest('hex')
}
