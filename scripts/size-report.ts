/**
 * Prints the weapp package sizes: the main package (everything outside subpackage roots) and each
 * subpackage, against WeChat's 2 MB per-package limit and our 800 KB main-package budget.
 * Exits non-zero when the main package exceeds the budget. Usage: tsx scripts/size-report.ts [dist/weapp]
 */
import { readdirSync, readFileSync, statSync } from 'fs'
import { join, relative } from 'path'

const dir = process.argv[2] ?? join(__dirname, '..', 'dist', 'weapp')
const BUDGET = 800 * 1024
const LIMIT = 2 * 1024 * 1024

function files(d: string): string[] {
  return readdirSync(d).flatMap((n) => {
    const p = join(d, n)
    return statSync(p).isDirectory() ? files(p) : [p]
  })
}

const app = JSON.parse(readFileSync(join(dir, 'app.json'), 'utf8')) as { subPackages?: Array<{ root: string }>; subpackages?: Array<{ root: string }> }
const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''))
// Files WeChat does not ship in the package.
const ignored = (rel: string) => rel.endsWith('.LICENSE.txt') || rel.endsWith('.map') || rel === 'project.config.json' || rel === 'project.private.config.json'
const sizes = new Map<string, number>([['(main)', 0], ...roots.map((r) => [r, 0] as [string, number])])
for (const f of files(dir)) {
  const rel = relative(dir, f).replace(/\\/g, '/')
  if (ignored(rel)) continue
  const root = roots.find((r) => rel === r || rel.startsWith(`${r}/`)) ?? '(main)'
  sizes.set(root, (sizes.get(root) ?? 0) + statSync(f).size)
}
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`
let total = 0
for (const [name, size] of sizes) {
  total += size
  process.stdout.write(`${name.padEnd(12)} ${kb(size).padStart(10)}${size > LIMIT ? '  OVER 2 MB LIMIT' : ''}\n`)
}
process.stdout.write(`${'total'.padEnd(12)} ${kb(total).padStart(10)}\n`)
const main = sizes.get('(main)') ?? 0
process.stdout.write(`main package ${kb(main)} of ${kb(BUDGET)} budget (WeChat limit 2048 KB)\n`)
if (main > BUDGET || [...sizes.values()].some((s) => s > LIMIT)) process.exit(1)
