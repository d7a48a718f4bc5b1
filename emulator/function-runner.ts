/**
 * Runs the deployed function bundles (dist/functions/<fn>/index.js) in this process, the way SCF would:
 * each invocation gets its own environment (WX_OPENID, TCB_SEQID, the clock) through the function context
 * AND through a per-invocation view of process.env (AsyncLocalStorage), so concurrent invocations never
 * see each other's identity — whichever way the code reads it.
 */
import { AsyncLocalStorage } from 'async_hooks'
import { randomUUID } from 'crypto'
import { join } from 'path'

type Main = (event: unknown, context: unknown) => Promise<unknown>

const als = new AsyncLocalStorage<Record<string, string>>()
let installed = false

/** Makes process.env consult the current invocation's overrides first. Idempotent. */
export function installPerInvocationEnv(): void {
  if (installed) return
  installed = true
  const base = process.env
  process.env = new Proxy(base, {
    set(target, key, value) {
      ;(target as Record<string, string>)[key as string] = String(value)
      return true
    },
    deleteProperty(target, key) {
      delete (target as Record<string, string>)[key as string]
      return true
    },
    get(target, key) {
      const store = als.getStore()
      if (store && typeof key === 'string' && Object.prototype.hasOwnProperty.call(store, key)) return store[key]
      return Reflect.get(target, key)
    },
    has(target, key) {
      const store = als.getStore()
      return (!!store && typeof key === 'string' && key in store) || Reflect.has(target, key)
    },
    ownKeys(target) {
      const store = als.getStore()
      return [...new Set([...Reflect.ownKeys(target), ...(store ? Object.keys(store) : [])])]
    },
    getOwnPropertyDescriptor(target, key) {
      const store = als.getStore()
      if (store && typeof key === 'string' && Object.prototype.hasOwnProperty.call(store, key)) {
        return { value: store[key], writable: true, enumerable: true, configurable: true }
      }
      return Reflect.getOwnPropertyDescriptor(target, key)
    }
  }) as NodeJS.ProcessEnv
}

export interface InvokeAs {
  /** The WeChat user; omitted for timer/system invocations. */
  openid?: string
  /** Timer trigger (no user). */
  timer?: boolean
  /** Invocation clock (local only; honoured because CUNSHE_LOCAL=1). */
  now?: Date
}

export interface FunctionRunner {
  invoke(name: string, event: unknown, as?: InvokeAs): Promise<unknown>
  names(): string[]
}

export const APPID = 'wx-cunshe-local'

/**
 * Loads function entries: by default the esbuild bundles in dist/functions (what gets deployed);
 * tests may pass explicit mains.
 */
export function createFunctionRunner(opts: { functionsDir?: string; mains?: Record<string, Main>; names?: readonly string[] } = {}): FunctionRunner {
  installPerInvocationEnv()
  process.env.CUNSHE_LOCAL = '1'
  const dir = opts.functionsDir ?? join(__dirname, '..', 'dist', 'functions')
  const cache = new Map<string, Main>(Object.entries(opts.mains ?? {}))
  const load = (name: string): Main | undefined => {
    if (cache.has(name)) return cache.get(name)
    if (opts.names && !opts.names.includes(name)) return undefined
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(join(dir, name, 'index.js')) as { main?: Main }
      if (typeof mod.main !== 'function') return undefined
      cache.set(name, mod.main)
      return mod.main
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && String((e as Error).message).includes(join(dir, name))) return undefined
      throw e
    }
  }
  return {
    names: () => [...cache.keys()],
    async invoke(name, event, as = {}) {
      const main = load(name)
      if (!main) throw Object.assign(new Error(`function ${name} not found`), { code: 'FUNCTION_NOT_FOUND' })
      const seq = randomUUID().replace(/-/g, '')
      const env: Record<string, string> = { TCB_SEQID: seq, WX_APPID: APPID }
      if (as.openid) Object.assign(env, { WX_OPENID: as.openid, OPENID: as.openid, WX_UNIONID: '', TCB_UUID: as.openid })
      if (as.timer) env.TRIGGER_SRC = 'timer'
      if (as.now) env.CUNSHE_NOW = as.now.toISOString()
      const context = {
        request_id: seq,
        function_name: name,
        function_version: '$LATEST',
        namespace: process.env.SCF_NAMESPACE ?? 'cunshe-local',
        memory_limit_in_mb: 256,
        time_limit_in_ms: 60000,
        environment: JSON.stringify(env)
      }
      // A fresh copy of the event: functions must not depend on the caller keeping or sharing it.
      const evt = event === undefined ? {} : JSON.parse(JSON.stringify(event))
      return als.run(env, () => main(evt, context))
    }
  }
}
