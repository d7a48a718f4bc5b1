import tcb from '@cloudbase/node-sdk'
import type { CollectionDef } from '../../cloudfunctions/_shared/data/collections'
import { COLLECTION_DEFS } from '../../cloudfunctions/_shared/data/collections'
import { Emulator, EmulatorOptions, startEmulator } from '../../emulator'

const deny = { read: false, write: false }

/** Small collections for emulator tests, plus the project's real ones. */
export const TEST_DEFS: CollectionDef[] = [
  { name: 'items', rules: deny, indexes: [{ name: 'by_code', keys: { code: 1 }, unique: true }, { name: 'by_n', keys: { n: -1 } }] },
  { name: 'accounts', rules: deny, indexes: [] },
  ...COLLECTION_DEFS
]

export type App = ReturnType<typeof tcb.init>

export async function startTestEmulator(opts: Partial<EmulatorOptions> = {}): Promise<{ emu: Emulator; app: App }> {
  const emu = await startEmulator({ collections: TEST_DEFS, ...opts })
  Object.assign(process.env, emu.sdkEnv())
  const app = tcb.init({ env: emu.envId })
  return { emu, app }
}

/** Error code thrown by an SDK call (undefined if it did not throw). */
export async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p
    return undefined
  } catch (e) {
    return (e as { code?: string }).code ?? `NO_CODE: ${String(e)}`
  }
}

export type Tx = Awaited<ReturnType<ReturnType<App['database']>['startTransaction']>>
