/**
 * Source rules for the app that a reviewer would otherwise have to remember:
 *  - every BigButton that can be disabled says why (`reason`), or its label itself says why;
 *  - pages reach shared code through the `@/` alias, not long relative paths;
 *  - input and picker values are read through eventValue (a native H5 event without `detail` must not throw).
 */
import { readdirSync, readFileSync, statSync } from 'fs'
import { join, relative, resolve } from 'path'
import { eventValue } from '../../src/utils/form'

const SRC = resolve(__dirname, '..', '..', 'src')

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) walk(p, out)
    else if (/\.tsx?$/.test(name)) out.push(p)
  }
  return out
}

const sources = walk(SRC)

/** The opening tags of one JSX element name, with their attributes (nested braces allowed). */
function openingTags(text: string, name: string): string[] {
  const out: string[] = []
  let i = text.indexOf(`<${name}`)
  while (i >= 0) {
    let depth = 0
    let j = i + name.length + 1
    for (; j < text.length; j++) {
      const ch = text[j]
      if (ch === '{') depth++
      else if (ch === '}') depth--
      else if (ch === '>' && depth === 0 && text[j - 1] !== '=') break
    }
    out.push(text.slice(i, j + 1))
    i = text.indexOf(`<${name}`, j)
  }
  return out
}

describe('app source rules', () => {
  it('every disabled BigButton says why', () => {
    const missing: string[] = []
    for (const f of sources) {
      if (f.includes(`${join('components', 'big-button')}`)) continue
      for (const tag of openingTags(readFileSync(f, 'utf8'), 'BigButton')) {
        if (/\sdisabled[=\s>]/.test(tag) && !/\sreason=/.test(tag)) missing.push(`${relative(SRC, f)}: ${tag.replace(/\s+/g, ' ').slice(0, 120)}`)
      }
    }
    expect(missing).toEqual([])
  })

  it('imports shared code through @/ rather than climbing three folders or more', () => {
    const deep: string[] = []
    for (const f of sources) {
      for (const m of readFileSync(f, 'utf8').matchAll(/from '((?:\.\.\/){3,}[^']*)'/g)) {
        if (!m[1]!.includes('types/contract')) deep.push(`${relative(SRC, f)}: ${m[1]}`)
      }
    }
    expect(deep).toEqual([])
  })

  it('reads event values only through eventValue, which survives events without detail', () => {
    const raw: string[] = []
    for (const f of sources) {
      if (f.endsWith(join('utils', 'form.ts'))) continue
      if (/detail\??\.value/.test(readFileSync(f, 'utf8'))) raw.push(relative(SRC, f))
    }
    expect(raw).toEqual([])
    expect(eventValue({ detail: { value: '123' } })).toBe('123')
    expect(eventValue({ detail: { value: 5 } })).toBe('5')
    expect(eventValue({ target: { value: '兑换日' } })).toBe('兑换日')
    expect(eventValue({ detail: 0, target: { value: 'x' } })).toBe('x')
    expect(eventValue({})).toBe('')
    expect(eventValue(undefined)).toBe('')
  })

  it('formats China time in one place (src/utils/china-time.ts)', () => {
    const own: string[] = []
    for (const f of sources) {
      if (f.endsWith(join('utils', 'china-time.ts'))) continue
      if (/8\s*\*\s*3600|28800000|\+08:00/.test(readFileSync(f, 'utf8'))) own.push(relative(SRC, f))
    }
    expect(own).toEqual([])
  })
})
