import { createHash } from 'crypto'
import { z } from 'zod'
import { contract, eventSchema, type ActionDef, type ActionName, type Envelope, type FnName, type Output, type ParsedInput } from '../../../types/contract'
import { ERROR_MESSAGES, type ErrorCode } from '../../../types/contract/errors'
import { COLLECTIONS } from '../data/collections'
import type { RequestDoc } from '../data/records'
import { enforceAccess, type AccessResult } from './access'
import { AppError } from './app-error'
import { resolveCaller, type Caller } from './caller'
import { db, invocationEnv } from './cloud'
import { invocationNow } from './clock'
import { isDuplicate, runTx, txGet, type Tx, type TxOptions } from './tx'

export interface Ctx {
  fn: string
  action: string
  /** WeChat openid from the function context; '' for timer triggers and system calls. */
  openid: string
  /** True for timer triggers (no user). */
  system: boolean
  now: Date
  requestId: string | undefined
  /**
   * True when this mutation's transaction already committed in an earlier attempt whose answer was not
   * recorded (the process died in between): pre-checks outside ctx.tx must be skipped, ctx.tx returns the
   * stored result.
   */
  replay: boolean
  /**
   * An id derived from this request (fn, action, caller, requestId): a retried or duplicated request makes
   * the same document instead of a second one. Random for queries and timer work.
   */
  stableId(prefix: string, salt?: string): string
  /** The bound member calling; throws AUTH.UNBOUND when the openid is not bound. */
  caller(): Promise<Caller>
  /**
   * One transaction for a mutation: retries conflicts, and (for a mutation with a requestId) records the
   * result inside the same transaction so a retry returns it instead of acting twice.
   */
  tx<T>(work: (tx: Tx) => Promise<T>, opts?: TxOptions): Promise<T>
  /** What the runtime resolved while enforcing the action's declared access (targets in input order). */
  access: AccessResult
}

export type Handler<F extends FnName, A extends ActionName<F>> = (input: ParsedInput<F, A>, ctx: Ctx) => Promise<Output<F, A>>
export type Handlers<F extends FnName> = { [A in ActionName<F>]: Handler<F, A> }

function zodMessage(e: z.ZodError): string {
  const issue = e.issues[0]
  if (!issue) return ERROR_MESSAGES['INPUT.INVALID']
  // zod's built-in English messages are replaced by the generic Chinese one; ours are already Chinese.
  return /[\u4e00-\u9fa5]/.test(issue.message) ? issue.message : ERROR_MESSAGES['INPUT.INVALID']
}

function requestKey(fn: string, action: string, openid: string, requestId: string): string {
  return createHash('sha256').update(`${fn}|${action}|${openid}|${requestId}`).digest('hex').slice(0, 40)
}

const errorEnvelope = (code: ErrorCode, details?: unknown, message?: string): Envelope<never> => ({
  ok: false,
  error: { code, message: message ?? ERROR_MESSAGES[code], ...(details === undefined ? {} : { details }) }
})

/** Reports unexpected errors without leaking them to the caller; replaced in tests. */
export let reportInternalError: (e: unknown, where: string) => void = (e, where) => {
  process.stderr.write(`[cunshe] internal error in ${where}: ${e instanceof Error ? e.stack : String(e)}\n`)
}
export function setInternalErrorReporter(fn: (e: unknown, where: string) => void) {
  reportInternalError = fn
}

/**
 * Builds a deployed function's entry from its handlers: validates the event and input, takes the caller
 * from the function context (never the event), dedupes mutations by requestId and maps every failure to
 * the envelope with a stable code. Nothing but an envelope ever leaves.
 */
