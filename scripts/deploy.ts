/**
 * Deploys to a real CloudBase environment:
 *   1. collections from cloudfunctions/_shared/data/collections.ts, their indexes, and the client rule
 *      ADMINONLY (clients can neither read nor write; only functions touch data);
 *   2. the storage rule (STORAGE_RULE: clients upload their own files, read nothing directly);
 *   3. the function bundles in dist/functions (built first) with `tcb fn deploy` per cloudbaserc.json.
 * Needs TCB_ENV, TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY. `--dry-run` prints the plan only.
 */
import { spawnSync } from 'child_process'
import { join } from 'path'
import { COLLECTION_DEFS, STORAGE_RULE, type CollectionDef } from '../cloudfunctions/_shared/data/collections'
import { FUNCTIONS } from '../cloudfunctions/function-list'
import { buildFunctions } from './build-functions'

export interface IndexPlan {
  IndexName: string
  MgoKeySchema: { MgoIsUnique: boolean; MgoIndexKeys: Array<{ Name: string; Direction: '1' | '-1' }> }
}

/** The CloudBase index spec of a collection (manager API shape). */
export function indexPlan(c: CollectionDef): IndexPlan[] {
  return c.indexes.map((i) => ({
    IndexName: i.name,
    MgoKeySchema: { MgoIsUnique: !!i.unique, MgoIndexKeys: Object.entries(i.keys).map(([Name, d]) => ({ Name, Direction: d === 1 ? '1' : '-1' })) }
  }))
}

export function aclTag(c: CollectionDef): 'ADMINONLY' | 'ADMINWRITE' | 'READONLY' {
  if (!c.rules.read && !c.rules.write) return 'ADMINONLY'
  return c.rules.read && !c.rules.write ? 'ADMINWRITE' : 'READONLY'
}

async function main() {
  const dry = process.argv.includes('--dry-run')
  const envId = process.env.TCB_ENV
  const out = (s: string) => process.stdout.write(`${s}\n`)
  if (COLLECTION_DEFS.some((c) => c.indexes.length > 20)) throw new Error('CloudBase allows at most 20 indexes per collection')
  if (COLLECTION_DEFS.length > 100) throw new Error('CloudBase allows at most 100 collections')
  for (const c of COLLECTION_DEFS) out(`collection ${c.name.padEnd(18)} acl ${aclTag(c)}  indexes ${c.indexes.map((i) => `${i.name}${i.unique ? '(unique)' : ''}`).join(', ') || '-'}`)
  out(`storage    acl CUSTOM  read ${JSON.stringify(STORAGE_RULE.read)}  write ${JSON.stringify(STORAGE_RULE.write)}`)
  for (const f of FUNCTIONS) out(`function   ${f}`)
  if (dry) return
  if (!envId || !process.env.TENCENTCLOUD_SECRETID || !process.env.TENCENTCLOUD_SECRETKEY) {
    throw new Error('Set TCB_ENV, TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY (a CAM key with CloudBase access)')
  }
  const CloudBase = (await import('@cloudbase/manager-node')).default as unknown as new (o: object) => {
    database: {
      createCollectionIfNotExists(name: string): Promise<unknown>
      updateCollection(name: string, o: { CreateIndexes?: IndexPlan[] }): Promise<unknown>
      checkIndexExists(collection: string, index: string): Promise<{ Exists: boolean }>
    }
    commonService(): { call(o: { Action: string; Param: object }): Promise<unknown> }
    storage: { setStorageAcl(acl: 'CUSTOM', rule: { read: boolean | string; write: boolean | string }): Promise<unknown> }
  }
  const app = new CloudBase({ secretId: process.env.TENCENTCLOUD_SECRETID, secretKey: process.env.TENCENTCLOUD_SECRETKEY, envId })
  for (const c of COLLECTION_DEFS) {
    await app.database.createCollectionIfNotExists(c.name)
    const missing: IndexPlan[] = []
    for (const i of indexPlan(c)) if (!(await app.database.checkIndexExists(c.name, i.IndexName)).Exists) missing.push(i)
    if (missing.length) await app.database.updateCollection(c.name, { CreateIndexes: missing })
    await app.commonService().call({ Action: 'ModifyDatabaseACL', Param: { CollectionName: c.name, EnvId: envId, AclTag: aclTag(c) } })
    out(`✓ ${c.name}`)
  }
  await app.storage.setStorageAcl('CUSTOM', { read: STORAGE_RULE.read, write: STORAGE_RULE.write })
  out('✓ storage rule')
  await buildFunctions()
  const root = join(__dirname, '..')
  for (const f of FUNCTIONS) {
    const r = spawnSync('npx', ['-y', '@cloudbase/cli@2', 'fn', 'deploy', f, '--force', '-e', envId], { cwd: root, stdio: 'inherit' })
    if (r.status !== 0) throw new Error(`deploying function ${f} failed`)
  }
  out(`Deployed ${COLLECTION_DEFS.length} collections and ${FUNCTIONS.length} functions to ${envId}.`)
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`)
    process.exit(1)
  })
}
