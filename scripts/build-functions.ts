/**
 * Bundles each cloud function (cloudfunctions/<fn>/index.ts + _shared) with esbuild into
 * dist/functions/<fn>/ — index.js, package.json, config.json — the exact folder `tcb fn deploy` uploads
 * and the local function runner loads. @cloudbase/node-sdk stays external: CloudBase installs it from
 * the function's package.json (installDependency), locally it resolves from the project's node_modules.
 */
import { build } from 'esbuild'
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'fs'
import { join } from 'path'
import { FUNCTIONS } from '../cloudfunctions/function-list'

const root = join(__dirname, '..')
const out = join(root, 'dist', 'functions')
const sdkVersion = JSON.parse(readFileSync(join(root, 'node_modules/@cloudbase/node-sdk/package.json'), 'utf8')).version as string

/** Cloud-call permissions per function (WeChat open APIs called through the SDK). */
const OPENAPI: Record<string, string[]> = {
  identity: ['security.msgSecCheck'],
  points: ['security.msgSecCheck', 'wxacode.getUnlimited', 'subscribeMessage.send'],
  mall: ['subscribeMessage.send'],
  study: ['security.msgSecCheck', 'subscribeMessage.send'],
  notice: ['security.msgSecCheck', 'subscribeMessage.send', 'wxacode.getUnlimited', 'cloudbase.getOpenData'],
  scheduler: ['subscribeMessage.send']
}

export async function buildFunctions(opts: { quiet?: boolean } = {}): Promise<Array<{ name: string; bytes: number; ms: number }>> {
  const results = []
  for (const name of FUNCTIONS) {
    const t0 = Date.now()
    const dir = join(out, name)
    mkdirSync(dir, { recursive: true })
    // Write beside and rename: a test run loading the bundle never sees a half-written file.
    const tmp = join(dir, `index.js.${process.pid}.tmp`)
    await build({
      entryPoints: [join(root, 'cloudfunctions', name, 'index.ts')],
      outfile: tmp,
      bundle: true,
      platform: 'node',
      target: 'node18',
      format: 'cjs',
      external: ['@cloudbase/node-sdk'],
      minify: false,
      sourcemap: false,
      legalComments: 'none',
      logLevel: 'error'
    })
    renameSync(tmp, join(dir, 'index.js'))
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: `cunshe-${name}`, version: '1.0.0', private: true, main: 'index.js', dependencies: { '@cloudbase/node-sdk': sdkVersion } }, null, 2) + '\n'
    )
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ permissions: { openapi: OPENAPI[name] ?? [] } }, null, 2) + '\n')
    const bytes = statSync(join(dir, 'index.js')).size
    results.push({ name, bytes, ms: Date.now() - t0 })
  }
  if (!opts.quiet) {
    for (const r of results) process.stdout.write(`function ${r.name.padEnd(10)} ${(r.bytes / 1024).toFixed(0).padStart(6)} KB  ${r.ms} ms\n`)
  }
  return results
}

if (require.main === module) {
  buildFunctions().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`)
    process.exit(1)
  })
}
