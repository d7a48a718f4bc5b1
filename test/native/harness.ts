/**
 * Runs pages of the REAL weapp build (`taro build --type weapp`, default dist/weapp) inside miniprogram-simulate.
 *
 * miniprogram-simulate only knows custom components (`Component`). A Taro weapp page needs a little more around it,
 * so before the built code runs this harness installs:
 *   - `App(config)`          keeps the app config; `getApp()` returns it. Its `onLaunch`/`onShow` are called by hand,
 *                            which is when Taro mounts its React root.
 *   - `Page(config)`         registers the page as a `Component`: every function becomes a method (Taro's event
 *                            handler `eh` included) and the page lifecycle is driven from the component lifetimes
 *                            (attached → onLoad + onShow, ready → onReady, detached → onUnload).
 *   - `getCurrentPages()`    the pages attached so far.
 *   - `wx.*`                 miniprogram-simulate's stub API, plus an in-memory storage (jest.fn spies) and a fake
 *                            `wx.cloud`. taro.js copies `wx.cloud` into `Taro.cloud` while it loads, so the fake must
 *                            exist before `app.js` is required.
 * Then it requires the built `app.js` (which pulls in common.js, vendors.js, taro.js and runtime.js and registers
 * their webpack chunks on `wx.webpackJsonp`) and loads the page with the official `wcc` compiler, so the page's
 * `index.wxml` -> `base.wxml` templates and the recursive `comp` component render as in WeChat.
 *
 * Every `bootPage()` starts from scratch (`jest.resetModules()`, a fresh `wx`), so tests in one file do not share
 * React state, webpack module caches or storage.
 */
import fs from 'fs'
import path from 'path'

/**
 * The part of miniprogram-simulate (j-component underneath) used here. Its own .d.ts is not imported on purpose: it
 * pulls in miniprogram-api-typings, whose globals (e.g. a mini-program `require`) break `npm run typecheck` elsewhere.
 */
export interface SimComponent {
  readonly dom: HTMLElement | undefined
  readonly data: Record<string, unknown>
  querySelector(selector: string): SimComponent | undefined
  querySelectorAll(selector: string): SimComponent[]
  /** 'tap' and other custom events; dispatched asynchronously (next microtask). */
  dispatchEvent(eventName: string, options?: Record<string, unknown>): void
}
export interface SimRootComponent extends SimComponent {
  attach(parent: Node): void
  detach(): void
}
interface Simulate {
  load(componentPath: string, options?: { rootPath?: string; compiler?: 'official' | 'simulate' }): string
  render(id: string, properties?: Record<string, unknown>): SimRootComponent
}

type AnyFn = (...args: never[]) => unknown
/** A page instance as the built code sees it (a miniprogram-simulate component caller). */
type PageInstance = Record<string, unknown> & { route?: string }

/** The weapp build under test: dist/weapp unless CUNSHE_WEAPP_DIR points elsewhere (relative to the project root). */
export const WEAPP_DIR = path.resolve(__dirname, '..', '..', process.env.CUNSHE_WEAPP_DIR ?? 'dist/weapp')

/** What the page sent to `wx.cloud.callFunction`. */
export interface CloudRequest {
  name: string
  data: { action?: string; data?: unknown; requestId?: string }
}

/** Returns the `result` of a callFunction (the function's envelope). Throwing simulates a transport failure. */
export type CloudHandler = (req: CloudRequest) => unknown

export interface BootOptions {
  /** Answers every `wx.cloud.callFunction`. */
  cloud: CloudHandler
  /** Initial storage contents (key -> value). */
  storage?: Record<string, unknown>
  /** Query passed to the page's onLoad. */
  query?: Record<string, string>
}

export interface FakeWx {
  setStorageSync: jest.Mock<void, [string, unknown]>
  getStorageSync: jest.Mock<unknown, [string]>
  removeStorageSync: jest.Mock<void, [string]>
  cloud: { init: jest.Mock; callFunction: jest.Mock<Promise<{ result: unknown }>, [CloudRequest]> }
}

export interface BootedPage {
  /** The rendered page (root of the simulated component tree). */
  page: SimRootComponent
  wx: FakeWx
  /** In-memory storage behind wx.*StorageSync. */
  storage: Map<string, unknown>
  /** Detaches the page (runs onUnload). */
  close: () => void
}

type Globals = Record<string, unknown>
const g = globalThis as unknown as Globals

