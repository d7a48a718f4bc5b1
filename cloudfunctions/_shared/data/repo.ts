import { db } from '../runtime/cloud'

/** Thin helpers over the SDK for the read patterns every use case needs. */

export async function getById<T>(collection: string, id: string): Promise<T | null> {
  const res = (await db().collection(collection).doc(id).get()) as { data?: unknown[] }
  return ((res.data ?? [])[0] as T) ?? null
}

export async function getByIds<T extends { _id: string }>(collection: string, ids: string[]): Promise<Map<string, T>> {
  const unique = [...new Set(ids.filter(Boolean))]
  const out = new Map<string, T>()
  const _ = db().command
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500)
    const res = (await db().collection(collection).where({ _id: _.in(chunk) }).limit(1000).get()) as { data: T[] }
    for (const d of res.data) out.set(d._id, d)
  }
  return out
}

export interface FindOptions {
  orderBy?: Array<[string, 'asc' | 'desc']>
  offset?: number
  limit?: number
  fields?: Record<string, boolean>
}

/** One page (≤ 1000, CloudBase's hard cap per get). */
export async function findPage<T>(collection: string, where: object, opts: FindOptions = {}): Promise<T[]> {
  let q = db().collection(collection).where(where)
  for (const [f, dir] of opts.orderBy ?? []) q = q.orderBy(f, dir)
  if (opts.fields) q = q.field(opts.fields)
  if (opts.offset) q = q.skip(opts.offset)
  q = q.limit(Math.min(opts.limit ?? 100, 1000))
  const res = (await q.get()) as { data: T[] }
  return res.data
}

/**
 * Every matching document, paging by _id in chunks of 1000 so large villages never hit the per-query cap.
 * `max` bounds the work; callers that might exceed it must page themselves.
 */
export async function findAll<T extends { _id: string }>(collection: string, where: object, max = 20000): Promise<T[]> {
  const _ = db().command
  const out: T[] = []
  let after: string | null = null
  for (;;) {
    const cond: object = after === null ? where : _.and([where, { _id: _.gt(after) }])
    const res = (await db().collection(collection).where(cond).orderBy('_id', 'asc').limit(1000).get()) as { data: T[] }
    out.push(...res.data)
    if (res.data.length < 1000 || out.length >= max) break
    after = res.data[res.data.length - 1]._id
  }
  return out
}

export async function count(collection: string, where: object): Promise<number> {
  const res = (await db().collection(collection).where(where).count()) as { total: number }
  return res.total
}

export function iso(d: Date | string | null | undefined): string {
  if (!d) return new Date(0).toISOString()
  return (d instanceof Date ? d : new Date(d)).toISOString()
}
