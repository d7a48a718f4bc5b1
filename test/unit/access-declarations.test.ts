/**
 * The access rules live once, in the contract: every action declares one, the app's tiles and role lists are
 * read from them, and no second role list exists under src/.
 */
import { readdirSync, readFileSync, statSync } from 'fs'
import { join } from 'path'
import { contract, mayUse, rolesFor, ROLES, SCOPE_KINDS, SOD_RULES, type Access } from '../../types/contract'
import { accessOf, rolesOf, TILES, tilesFor } from '../../src/features/tiles'

const all: Array<[string, string, Access]> = Object.entries(contract).flatMap(([fn, actions]) =>
  Object.entries(actions as Record<string, { access: Access }>).map(([a, d]) => [fn, a, d.access] as [string, string, Access])
)

describe('every action declares its access', () => {
  it.each(all)('%s.%s', (_fn, _a, access) => {
    expect(access).toBeDefined()
    if (typeof access.who !== 'string') {
      expect(access.who.length).toBeGreaterThan(0)
      for (const r of access.who) expect(ROLES).toContain(r)
    } else expect(['anyone', 'bound', 'system']).toContain(access.who)
    if (access.scope) expect(SCOPE_KINDS).toContain(access.scope.kind)
    for (const rule of access.sod ?? []) expect(Object.keys(SOD_RULES)).toContain(rule)
    for (const roles of Object.values(access.variants?.roles ?? {})) for (const r of roles) expect(access.who).toContain(r)
  })
})

describe('tiles come from the declarations', () => {
  it('every tile names an existing action', () => {
    for (const t of TILES) expect(accessOf(t.action)).toBeDefined()
  })

  it.each(ROLES.map((r) => [r]))('工作台 for a %s shows exactly the tiles whose action names that role', (role) => {
    const shown = tilesFor('work', [role]).map((t) => t.key).sort()
    const expected = TILES.filter((t) => t.place === 'work')
      .filter((t) => {
        if (t.own) return true
        const who = rolesFor(accessOf(t.action), t.variant)
        return typeof who !== 'string' && who.includes(role)
      })
      .map((t) => t.key)
      .sort()
    expect(shown).toEqual(expected)
  })

  it('a villager without roles has no role work on 工作台, only their own things, and every 首页 tile that is theirs', () => {
    expect(tilesFor('work', []).map((t) => t.key)).toEqual(TILES.filter((t) => t.place === 'work' && t.own).sort((a, b) => a.order - b.order).map((t) => t.key))
    const home = tilesFor('home', []).map((t) => t.key)
    expect(home).toEqual(expect.arrayContaining(['points-my', 'points-publicity', 'mall-shop', 'mall-orders']))
  })

  it('初审 and 复审 tiles follow the per-step roles of reviewQueue', () => {
    expect(tilesFor('work', ['group_leader']).map((t) => t.key)).toContain('points-review-first')
    expect(tilesFor('work', ['group_leader']).map((t) => t.key)).not.toContain('points-review-second')
    expect(tilesFor('work', ['committee']).map((t) => t.key)).toContain('points-review-second')
    expect(rolesOf('points.reviewQueue', 'first')).toEqual(['group_leader'])
    expect(mayUse(accessOf('points.review'), ['committee'], { variant: 'first' })).toBe(false)
  })
})

describe('no second role list in the app', () => {
  const files: string[] = []
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f)
      if (statSync(p).isDirectory()) walk(p)
      else if (/\.(ts|tsx)$/.test(f)) files.push(p)
    }
  }
  walk(join(__dirname, '..', '..', 'src'))

  it('no file under src/ spells out a list of roles (read them from the contract)', () => {
    const offenders = files.filter((f) => /\[\s*'(grid_worker|group_leader|committee|secretary|staff|judge|admin)'\s*,/.test(readFileSync(f, 'utf8')))
    expect(offenders).toEqual([])
  })
})

describe('the printed matrix', () => {
  it('types/contract/AUTHZ.md is what `npm run authz` prints from the declarations today', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { renderMatrix } = require('../../scripts/authz') as { renderMatrix: () => string }
    expect(readFileSync(join(__dirname, '..', '..', 'types', 'contract', 'AUTHZ.md'), 'utf8')).toBe(renderMatrix())
  })
})
