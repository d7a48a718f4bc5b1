import { createHash, randomBytes } from 'crypto'
import type { UploadPurpose } from '../../../types/contract/identity.contract'
import type { Ctx } from '../runtime/create-handler'
import { COLLECTIONS } from '../data/collections'
import type { ExportDoc, UploadDoc } from '../data/records'
import { findAll, getByIds } from '../data/repo'
import { AppError } from '../runtime/app-error'
import { cloud, db } from '../runtime/cloud'
import { isDuplicate } from '../runtime/tx'

/** Temporary download URLs (1 h) for cloud file ids, in one storage call; ids without a URL are left out. */
export async function tempUrls(fileIds: Array<string | null | undefined>): Promise<Map<string, string>> {
  const ids = [...new Set(fileIds.filter((f): f is string => !!f))]
  if (!ids.length) return new Map()
  const res = (await cloud().getTempFileURL({ fileList: ids.map((f) => ({ fileID: f, maxAge: 3600 })) })) as {
    fileList: Array<{ fileID: string; tempFileURL: string }>
  }
  return new Map(res.fileList.filter((f) => f.tempFileURL).map((f) => [f.fileID, f.tempFileURL]))
}

const uploadKey = (fileId: string) => `u_${createHash('sha1').update(fileId).digest('hex')}`

/**
 * Records a file the caller just uploaded through the app (the app registers every upload right after it).
 * The first registration owns the file: nobody else can later claim it, and files the functions wrote
 * (exports) are never anyone's upload.
 */
export async function registerUpload(input: { fileId: string; purpose: UploadPurpose }, ctx: Ctx) {
  const caller = await ctx.caller()
  if (/(^|\/)exports\//.test(input.fileId)) throw new AppError('FILE.NOT_YOURS')
  if (!(await tempUrls([input.fileId])).size) throw new AppError('NOT_FOUND', undefined, '没有找到上传的文件，请重新上传')
  const doc: UploadDoc = { _id: uploadKey(input.fileId), fileId: input.fileId, owner: caller.memberId, purpose: input.purpose, at: ctx.now }
  try {
    await db().collection(COLLECTIONS.uploads).add(doc)
  } catch (e) {
    if (!isDuplicate(e)) throw e
    const prior = (await getByIds<UploadDoc>(COLLECTIONS.uploads, [doc._id])).get(doc._id)
    if (!prior || prior.owner !== caller.memberId || prior.purpose !== input.purpose) throw new AppError('FILE.NOT_YOURS')
  }
  return { fileId: input.fileId, purpose: input.purpose }
}

/** A claim, goods item or import may cite only files its caller uploaded through the app for that purpose. */
export async function requireOwnUpload(memberId: string, fileIds: Array<string | null | undefined>, purpose: UploadPurpose, allowed: Array<string | null | undefined> = []): Promise<void> {
  const keep = new Set(allowed.filter(Boolean))
  const ids = [...new Set(fileIds.filter((f): f is string => !!f && !keep.has(f)))]
  if (!ids.length) return
  const found = await getByIds<UploadDoc>(COLLECTIONS.uploads, ids.map(uploadKey))
  for (const f of ids) {
    const u = found.get(uploadKey(f))
    if (!u || u.owner !== memberId || u.purpose !== purpose) throw new AppError('FILE.NOT_YOURS', { fileId: f })
  }
}

/** How long an export stays in storage. */
export const EXPORT_TTL_MS = 24 * 3600 * 1000

/**
 * Writes an export under an unguessable name and records who asked for it; only that caller gets its
 * (temporary) URL, clients cannot list or read storage, and the scheduler deletes it after 24 hours.
 */
export async function storeExport(ctx: Ctx, baseName: string, content: Buffer): Promise<{ fileId: string; url: string }> {
  const caller = await ctx.caller()
  const secret = randomBytes(16).toString('hex')
  const up = (await cloud().uploadFile({ cloudPath: `exports/${secret}/${baseName.replace(/[^\w\-\u4e00-\u9fa5]/g, '_')}.xlsx`, fileContent: content })) as { fileID: string }
  const doc: ExportDoc = { _id: `x_${secret}`, fileId: up.fileID, owner: caller.memberId, createdAt: ctx.now }
  await db().collection(COLLECTIONS.exports).add(doc)
  const urls = await tempUrls([up.fileID])
  return { fileId: up.fileID, url: urls.get(up.fileID) ?? '' }
}

/** Deletes exports older than 24 hours (files and records); run by the scheduler. */
export async function pruneExports(now: Date): Promise<number> {
  const old = await findAll<ExportDoc>(COLLECTIONS.exports, { createdAt: db().command.lte(new Date(now.getTime() - EXPORT_TTL_MS)) })
  if (!old.length) return 0
  await cloud().deleteFile({ fileList: old.map((x) => x.fileId) })
  for (const x of old) await db().collection(COLLECTIONS.exports).doc(x._id).remove()
  return old.length
}
