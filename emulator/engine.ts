/**
 * The emulator's engine: dispatches /admin actions to the database, storage, functions and WeChat fakes;
 * counts operations; injects faults; persists.
 */
import path from 'path'
import fs from 'fs'
import type { CollectionDef } from '../cloudfunctions/_shared/data/collections'
import { Database, RequestMeta, WhereInTransactionDetection, newDocId } from './database'
import { Doc, deepClone, isPlainObject } from './ejson'
import { EmulatorError, ErrorCodes } from './errors'
import { OpenApiCall, OpenApiFakes, OpenApiResult } from './wx-openapi'
import { FileStorage } from './storage'
import { DocId, Persister, Store } from './store'

export interface Engine {
  /** Operations served per wire action, e.g. {'database.getDocument': 3, ...}, plus 'total'. */
  counters(): Record<string, number>
  resetCounters(): void
  /** The Nth matching operation from now fails with EMULATOR_INJECTED_FAULT (a transaction it touches is aborted). */
  failNth(n: number, filter?: { action?: string; collection?: string }): void
  clearFaults(): void
  /** All docs of a collection (deep copies). */
  dump(collection: string): any[] // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Bulk load bypassing HTTP; all-or-nothing; unique indexes enforced. */
  insertRaw(collection: string, docs: any[]): void // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Bulk write bypassing HTTP: inserts or replaces each document by _id (test set-up). */
  putRaw(collection: string, docs: any[]): void // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Drops all documents, files, open transactions and recorded open API calls (keeps collection defs). */
  reset(): void
  flush(): Promise<void>
  openApiCalls(): Array<{ api: string; data: unknown; at: number }>
  storageFiles(): string[]
  /** Number of open (not expired) transactions. */
  openTransactions(): number
}

export type DispatchResult = { kind: 'json'; body: Record<string, unknown> } | { kind: 'raw'; body: Buffer; contentType: string }

interface Fault {
  remaining: number
  action?: string
  collection?: string
}

export interface EngineOptions {
  envId: string
  collections: CollectionDef[]
  dataFile?: string
  invokeFunction?: (name: string, event: unknown) => Promise<unknown>
  baseUrl: () => string
  whereInTransactionDetection?: WhereInTransactionDetection
  log?: (line: string) => void
}

let requestSeq = 0
export function newRequestId(): string {
  requestSeq += 1
  return `emu-${Date.now().toString(16)}-${requestSeq.toString(16)}`
}

export function storageDirFor(dataFile: string): string {
  const ext = path.extname(dataFile)
  return path.join(path.dirname(dataFile), `${path.basename(dataFile, ext)}-storage`)
}

export class EngineImpl implements Engine {
  readonly store: Store
  readonly db: Database
  readonly storage: FileStorage
  readonly wx: OpenApiFakes
  private readonly persister: Persister | null
  private counts: Record<string, number> = { total: 0 }
  private faults: Fault[] = []

  constructor(private readonly opts: EngineOptions) {
    this.store = new Store(opts.collections)
    if (opts.dataFile && fs.existsSync(opts.dataFile)) {
      this.store.load(fs.readFileSync(opts.dataFile, 'utf8'))
    }
    this.persister = opts.dataFile ? new Persister(opts.dataFile, () => this.store.serialize()) : null
    this.db = new Database(this.store, () => this.persister?.markDirty(), opts.whereInTransactionDetection ?? 'invocation')
    this.storage = new FileStorage(opts.envId, opts.dataFile ? storageDirFor(opts.dataFile) : null, opts.baseUrl)
    this.wx = new OpenApiFakes(opts.envId)
  }

  // ---- Engine API ---------------------------------------------------------------------------------------

  counters(): Record<string, number> {
    return { ...this.counts }
  }

  resetCounters(): void {
    this.counts = { total: 0 }
  }

  failNth(n: number, filter: { action?: string; collection?: string } = {}): void {
    if (!Number.isInteger(n) || n < 1) throw new Error('failNth: n must be a positive integer')
    this.faults.push({ remaining: n, action: filter.action, collection: filter.collection })
  }

  clearFaults(): void {
    this.faults = []
  }

  dump(collection: string): Doc[] {
    return this.store.dump(collection)
  }

  insertRaw(collection: string, docs: unknown[]): void {
    const changes = docs.map((d) => {
      if (!isPlainObject(d)) throw new Error('insertRaw: documents must be objects')
      const doc = deepClone(d)
      const id = (doc._id as DocId | undefined) ?? newDocId()
      return { collection, id, after: { ...doc, _id: id }, insert: true }
    })
    this.store.commit(changes)
    this.persister?.markDirty()
  }

  putRaw(collection: string, docs: unknown[]): void {
    const changes = docs.map((d) => {
      if (!isPlainObject(d) || typeof d._id !== 'string') throw new Error('putRaw: documents must be objects with an _id')
      const doc = deepClone(d)
      return { collection, id: doc._id as DocId, after: doc }
    })
    this.store.commit(changes)
    this.persister?.markDirty()
  }

  reset(): void {
    this.store.reset()
    this.db.resetTransactions()
    this.storage.clear()
    this.wx.calls.length = 0
    this.persister?.markDirty()
  }

