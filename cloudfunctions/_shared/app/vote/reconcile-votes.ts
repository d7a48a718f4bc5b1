import { COLLECTIONS } from '../../data/collections'
import { db } from '../../runtime/cloud'

export interface VoteMismatch {
  entryId: string
  counted: number
  records: number
}

async function groupAll(collection: string, match: object, fields: Record<string, unknown>): Promise<Array<Record<string, number> & { _id: string }>> {
  const out: Array<Record<string, number> & { _id: string }> = []
  for (let skip = 0; ; skip += 1000) {
    const res = (await db().collection(collection).aggregate().match(match).group({ _id: '$entryId', ...fields }).sort({ _id: 1 }).skip(skip).limit(1000).end()) as {
      data?: Array<Record<string, number> & { _id: string }>
      list?: Array<Record<string, number> & { _id: string }>
    }
    const rows = res.data ?? res.list ?? []
    out.push(...rows)
    if (rows.length < 1000) break
  }
  return out
}

/** Proves the vote invariant for every entry: Σ counter shards == number of valid, not voided vote records. */
export async function reconcileVotes(): Promise<{ entries: number; mismatches: VoteMismatch[] }> {
  const $ = db().command.aggregate
  const [counters, records] = await Promise.all([
    groupAll(COLLECTIONS.voteCounters, {}, { n: $.sum('$n') }),
    groupAll(COLLECTIONS.voteRecords, { state: 'valid', voided: false }, { n: $.sum(1) })
  ])
  const byRecords = new Map(records.map((r) => [r._id, r.n]))
  const mismatches: VoteMismatch[] = []
  const seen = new Set<string>()
  for (const c of counters) {
    seen.add(c._id)
    const n = byRecords.get(c._id) ?? 0
    if (n !== c.n) mismatches.push({ entryId: c._id, counted: c.n, records: n })
  }
  for (const [entryId, n] of byRecords) if (!seen.has(entryId)) mismatches.push({ entryId, counted: 0, records: n })
  return { entries: counters.length, mismatches }
}
