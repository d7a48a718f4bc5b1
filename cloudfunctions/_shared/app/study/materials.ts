/** 党员电子书屋: articles, PDFs, videos and links per village, with categories and search. */
import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { OrgNodeDoc } from '../../data/records'
import type { StudyMaterialDoc } from '../../data/study-records'
import { findPage, getById } from '../../data/repo'
import { AppError } from '../../runtime/app-error'
import { txGet } from '../../runtime/tx'
import { tempUrls } from '../files'
import { checkText } from '../content-check'
import { checkUpload, materialView } from './common'

export async function listMaterials(input: { q: string; category: string }, ctx: Ctx) {
  const villageId = ctx.access.targets[0].villageId as string
  const all = await findPage<StudyMaterialDoc>(COLLECTIONS.studyMaterials, { villageId }, { orderBy: [['createdAt', 'desc']], limit: 500 })
  const q = input.q.toLowerCase()
  const items = all.filter((m) => (!input.category || m.category === input.category) && (!q || m.title.toLowerCase().includes(q) || m.body.toLowerCase().includes(q)))
  return { items: items.map((m) => materialView(m)), categories: [...new Set(all.map((m) => m.category))] }
}

export async function getMaterial(_input: { materialId: string }, ctx: Ctx) {
  const m = ctx.access.targets[0].doc as StudyMaterialDoc
  const urls = await tempUrls([m.fileId])
  return materialView(m, m.fileId ? urls.get(m.fileId) ?? null : null)
}

export async function saveMaterial(
  input: { materialId?: string; villageId: string; title: string; kind: StudyMaterialDoc['kind']; category: string; body: string; fileId: string | null; url: string | null },
  ctx: Ctx
) {
  const caller = await ctx.caller()
  const village = ctx.access.targets[0].doc as OrgNodeDoc
  await checkText(ctx, `${input.title}\n${input.category}\n${input.body}`)
  if (input.fileId && (input.kind === 'pdf' || input.kind === 'video')) await checkUpload(input.fileId, input.kind === 'pdf' ? 'document' : 'video')
  const id = input.materialId ?? ctx.stableId('mt_')
  const saved = await ctx.tx(async (tx) => {
    const cur = input.materialId ? await txGet<StudyMaterialDoc>(tx, COLLECTIONS.studyMaterials, input.materialId) : null
    if (input.materialId && (!cur || cur.villageId !== village._id)) throw new AppError('STUDY.MATERIAL_NOT_FOUND')
    const doc: StudyMaterialDoc = {
      _id: id,
      villageId: village._id,
      villagePath: [...village.path, village._id],
      title: input.title,
      kind: input.kind,
      category: input.category,
      body: input.body,
      fileId: input.fileId,
      url: input.url,
      createdBy: cur?.createdBy ?? caller.memberId,
      createdAt: cur?.createdAt ?? ctx.now,
      updatedAt: ctx.now
    }
    const { _id, ...rest } = doc
    if (cur) await tx.collection(COLLECTIONS.studyMaterials).doc(_id).set(rest)
    else await tx.collection(COLLECTIONS.studyMaterials).add(doc)
    return doc
  })
  const m = (await getById<StudyMaterialDoc>(COLLECTIONS.studyMaterials, saved._id)) ?? saved
  return materialView(m)
}