function fakeWx(base: Globals, handler: CloudHandler, storage: Map<string, unknown>): FakeWx {
  const fake: FakeWx = {
    setStorageSync: jest.fn((key: string, value: unknown) => {
      storage.set(key, value)
    }),
    // WeChat returns '' for a missing key.
    getStorageSync: jest.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
    removeStorageSync: jest.fn((key: string) => {
      storage.delete(key)
    }),
    cloud: {
      init: jest.fn(),
      callFunction: jest.fn(async (req: CloudRequest) => ({ result: await handler(req) }))
    }
  }
  return Object.assign(base, fake) as unknown as FakeWx
}

/** Turns a Taro page config into a component definition (see the file comment). */
function pageAsComponent(config: Globals, pagePath: string, query: Record<string, string>, pages: PageInstance[]): Globals {
  const methods: Record<string, AnyFn> = {}
  for (const [key, value] of Object.entries(config)) {
    if (typeof value === 'function') methods[key] = value as AnyFn
  }
  const call = (self: PageInstance, name: string, ...args: unknown[]): void => {
    const fn = self[name]
    if (typeof fn === 'function') (fn as (...a: unknown[]) => void).apply(self, args)
  }
  return {
    data: config.data ?? {},
    behaviors: config.behaviors,
    methods,
    lifetimes: {
      attached(this: PageInstance) {
        this.route = pagePath
        pages.push(this)
        call(this, 'onLoad', { ...query })
        call(this, 'onShow')
      },
      ready(this: PageInstance) {
        call(this, 'onReady')
      },
      detached(this: PageInstance) {
        call(this, 'onUnload')
        pages.splice(pages.indexOf(this), 1)
      }
    }
  }
}

/**
 * Boots the built app and renders one of its pages, e.g. `bootPage('pages/me/index', { cloud })`.
 * The page is attached (onLoad/onShow have run); use `waitFor` for what React renders afterwards.
 */
export function bootPage(pagePath: string, opts: BootOptions): BootedPage {
  const appJs = path.join(WEAPP_DIR, 'app.js')
  if (!fs.existsSync(appJs) || !fs.existsSync(path.join(WEAPP_DIR, `${pagePath}.wxml`))) {
    throw new Error(`No weapp build at ${WEAPP_DIR} (run \`NODE_ENV=production npx taro build --type weapp\` or set CUNSHE_WEAPP_DIR)`)
  }

  jest.resetModules()
  // miniprogram-simulate merges into an existing global wx; start from a clean one (no stale webpackJsonp chunks).
  delete g.wx
  const simulate = require('miniprogram-simulate') as Simulate
  const storage = new Map<string, unknown>(Object.entries(opts.storage ?? {}))
  const wx = fakeWx(g.wx as Globals, opts.cloud, storage)

  const pages: PageInstance[] = []
  let app: Globals | undefined
  const query = opts.query ?? {}
  g.App = (config: Globals) => {
    app = config
  }
  g.getApp = () => app
  g.getCurrentPages = () => pages.slice()
  g.Page = (config: Globals) => (g.Component as (def: Globals) => void)(pageAsComponent(config, pagePath, query, pages))

  require(appJs)
  if (!app) throw new Error('app.js did not call App()')
  const launch = { path: pagePath, query, scene: 1001 }
  for (const hook of ['onLaunch', 'onShow']) {
    const fn = app[hook]
    if (typeof fn === 'function') (fn as (o: unknown) => void).call(app, launch)
  }

  const id = simulate.load(path.join(WEAPP_DIR, pagePath), { rootPath: WEAPP_DIR })
  const page = simulate.render(id)
  const parent = document.createElement('parent-wrapper')
  page.attach(parent)
  return { page, wx, storage, close: () => page.detach() }
}

/** All text of a rendered component, whitespace collapsed. */
export function textOf(comp: Pick<SimComponent, 'dom'> | undefined): string {
  return (comp?.dom?.textContent ?? '').replace(/\s+/g, ' ').trim()
}

/**
 * Polls until `check` returns a truthy value (React renders and cloud calls resolve asynchronously).
 * Throws with `describe()` (e.g. the page text) when it does not happen in time.
 */
export async function waitFor<T>(check: () => T | undefined | null | false, describe: () => string, timeoutMs = 3000): Promise<T> {
  const start = Date.now()
  for (;;) {
    const value = check()
    if (value) return value
    if (Date.now() - start > timeoutMs) throw new Error(`waitFor timed out after ${timeoutMs} ms; ${describe()}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
