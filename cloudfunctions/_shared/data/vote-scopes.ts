import { registerScope } from '../runtime/access'
import { COLLECTIONS } from './collections'
import { getById } from './repo'
import type { VoteActivityDoc, VoteEntryDoc } from './vote-records'

/** Scope kinds of the vote function: an activity sits at its org; an entry at its entrant's unit. */
registerScope('voteActivity', async (id) => {
  const a = await getById<VoteActivityDoc>(COLLECTIONS.voteActivities, id)
  if (!a) return null
  return { kind: 'voteActivity', id: a._id, path: a.orgPath, villageId: a.villageId, householdIds: [], doc: a }
})
registerScope('entry', async (id) => {
  const e = await getById<VoteEntryDoc>(COLLECTIONS.voteEntries, id)
  if (!e) return null
  return { kind: 'entry', id: e._id, path: e.orgPath, villageId: e.villageId, householdIds: e.householdId ? [e.householdId] : [], doc: e }
})
