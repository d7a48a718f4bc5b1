/**
 * MongoDB Extended JSON as the CloudBase SDK speaks it.
 *
 * The SDK sends canonical EJSON (`bson` EJSON.stringify with relaxed: false): numbers as `{$numberInt}` /
 * `{$numberDouble}`, dates as `{$date: {$numberLong}}`, regexes as `{$regularExpression}`, plus the CloudBase
 * extension `{$tcb_server_date: {offset}}` for `db.serverDate()`. Responses are parsed by `bson` EJSON.parse
 * (relaxed), so plain JSON numbers and canonical dates are returned.
 */

export type Doc = Record<string, unknown>

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp) && !Buffer.isBuffer(v)

function decodeDateValue(v: unknown): Date {
  if (typeof v === 'number') return new Date(v)
  if (typeof v === 'string') return new Date(v)
  if (isPlainObject(v) && typeof v.$numberLong === 'string') return new Date(Number(v.$numberLong))
  throw new Error(`invalid $date value: ${JSON.stringify(v)}`)
}

/** Turns parsed EJSON into live values (Date, RegExp, numbers). `now` resolves `db.serverDate()`. */
export function decodeValue(v: unknown, now: number = Date.now()): unknown {
  if (Array.isArray(v)) return v.map((x) => decodeValue(x, now))
  if (!isPlainObject(v)) return v
  const keys = Object.keys(v)
  if (keys.length === 1) {
    const k = keys[0]
    const inner = v[k]
    switch (k) {
      case '$date':
        return decodeDateValue(inner)
      case '$numberInt':
      case '$numberLong':
      case '$numberDouble':
      case '$numberDecimal':
        return Number(inner)
      case '$oid':
        return String(inner)
      case '$symbol':
        return String(inner)
      case '$undefined':
        return undefined
      case '$regularExpression': {
        const r = inner as { pattern: string; options?: string }
        return new RegExp(r.pattern, sanitizeRegexFlags(r.options ?? ''))
      }
      case '$tcb_server_date': {
        const offset = isPlainObject(inner) ? Number(decodeValue(inner.offset, now) ?? 0) : 0
        return new Date(now + offset)
      }
      case '$binary': {
        const b = inner as { base64: string }
        return Buffer.from(b.base64, 'base64')
      }
      default:
        break
    }
  }
  const out: Doc = {}
  for (const k of keys) {
    const decoded = decodeValue(v[k], now)
    if (decoded !== undefined) out[k] = decoded
  }
  return out
}

function sanitizeRegexFlags(options: string): string {
  // JS knows i, m, s, u, g, y; Mongo also has x (extended) which JS lacks.
  return options
    .split('')
    .filter((c) => 'imsu'.includes(c))
    .join('')
}

export function parseEJSON(text: unknown, now?: number): unknown {
  if (typeof text !== 'string') return decodeValue(text, now)
  if (text === '') return undefined
  return decodeValue(JSON.parse(text), now)
}

/** Encodes live values as EJSON that `bson` EJSON.parse turns back into the same values. */
export function encodeValue(v: unknown): unknown {
  if (v instanceof Date) return { $date: { $numberLong: String(v.getTime()) } }
  if (v instanceof RegExp) return { $regularExpression: { pattern: v.source, options: v.flags } }
  if (Buffer.isBuffer(v)) return { $binary: { base64: v.toString('base64'), subType: '00' } }
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return { $numberDouble: 'NaN' }
    if (v === Infinity) return { $numberDouble: 'Infinity' }
    if (v === -Infinity) return { $numberDouble: '-Infinity' }
    return v
  }
  if (Array.isArray(v)) return v.map(encodeValue)
  if (isPlainObject(v)) {
    const out: Doc = {}
    for (const k of Object.keys(v)) {
      const x = v[k]
      if (x !== undefined) out[k] = encodeValue(x)
    }
    return out
  }
  return v
}

export function stringifyEJSON(v: unknown): string {
  return JSON.stringify(encodeValue(v))
}

/** Deep copy of a stored value (Dates, RegExps and Buffers copied too). */
export function deepClone<T>(v: T): T {
  if (v instanceof Date) return new Date(v.getTime()) as unknown as T
  if (v instanceof RegExp) return new RegExp(v.source, v.flags) as unknown as T
  if (Buffer.isBuffer(v)) return Buffer.from(v) as unknown as T
  if (Array.isArray(v)) return v.map(deepClone) as unknown as T
  if (isPlainObject(v)) {
    const out: Doc = {}
    for (const k of Object.keys(v)) out[k] = deepClone(v[k])
    return out as T
  }
  return v
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime()
  if (a instanceof RegExp || b instanceof RegExp) return String(a) === String(b)
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
    return a.every((x, i) => deepEqual(x, b[i]))
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a)
    const kb = Object.keys(b)
    if (ka.length !== kb.length) return false
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]))
  }
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b)
  return false
}

export { isPlainObject }
