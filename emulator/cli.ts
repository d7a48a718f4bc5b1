/**
 * `npm start` / `npm run emulator`: the local CloudBase (emulator + functions + gateway) with demo data.
 *   --port N         gateway port (default 8787; also TARO_APP_GATEWAY for weapp local builds)
 *   --data FILE      store file (default .data/cunshe.json; survives restarts)
 *   --reset          delete the store first and seed again
 *   --seed-only      seed (if empty) and exit
 */
import { existsSync, rmSync } from 'fs'
import { join } from 'path'
import { COLLECTIONS } from '../cloudfunctions/_shared/data/collections'
import { startLocalCloud } from './local-cloud'
import { seedFeatures, seedRoster } from './seed/seed'
import { demoPeople } from './gateway'

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : undefined
}

async function main() {
  const root = join(__dirname, '..')
  const dataFile = arg('--data') ?? join(root, '.data', 'cunshe.json')
  if (process.argv.includes('--reset')) {
    rmSync(dataFile, { force: true })
    rmSync(dataFile.replace(/\.json$/, '-storage'), { recursive: true, force: true })
  }
  const port = Number(arg('--port') ?? process.env.PORT ?? 8787)
  const out = (s: string) => process.stdout.write(`${s}\n`)
  const local = await startLocalCloud({ dataFile, gateway: true, gatewayPort: port, log: (l) => process.stderr.write(`${l}\n`) })
  if (local.emulator.engine.dump(COLLECTIONS.orgNodes).length === 0) {
    const t0 = Date.now()
    const now = new Date()
    seedRoster(local.emulator.engine, now)
    const r = await seedFeatures(local.runner, now)
    await local.emulator.engine.flush()
    out(`Seeded demo data: 3 villages, ${local.emulator.engine.dump(COLLECTIONS.households).length} households, ${r.claims} claims, ${r.orders} orders (${Date.now() - t0} ms)`)
  } else if (!existsSync(dataFile)) {
    out('Store is in memory only')
  }
  if (process.argv.includes('--seed-only')) {
    await local.stop()
    return
  }
  const people = demoPeople(local.emulator.engine)
  out('')
  out(`村社通 is running on the local CloudBase emulator.`)
  out(`  App (H5):   ${local.gateway!.url}/`)
  out(`  Sign in:    ${local.gateway!.url}/#/dev/pages/sign-in/index`)
  out(`  Emulator:   ${local.emulator.url}  (data: ${dataFile})`)
  out(`  Demo people: ${people.length} (pick one on the sign-in page)`)
  out('Press Ctrl+C to stop.')
  const stop = async () => {
    await local.stop()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`)
  process.exit(1)
})
