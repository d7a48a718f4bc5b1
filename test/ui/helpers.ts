import type { Envelope } from '../../types/contract'
import { cloud, taroMock } from './mocks/taro'
import { callSettings } from '../../src/services/call'

type Handler = (data: unknown, event: { action: string; requestId?: string }) => Envelope<unknown> | Promise<Envelope<unknown>>

/** Routes Taro.cloud.callFunction by `fn.action` to handlers returning envelopes; unknown actions fail loudly. */
export function mockFunctions(handlers: Record<string, Handler>) {
  cloud.callFunction.mockImplementation(async (opts: { name: string; data: { action: string; data: unknown; requestId?: string } }) => {
    const key = `${opts.name}.${opts.data.action}`
    const h = handlers[key]
    if (!h) return { result: { ok: false, error: { code: 'ACTION.UNKNOWN', message: `no mock for ${key}` } } }
    return { result: await h(opts.data.data, opts.data) }
  })
}

export function ok<T>(data: T): Envelope<T> {
  return { ok: true, data }
}

export function fail(code: string, message: string, details?: unknown): Envelope<never> {
  return { ok: false, error: { code, message, details } as never }
}

/** Calls made to one action, as the events the function received. */
export function callsTo(key: string): Array<{ action: string; data: unknown; requestId?: string }> {
  return cloud.callFunction.mock.calls
    .map((c: [{ name: string; data: { action: string; data: unknown; requestId?: string } }]) => c[0])
    .filter((o: { name: string; data: { action: string } }) => `${o.name}.${o.data.action}` === key)
    .map((o: { data: { action: string; data: unknown; requestId?: string } }) => o.data)
}

export function resetAll() {
  taroMock.reset()
  // First-use privacy consent already given (test/ui/notice-privacy.test.tsx covers the notice itself).
  taroMock.storage.set('cunshe.privacyAgreed', '1')
  callSettings.backoffMs = [0, 0, 0]
  delete process.env.TARO_APP_LOCAL
  delete process.env.TARO_APP_GATEWAY
  Reflect.deleteProperty(process.env, 'TARO_ENV')
}
