import Taro from '@tarojs/taro'
import { gatewayUrl, isH5, isLocal } from '../utils/env'
import type { UploadPurpose } from '../../types/contract'
import { CallError, call, newRequestId } from './call'
import { ensureCloud } from './cloud'
import { getDevOpenid } from './session'

/** A file the user picked: a temp path on weapp, a Blob in H5. */
export interface PickedFile {
  name: string
  size: number
  path?: string
  blob?: Blob
}

export type PickKind = 'xlsx' | 'image' | 'audio' | 'pdf'

const UPLOAD_FAILED = '上传失败，请检查网络后再试'

function pickInBrowser(kind: PickKind): Promise<PickedFile | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = { xlsx: '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', image: 'image/*', audio: 'audio/*', pdf: '.pdf,application/pdf' }[kind]
    input.style.display = 'none'
    input.addEventListener('change', () => {
      const file = input.files?.[0]
      input.remove()
      resolve(file ? { name: file.name, size: file.size, blob: file } : null)
    })
    document.body.appendChild(input)
    input.click()
  })
}

/** Lets the user choose one file; null when they cancel. */
export async function pickFile(kind: PickKind): Promise<PickedFile | null> {
  if (isH5()) return pickInBrowser(kind)
  try {
    if (kind === 'xlsx' || kind === 'pdf' || kind === 'audio') {
      const extension = kind === 'audio' ? ['mp3', 'aac', 'm4a', 'wav'] : [kind]
      const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension })
      const f = res.tempFiles[0]
      return f ? { name: f.name, size: f.size, path: f.path } : null
    }
    const res = await Taro.chooseImage({ count: 1, sizeType: ['compressed'] })
    const f = res.tempFiles[0]
    return f ? { name: f.path.split('/').pop() ?? 'photo.jpg', size: f.size, path: f.path } : null
  } catch {
    return null // cancelled
  }
}

function safeName(name: string): string {
  return name.replace(/[^\w.\-\u4e00-\u9fa5]/g, '_').slice(-60) || 'file'
}

async function readBytes(file: PickedFile): Promise<ArrayBuffer> {
  if (file.blob) return file.blob.arrayBuffer()
  if (!file.path) throw new CallError('INPUT.INVALID', '没有选中文件')
  return Taro.getFileSystemManager().readFileSync(file.path) as ArrayBuffer
}

const FOLDERS: Record<UploadPurpose, string> = { claim_photo: 'uploads/points', goods_photo: 'uploads/goods', roster_import: 'uploads/imports', pair_import: 'uploads/imports', study_material: 'study/materials' }

/**
 * Uploads one picked file, registers it as the user's upload for `purpose` (a claim, goods item or import may
 * cite only files its caller uploaded this way) and returns its storage file id.
 */
export async function uploadFile(file: PickedFile, purpose: UploadPurpose): Promise<string> {
  const fileId = await putFile(file, FOLDERS[purpose])
  await call('identity', 'registerUpload', { fileId, purpose }, { requestId: newRequestId() })
  return fileId
}

/** Puts the bytes in storage (CloudBase fileID, or the local gateway's id). */
/**
 * Uploads to a folder without registering it: for files a function checks itself when they are cited
 * (announcement attachments, report photos, relay media), never for claims, goods or imports.
 */
export function uploadToFolder(file: PickedFile, folder: string): Promise<string> {
  return putFile(file, folder)
}

async function putFile(file: PickedFile, folder: string): Promise<string> {
  if (isLocal()) {
    const body = await readBytes(file)
    const header: Record<string, string> = { 'content-type': 'application/octet-stream' }
    const openid = getDevOpenid()
    if (openid) header['x-cunshe-openid'] = openid
    let res: Taro.request.SuccessCallbackResult<string | Record<string, unknown> | ArrayBuffer>
    try {
      res = await Taro.request({
        url: `${gatewayUrl()}/api/_upload?name=${encodeURIComponent(safeName(file.name))}`,
        method: 'POST',
        data: body,
        header,
        dataType: 'json'
      })
    } catch {
      throw new CallError('NET.FAILED', UPLOAD_FAILED)
    }
    const data = (typeof res.data === 'string' ? JSON.parse(res.data) : res.data) as { fileId?: unknown } | null
    if (res.statusCode !== 200 || typeof data?.fileId !== 'string') throw new CallError('SYS.INTERNAL', UPLOAD_FAILED)
    return data.fileId
  }
  if (!file.path) throw new CallError('INPUT.INVALID', '没有选中文件')
  const stamp = new Date().toISOString().slice(0, 10)
  const rand = Math.floor(Math.random() * 1e9).toString(36)
  try {
    ensureCloud()
    const res = await Taro.cloud.uploadFile({ cloudPath: `${folder}/${stamp}/${rand}-${safeName(file.name)}`, filePath: file.path })
    return res.fileID
  } catch {
    throw new CallError('NET.FAILED', UPLOAD_FAILED)
  }
}

