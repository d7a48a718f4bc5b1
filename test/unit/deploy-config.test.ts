import { readFileSync } from 'fs'
import { join } from 'path'
import { COLLECTION_DEFS } from '../../cloudfunctions/_shared/data/collections'
import { FUNCTIONS } from '../../cloudfunctions/function-list'
import { aclTag, indexPlan } from '../../scripts/deploy'

const root = join(__dirname, '..', '..')

describe('deployment configuration', () => {
  const rc = JSON.parse(readFileSync(join(root, 'cloudbaserc.json'), 'utf8'))

  it('cloudbaserc.json lists exactly the deployed functions, with supported runtime and limits', () => {
    expect(rc.version).toBe('2.0')
    expect(rc.functionRoot).toBe('./dist/functions')
    expect(rc.functions.map((f: any) => f.name).sort()).toEqual([...FUNCTIONS].sort())
    for (const f of rc.functions) {
      expect(f.handler).toBe('index.main')
      expect(f.runtime).toBe('Nodejs18.15')
      expect(f.timeout).toBeLessThanOrEqual(60)
      expect(f.installDependency).toBe(true)
    }
  })

  it('the scheduler runs on a 7-field cron timer', () => {
    const s = rc.functions.find((f: any) => f.name === 'scheduler')
    expect(s.triggers).toHaveLength(1)
    expect(s.triggers[0].type).toBe('timer')
    expect(s.triggers[0].config.split(' ')).toHaveLength(7)
  })

  it('every collection is client all-deny and within CloudBase index limits', () => {
    expect(COLLECTION_DEFS.length).toBeLessThanOrEqual(100)
    expect(new Set(COLLECTION_DEFS.map((c) => c.name)).size).toBe(COLLECTION_DEFS.length)
    for (const c of COLLECTION_DEFS) {
      expect(aclTag(c)).toBe('ADMINONLY')
      expect(c.indexes.length).toBeLessThanOrEqual(20)
    }
  })

  it('index plans keep names, direction and uniqueness', () => {
    const orders = COLLECTION_DEFS.find((c) => c.name === 'mall_orders')!
    expect(indexPlan(orders)[0]).toEqual({
      IndexName: 'by_window_code',
      MgoKeySchema: { MgoIsUnique: true, MgoIndexKeys: [{ Name: 'windowId', Direction: '1' }, { Name: 'pickupCode', Direction: '1' }] }
    })
  })

  it('project.config.json points WeChat DevTools at the weapp build and the function bundles', () => {
    const p = JSON.parse(readFileSync(join(root, 'project.config.json'), 'utf8'))
    expect(p.miniprogramRoot).toBe('dist/weapp/')
    expect(p.cloudfunctionRoot).toBe('dist/functions/')
  })
})
