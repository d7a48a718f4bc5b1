/**
 * Every page carries the styles it uses. A page's stylesheets are the ones reachable through its own import graph
 * (plus app.scss, which both builds load globally): in H5 the CSS of a chunk loads with that chunk, in weapp a
 * page's wxss imports only the common chunks its own JS uses. A class that is styled somewhere in the project but
 * not in a stylesheet the page itself reaches renders unstyled when that page is opened first (积分排名 from 首页).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'fs'
import { dirname, join, relative, resolve } from 'path'
import * as sass from 'sass'

const SRC = resolve(__dirname, '..', '..', 'src')

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) walk(p, out)
    else out.push(p)
  }
  return out
}

const files = walk(SRC)
const pages = files.filter((f) => /\/pages\/[^/]+\/index\.tsx$/.test(f))

function resolveModule(from: string, spec: string): string | null {
  let base: string
  if (spec.startsWith('@/')) base = join(SRC, spec.slice(2))
  else if (spec.startsWith('.')) base = resolve(dirname(from), spec)
  else return null
  if (!base.startsWith(SRC)) return null
  for (const cand of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(cand) && statSync(cand).isFile()) return cand
  }
  return null
}

const IMPORT = /(?:import|export)\s+(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/g

/** The source files and stylesheets a module reaches through static imports. */
function graph(entry: string): { sources: Set<string>; styles: Set<string> } {
  const sources = new Set<string>()
  const styles = new Set<string>([join(SRC, 'app.scss')])
  const todo = [entry]
  while (todo.length) {
    const f = todo.pop()!
    if (sources.has(f)) continue
    sources.add(f)
    for (const m of readFileSync(f, 'utf8').matchAll(IMPORT)) {
      const spec = m[1]!
      if (/\.s?css$/.test(spec)) {
        // Package stylesheets (NutUI) style only their own components.
        if (!spec.startsWith('.') && !spec.startsWith('@/')) continue
        const p = spec.startsWith('@/') ? join(SRC, spec.slice(2)) : resolve(dirname(f), spec)
        styles.add(p)
        continue
      }
      const r = resolveModule(f, spec)
      if (r && /\.tsx?$/.test(r)) todo.push(r)
    }
  }
  return { sources, styles }
}

const cssCache = new Map<string, Set<string>>()
/** Class names a stylesheet defines (any selector that names them). */
function classesOf(scssFile: string): Set<string> {
  const hit = cssCache.get(scssFile)
  if (hit) return hit
  const css = sass.compile(scssFile, { loadPaths: [SRC] }).css.replace(/\{[^{}]*\}/g, '{}')
  const set = new Set<string>()
  for (const m of css.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)) set.add(m[1]!)
  cssCache.set(scssFile, set)
  return set
}

/** Class-like tokens in string literals of a source file (className strings and template literal parts). */
function tokensOf(file: string): Set<string> {
  const set = new Set<string>()
  for (const m of readFileSync(file, 'utf8').matchAll(/(['"`])((?:(?!\1)[^\\\n]|\\.)*)\1/g)) {
    for (const t of m[2]!.split(/[\s${}]+/)) if (/^[a-z][\w-]*$/.test(t)) set.add(t)
  }
  return set
}

const allStyles = files.filter((f) => f.endsWith('.scss') && !/\/_[^/]+\.scss$/.test(f))
const defined = new Set<string>()
for (const f of allStyles) for (const c of classesOf(f)) defined.add(c)

describe('each page imports the styles it uses', () => {
  it('finds the pages and the project styles', () => {
    expect(pages.length).toBeGreaterThan(25)
    expect(defined.has('points-list-item')).toBe(true)
  })

  it.each(pages.map((p) => [relative(SRC, p), p]))('%s', (_name, page) => {
    const { sources, styles } = graph(page)
    const reachable = new Set<string>()
    for (const s of styles) for (const c of classesOf(s)) reachable.add(c)
    const missing = new Set<string>()
    for (const s of sources) if (s.endsWith(".tsx")) for (const t of tokensOf(s)) if (defined.has(t) && !reachable.has(t)) missing.add(`${t} (${relative(SRC, s)})`)
    expect([...missing]).toEqual([])
  })
})
