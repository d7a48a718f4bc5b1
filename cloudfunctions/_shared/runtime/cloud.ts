import tcb from '@cloudbase/node-sdk'

type App = ReturnType<typeof tcb.init>
let app: App | undefined

/**
 * The one CloudBase app of this function instance. In CloudBase the env comes from the runtime;
 * locally the emulator sets TCB_CONTEXT_CNFG/SCF_NAMESPACE so the same call reaches loopback.
 */
export function cloud(): App {
  if (!app) {
    app = tcb.init({ env: process.env.TCB_ENV || process.env.SCF_NAMESPACE || tcb.SYMBOL_CURRENT_ENV, timeout: 15000 })
  }
  return app
}

export function db() {
  return cloud().database()
}

export type Db = ReturnType<typeof db>
export type Cmd = Db['command']

/** Reads the invocation's environment (openid etc.), context first, never the event. */
export function invocationEnv(context: unknown): Record<string, string | undefined> {
  const ctx = context && typeof context === 'object' ? (context as Record<string, unknown>) : undefined
  const safe = ctx && (typeof ctx.environment === 'string' || typeof ctx.environ === 'string') ? ctx : undefined
  return tcb.getCloudbaseContext(safe as never) as unknown as Record<string, string | undefined>
}
