/**
 * Recorded fakes of the WeChat open APIs the project uses (cloud-call style names and HTTPS paths both accepted).
 */
import { encodePng } from './png'
import { EmulatorError, ErrorCodes } from './errors'

export interface OpenApiCall {
  api: string
  data: unknown
  at: number
}

export type OpenApiResult = { kind: 'json'; body: Record<string, unknown> } | { kind: 'binary'; body: Buffer; contentType: string }

/** Text containing this marker is judged risky by the msgSecCheck fake. */
export const RISKY_MARKER = '违禁测试'

const ALIASES: Record<string, string> = {
  'security.msgSecCheck': 'security.msgSecCheck',
  msgSecCheck: 'security.msgSecCheck',
  '/wxa/msg_sec_check': 'security.msgSecCheck',
  'wxa/msg_sec_check': 'security.msgSecCheck',
  'subscribeMessage.send': 'subscribeMessage.send',
  '/cgi-bin/message/subscribe/send': 'subscribeMessage.send',
  'cgi-bin/message/subscribe/send': 'subscribeMessage.send',
  'wxacode.getUnlimited': 'wxacode.getUnlimited',
  '/wxa/getwxacodeunlimit': 'wxacode.getUnlimited',
  'wxa/getwxacodeunlimit': 'wxacode.getUnlimited',
  'riskControl.getUserRiskRank': 'riskControl.getUserRiskRank',
  '/wxa/getuserriskrank': 'riskControl.getUserRiskRank',
  'wxa/getuserriskrank': 'riskControl.getUserRiskRank',
  'cloudbase.getOpenData': 'cloudbase.getOpenData',
  '/wxa/getopendata': 'cloudbase.getOpenData',
  'wxa/getopendata': 'cloudbase.getOpenData'
}

/** Openids containing this marker get the highest risk rank from the riskControl fake. */
export const RISKY_OPENID_MARKER = 'risky'

/** The fake's risk rank (0–4): fixed per openid, 4 for marked ones, so reports are reproducible. */
export function fakeRiskRank(openid: string): number {
  if (openid.includes(RISKY_OPENID_MARKER)) return 4
  let h = 0
  for (const ch of openid) h = (h * 31 + ch.charCodeAt(0)) >>> 0
  return h % 3
}

/** WeChat's length limits per subscribe-message field kind (the key's letters: thing1 → thing). */
const SUBSCRIBE_LIMITS: Record<string, number> = { thing: 20, phrase: 5, name: 10, character_string: 32, number: 32, time: 30, date: 30, letter: 32, symbol: 5, amount: 32, car_number: 8, phone_number: 17 }

/** A fake getGroupEnterInfo cloudID for a group: `emu-group:<opengid>` (the app's local fake returns these). */
export const FAKE_GROUP_CLOUD_ID_PREFIX = 'emu-group:'

export function canonicalApiName(name: string): string | null {
  return ALIASES[name] ?? null
}

/** Grayscale PNG of a square bit matrix (true = black), scaled to about `width` px with a 1-module margin. */
function matrixPng(size: number, dark: (x: number, y: number) => boolean, width: number): Buffer {
  const modules = size + 2
  const scale = Math.max(1, Math.floor(width / modules))
  const px = modules * scale
  const raw = Buffer.alloc((px + 1) * px, 255)
  for (let y = 0; y < px; y++) {
    raw[y * (px + 1)] = 0 // filter: none
    const my = Math.floor(y / scale) - 1
    for (let x = 0; x < px; x++) {
      const mx = Math.floor(x / scale) - 1
      if (mx >= 0 && my >= 0 && mx < size && my < size && dark(mx, my)) raw[y * (px + 1) + 1 + x] = 0
    }
  }
  return encodePng(px, px, 'gray', raw)
}

/** A real, scannable QR code PNG: the `qrcode` package builds the matrix, node's zlib encodes the PNG. */
function qrPng(text: string, width: number): Buffer {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports, @typescript-eslint/no-var-requires
    const qrcode = require('qrcode') as { create: (t: string) => { modules: { size: number; get: (r: number, c: number) => number | boolean } } }
    const { modules } = qrcode.create(text)
    return matrixPng(modules.size, (x, y) => Boolean(modules.get(y, x)), width)
  } catch {
    // Without the package: a plain placeholder image (not a QR code).
    return matrixPng(21, (x, y) => (x + y) % 2 === 0, width)
  }
}

