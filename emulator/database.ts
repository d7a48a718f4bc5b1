/**
 * The `database.*` actions of the CloudBase /admin protocol over the Store, with snapshot-isolated,
 * first-writer-wins single-document transactions.
 */
import crypto from 'crypto'
import { Aggregator, Context, ProcessingMode, Query, update as mingoUpdate } from 'mingo'
import { Doc, deepClone, deepEqual, isPlainObject, parseEJSON, stringifyEJSON } from './ejson'
import { EmulatorError, ErrorCodes } from './errors'
import { Change, DocId, Store } from './store'

// The package's `exports` map has this subpath but its types are not reachable with node10 resolution.
// eslint-disable-next-line @typescript-eslint/no-require-imports, @typescript-eslint/no-var-requires
const fullContext = (require('mingo/init/context') as { default: () => Context }).default

export const TRANSACTION_LIFETIME_MS = 30_000
export const MAX_LIMIT = 1000
export const DEFAULT_LIMIT = 100

export type WhereInTransactionDetection = 'invocation' | 'global' | 'off'

export interface RequestMeta {
  /** TCB_SEQID of the calling invocation (prefix of the `seqId` query parameter), if the caller set one. */
  invocationKey: string | null
}

interface ReadEntry {
  doc: Doc | null
  version: number
}

interface WriteEntry {
  collection: string
  id: DocId
  baseVersion: number
  baseExisted: boolean
  after: Doc | null
}

interface Transaction {
  id: string
  startedAt: number
  startSeq: number
  invocationKey: string | null
  state: 'open' | 'committed' | 'aborted'
  abortReason?: string
  reads: Map<string, ReadEntry>
  writes: Map<string, WriteEntry>
  collections: Set<string>
}

type Params = Record<string, unknown>

const DOCUMENT_ACTIONS = new Set([
  'database.insertDocument',
  'database.getDocument',
  'database.calculateDocument',
  'database.modifyDocument',
  'database.modifyAndReturnDoc',
  'database.removeDocument',
  'database.aggregateDocuments'
])

const docKey = (collection: string, id: DocId): string => `${collection}\u0000${typeof id}:${String(id)}`

let idPool = Buffer.alloc(0)
let idPoolPos = 0

/** 32 hex chars, like CloudBase's generated _id (random bytes drawn from a pool: one syscall per 4096 ids). */
export function newDocId(): string {
  if (idPoolPos + 16 > idPool.length) {
    idPool = crypto.randomBytes(16 * 4096)
    idPoolPos = 0
  }
  idPoolPos += 16
  return idPool.toString('hex', idPoolPos - 16, idPoolPos)
}

// ---- ordering (BSON type order, enough for sorting) -------------------------------------------------------

function typeRank(v: unknown): number {
  if (v === undefined || v === null) return 1
  const t = typeof v
  if (t === 'number') return 2
  if (t === 'string') return 3
  if (t === 'boolean') return 8
  if (v instanceof Date) return 9
  if (Array.isArray(v)) return 5
  if (v instanceof RegExp) return 11
  if (Buffer.isBuffer(v)) return 6
  return 4
}

export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a)
  const rb = typeRank(b)
  if (ra !== rb) return ra - rb
  switch (ra) {
    case 1:
      return 0
    case 2:
      return (a as number) - (b as number)
    case 3:
      return a === b ? 0 : (a as string) < (b as string) ? -1 : 1
    case 8:
      return Number(a) - Number(b)
    case 9:
      return (a as Date).getTime() - (b as Date).getTime()
    default: {
      const sa = JSON.stringify(a)
      const sb = JSON.stringify(b)
      return sa === sb ? 0 : sa < sb ? -1 : 1
    }
  }
}

function getParts(doc: unknown, parts: string[]): unknown {
  let cur: unknown = doc
  for (const part of parts) {
    if (!isPlainObject(cur)) return undefined
    cur = cur[part]
  }
  return cur
}

