/**
 * The local gateway: serves the H5 build, forwards `POST /api/<fn>` to the function runner with the
 * signed-in demo person's openid (header x-cunshe-openid), accepts uploads into emulator storage, and
 * offers local-only helpers: the demo people list for the sign-in page and a demo clock.
 * Never part of production: in WeChat the app calls functions through wx.cloud.
 */
import { createReadStream, existsSync, statSync } from 'fs'
import http from 'http'
import type { AddressInfo } from 'net'
import { extname, join, normalize } from 'path'
import type { Engine } from './engine'
import type { FunctionRunner } from './function-runner'
import { COLLECTIONS } from '../cloudfunctions/_shared/data/collections'
import type { BindingDoc, HouseholdDoc, MemberDoc, OrgNodeDoc } from '../cloudfunctions/_shared/data/records'
import { ROLE_LABELS } from '../types/contract/common'
import { SUBSCRIBE_TEMPLATES } from '../types/contract/subscribe'
import type { SubscribeSendDoc } from '../cloudfunctions/_shared/data/notice-records'

export interface GatewayOptions {
  port?: number
  host?: string
  runner: FunctionRunner
  engine: Engine
  /** Uploads a file into cloud storage; returns the file id. */
  upload: (cloudPath: string, content: Buffer) => Promise<string>
  staticDir?: string
  functions: readonly string[]
  log?: (line: string) => void
}

export interface Gateway {
  url: string
  port: number
  /** Demo clock offset (ms) applied to every invocation. */
  clockOffset(): number
  setClockOffset(ms: number): void
  stop(): Promise<void>
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf'
}

