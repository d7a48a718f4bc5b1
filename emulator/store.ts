/**
 * The embedded document store: one Map per collection keyed by _id, one Map per unique index, a per-document
 * commit version (kept after deletion, for transaction conflict checks) and JSON-file persistence.
 */
import fs from 'fs'
import path from 'path'
import type { CollectionDef, IndexDef } from '../cloudfunctions/_shared/data/collections'
import { Doc, decodeValue, deepClone, encodeValue, isPlainObject } from './ejson'
import { EmulatorError } from './errors'

export type DocId = string | number

interface UniqueIndex {
  def: IndexDef
  fields: string[]
  /** index key → owning _id */
  map: Map<string, DocId>
}

export interface CollectionState {
  name: string
  docs: Map<DocId, Doc>
  /** Commit sequence of the last committed write per _id (survives deletion). */
  versions: Map<DocId, number>
  unique: UniqueIndex[]
}

/** One committed change: `after === null` deletes, `before === null` inserts. */
export interface Change {
  collection: string
  id: DocId
  after: Doc | null
}

export function getPath(doc: unknown, dotted: string): unknown {
  let cur: unknown = doc
  for (const part of dotted.split('.')) {
    if (!isPlainObject(cur)) return undefined
    cur = cur[part]
  }
  return cur
}

function keyOf(v: unknown): unknown {
  if (v === undefined) return null
  if (v instanceof Date) return { $date: v.getTime() }
  if (v instanceof RegExp) return { $re: String(v) }
  if (Array.isArray(v)) return v.map(keyOf)
  if (isPlainObject(v)) {
    const out: Doc = {}
    for (const k of Object.keys(v).sort()) out[k] = keyOf(v[k])
    return out
  }
  return v
}

export class Store {
  readonly collections = new Map<string, CollectionState>()
  private readonly defs: CollectionDef[]
  seq = 0

  constructor(defs: CollectionDef[]) {
    this.defs = defs
    this.createAll()
  }

  private createAll(): void {
    this.collections.clear()
    for (const def of this.defs) {
      this.collections.set(def.name, {
        name: def.name,
        docs: new Map(),
        versions: new Map(),
        unique: def.indexes
          .filter((i) => i.unique)
          .map((i) => ({ def: i, fields: Object.keys(i.keys), map: new Map<string, DocId>() }))
      })
    }
  }

  reset(): void {
    this.createAll()
  }

  has(name: string): boolean {
    return this.collections.has(name)
  }

  coll(name: string): CollectionState {
    const c = this.collections.get(name)
    if (!c) {
      throw new EmulatorError(
        'DATABASE_COLLECTION_NOT_EXIST',
        `[ResourceNotFound] Db or Table not exist: collection "${name}" is not declared in cloudfunctions/_shared/data/collections.ts`
      )
    }
    return c
  }

  /** Creates a collection at run time (database.addCollection); no indexes. */
  addCollection(name: string): boolean {
    if (this.collections.has(name)) return false
    this.collections.set(name, { name, docs: new Map(), versions: new Map(), unique: [] })
    return true
  }

  version(collection: string, id: DocId): number {
    return this.coll(collection).versions.get(id) ?? 0
  }

  private indexKey(idx: UniqueIndex, doc: Doc): string {
    return JSON.stringify(idx.fields.map((f) => keyOf(getPath(doc, f))))
  }

  private duplicateError(collection: string, indexName: string, key: string): EmulatorError {
    return new EmulatorError(
      'DATABASE_DUPLICATE_WRITE',
      `E11000 duplicate key error collection: ${collection} index: ${indexName} dup key: ${key}`
    )
  }

  /**
   * Validates a batch of changes against _id uniqueness and the unique indexes, as if applied together;
   * throws DATABASE_DUPLICATE_WRITE without touching anything. `inserts` marks changes that must not replace an
   * existing document.
   */
  validate(changes: Array<Change & { insert?: boolean }>): void {
    // Per collection: overlay of index keys claimed/released by the batch.
    const byColl = new Map<string, Array<Change & { insert?: boolean }>>()
    for (const ch of changes) {
      const list = byColl.get(ch.collection) ?? []
      list.push(ch)
      byColl.set(ch.collection, list)
    }
    for (const [name, list] of byColl) {
      const c = this.coll(name)
      const touched = new Set<DocId>()
      for (const ch of list) {
        if (ch.insert && (c.docs.has(ch.id) || touched.has(ch.id))) {
          throw this.duplicateError(name, '_id_', JSON.stringify({ _id: ch.id }))
        }
        touched.add(ch.id)
      }
      for (const idx of c.unique) {
        const released = new Set<string>()
        for (const ch of list) {
          const before = c.docs.get(ch.id)
          if (before) released.add(this.indexKey(idx, before))
        }
        const claimed = new Map<string, DocId>()
        for (const ch of list) {
          if (!ch.after) continue
          const key = this.indexKey(idx, ch.after)
          const owner = idx.map.get(key)
          const ownerStillThere = owner !== undefined && owner !== ch.id && !(touched.has(owner) && released.has(key))
          if (ownerStillThere || (claimed.has(key) && claimed.get(key) !== ch.id)) {
            throw this.duplicateError(name, idx.def.name, key)
          }
          claimed.set(key, ch.id)
        }
      }
    }
  }