/** The first `k` documents in (stable) sort order; a bounded insertion buffer when k is small. */
function topK(docs: Doc[], order: Record<string, number>, k: number): Doc[] {
  const specs = Object.entries(order).map(([f, d]) => ({ parts: f.split('.'), dir: Number(d) < 0 ? -1 : 1 }))
  if (specs.length === 0) return docs.slice(0, k)
  if (k <= 0) return []
  const single = specs.length === 1 ? specs[0] : null
  const keyOf = single ? (d: Doc): unknown => getParts(d, single.parts) : (d: Doc): unknown => specs.map((s) => getParts(d, s.parts))
  const cmp = single
    ? (a: unknown, b: unknown): number => compareValues(a, b) * single.dir
    : (a: unknown, b: unknown): number => {
        const x = a as unknown[]
        const y = b as unknown[]
        for (let i = 0; i < specs.length; i++) {
          const c = compareValues(x[i], y[i])
          if (c !== 0) return c * specs[i].dir
        }
        return 0
      }
  if (k * 8 >= docs.length) {
    return docs
      .map((d) => ({ d, key: keyOf(d) }))
      .sort((x, y) => cmp(x.key, y.key))
      .slice(0, k)
      .map((x) => x.d)
  }
  const best: Array<{ d: Doc; key: unknown }> = []
  for (const d of docs) {
    const key = keyOf(d)
    if (best.length === k && cmp(key, best[k - 1].key) >= 0) continue
    // upper bound: after equal elements, which keeps the order stable
    let lo = 0
    let hi = best.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cmp(key, best[mid].key) < 0) hi = mid
      else lo = mid + 1
    }
    best.splice(lo, 0, { d, key })
    if (best.length > k) best.pop()
  }
  return best.map((x) => x.d)
}

/**
 * A fast predicate for queries made only of equality on scalar values: true/false, or undefined when an array
 * on the path needs MongoDB's array semantics (then mingo decides). Null for any other query.
 */
