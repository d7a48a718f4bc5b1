import Taro from '@tarojs/taro'
import { gatewayUrl, isH5, isLocal } from '../utils/env'
import { CallError } from './call'
import { ensureCloud } from './cloud'
import { getDevOpenid } from './session'

/** A file the user picked: a temp path on weapp, a Blob in H5. */
export interface PickedFile {
  name: string
  size: number
  path?: string
  blob?: Blob
}

export type PickKind = 'xlsx' | 'image'

const UPLOAD_FAILED = '上传失败，请检查网络后再试'

function pickInBrowser(kind: PickKind): Promise<PickedFile | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = kind === 'xlsx' ? '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'image/*'
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
    if (kind === 'xlsx') {
      const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx'] })
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

/** Uploads one picked file and returns its storage file id (CloudBase fileID, or the local gateway's id). */
export async function uploadFile(file: PickedFile, folder = 'uploads'): Promise<string> {
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