export function createHandler<F extends FnName>(fn: F, handlers: Handlers<F>) {
  const actions = contract[fn] as Record<string, ActionDef>
  return async function main(event: unknown, context: unknown): Promise<Envelope<unknown>> {
    const where = `${fn}`
    try {
      const parsedEvent = eventSchema.safeParse(event)
      if (!parsedEvent.success) return errorEnvelope('INPUT.INVALID', undefined, zodMessage(parsedEvent.error))
      const { action, requestId } = parsedEvent.data
      const def = Object.prototype.hasOwnProperty.call(actions, action) ? actions[action] : undefined
      const handler = (handlers as Record<string, Handler<F, ActionName<F>>>)[action]
      if (!def || !handler) return errorEnvelope('ACTION.UNKNOWN')
      const input = def.input.safeParse(parsedEvent.data.data ?? {})
      if (!input.success) {
        return errorEnvelope('INPUT.INVALID', input.error.issues.map((i) => ({ path: i.path.join('.'), message: zodMessage(new z.ZodError([i])) })), zodMessage(input.error))
      }
      if (def.mutation && !requestId) return errorEnvelope('INPUT.INVALID', undefined, '缺少请求编号，请刷新后重试')

      const env = invocationEnv(context)
      const openid = env.WX_OPENID || env.OPENID || ''
      const system = !openid && (env.TRIGGER_SRC === 'timer' || env.CUNSHE_SYSTEM === '1')
      if (!openid && !system) return errorEnvelope('AUTH.UNBOUND')
      const now = invocationNow(env)
      const key = def.mutation && requestId && !def.dedupedByIds ? requestKey(fn, action, openid, requestId) : undefined

      let replay = false
      let txResult: unknown = null
      if (key) {
        const prior = (await db().collection(COLLECTIONS.requests).doc(key).get()) as { data?: RequestDoc[] }
        const done = prior.data?.[0]
        if (done?.final) return { ok: true, data: done.data }
        replay = !!done
      }

      let callerPromise: Promise<Caller> | undefined
      const ctx: Ctx = {
        fn,
        action,
        openid,
        system,
        now,
        requestId,
        replay,
        stableId: (prefix, salt = '') =>
          `${prefix}${createHash('sha1').update(`${fn}|${action}|${openid}|${requestId ?? Math.random()}|${salt}`).digest('hex').slice(0, 16)}`,
        caller: () => {
          if (system) return Promise.reject(new AppError('AUTH.FORBIDDEN'))
          callerPromise ??= resolveCaller(openid)
          return callerPromise
        },
        access: { targets: [], self: false },
        tx: async <T>(work: (tx: Tx) => Promise<T>, opts?: TxOptions) => {
          if (!key) return runTx(work, opts)
          try {
            return await runTx(async (tx) => {
              // A concurrent duplicate that committed first makes this read see it (or this add conflict).
              const seen = await txGet<RequestDoc>(tx, COLLECTIONS.requests, key)
              if (seen) throw new DuplicateRequest(seen.txData)
              const result = await work(tx)
              const rec: RequestDoc = { _id: key, fn, action, openid, txData: result as unknown, data: null, final: false, at: now }
              await tx.collection(COLLECTIONS.requests).add(rec)
              txResult = result
              return result
            }, opts)
          } catch (e) {
            if (e instanceof DuplicateRequest) {
              txResult = e.data
              return e.data as T
            }
            if (isDuplicate(e)) {
              const again = (await db().collection(COLLECTIONS.requests).doc(key).get()) as { data?: RequestDoc[] }
              if (again.data?.[0]) return again.data[0].txData as T
            }
            throw e
          }
        }
      }

      // The action's declared access, before anything of the handler runs.
      ctx.access = await enforceAccess(def.access, input.data, { system, caller: ctx.caller })

      let data: unknown
      try {
        data = await handler(input.data as ParsedInput<F, ActionName<F>>, ctx)
      } catch (e) {
        // A twin of this request (same requestId) may have finished meanwhile: answer as it did.
        if (key && e instanceof AppError) {
          const twin = (await db().collection(COLLECTIONS.requests).doc(key).get()) as { data?: RequestDoc[] }
          if (twin.data?.[0]?.final) return { ok: true, data: twin.data[0].data }
        }
        throw e
      }
      const out = def.output.safeParse(data)
      if (!out.success) {
        reportInternalError(out.error, `${where}.${action} output`)
        return errorEnvelope('SYS.INTERNAL')
      }
      if (key) {
        // Remember the final answer so a retry returns it without running anything. Mutations that did not
        // use ctx.tx are idempotent by deterministic ids; the record is for their answer only.
        const rec: Omit<RequestDoc, '_id'> = { fn, action, openid, txData: txResult, data: out.data, final: true, at: now }
        await db().collection(COLLECTIONS.requests).doc(key).set(rec)
      }
      return { ok: true, data: out.data }
    } catch (e) {
      if (e instanceof AppError) return errorEnvelope(e.code, e.details, e.message)
      reportInternalError(e, where)
      return errorEnvelope('SYS.INTERNAL')
    }
  }
}

class DuplicateRequest extends Error {
  constructor(readonly data: unknown) {
    super('duplicate request')
  }
}

/**
 * Entry for timer-triggered functions: no user, no event contract; the work runs as the system with the
 * invocation's clock. Failures are reported and returned as an envelope (the timer retries next tick).
 */
export function createTimerHandler(name: string, work: (ctx: Ctx) => Promise<unknown>) {
  return async function main(_event: unknown, context: unknown): Promise<Envelope<unknown>> {
    try {
      const env = invocationEnv(context)
      // Only the timer trigger runs this work: a user (or anything with an openid) calling it is refused.
      if (env.TRIGGER_SRC !== 'timer' || env.WX_OPENID || env.OPENID) return errorEnvelope('AUTH.FORBIDDEN')
      const ctx: Ctx = {
        fn: name,
        action: 'timer',
        openid: '',
        system: true,
        now: invocationNow(env),
        requestId: undefined,
        replay: false,
        stableId: (prefix) => `${prefix}${Math.random().toString(36).slice(2, 12)}${Date.now().toString(36)}`,
        caller: () => Promise.reject(new AppError('AUTH.FORBIDDEN')),
        tx: (work2, opts) => runTx(work2, opts),
        access: { targets: [], self: false }
      }
      return { ok: true, data: await work(ctx) }
    } catch (e) {
      if (e instanceof AppError) return errorEnvelope(e.code, e.details, e.message)
      reportInternalError(e, name)
      return errorEnvelope('SYS.INTERNAL')
    }
  }
}
