import Taro from '@tarojs/taro'
import {
  contract,
  type ActionDef,
  type ActionName,
  type Envelope,
  type ErrorCode,
  type FnName,
  type Input,
  type Output
} from '../../types/contract'
import { gatewayUrl, isLocal } from '../utils/env'
import { friendlyMessage } from '../utils/form'
import { ensureCloud } from './cloud'
import { dataChanged } from './data-version'
import { clearErrorToast } from './toast'
import { getDevOpenid } from './session'

/** Client-only code for a request that never got an envelope back (no signal, timeout, gateway down). */
export type ClientErrorCode = 'NET.FAILED'
export type CallErrorCode = ErrorCode | ClientErrorCode

const NETWORK_MESSAGE = '网络不好，请检查网络后再试'

export class CallError extends Error {
  readonly code: CallErrorCode
  readonly details?: unknown
  constructor(code: CallErrorCode, message: string, details?: unknown) {
    super(message)
    this.name = 'CallError'
    this.code = code
    this.details = details
  }
}

export function isCallError(e: unknown): e is CallError {
  return e instanceof CallError
}

/** Turns anything thrown into a message a villager can read. */
export function errorText(e: unknown): string {
  if (isCallError(e)) return e.message
  return '系统出了点问题，请稍后再试'
}

/** A failure before any envelope arrived: the only kind that is retried. */
class TransportError extends Error {}

export interface CallOptions {
  /** Reuse when the same user intent may be submitted again (e.g. a form re-sent after an error). */
  requestId?: string
}

/** Retry pauses for transport failures (ms); tests set them to zero. */
export const callSettings = { backoffMs: [500, 1500, 3000], timeoutMs: 15000 }

export function newRequestId(): string {
  const rand = () => Math.floor(Math.random() * 0x7fffffff).toString(36)
  return `r${Date.now().toString(36)}${rand()}${rand()}`.slice(0, 40)
}

function isEnvelope(x: unknown): x is Envelope<unknown> {
  return typeof x === 'object' && x !== null && typeof (x as { ok?: unknown }).ok === 'boolean'
}

interface Event {
  action: string
  data: unknown
  requestId?: string
}

async function sendLocal(fn: string, event: Event): Promise<unknown> {
  const header: Record<string, string> = { 'content-type': 'application/json' }
  const openid = getDevOpenid()
  if (openid) header['x-cunshe-openid'] = openid
  let res: Taro.request.SuccessCallbackResult<string | Record<string, unknown> | ArrayBuffer>
  try {
    res = await Taro.request({
      url: `${gatewayUrl()}/api/${fn}`,
      method: 'POST',
      data: event,
      header,
      timeout: callSettings.timeoutMs,
      dataType: 'json'
    })
  } catch {
    throw new TransportError('request failed')
  }
  let body: unknown = res.data
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body)
    } catch {
      /* not JSON: handled below */
    }
  }
  if (isEnvelope(body)) return body
  // No envelope: a proxy or gateway failure. 5xx and 0 may heal on retry; anything else will not.
  if (!res.statusCode || res.statusCode >= 500) throw new TransportError(`http ${res.statusCode}`)
  return body
}

async function sendCloud(fn: string, event: Event): Promise<unknown> {
  try {
    ensureCloud()
    const res = await Taro.cloud.callFunction({ name: fn, data: { ...event } })
    return (res as { result?: unknown }).result
  } catch {
    throw new TransportError('callFunction failed')
  }
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve()
}

/**
 * Calls one action of one cloud function. Returns the action's output or throws CallError with the server's code and
 * Chinese message. Mutations carry one requestId for all their retries, so a retried request has exactly one effect.
 */
export async function call<F extends FnName, A extends ActionName<F>>(
  fn: F,
  action: A,
  input: Input<F, A>,
  opts: CallOptions = {}
): Promise<Output<F, A>> {
  const def = (contract[fn] as unknown as Record<string, ActionDef>)[action]
  if (!def) throw new CallError('ACTION.UNKNOWN', '不支持的操作')
  const parsed = def.input.safeParse(input)
  if (!parsed.success) {
    const first = parsed.error.issues[0]
    throw new CallError('INPUT.INVALID', first ? friendlyMessage(first) : '填写的内容有误，请检查后再试', parsed.error.issues)
  }
  const event: Event = { action, data: parsed.data }
  if (def.mutation) event.requestId = opts.requestId ?? newRequestId()
  const send = isLocal() ? sendLocal : sendCloud

  let body: unknown
  for (let attempt = 0; ; attempt++) {
    try {
      body = await send(fn, event)
      break
    } catch (e) {
      if (!(e instanceof TransportError)) throw e
      if (attempt >= callSettings.backoffMs.length) throw new CallError('NET.FAILED', NETWORK_MESSAGE)
      await sleep(callSettings.backoffMs[attempt] ?? 0)
    }
  }
  if (!isEnvelope(body)) throw new CallError('SYS.INTERNAL', '系统出了点问题，请稍后再试')
  if (body.ok) {
    if (def.mutation) {
      // A later success takes an earlier failure's message off the screen; every mounted query reloads.
      clearErrorToast()
      dataChanged()
    }
    return body.data as Output<F, A>
  }
  const { code, message, details } = body.error
  throw new CallError(code, message || '系统出了点问题，请稍后再试', details)
}
