import { COLLECTIONS } from './collections'
import type { NoticeDoc, ReportDoc } from './notice-records'
import { getById } from './repo'
import { registerScope } from '../runtime/access'

/** Scope resolvers for announcements and 居民说事 (imported by the notice function's entry). */
registerScope('notice', async (id) => {
  const n = await getById<NoticeDoc>(COLLECTIONS.notices, id)
  if (!n) return null
  return { kind: 'notice', id: n._id, path: n.targetPath, villageId: n.villageId, householdIds: [], doc: n }
})

registerScope('report', async (id) => {
  const r = await getById<ReportDoc>(COLLECTIONS.reports, id)
  if (!r) return null
  // Village-wide: a grid worker of the village may answer a report assigned to them (the handler checks).
  return { kind: 'report', id: r._id, path: r.villagePath, villageId: r.villageId, householdIds: [], villageWide: true, doc: r }
})
