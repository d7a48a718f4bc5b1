/**
 * Local CloudBase emulator: an HTTP server on 127.0.0.1 that the unmodified @cloudbase/node-sdk talks to,
 * redirected by environment variables only (see sdkEnv()). See emulator/README.md for protocol coverage.
 */
import type { AddressInfo } from 'net'
import type { CollectionDef } from '../cloudfunctions/_shared/data/collections'
import type { WhereInTransactionDetection } from './database'
import { Engine, EngineImpl } from './engine'
import { createHttpServer } from './server'

export type { Engine } from './engine'
export type { WhereInTransactionDetection } from './database'
export { ErrorCodes, EmulatorError } from './errors'
export { RISKY_MARKER } from './wx-openapi'
export { TRANSACTION_LIFETIME_MS, MAX_LIMIT, DEFAULT_LIMIT } from './database'

export interface EmulatorOptions {
  /** 0 or undefined = random free port */
  port?: number
  /** default 'cunshe-local' */
  envId?: string
  /** default 'local-secret-id' */
  secretId?: string
  /** default 'local-secret-key' */
  secretKey?: string
  /** JSON file to persist the store; undefined = in-memory only. Files go to a sibling `<name>-storage/` folder. */
  dataFile?: string
  /** Collections to create; unique indexes are enforced. Other collections do not exist. */
  collections: CollectionDef[]
  /** Backs functions.invokeFunction (app.callFunction). */
  invokeFunction?: (name: string, event: unknown) => Promise<unknown>
  /** Base for storage download/upload URLs; default the server's own http://127.0.0.1:port */
  publicBaseUrl?: string
  /**
   * How to catch where().update()/remove()/count() issued inside a transaction (the SDK sends them without the
   * transactionId): 'invocation' (default) rejects them when the same invocation (TCB_SEQID) has an open
   * transaction; 'global' also rejects them when ANY open transaction has touched that collection (only for
   * sequential tests); 'off' disables the heuristic. where().get() inside a transaction is always rejected.
   */
  whereInTransactionDetection?: WhereInTransactionDetection
  /** Diagnostics sink (internal errors, function failures). */
  log?: (line: string) => void
}

export interface Emulator {
  /** http://127.0.0.1:PORT */
  url: string
  port: number
  envId: string
  /** Every env var the unmodified SDK needs to reach this emulator. */
  sdkEnv(): Record<string, string>
  engine: Engine
  /** Flushes persistence, closes the server. */
  stop(): Promise<void>
}

export async function startEmulator(opts: EmulatorOptions): Promise<Emulator> {
  const envId = opts.envId ?? 'cunshe-local'
  const secretId = opts.secretId ?? 'local-secret-id'
  const secretKey = opts.secretKey ?? 'local-secret-key'
  let url = ''
  const engine = new EngineImpl({
    envId,
    collections: opts.collections,
    dataFile: opts.dataFile,
    invokeFunction: opts.invokeFunction,
    baseUrl: () => (opts.publicBaseUrl ?? url).replace(/\/$/, ''),
    whereInTransactionDetection: opts.whereInTransactionDetection,
    log: opts.log
  })
  const server = createHttpServer(engine, { secretId, secretKey, log: opts.log })
  server.keepAliveTimeout = 5000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  url = `http://127.0.0.1:${port}`
  let stopped = false

  return {
    url,
    port,
    envId,
    engine,
    sdkEnv: () => sdkEnvFor({ url, envId, secretId, secretKey }),
    async stop() {
      if (stopped) return
      stopped = true
      await engine.flush()
      engine.stopPersistence()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    }
  }
}

/**
 * Environment for @cloudbase/node-sdk to use the emulator:
 * - TCB_CONTEXT_CNFG.URL redirects every /admin request (buildUrl prefers it over the real endpoint);
 * - TENCENTCLOUD_SECRETID/SECRETKEY are read on every request and sign it;
 * - TENCENTCLOUD_RUNENV=SCF + TENCENTCLOUD_REGION skip the metadata.tencentyun.com probes (offline + fast);
 * - SCF_NAMESPACE/TCB_ENV make `init({ env: tcb.SYMBOL_CURRENT_ENV })` resolve to envId (and silence the SDK's
 *   "missing SCF_NAMESPACE" error log); TCB_CONTEXT_KEYS lets a per-invocation TCB_SEQID reach the request's seqId.
 */
export function sdkEnvFor(o: { url: string; envId: string; secretId: string; secretKey: string }): Record<string, string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${o.url}/admin` }),
    TENCENTCLOUD_SECRETID: o.secretId,
    TENCENTCLOUD_SECRETKEY: o.secretKey,
    TENCENTCLOUD_SESSIONTOKEN: '',
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    SCF_NAMESPACE: o.envId,
    TCB_ENV: o.envId,
    TCB_CONTEXT_KEYS: 'TCB_ENV,TCB_SEQID'
  }
}
