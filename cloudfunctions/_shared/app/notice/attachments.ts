import { ATTACHMENT_LIMITS, attachmentKind, type AttachmentKind } from '../../../../types/contract/notice.contract'
import type { NoticeAttachment } from '../../data/notice-records'
import { AppError } from '../../runtime/app-error'
import { cloud } from '../../runtime/cloud'

/** The file's first bytes must match its name's kind (a renamed .exe is not a PDF). */
function contentMatches(kind: AttachmentKind, buf: Buffer): boolean {
  if (kind === 'pdf') return buf.subarray(0, 5).toString('latin1') === '%PDF-'
  if (kind === 'xlsx') return buf[0] === 0x50 && buf[1] === 0x4b // zip container
  const png = buf[0] === 0x89 && buf.subarray(1, 4).toString('latin1') === 'PNG'
  const jpg = buf[0] === 0xff && buf[1] === 0xd8
  return png || jpg
}

/** Removes uploaded files; best-effort (a missing file is already gone). */
export async function removeFiles(fileIds: string[]): Promise<void> {
  const ids = [...new Set(fileIds.filter(Boolean))]
  if (!ids.length) return
  try {
    await cloud().deleteFile({ fileList: ids })
  } catch {
    // nothing more to do: the storage sweep of orphaned uploads is the fallback
  }
}

/**
 * Checks every new attachment's type (by name and by content) and size against the limits. On any refusal
 * every newly uploaded file of this request (attachments and body images) is deleted from storage before the
 * error is returned, so a refused publish leaves nothing behind.
 */
export async function vetAttachments(files: Array<{ fileId: string; name: string }>, known: NoticeAttachment[], alsoNew: string[]): Promise<NoticeAttachment[]> {
  const byId = new Map(known.map((a) => [a.fileId, a]))
  const fresh = files.filter((f) => !byId.has(f.fileId)).map((f) => f.fileId)
  const refuse = async (code: 'NOTICE.ATTACHMENT_TYPE' | 'NOTICE.ATTACHMENT_TOO_LARGE' | 'NOTICE.ATTACHMENT_MISSING', name: string, message: string): Promise<never> => {
    await removeFiles([...fresh, ...alsoNew])
    throw new AppError(code, { name }, message)
  }
  const out: NoticeAttachment[] = []
  for (const f of files) {
    const old = byId.get(f.fileId)
    if (old) {
      out.push({ ...old, name: f.name })
      continue
    }
    const kind = attachmentKind(f.name)
    if (!kind) return refuse('NOTICE.ATTACHMENT_TYPE', f.name, `“${f.name}”的类型不能上传，只能上传 PDF、Excel 表格（.xlsx）和 jpg/png 图片`)
    let buf: Buffer
    try {
      buf = ((await cloud().downloadFile({ fileID: f.fileId })) as { fileContent: Buffer }).fileContent
    } catch {
      return refuse('NOTICE.ATTACHMENT_MISSING', f.name, `“${f.name}”没有上传成功，请重新上传`)
    }
    const max = ATTACHMENT_LIMITS.maxBytes[kind]
    if (buf.length > max) return refuse('NOTICE.ATTACHMENT_TOO_LARGE', f.name, `“${f.name}”太大了（${(buf.length / 1048576).toFixed(1)}MB），最大${max / 1048576}MB`)
    if (!buf.length || !contentMatches(kind, buf)) return refuse('NOTICE.ATTACHMENT_TYPE', f.name, `“${f.name}”的内容和文件类型对不上，请上传真正的${kind === 'pdf' ? 'PDF' : kind === 'xlsx' ? 'Excel 表格' : '图片'}`)
    out.push({ fileId: f.fileId, name: f.name, kind, size: buf.length })
  }
  return out
}