/** Opens an exported file: a download in the browser, the document viewer in WeChat. */
export async function openDownload(url: string, fileName: string): Promise<void> {
  if (isH5()) {
    const a = document.createElement('a')
    a.href = url
    a.download = fileName
    a.target = '_blank'
    document.body.appendChild(a)
    a.click()
    a.remove()
    return
  }
  try {
    // Saved under its Chinese name, so a file forwarded from the viewer's menu keeps it.
    const userDir = (Taro as unknown as { env?: { USER_DATA_PATH?: string } }).env?.USER_DATA_PATH
    const res = await Taro.downloadFile(userDir ? { url, filePath: `${userDir}/${fileName}` } : { url })
    if (res.statusCode !== 200) throw new Error(String(res.statusCode))
    const filePath = (res as { filePath?: string }).filePath || res.tempFilePath
    await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true })
  } catch {
    throw new CallError('NET.FAILED', '下载失败，请检查网络后再试')
  }
}

/**
 * Like uploadFile, reporting progress (0–100) for long uploads (voice, video): XHR upload events in the browser,
 * the UploadTask's onProgressUpdate in WeChat (it fires only when success/fail callbacks are passed).
 */
export async function uploadWithProgress(file: PickedFile, folder: string, onProgress: (percent: number) => void): Promise<string> {
  onProgress(0)
  if (isLocal() && isH5() && typeof XMLHttpRequest !== 'undefined') {
    const body = await readBytes(file)
    const fileId = await new Promise<string>((resolve, reject) => {
      const xhr = new XMLHttpRequest()
      xhr.open('POST', `${gatewayUrl()}/api/_upload?name=${encodeURIComponent(safeName(file.name))}`)
      xhr.setRequestHeader('content-type', 'application/octet-stream')
      const openid = getDevOpenid()
      if (openid) xhr.setRequestHeader('x-cunshe-openid', openid)
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) onProgress(Math.min(99, Math.round((e.loaded / e.total) * 100)))
      }
      xhr.onload = () => {
        try {
          const data = JSON.parse(xhr.responseText) as { fileId?: unknown }
          if (xhr.status === 200 && typeof data.fileId === 'string') resolve(data.fileId)
          else reject(new CallError('SYS.INTERNAL', UPLOAD_FAILED))
        } catch {
          reject(new CallError('SYS.INTERNAL', UPLOAD_FAILED))
        }
      }
      xhr.onerror = () => reject(new CallError('NET.FAILED', UPLOAD_FAILED))
      xhr.send(body)
    })
    onProgress(100)
    return fileId
  }
  if (isLocal() || !file.path) {
    const id = await putFile(file, folder)
    onProgress(100)
    return id
  }
  const stamp = new Date().toISOString().slice(0, 10)
  const rand = Math.floor(Math.random() * 1e9).toString(36)
  ensureCloud()
  return new Promise<string>((resolve, reject) => {
    const task = Taro.cloud.uploadFile({
      cloudPath: `${folder}/${stamp}/${rand}-${safeName(file.name)}`,
      filePath: file.path as string,
      success: (res) => {
        onProgress(100)
        resolve(res.fileID)
      },
      fail: () => reject(new CallError('NET.FAILED', UPLOAD_FAILED))
    }) as unknown as { onProgressUpdate?: (cb: (p: { progress: number }) => void) => void } | undefined
    task?.onProgressUpdate?.((p) => onProgress(Math.min(99, p.progress)))
  })
}
