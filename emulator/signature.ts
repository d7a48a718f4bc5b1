/**
 * Verifies the TC3-HMAC-SHA256 "tcb" signature that @cloudbase/node-sdk puts on every /admin request
 * (see @cloudbase/signature-nodejs `Signer.tc3sign`, called with withSignedParams: true).
 *
 * Canonical request: `${method}\n//${host}${path}\n${query}\n${canonicalHeaders}\n${signedHeaders}\n${hashedPayload}`
 * where the method keeps the SDK's case ("post"), headers are the signed ones (lower-cased names and values) and
 * the payload hash is sha256 over `&key=value\r\n` for every non-empty body field, keys lower-cased and sorted,
 * object values JSON.stringify'd.
 */
import crypto from 'crypto'

export interface SignatureInput {
  method: string
  host: string
  path: string
  query: string
  headers: Record<string, string | string[] | undefined>
  /** Body fields: strings or Buffers (multipart) or JSON values. */
  params: Record<string, unknown>
  multipart: boolean
}

export type SignatureResult = { ok: true } | { ok: false; reason: string }

const sha256 = (s: string | Buffer): string => crypto.createHash('sha256').update(s).digest('hex')
const hmac = (data: string, key: string | Buffer): Buffer => crypto.createHmac('sha256', key).update(data).digest()

const camSafeUrlEncode = (str: string): string =>
  encodeURIComponent(str).replace(/!/g, '%21').replace(/'/g, '%27').replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/\*/g, '%2A')

const stringify = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v))

function parseAuthorization(auth: string): { secretId: string; date: string; service: string; signedHeaders: string[]; signature: string } | null {
  const m = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request,(.*)$/.exec(auth.trim())
  if (!m) return null
  const rest = m[4]
  const sh = /SignedHeaders=([^,\s]*)/.exec(rest)
  const sig = /Signature=([0-9a-f]+)/.exec(rest)
  if (!sh || !sig) return null
  return { secretId: m[1], date: m[2], service: m[3], signedHeaders: sh[1].split(';').filter(Boolean), signature: sig[1] }
}

export function verifyTc3Signature(input: SignatureInput, secretId: string, secretKey: string): SignatureResult {
  const authHeader = input.headers['authorization']
  const auth = Array.isArray(authHeader) ? authHeader[0] : authHeader
  if (!auth) return { ok: false, reason: 'missing Authorization header' }
  if (auth.startsWith('Bearer ')) return { ok: false, reason: 'access-key (Bearer) auth is not accepted by the emulator' }
  const parsed = parseAuthorization(auth)
  if (!parsed) return { ok: false, reason: 'malformed Authorization header' }
  if (parsed.secretId !== secretId) return { ok: false, reason: `unknown secretId ${parsed.secretId}` }
  const tsHeader = input.headers['x-timestamp']
  const timestamp = Number(Array.isArray(tsHeader) ? tsHeader[0] : tsHeader)
  if (!Number.isFinite(timestamp)) return { ok: false, reason: 'missing X-Timestamp header' }
  const date = new Date(timestamp * 1000).toISOString().split('T')[0]
  if (date !== parsed.date) return { ok: false, reason: 'credential date does not match X-Timestamp' }
  if (!parsed.signedHeaders.includes('host')) return { ok: false, reason: 'host header not signed' }

  const headerPairs: string[] = []
  for (const name of parsed.signedHeaders) {
    const raw = input.headers[name]
    let value = (Array.isArray(raw) ? raw.join(',') : raw ?? '').trim().toLowerCase()
    if (name === 'content-type' && value.startsWith('multipart/form-data')) value = 'multipart/form-data'
    headerPairs.push(`${name}:${value}`)
  }
  const canonicalHeaders = `${headerPairs.join('\n')}\n`

  // Payload: every non-empty field, keys lower-cased and url-encoded, sorted as the signer sorts them.
  const kv = new Map<string, string | Buffer>()
  for (const key of Object.keys(input.params)) {
    const value = input.params[key]
    if (value === undefined) continue
    const k = camSafeUrlEncode(key.toLowerCase().trim())
    kv.set(k, Buffer.isBuffer(value) ? (input.multipart ? value : value.toString().trim()) : stringify(value).trim())
  }
  const hash = crypto.createHash('sha256')
  for (const key of [...kv.keys()].sort((l, r) => l.localeCompare(r))) {
    const v = kv.get(key)
    if (!v || v.length === 0) continue
    hash.update(`&${key}=`)
    hash.update(v)
    hash.update('\r\n')
  }
  const hashedPayload = hash.digest('hex')

  const canonicalRequest = `${input.method}\n//${input.host}${input.path}\n${input.query}\n${canonicalHeaders}\n${parsed.signedHeaders.join(';')}\n${hashedPayload}`
  const credentialScope = `${parsed.date}/${parsed.service}/tc3_request`
  const stringToSign = `TC3-HMAC-SHA256\n${timestamp}\n${credentialScope}\n${sha256(canonicalRequest)}`
  const secretDate = hmac(parsed.date, `TC3${secretKey}`)
  const secretService = hmac(parsed.service, secretDate)
  const secretSigning = hmac('tc3_request', secretService)
  const expected = crypto.createHmac('sha256', secretSigning).update(stringToSign).digest('hex')
  const a = Buffer.from(expected)
  const b = Buffer.from(parsed.signature)
  if (a.length !== b.length || !crypto.timingSafeEqual(a, b)) return { ok: false, reason: 'signature mismatch' }
  return { ok: true }
}
