/**
 * The whole local CloudBase in one call: emulator + SDK environment + function runner (+ gateway), used by
 * `npm start`, the function tests, e2e tests and benchmarks alike.
 */
import { join } from 'path'
import tcb from '@cloudbase/node-sdk'
import { COLLECTION_DEFS } from '../cloudfunctions/_shared/data/collections'
import { FUNCTIONS } from '../cloudfunctions/function-list'
import { startEmulator, type Emulator, type EmulatorOptions } from './index'
import { createFunctionRunner, installPerInvocationEnv, type FunctionRunner } from './function-runner'
import { startGateway, type Gateway } from './gateway'

export interface LocalCloud {
  emulator: Emulator
  runner: FunctionRunner
  gateway: Gateway | null
  /** Calls a function as a person (openid) or as the timer; returns the envelope. */
  call(fn: string, action: string, data?: unknown, as?: { openid?: string; requestId?: string; now?: Date }): Promise<any>
  upload(cloudPath: string, content: Buffer): Promise<string>
  stop(): Promise<void>
}

export async function startLocalCloud(
  opts: { dataFile?: string; emulatorPort?: number; gatewayPort?: number; gateway?: boolean; staticDir?: string; log?: (l: string) => void } & Pick<EmulatorOptions, 'whereInTransactionDetection'> = {}
): Promise<LocalCloud> {
  installPerInvocationEnv()
  let runner: FunctionRunner | null = null
  const emulator = await startEmulator({
    collections: COLLECTION_DEFS,
    dataFile: opts.dataFile,
    port: opts.emulatorPort,
    whereInTransactionDetection: opts.whereInTransactionDetection,
    log: opts.log,
    invokeFunction: (name, event) => runner!.invoke(name, event, {})
  })
  Object.assign(process.env, emulator.sdkEnv(), { CUNSHE_LOCAL: '1' })
  runner = createFunctionRunner({ names: FUNCTIONS })
  const app = tcb.init({ env: emulator.envId })
  const upload = async (cloudPath: string, content: Buffer) => ((await app.uploadFile({ cloudPath, fileContent: content })) as { fileID: string }).fileID
  const gateway = opts.gateway
    ? await startGateway({ port: opts.gatewayPort, runner, engine: emulator.engine, upload, staticDir: opts.staticDir ?? join(__dirname, '..', 'dist', 'h5'), functions: FUNCTIONS, log: opts.log })
    : null
  let seq = 0
  return {
    emulator,
    runner,
    gateway,
    upload,
    call: (fn, action, data = {}, as = {}) =>
      runner!.invoke(fn, { action, data, requestId: as.requestId ?? `req${Date.now().toString(36)}${(seq++).toString(36)}x${Math.random().toString(36).slice(2, 8)}` }, { openid: as.openid, now: as.now }),
    async stop() {
      await gateway?.stop()
      await emulator.stop()
    }
  }
}
