/**
 * HTTP front of the emulator: POST …/admin (the SDK's endpoint), storage upload/download, /wxapi/<name>.
 */
import http from 'http'
import { EngineImpl, newRequestId } from './engine'
import { EmulatorError, ErrorCodes } from './errors'
import { verifyTc3Signature } from './signature'
import { FILE_PREFIX, UPLOAD_PREFIX, mimeOf } from './storage'

export interface ServerOptions {
  secretId: string
  secretKey: string
  maxBodyBytes?: number
  log?: (line: string) => void
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > limit) {
        reject(new EmulatorError(ErrorCodes.invalidParam, `request body larger than ${limit} bytes`))
        req.destroy()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** Minimal multipart/form-data parser (the SDK's form-data bodies: one part per field). */
export function parseMultipart(body: Buffer, contentType: string): Record<string, Buffer> {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType)
  if (!m) throw new EmulatorError(ErrorCodes.invalidParam, 'multipart body without boundary')
  const boundary = Buffer.from(`--${m[1] ?? m[2]}`)
  const out: Record<string, Buffer> = {}
  let pos = body.indexOf(boundary)
  while (pos !== -1) {
    const start = pos + boundary.length
    if (body.slice(start, start + 2).toString() === '--') break
    const headerEnd = body.indexOf('\r\n\r\n', start)
    if (headerEnd === -1) break
    const headers = body.slice(start, headerEnd).toString('utf8')
    const next = body.indexOf(boundary, headerEnd + 4)
    if (next === -1) break
    const content = body.slice(headerEnd + 4, next - 2) // strip the CRLF before the boundary
    const name = /name="([^"]*)"/i.exec(headers)
    if (name) out[name[1]] = content
    pos = next
  }
  return out
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

function cosError(res: http.ServerResponse, status: number, code: string, message: string): void {
  const xml =
    `<?xml version='1.0' encoding='utf-8' ?>\n<Error><Code>${code}</Code><Message>${message}</Message>` +
    `<Resource>emulator</Resource><RequestId>${newRequestId()}</RequestId><TraceId>emulator</TraceId></Error>`
  res.writeHead(status, { 'content-type': 'application/xml' })
  res.end(xml)
}