  async flush(): Promise<void> {
    await this.persister?.flush()
  }

  openApiCalls(): OpenApiCall[] {
    return this.wx.calls.map((c) => ({ ...c }))
  }

  storageFiles(): string[] {
    return this.storage.list()
  }

  openTransactions(): number {
    return this.db.openTransactionCount()
  }

  stopPersistence(): void {
    this.persister?.cancel()
  }

  // ---- dispatch -----------------------------------------------------------------------------------------

  count(action: string): void {
    this.counts[action] = (this.counts[action] ?? 0) + 1
    this.counts.total += 1
  }

  /** True when an injected fault fires for this operation. */
  private faultFires(action: string, collection: unknown): boolean {
    let fires = false
    for (const f of this.faults) {
      if (f.action && f.action !== action) continue
      if (f.collection && f.collection !== collection) continue
      f.remaining -= 1
      if (f.remaining === 0) fires = true
    }
    this.faults = this.faults.filter((f) => f.remaining > 0)
    return fires
  }

  async dispatch(action: string, params: Record<string, unknown>, meta: RequestMeta): Promise<DispatchResult> {
    this.count(action)
    const requestId = newRequestId()
    if (this.faultFires(action, params.collectionName)) {
      this.db.poison(params.transactionId, 'injected fault')
      throw new EmulatorError(ErrorCodes.fault, `injected fault on ${action}${params.collectionName ? ` (${String(params.collectionName)})` : ''}`)
    }
    const [domain] = action.split('.')
    switch (domain) {
      case 'database': {
        const data = this.db.handle(action, params, meta)
        if (action === 'database.startTransaction') return { kind: 'json', body: { requestId, ...data } }
        if (action === 'database.commitTransaction' || action === 'database.abortTransaction') return { kind: 'json', body: { requestId } }
        return { kind: 'json', body: { requestId, data } }
      }
      case 'storage':
        return { kind: 'json', body: { requestId, data: this.storage.handle(action, params) } }
      case 'functions':
        if (action !== 'functions.invokeFunction') break
        return { kind: 'json', body: { requestId, data: await this.invoke(params) } }
      case 'wx':
        if (action === 'wx.api') return { kind: 'json', body: { requestId, data: await this.wxApi(params) } }
        if (action === 'wx.openApi') return this.wxOpenApi(params)
        break
      default:
        break
    }
    throw new EmulatorError(ErrorCodes.unsupported, `action ${action} is not supported by the local CloudBase emulator`)
  }

  private async invoke(p: Record<string, unknown>): Promise<Record<string, unknown>> {
    const name = String(p.function_name ?? '')
    if (!this.opts.invokeFunction) {
      throw new EmulatorError('FUNCTION_NOT_FOUND', `no invokeFunction handler configured in the emulator (function ${name})`)
    }
    const raw = typeof p.request_data === 'string' ? p.request_data : ''
    let event: unknown = {}
    if (raw) {
      try {
        event = JSON.parse(raw)
      } catch {
        throw new EmulatorError(ErrorCodes.invalidParam, 'request_data is not valid JSON')
      }
    }
    let result: unknown
    try {
      result = await this.opts.invokeFunction(name, event)
    } catch (e) {
      if (e instanceof EmulatorError) throw e
      this.opts.log?.(`function ${name} threw: ${(e as Error).stack ?? String(e)}`)
      throw new EmulatorError(ErrorCodes.functionFailed, `function ${name} failed: ${(e as Error).message ?? String(e)}`)
    }
    return { response_data: JSON.stringify(result === undefined ? null : result) }
  }

  private static toJson(r: OpenApiResult): Record<string, unknown> {
    return r.kind === 'json' ? r.body : { errcode: 0, errmsg: 'ok', contentType: r.contentType, buffer: r.body.toString('base64') }
  }

  private async wxApi(p: Record<string, unknown>): Promise<Record<string, unknown>> {
    const name = String(p.apiName ?? p.cgiName ?? '')
    const raw = typeof p.requestData === 'string' ? p.requestData : ''
    const data = raw ? (JSON.parse(raw) as unknown) : {}
    const r = await this.wx.call(name, data)
    return { responseData: JSON.stringify(EngineImpl.toJson(r)) }
  }

  private async wxOpenApi(p: Record<string, unknown>): Promise<DispatchResult> {
    const name = String(p.apiName ?? p.cgiName ?? '')
    const raw = p.requestData
    const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : typeof raw === 'string' ? raw : ''
    let data: unknown = {}
    if (text) {
      try {
        data = JSON.parse(text)
      } catch {
        throw new EmulatorError(ErrorCodes.unsupported, 'wx.openApi: only JSON requestData is supported by the emulator (not protobuf)')
      }
    }
    const r = await this.wx.call(name, data)
    if (r.kind === 'binary') return { kind: 'raw', body: r.body, contentType: r.contentType }
    return { kind: 'raw', body: Buffer.from(JSON.stringify(r.body)), contentType: 'application/octet-stream' }
  }

  /** Plain JSON endpoint POST /wxapi/<name>. */
  async plainWxApi(name: string, data: unknown): Promise<OpenApiResult> {
    this.count(`wxapi.${name}`)
    return this.wx.call(name, data)
  }
}