function simpleEquality(q: Doc): ((d: Doc) => boolean | undefined) | null {
  const entries = Object.entries(q).map(([k, v]) => [k.split('.'), v] as const)
  for (const [parts, v] of entries) {
    if (parts[0].startsWith('$')) return null
    if (!(typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) return null
  }
  return (d) => {
    for (const [parts, v] of entries) {
      let cur: unknown = d
      for (const part of parts) {
        if (Array.isArray(cur)) return undefined
        if (!isPlainObject(cur)) {
          cur = undefined
          break
        }
        cur = cur[part]
      }
      if (cur === v) continue
      if (Array.isArray(cur)) return undefined
      return false
    }
    return true
  }
}

// ---- update helpers ---------------------------------------------------------------------------------------

function isOperatorObject(v: unknown): boolean {
  return isPlainObject(v) && Object.keys(v).length > 0 && Object.keys(v).every((k) => k.startsWith('$'))
}

function setPath(doc: Doc, dotted: string, value: unknown): void {
  const parts = dotted.split('.')
  let cur: Doc = doc
  for (let i = 0; i < parts.length - 1; i++) {
    const next = cur[parts[i]]
    if (!isPlainObject(next)) cur[parts[i]] = {}
    cur = cur[parts[i]] as Doc
  }
  cur[parts[parts.length - 1]] = value
}

export class Database {
  private readonly transactions = new Map<string, Transaction>()
  /** doc key → id of the OPEN transaction that has written it */
  private readonly writers = new Map<string, string>()
  private readonly context = fullContext()

  constructor(
    private readonly store: Store,
    private readonly onWrite: () => void,
    private readonly whereDetection: WhereInTransactionDetection = 'invocation'
  ) {}

  private mingoOptions(): Record<string, unknown> {
    return {
      context: this.context,
      idKey: '_id',
      processingMode: ProcessingMode.CLONE_INPUT,
      collectionResolver: (name: string) => [...this.store.coll(name).docs.values()]
    }
  }

  // ---- public entry -------------------------------------------------------------------------------------

  handle(action: string, p: Params, meta: RequestMeta): Record<string, unknown> {
    switch (action) {
      case 'database.startTransaction':
        return this.startTransaction(meta)
      case 'database.commitTransaction':
        return this.commitTransaction(String(p.transactionId ?? ''))
      case 'database.abortTransaction':
        return this.abortTransaction(String(p.transactionId ?? ''))
      case 'database.addCollection':
      case 'database.createCollection': {
        const name = String(p.collectionName ?? '')
        if (!name) throw new EmulatorError(ErrorCodes.invalidParam, 'collectionName is required')
        if (!this.store.addCollection(name)) {
          throw new EmulatorError('DATABASE_COLLECTION_ALREADY_EXIST', `collection ${name} already exists`)
        }
        this.onWrite()
        return {}
      }
      default:
        break
    }
    if (!DOCUMENT_ACTIONS.has(action)) {
      throw new EmulatorError(ErrorCodes.unsupported, `action ${action} is not supported by the local CloudBase emulator`)
    }
    const collection = String(p.collectionName ?? '')
    this.store.coll(collection) // throws DATABASE_COLLECTION_NOT_EXIST
    const txId = typeof p.transactionId === 'string' && p.transactionId ? p.transactionId : null
    const queryType = p.queryType === 'DOC' ? 'DOC' : 'WHERE'

    if (txId) {
      const tx = this.openTx(txId)
      tx.collections.add(collection)
      const whereOp = queryType === 'WHERE' && action !== 'database.insertDocument'
      if (whereOp || action === 'database.modifyAndReturnDoc' || action === 'database.calculateDocument' || action === 'database.aggregateDocuments') {
        this.abort(tx, 'where-in-transaction')
        throw new EmulatorError(
          ErrorCodes.whereInTransaction,
          `${action} with a where() query inside transaction ${tx.id}: CloudBase transactions only support single-document ` +
            'operations (doc().get/set/update/remove, add). The transaction has been aborted.'
        )
      }
      return this.handleInTx(tx, action, collection, p)
    }

    if (this.whereDetection !== 'off') this.detectWhereInTx(action, collection, queryType, meta)

    switch (action) {
      case 'database.insertDocument':
        return this.insert(collection, p)
      case 'database.getDocument':
        return this.get(collection, p)
      case 'database.calculateDocument':
        return { total: this.match(collection, this.query(p)).length }
      case 'database.modifyDocument':
        return this.modify(collection, p)
      case 'database.modifyAndReturnDoc':
        return this.modifyAndReturn(collection, p)
      case 'database.removeDocument':
        return this.remove(collection, p)
      case 'database.aggregateDocuments':
        return this.aggregate(collection, p)
      default:
        throw new EmulatorError(ErrorCodes.unsupported, `action ${action} is not supported by the local CloudBase emulator`)
    }
  }

  /** Aborts the open transaction named in params (used by fault injection). */
  poison(txId: unknown, reason: string): void {
    if (typeof txId !== 'string') return
    const tx = this.transactions.get(txId)
    if (tx && tx.state === 'open') this.abort(tx, reason)
  }

  openTransactionCount(): number {
    let n = 0
    for (const tx of this.transactions.values()) if (tx.state === 'open' && !this.expired(tx)) n++
    return n
  }

  resetTransactions(): void {
    this.transactions.clear()
    this.writers.clear()
  }

  // ---- where-in-transaction detection -------------------------------------------------------------------

  private detectWhereInTx(action: string, collection: string, queryType: string, meta: RequestMeta): void {
    const multiDocWrite =
      ((action === 'database.modifyDocument' || action === 'database.removeDocument') && queryType === 'WHERE') ||
      action === 'database.calculateDocument' ||
      action === 'database.modifyAndReturnDoc'
    if (!multiDocWrite) return
    for (const tx of this.transactions.values()) {
      if (tx.state !== 'open' || this.expired(tx)) continue
      const sameInvocation = meta.invocationKey !== null && tx.invocationKey === meta.invocationKey
      const globalHit = this.whereDetection === 'global' && tx.collections.has(collection)
      if (sameInvocation || globalHit) {
        this.abort(tx, 'where-in-transaction')
        throw new EmulatorError(
          ErrorCodes.whereInTransaction,
          `${action} (where() query on ${collection}) arrived while transaction ${tx.id} of the same invocation is open: ` +
            'the SDK sends where().update()/remove()/count() OUTSIDE the transaction. Use doc(id) operations in a ' +
            'transaction, or a conditional atomic update outside it. The transaction has been aborted.'
        )
      }
    }
  }

  // ---- non-transactional operations ---------------------------------------------------------------------

  private query(p: Params): Doc {
    const q = p.query === undefined || p.query === null || p.query === '' ? {} : parseEJSON(p.query)
    if (!isPlainObject(q)) throw new EmulatorError(ErrorCodes.invalidParam, 'query must be an object')
    return q
  }

  private docIdFromQuery(p: Params): DocId {
    const q = this.query(p)
    const id = q._id
    if (typeof id !== 'string' && typeof id !== 'number') {
      throw new EmulatorError(ErrorCodes.invalidParam, 'a DOC query must name a string or number _id')
    }
    return id
  }

  private compile(q: Doc): Query {
    try {
      return new Query(q, this.mingoOptions())
    } catch (e) {
      throw new EmulatorError(ErrorCodes.requestFailed, `invalid query: ${(e as Error).message}`)
    }
  }

  /** Matching stored documents (live references, in insertion order). */
  private match(collection: string, q: Doc, firstOnly = false): Doc[] {
    const c = this.store.coll(collection)
    const query = this.compile(q)
    const id = q._id
    if (typeof id === 'string' || typeof id === 'number') {
      const d = c.docs.get(id)
      return d && query.test(d) ? [d] : []
    }
    const fast = simpleEquality(q)
    const out: Doc[] = []
    for (const d of c.docs.values()) {
      const quick = fast ? fast(d) : undefined
      if (quick === true || (quick === undefined && query.test(d))) {
        out.push(d)
        if (firstOnly) break
      }
    }
    return out
  }

  private project(docs: Doc[], projection: unknown): Doc[] {
    if (!isPlainObject(projection) || Object.keys(projection).length === 0) return docs.map((d) => deepClone(d))
    try {
      return new Query({}, this.mingoOptions()).find<Doc>(docs, projection).all()
    } catch (e) {
      throw new EmulatorError(ErrorCodes.requestFailed, `invalid projection: ${(e as Error).message}`)
    }
  }

  private get(collection: string, p: Params): Record<string, unknown> {
    const q = this.query(p)
    const order = p.order ? (parseEJSON(p.order) as Record<string, number>) : {}
    const offset = Math.max(0, Number(p.offset ?? 0) || 0)
    const rawLimit = p.limit === undefined || p.limit === null ? DEFAULT_LIMIT : Number(p.limit)
    const limit = Math.min(MAX_LIMIT, Math.max(0, Number.isFinite(rawLimit) && rawLimit > 0 ? rawLimit : DEFAULT_LIMIT))
    const page = topK(this.match(collection, q), order, offset + limit).slice(offset)
    const projection = p.projection ? parseEJSON(p.projection) : undefined
    return { list: this.project(page, projection).map(stringifyEJSON), limit, offset }
  }

  private insert(collection: string, p: Params): Record<string, unknown> {
    const items = Array.isArray(p.data) ? p.data : [p.data]
    const now = Date.now()
    const ids: DocId[] = []
    // Ordered insert (like MongoDB insertMany): documents before a failing one stay inserted.
    for (const item of items) {
      const doc = parseEJSON(item, now)
      if (!isPlainObject(doc)) throw new EmulatorError(ErrorCodes.invalidParam, 'each inserted document must be an object')
      const id = (doc._id as DocId | undefined) ?? newDocId()
      this.store.commit([{ collection, id, after: { ...doc, _id: id }, insert: true }])
      this.onWrite()
      ids.push(id)
    }
    return { insertedIds: ids }
  }

  /** Computes the new state of one document, or null when the update is not applicable. */
  private applyUpdate(current: Doc, data: unknown, merge: boolean): Doc {
    if (!isPlainObject(data)) throw new EmulatorError(ErrorCodes.invalidParam, 'update data must be an object')
    const keys = Object.keys(data)
    const hasOps = keys.some((k) => k.startsWith('$'))
    if (!merge) {
      if (hasOps) throw new EmulatorError(ErrorCodes.requestFailed, 'update operators are not allowed in set() (replace)')
      return { ...deepClone(data), _id: current._id }
    }
    if (hasOps && !keys.every((k) => k.startsWith('$'))) {
      throw new EmulatorError(ErrorCodes.requestFailed, 'cannot mix update operators and plain fields')
    }
    const expr: Doc = hasOps ? data : { $set: data }
    const next = deepClone(current)
    for (const op of Object.keys(expr)) {
      const args = expr[op]
      if (isPlainObject(args) && Object.keys(args).some((k) => k === '_id' || k.startsWith('_id.'))) {
        throw new EmulatorError(ErrorCodes.requestFailed, 'cannot update _id')
      }
      try {
        mingoUpdate(next, { [op]: args } as Parameters<typeof mingoUpdate>[1])
      } catch (e) {
        throw new EmulatorError(ErrorCodes.requestFailed, `update failed: ${(e as Error).message}`)
      }
    }
    return next
  }

  private upsertBase(q: Doc): Doc {
    const base: Doc = {}
    for (const [k, v] of Object.entries(q)) {
      if (k.startsWith('$') || isOperatorObject(v) || v instanceof RegExp) continue
      setPath(base, k, deepClone(v))
    }
    return base
  }

  private modify(collection: string, p: Params): Record<string, unknown> {
    const now = Date.now()
    const q = this.query(p)
    const data = parseEJSON(p.data, now)
    const merge = p.merge !== false
    const multi = p.queryType !== 'DOC' && p.multi !== false
    const matched = this.match(collection, q, !multi)
    if (matched.length === 0) {
      if (p.upsert !== true) return { updated: 0 }
      const base = this.upsertBase(q)
      const id = (base._id as DocId | undefined) ?? newDocId()
      const after = merge ? this.applyUpdate({ ...base, _id: id }, data, true) : this.applyUpdate({ _id: id }, data, false)
      this.store.commit([{ collection, id, after: { ...after, _id: id }, insert: true }])
      this.onWrite()
      return { updated: 0, upsert_id: id }
    }
    let updated = 0
    // Per-document writes (like MongoDB updateMany): a failure leaves earlier documents updated.
    for (const doc of matched) {
      const after = this.applyUpdate(doc, data, merge)
      if (deepEqual(after, doc)) continue
      this.store.commit([{ collection, id: doc._id as DocId, after }])
      updated++
    }
    if (updated > 0) this.onWrite()
    return { updated }
  }

  private modifyAndReturn(collection: string, p: Params): Record<string, unknown> {
    const now = Date.now()
    const q = this.query(p)
    const data = parseEJSON(p.data, now)
    const [doc] = this.match(collection, q, true)
    if (!doc) return { updated: 0, doc: null }
    const after = this.applyUpdate(doc, data, true)
    const changed = !deepEqual(after, doc)
    if (changed) {
      this.store.commit([{ collection, id: doc._id as DocId, after }])
      this.onWrite()
    }
    return { updated: changed ? 1 : 0, doc: stringifyEJSON(after) }
  }

  private remove(collection: string, p: Params): Record<string, unknown> {
    const q = this.query(p)
    const multi = p.queryType !== 'DOC' && p.multi !== false
    const matched = this.match(collection, q, !multi)
    if (matched.length === 0) return { deleted: 0 }
    this.store.commit(matched.map((d) => ({ collection, id: d._id as DocId, after: null })))
    this.onWrite()
    return { deleted: matched.length }
  }

  private aggregate(collection: string, p: Params): Record<string, unknown> {
    const stages = Array.isArray(p.stages) ? (p.stages as Array<{ stageKey: string; stageValue: string }>) : []
    const now = Date.now()
    const pipeline = stages.map((s) => ({ [s.stageKey]: parseEJSON(s.stageValue, now) }))
    for (const stage of pipeline) {
      const key = Object.keys(stage)[0]
      if (key === '$out' || key === '$merge') {
        throw new EmulatorError(ErrorCodes.requestFailed, `${key} is not supported in CloudBase aggregate`)
      }
    }
    let input: Doc[]
    const first = pipeline[0]
    if (first && isPlainObject(first.$match)) {
      input = this.match(collection, first.$match)
      pipeline.shift()
    } else {
      input = [...this.store.coll(collection).docs.values()]
    }
    let result: Doc[]
    try {
      result = new Aggregator(pipeline, this.mingoOptions()).run(input) as Doc[]
    } catch (e) {
      throw new EmulatorError(ErrorCodes.requestFailed, `aggregate failed: ${(e as Error).message}`)
    }
    return { list: result.map(stringifyEJSON) }
  }

  // ---- transactions -------------------------------------------------------------------------------------

  private expired(tx: Transaction): boolean {
    return Date.now() - tx.startedAt > TRANSACTION_LIFETIME_MS
  }

  private startTransaction(meta: RequestMeta): Record<string, unknown> {
    // Forget finished transactions after a while.
    const now = Date.now()
    for (const [id, tx] of this.transactions) {
      if (tx.state !== 'open' && now - tx.startedAt > 2 * TRANSACTION_LIFETIME_MS) this.transactions.delete(id)
      else if (tx.state === 'open' && this.expired(tx)) this.abort(tx, 'expired')
    }
    const tx: Transaction = {
      id: `${now.toString(16)}-${crypto.randomBytes(8).toString('hex')}`,
      startedAt: now,
      startSeq: this.store.seq,
      invocationKey: meta.invocationKey,
      state: 'open',
      reads: new Map(),
      writes: new Map(),
      collections: new Set()
    }
    this.transactions.set(tx.id, tx)
    return { transactionId: tx.id }
  }

  private openTx(id: string): Transaction {
    const tx = this.transactions.get(id)
    if (!tx) {
      throw new EmulatorError(ErrorCodes.transactionFail, `[ResourceUnavailable.TransactionNotExist] transaction ${id} does not exist`)
    }
    if (tx.state === 'open' && this.expired(tx)) this.abort(tx, 'expired')
    if (tx.state !== 'open') {
      const why = tx.abortReason === 'expired' ? `exceeded the ${TRANSACTION_LIFETIME_MS / 1000}s lifetime and was aborted` : `is ${tx.state}${tx.abortReason ? ` (${tx.abortReason})` : ''}`
      throw new EmulatorError(ErrorCodes.transactionFail, `[ResourceUnavailable.TransactionNotExist] transaction ${id} ${why}`)
    }
    return tx
  }

  private abort(tx: Transaction, reason: string): void {
    if (tx.state !== 'open') return
    tx.state = 'aborted'
    tx.abortReason = reason
    for (const [k, holder] of [...this.writers]) if (holder === tx.id) this.writers.delete(k)
  }

  private conflict(tx: Transaction, collection: string, id: DocId, why: string): EmulatorError {
    this.abort(tx, 'conflict')
    return new EmulatorError(
      ErrorCodes.conflict,
      `database transaction conflict on ${collection}/${String(id)}: ${why} (transaction ${tx.id} aborted)`
    )
  }

  private committed(collection: string, id: DocId): ReadEntry {
    const c = this.store.coll(collection)
    const d = c.docs.get(id)
    return { doc: d ? deepClone(d) : null, version: c.versions.get(id) ?? 0 }
  }

  /** Snapshot read: own writes, else the version seen at the first read, else the committed version now. */
  private txRead(tx: Transaction, collection: string, id: DocId): Doc | null {
    const k = docKey(collection, id)
    const w = tx.writes.get(k)
    if (w) return w.after
    let r = tx.reads.get(k)
    if (!r) {
      r = this.committed(collection, id)
      tx.reads.set(k, r)
    }
    return r.doc
  }

  /** Current state as the transaction would see it, without recording a read. */
  private txPeek(tx: Transaction, collection: string, id: DocId): Doc | null {
    const k = docKey(collection, id)
    const w = tx.writes.get(k)
    if (w) return w.after
    const r = tx.reads.get(k)
    if (r) return r.doc
    return this.store.coll(collection).docs.get(id) ?? null
  }

  private txWrite(tx: Transaction, collection: string, id: DocId, mutate: (current: Doc | null) => Doc | null): void {
    const k = docKey(collection, id)
    const holder = this.writers.get(k)
    if (holder && holder !== tx.id) {
      const other = this.transactions.get(holder)
      if (other && other.state === 'open' && this.expired(other)) this.abort(other, 'expired')
      if (other && other.state === 'open') throw this.conflict(tx, collection, id, `written by open transaction ${other.id}`)
    }
    let w = tx.writes.get(k)
    if (!w) {
      const nowVersion = this.store.version(collection, id)
      const r = tx.reads.get(k)
      if (r) {
        if (nowVersion !== r.version) throw this.conflict(tx, collection, id, 'committed by someone else since this transaction read it')
      } else if (nowVersion > tx.startSeq) {
        throw this.conflict(tx, collection, id, 'committed by someone else since this transaction started')
      }
      const base = r ?? this.committed(collection, id)
      if (!r) tx.reads.set(k, base)
      w = { collection, id, baseVersion: nowVersion, baseExisted: base.doc !== null, after: base.doc ? deepClone(base.doc) : null }
      tx.writes.set(k, w)
      this.writers.set(k, tx.id)
    }
    w.after = mutate(w.after)
  }

  private handleInTx(tx: Transaction, action: string, collection: string, p: Params): Record<string, unknown> {
    const now = Date.now()
    switch (action) {
      case 'database.getDocument': {
        const id = this.docIdFromQuery(p)
        const doc = this.txRead(tx, collection, id)
        const projection = p.projection ? parseEJSON(p.projection) : undefined
        return { list: doc ? this.project([doc], projection).map(stringifyEJSON) : [] }
      }
      case 'database.insertDocument': {
        const items = Array.isArray(p.data) ? p.data : [p.data]
        const ids: DocId[] = []
        for (const item of items) {
          const doc = parseEJSON(item, now)
          if (!isPlainObject(doc)) throw new EmulatorError(ErrorCodes.invalidParam, 'each inserted document must be an object')
          const id = (doc._id as DocId | undefined) ?? newDocId()
          this.txWrite(tx, collection, id, (current) => {
            if (current) {
              this.abort(tx, 'duplicate')
              throw new EmulatorError(
                ErrorCodes.duplicate,
                `E11000 duplicate key error collection: ${collection} index: _id_ dup key: ${JSON.stringify({ _id: id })} (transaction ${tx.id} aborted)`
              )
            }
            return { ...doc, _id: id }
          })
          ids.push(id)
        }
        return { insertedIds: ids }
      }
      case 'database.modifyDocument': {
        const id = this.docIdFromQuery(p)
        const data = parseEJSON(p.data, now)
        const merge = p.merge !== false
        const existing = this.txPeek(tx, collection, id)
        if (!existing && p.upsert !== true) return { updated: 0 }
        let updated = 0
        let upsertId: DocId | undefined
        try {
          this.txWrite(tx, collection, id, (current) => {
            if (!current) {
              upsertId = id
              return this.applyUpdate({ _id: id }, data, merge)
            }
            const after = this.applyUpdate(current, data, merge)
            if (!deepEqual(after, current)) updated = 1
            return after
          })
        } catch (e) {
          if (e instanceof EmulatorError && e.code !== ErrorCodes.conflict) this.abort(tx, e.code)
          throw e
        }
        return upsertId !== undefined ? { updated, upsert_id: upsertId } : { updated }
      }
      case 'database.removeDocument': {
        const id = this.docIdFromQuery(p)
        const existing = this.txPeek(tx, collection, id)
        if (!existing) return { deleted: 0 }
        this.txWrite(tx, collection, id, () => null)
        return { deleted: 1 }
      }
      default:
        throw new EmulatorError(ErrorCodes.unsupported, `action ${action} is not supported inside a transaction by the local CloudBase emulator`)
    }
  }

  private commitTransaction(id: string): Record<string, unknown> {
    const tx = this.openTx(id)
    const changes: Array<Change & { insert?: boolean }> = []
    for (const w of tx.writes.values()) {
      if (this.store.version(w.collection, w.id) !== w.baseVersion) {
        throw this.conflict(tx, w.collection, w.id, 'committed by someone else before this transaction committed')
      }
      if (!w.baseExisted && w.after === null) continue
      changes.push({ collection: w.collection, id: w.id, after: w.after, insert: !w.baseExisted && w.after !== null })
    }
    try {
      if (changes.length > 0) this.store.commit(changes)
    } catch (e) {
      this.abort(tx, 'commit failed')
      throw e
    }
    tx.state = 'committed'
    for (const [k, holder] of [...this.writers]) if (holder === tx.id) this.writers.delete(k)
    if (changes.length > 0) this.onWrite()
    return {}
  }

  private abortTransaction(id: string): Record<string, unknown> {
    const tx = this.transactions.get(id)
    if (!tx) throw new EmulatorError(ErrorCodes.transactionFail, `[ResourceUnavailable.TransactionNotExist] transaction ${id} does not exist`)
    if (tx.state === 'committed') throw new EmulatorError(ErrorCodes.transactionFail, `transaction ${id} is already committed`)
    this.abort(tx, 'aborted by client')
    return {}
  }

  /** For tests: collection docs by query without HTTP. */
  find(collection: string, q: Doc): Doc[] {
    return this.match(collection, q).map((d) => deepClone(d))
  }
}
