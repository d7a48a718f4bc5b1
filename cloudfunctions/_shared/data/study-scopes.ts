/** Scope resolvers for 云支部 records (imported by the study function's entry). */
import { registerScope } from '../runtime/access'
import { AppError } from '../runtime/app-error'
import { COLLECTIONS } from './collections'
import { getById } from './repo'
import type { StudyMaterialDoc, StudyPairDoc, StudySessionDoc } from './study-records'

/** A session sits in its branch or party group: roles on that node or above cover it. */
registerScope('session', async (id) => {
  const s = await getById<StudySessionDoc>(COLLECTIONS.studySessions, id)
  if (!s) throw new AppError('STUDY.SESSION_NOT_FOUND')
  return { kind: 'session', id: s._id, path: s.orgPath, villageId: s.villageId, householdIds: [], doc: s }
})

registerScope('pair', async (id) => {
  const p = await getById<StudyPairDoc>(COLLECTIONS.studyPairs, id)
  if (!p) throw new AppError('STUDY.PAIR_NOT_FOUND')
  return { kind: 'pair', id: p._id, path: p.villagePath, villageId: p.villageId, householdIds: [], doc: p }
})

registerScope('material', async (id) => {
  const m = await getById<StudyMaterialDoc>(COLLECTIONS.studyMaterials, id)
  if (!m) throw new AppError('STUDY.MATERIAL_NOT_FOUND')
  return { kind: 'material', id: m._id, path: m.villagePath, villageId: m.villageId, householdIds: [], doc: m }
})
