import { COLLECTION_DEFS } from '../cloudfunctions/_shared/data/collections'
import { EngineImpl } from './engine'
import { stringifyEJSON } from './ejson'
const e = new EngineImpl({ envId: 'x', collections: COLLECTION_DEFS, baseUrl: () => '' })
e.insertRaw('ledger_entries', Array.from({ length: 100_000 }, (_x, i) => ({ householdId: `h${i % 500}`, villageId: 'v1', delta: i % 100, at: new Date(1_700_000_000_000 + i * 1000) })))
const meta = { invocationKey: null }
for (let r = 0; r < 3; r++) {
  let t = performance.now()
  e.db.handle('database.getDocument', { collectionName: 'ledger_entries', queryType: 'WHERE', query: stringifyEJSON({ villageId: 'v1' }), order: JSON.stringify({ at: -1 }), limit: 20 }, meta)
  const a = performance.now() - t
  t = performance.now()
  e.db.handle('database.calculateDocument', { collectionName: 'ledger_entries', queryType: 'WHERE', query: stringifyEJSON({ villageId: 'v1' }) }, meta)
  const b = performance.now() - t
  t = performance.now()
  e.db.handle('database.getDocument', { collectionName: 'ledger_entries', queryType: 'WHERE', query: stringifyEJSON({ villageId: 'v1' }), limit: 20 }, meta)
  const c = performance.now() - t
  process.stdout.write(`sorted ${a.toFixed(1)} count ${b.toFixed(1)} unsorted ${c.toFixed(1)}\n`)
}