export function createHttpServer(engine: EngineImpl, opts: ServerOptions): http.Server {
  const limit = opts.maxBodyBytes ?? 200 * 1024 * 1024

  const handleAdmin = async (req: http.IncomingMessage, res: http.ServerResponse, rawPath: string, rawQuery: string): Promise<void> => {
    const body = await readBody(req, limit)
    const contentType = String(req.headers['content-type'] ?? '')
    const multipart = contentType.toLowerCase().startsWith('multipart/form-data')
    let params: Record<string, unknown>
    let signParams: Record<string, unknown>
    if (multipart) {
      const parts = parseMultipart(body, contentType)
      signParams = parts
      params = {}
      for (const [k, v] of Object.entries(parts)) params[k] = k === 'requestData' ? v : v.toString('utf8')
    } else {
      try {
        params = body.length ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {}
      } catch {
        sendJson(res, 200, { code: ErrorCodes.invalidParam, message: 'request body is not JSON', requestId: newRequestId() })
        return
      }
      signParams = params
    }
    const host = String(req.headers.host ?? '')
    const base = { host, path: rawPath, query: rawQuery, headers: req.headers, params: signParams, multipart }
    let sig = verifyTc3Signature({ ...base, method: (req.method ?? 'POST').toLowerCase() }, opts.secretId, opts.secretKey)
    if (!sig.ok) {
      const upper = verifyTc3Signature({ ...base, method: (req.method ?? 'POST').toUpperCase() }, opts.secretId, opts.secretKey)
      if (upper.ok) sig = upper
    }
    if (!sig.ok) {
      engine.count('rejected.signature')
      sendJson(res, 200, { code: ErrorCodes.signature, message: `request signature rejected: ${sig.reason}`, requestId: newRequestId() })
      return
    }
    const action = typeof params.action === 'string' ? params.action : ''
    const seqId = new URLSearchParams(rawQuery).get('seqId') ?? ''
    const dash = seqId.lastIndexOf('-')
    const invocationKey = dash > 0 ? seqId.slice(0, dash) : null
    try {
      const result = await engine.dispatch(action || '(missing action)', params, { invocationKey })
      if (result.kind === 'json') {
        sendJson(res, 200, result.body)
      } else {
        res.writeHead(200, { 'content-type': result.contentType, 'content-length': result.body.length })
        res.end(result.body)
      }
    } catch (e) {
      const err = e instanceof EmulatorError ? e : new EmulatorError('SYS_ERR', (e as Error)?.message ?? String(e))
      if (!(e instanceof EmulatorError)) opts.log?.(`emulator internal error on ${action}: ${(e as Error)?.stack ?? String(e)}`)
      sendJson(res, 200, { code: err.code, message: err.message, requestId: newRequestId() })
    }
  }

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = req.url ?? '/'
    const q = url.indexOf('?')
    const rawPath = q === -1 ? url : url.slice(0, q)
    const rawQuery = q === -1 ? '' : url.slice(q + 1)
    const method = (req.method ?? 'GET').toUpperCase()

    if (method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'GET, HEAD, POST, PUT, OPTIONS',
        'access-control-allow-headers': '*'
      })
      res.end()
      return
    }
    if (method === 'POST' && rawPath.endsWith('/admin')) {
      await handleAdmin(req, res, rawPath, rawQuery)
      return
    }
    if (method === 'PUT' && rawPath.startsWith(UPLOAD_PREFIX)) {
      const token = rawPath.slice(UPLOAD_PREFIX.length)
      const body = await readBody(req, limit)
      engine.count('storage.put')
      if (!engine.storage.put(token, body)) {
        cosError(res, 403, 'AccessDenied', 'unknown or expired upload token')
        return
      }
      res.writeHead(200, { 'content-length': 0, 'access-control-allow-origin': '*' })
      res.end()
      return
    }
    if ((method === 'GET' || method === 'HEAD') && rawPath.startsWith(FILE_PREFIX)) {
      let cloudPath: string
      try {
        cloudPath = decodeURIComponent(rawPath.slice(FILE_PREFIX.length))
      } catch {
        res.writeHead(400)
        res.end()
        return
      }
      engine.count('storage.get')
      const bytes = engine.storage.read(cloudPath)
      if (!bytes) {
        cosError(res, 404, 'NoSuchKey', 'The specified key does not exist.')
        return
      }
      res.writeHead(200, { 'content-type': mimeOf(cloudPath), 'content-length': bytes.length, 'access-control-allow-origin': '*' })
      res.end(method === 'HEAD' ? undefined : bytes)
      return
    }
    if (method === 'POST' && rawPath.startsWith('/wxapi/')) {
      const name = decodeURIComponent(rawPath.slice('/wxapi/'.length))
      const body = await readBody(req, limit)
      let data: unknown = {}
      try {
        data = body.length ? JSON.parse(body.toString('utf8')) : {}
      } catch {
        sendJson(res, 400, { code: ErrorCodes.invalidParam, message: 'body is not JSON' })
        return
      }
      try {
        const r = await engine.plainWxApi(name, data)
        if (r.kind === 'json') sendJson(res, 200, r.body)
        else {
          res.writeHead(200, { 'content-type': r.contentType, 'content-length': r.body.length, 'access-control-allow-origin': '*' })
          res.end(r.body)
        }
      } catch (e) {
        const err = e instanceof EmulatorError ? e : new EmulatorError('SYS_ERR', String(e))
        sendJson(res, 400, { code: err.code, message: err.message })
      }
      return
    }
    if (method === 'GET' && rawPath === '/__emulator/health') {
      sendJson(res, 200, { ok: true, counters: engine.counters() })
      return
    }
    sendJson(res, 404, { code: 'NOT_FOUND', message: `${method} ${rawPath} is not served by the local CloudBase emulator` })
  }

  return http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      opts.log?.(`emulator request failed: ${(e as Error)?.stack ?? String(e)}`)
      if (!res.headersSent) sendJson(res, 200, { code: 'SYS_ERR', message: String((e as Error)?.message ?? e), requestId: newRequestId() })
      else res.end()
    })
  })
}