export class OpenApiFakes {
  readonly calls: OpenApiCall[] = []
  /** Openids whose subscribe messages are refused with 43101 (the user did not subscribe / refused). */
  readonly refusingSubscribe = new Set<string>()

  constructor(private readonly envId: string) {}

  async call(name: string, data: unknown): Promise<OpenApiResult> {
    const api = canonicalApiName(name)
    if (!api) {
      throw new EmulatorError(ErrorCodes.unsupported, `WeChat open API ${name} is not faked by the local CloudBase emulator`)
    }
    this.calls.push({ api, data, at: Date.now() })
    const d = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>
    switch (api) {
      case 'security.msgSecCheck': {
        const content = String(d.content ?? '')
        const risky = content.includes(RISKY_MARKER)
        const traceId = `emulator-${Date.now().toString(16)}`
        if (Number(d.version) === 2) {
          const suggest = risky ? 'risky' : 'pass'
          const label = risky ? 20001 : 100
          return {
            kind: 'json',
            body: {
              errcode: 0,
              errmsg: 'ok',
              result: { suggest, label },
              detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: risky ? 90 : 0 }],
              trace_id: traceId
            }
          }
        }
        // v1 semantics: risky content is an error code.
        return { kind: 'json', body: risky ? { errcode: 87014, errmsg: 'risky content' } : { errcode: 0, errmsg: 'ok' } }
      }
      case 'riskControl.getUserRiskRank': {
        const openid = String(d.openid ?? '')
        if (!openid || Number(d.scene) !== 1 && Number(d.scene) !== 0) return { kind: 'json', body: { errcode: 40003, errmsg: 'invalid openid or scene' } }
        return { kind: 'json', body: { errcode: 0, errmsg: 'getuserriskrank succ', risk_rank: fakeRiskRank(openid), unoin_id: Date.now() } }
      }
      case 'subscribeMessage.send': {
        if (!d.touser || !(d.template_id ?? d.templateId)) return { kind: 'json', body: { errcode: 40003, errmsg: 'invalid openid or template_id' } }
        if (this.refusingSubscribe.has(String(d.touser))) return { kind: 'json', body: { errcode: 43101, errmsg: 'user refuse to accept the msg' } }
        const fields = (typeof d.data === 'object' && d.data !== null ? d.data : {}) as Record<string, { value?: unknown }>
        for (const [key, f] of Object.entries(fields)) {
          const kind = key.replace(/\d+$/, '')
          const limit = SUBSCRIBE_LIMITS[kind]
          const value = String(f?.value ?? '')
          if (limit !== undefined && (Array.from(value).length > limit || !value)) return { kind: 'json', body: { errcode: 47003, errmsg: `argument invalid! data.${key}.value invalid` } }
        }
        return { kind: 'json', body: { errcode: 0, errmsg: 'ok' } }
      }
      case 'cloudbase.getOpenData': {
        const list = Array.isArray(d.cloudid_list) ? d.cloudid_list.map(String) : []
        return {
          kind: 'json',
          body: {
            errcode: 0,
            errmsg: 'ok',
            data_list: list.map((cloudId) => ({
              cloud_id: cloudId,
              json: JSON.stringify({
                cloudID: cloudId,
                data: cloudId.startsWith(FAKE_GROUP_CLOUD_ID_PREFIX) ? { openGId: cloudId.slice(FAKE_GROUP_CLOUD_ID_PREFIX.length), watermark: { appid: 'wx-emulator', timestamp: Math.floor(Date.now() / 1000) } } : { errCode: 40097 }
              })
            }))
          }
        }
      }
      case 'wxacode.getUnlimited': {
        const scene = String(d.scene ?? '')
        const page = String(d.page ?? '')
        const width = Math.min(1280, Math.max(280, Number(d.width ?? 430) || 430))
        const png = qrPng(`${this.envId}|${page}?scene=${scene}`, width)
        return { kind: 'binary', body: png, contentType: 'image/png' }
      }
      default:
        throw new EmulatorError(ErrorCodes.unsupported, `WeChat open API ${name} is not faked`)
    }
  }
}