const MAX_BODY = 20 * 1024 * 1024

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) {
        reject(Object.assign(new Error('body too large'), { status: 413 }))
        req.destroy()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function send(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  res.end(text)
}

/** The demo people for the local sign-in page, with roles and households. */
export function demoPeople(engine: Engine) {
  const members = engine.dump(COLLECTIONS.members) as MemberDoc[]
  const bindings = new Map((engine.dump(COLLECTIONS.bindings) as BindingDoc[]).map((b) => [b.memberId, b._id]))
  const orgs = new Map((engine.dump(COLLECTIONS.orgNodes) as OrgNodeDoc[]).map((o) => [o._id, o]))
  const households = new Map((engine.dump(COLLECTIONS.households) as HouseholdDoc[]).map((h) => [h._id, h]))
  return members
    .filter((m) => !m.removed && bindings.has(m._id))
    .map((m) => {
      const h = m.householdId ? households.get(m.householdId) : undefined
      return {
        openid: bindings.get(m._id)!,
        memberId: m._id,
        name: m.name,
        personClass: m.personClass,
        partyStatus: m.partyStatus,
        householdName: h ? `${h.headName ?? h.code}家（${h.code}）` : '',
        villageName: orgs.get(m.villageId)?.name ?? '',
        roles: (m.roles ?? []).map((g) => ({ role: g.role, label: ROLE_LABELS[g.role], orgName: orgs.get(g.orgId)?.name ?? '' }))
      }
    })
    .sort((a, b) => b.roles.length - a.roles.length || a.villageName.localeCompare(b.villageName, 'zh') || a.name.localeCompare(b.name, 'zh'))
}

/** Every subscribe message the functions tried to send, newest first, with the person it was for. */
export function subscribeSends(engine: Engine) {
  const members = new Map((engine.dump(COLLECTIONS.members) as MemberDoc[]).map((m) => [m._id, m]))
  const sends = engine.dump(COLLECTIONS.subscribeSends) as SubscribeSendDoc[]
  return sends
    .filter((s) => s.kind !== 'marker')
    .map((s) => ({
      id: s._id,
      memberId: s.memberId,
      name: (s.memberId && members.get(s.memberId)?.name) || s.openid,
      kind: s.kind,
      title: (SUBSCRIBE_TEMPLATES as Record<string, { title: string }>)[s.kind]?.title ?? s.kind,
      page: s.page,
      values: Object.entries(s.data ?? {}).map(([key, v]) => ({ key, value: v.value })),
      ok: s.ok,
      errcode: s.errcode,
      errmsg: s.errmsg,
      at: new Date(s.at).toISOString()
    }))
    .sort((a, b) => b.at.localeCompare(a.at) || a.id.localeCompare(b.id))
}

export async function startGateway(opts: GatewayOptions): Promise<Gateway> {
  let offset = 0
  const cors = {
    'access-control-allow-origin': '*',
    'access-control-allow-headers': 'content-type, x-cunshe-openid',
    'access-control-allow-methods': 'GET, POST, OPTIONS'
  }
  const server = http.createServer(async (req, res) => {
    for (const [k, v] of Object.entries(cors)) res.setHeader(k, v)
    try {
      const url = new URL(req.url ?? '/', 'http://local')
      if (req.method === 'OPTIONS') {
        res.writeHead(204)
        res.end()
        return
      }
      if (url.pathname === '/dev/people' && req.method === 'GET') return send(res, 200, demoPeople(opts.engine))
      if (url.pathname === '/dev/subscribe-sends' && req.method === 'GET') return send(res, 200, subscribeSends(opts.engine))
      if (url.pathname === '/dev/clock') {
        if (req.method === 'POST') {
          const body = JSON.parse((await readBody(req)).toString('utf8') || '{}') as { days?: number; offsetMs?: number }
          offset = typeof body.offsetMs === 'number' ? body.offsetMs : Math.round((body.days ?? 0) * 86400000)
        }
        return send(res, 200, { offsetMs: offset, now: new Date(Date.now() + offset).toISOString() })
      }
      if (url.pathname === '/api/_upload' && req.method === 'POST') {
        const name = (url.searchParams.get('name') ?? 'file.bin').replace(/[^A-Za-z0-9._\-\u4e00-\u9fa5]/g, '_').slice(-80)
        const body = await readBody(req)
        if (!body.length) return send(res, 400, { ok: false, error: { code: 'INPUT.INVALID', message: '文件是空的' } })
        const fileId = await opts.upload(`uploads/${Date.now()}-${Math.random().toString(36).slice(2, 8)}-${name}`, body)
        return send(res, 200, { fileId })
      }
      const api = url.pathname.match(/^\/api\/([a-z]+)$/)
      if (api) {
        if (req.method !== 'POST') return send(res, 405, { ok: false, error: { code: 'ACTION.UNKNOWN', message: '不支持的操作' } })
        if (!opts.functions.includes(api[1])) return send(res, 404, { ok: false, error: { code: 'ACTION.UNKNOWN', message: '不支持的操作' } })
        let event: unknown
        try {
          event = JSON.parse((await readBody(req)).toString('utf8') || '{}')
        } catch {
          return send(res, 200, { ok: false, error: { code: 'INPUT.INVALID', message: '请求格式不对' } })
        }
        const openid = String(req.headers['x-cunshe-openid'] ?? '').slice(0, 80) || undefined
        const result = await opts.runner.invoke(api[1], event, { openid, now: new Date(Date.now() + offset) })
        return send(res, 200, result)
      }
      if (req.method === 'GET' && opts.staticDir) return serveStatic(opts.staticDir, url.pathname, res)
      send(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: '没有找到要找的内容' } })
    } catch (e) {
      opts.log?.(`gateway error: ${e instanceof Error ? e.stack : String(e)}`)
      const status = (e as { status?: number }).status ?? 500
      if (!res.headersSent) send(res, status, { ok: false, error: { code: 'SYS.INTERNAL', message: '系统出了点问题，请稍后再试' } })
    }
  })
  server.keepAliveTimeout = 5000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    clockOffset: () => offset,
    setClockOffset: (ms) => {
      offset = ms
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}

function serveStatic(dir: string, pathname: string, res: http.ServerResponse) {
  const safe = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '')
  let file = join(dir, safe)
  if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) file = join(dir, 'index.html')
  if (!existsSync(file)) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
    res.end('H5 build not found: run `npm run build:h5`')
    return
  }
  const ext = extname(file)
  res.writeHead(200, { 'content-type': MIME[ext] ?? 'application/octet-stream', 'cache-control': ext === '.html' ? 'no-store' : 'public, max-age=300' })
  createReadStream(file).pipe(res)
}