  /** Applies already validated changes; every change gets the same new commit sequence number. */
  apply(changes: Change[]): number {
    this.seq += 1
    const seq = this.seq
    for (const ch of changes) {
      const c = this.coll(ch.collection)
      const before = c.docs.get(ch.id)
      for (const idx of c.unique) {
        if (before) {
          const k = this.indexKey(idx, before)
          if (idx.map.get(k) === ch.id) idx.map.delete(k)
        }
      }
      if (ch.after) {
        const doc = { ...ch.after, _id: ch.id }
        c.docs.set(ch.id, doc)
        for (const idx of c.unique) idx.map.set(this.indexKey(idx, doc), ch.id)
      } else {
        c.docs.delete(ch.id)
      }
      c.versions.set(ch.id, seq)
    }
    return seq
  }

  /** Validate + apply. */
  commit(changes: Array<Change & { insert?: boolean }>): number {
    this.validate(changes)
    return this.apply(changes)
  }

  // ---- persistence -------------------------------------------------------------------------------------

  serialize(): string {
    const collections: Record<string, unknown[]> = {}
    for (const [name, c] of this.collections) {
      collections[name] = [...c.docs.values()].map((d) => encodeValue(d))
    }
    const extra = [...this.collections.keys()].filter((n) => !this.defs.some((d) => d.name === n))
    return JSON.stringify({ format: 'cunshe-emulator/1', seq: this.seq, extraCollections: extra, collections })
  }

  load(text: string): void {
    const parsed = JSON.parse(text) as { seq?: number; extraCollections?: string[]; collections?: Record<string, unknown[]> }
    this.createAll()
    for (const name of parsed.extraCollections ?? []) this.addCollection(name)
    this.seq = parsed.seq ?? 0
    for (const [name, docs] of Object.entries(parsed.collections ?? {})) {
      if (!this.collections.has(name)) this.addCollection(name)
      const changes = docs.map((d) => {
        const doc = decodeValue(d) as Doc
        return { collection: name, id: doc._id as DocId, after: doc, insert: true }
      })
      try {
        this.commit(changes)
      } catch (e) {
        // e.g. a unique index was added to collections.ts and the saved data violates it (CloudBase would refuse it too)
        throw new EmulatorError((e as EmulatorError).code ?? 'SYS_ERR', `cannot load collection ${name} from the data file: ${(e as Error).message}`)
      }
    }
  }

  dump(collection: string): Doc[] {
    return [...this.coll(collection).docs.values()].map((d) => deepClone(d))
  }
}

/** Debounced atomic JSON writer. */
export class Persister {
  private timer: NodeJS.Timeout | null = null
  private firstDirtyAt = 0
  private writing: Promise<void> = Promise.resolve()
  private dirty = false

  constructor(
    private readonly file: string,
    private readonly snapshot: () => string,
    private readonly debounceMs = 200,
    private readonly maxWaitMs = 2000
  ) {}

  markDirty(): void {
    const now = Date.now()
    if (!this.dirty) this.firstDirtyAt = now
    this.dirty = true
    if (this.timer) clearTimeout(this.timer)
    const wait = Math.max(0, Math.min(this.debounceMs, this.firstDirtyAt + this.maxWaitMs - now))
    this.timer = setTimeout(() => {
      this.timer = null
      void this.flush()
    }, wait)
    this.timer.unref()
  }

  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer)
      this.timer = null
    }
    const run = async (): Promise<void> => {
      if (!this.dirty) return
      this.dirty = false
      const text = this.snapshot()
      await fs.promises.mkdir(path.dirname(this.file), { recursive: true })
      const tmp = `${this.file}.${process.pid}.${Date.now()}.tmp`
      await fs.promises.writeFile(tmp, text)
      await fs.promises.rename(tmp, this.file)
    }
    this.writing = this.writing.then(run, run)
    return this.writing
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }
}
