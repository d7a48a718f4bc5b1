import Taro from '@tarojs/taro'
import { CallError } from '../services/call'
import { ensureCloud } from '../services/cloud'
import { getDevOpenid } from '../services/session'
import { gatewayUrl, isH5, isLocal } from '../utils/env'

/** A picked photo or video: a temp path in WeChat, a Blob in the browser. */
export interface PickedMedia {
  kind: 'image' | 'video'
  name: string
  size: number
  path?: string
  blob?: Blob
  /** Seconds, for videos (WeChat reports it; the browser does not). */
  duration?: number
  thumb?: string
}

const FAILED = '上传没成功，网络不好，可以点“重试”接着传'

function pickInBrowser(kind: 'image' | 'video'): Promise<PickedMedia | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = kind === 'video' ? 'video/*' : 'image/*'
    input.style.display = 'none'
    input.addEventListener('change', () => {
      const f = input.files?.[0]
      input.remove()
      resolve(f ? { kind, name: f.name, size: f.size, blob: f } : null)
    })
    document.body.appendChild(input)
    input.click()
  })
}

/** Album or camera (chooseMedia); null when the user cancels. Camera videos are 3–60 s in WeChat. */
export async function pickMedia(kind: 'image' | 'video'): Promise<PickedMedia | null> {
  if (isH5()) return pickInBrowser(kind)
  try {
    const res = await Taro.chooseMedia({ count: 1, mediaType: [kind], sourceType: ['album', 'camera'], maxDuration: 60, sizeType: ['compressed'] })
    const f = res.tempFiles[0]
    if (!f) return null
    return { kind, name: f.tempFilePath.split('/').pop() ?? (kind === 'video' ? 'video.mp4' : 'photo.jpg'), size: f.size, path: f.tempFilePath, duration: f.duration, thumb: f.thumbTempFilePath }
  } catch {
    return null
  }
}

function safeName(name: string): string {
  return name.replace(/[^\w.\-\u4e00-\u9fa5]/g, '_').slice(-60) || 'file'
}

function xhrUpload(file: PickedMedia, onProgress: (pct: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `${gatewayUrl()}/api/_upload?name=${encodeURIComponent(safeName(file.name))}`)
    xhr.setRequestHeader('content-type', 'application/octet-stream')
    const openid = getDevOpenid()
    if (openid) xhr.setRequestHeader('x-cunshe-openid', openid)
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100))
    }
    xhr.onload = () => {
      try {
        const body = JSON.parse(xhr.responseText) as { fileId?: string }
        if (xhr.status === 200 && body.fileId) resolve(body.fileId)
        else reject(new Error(`http ${xhr.status}`))
      } catch (e) {
        reject(e)
      }
    }
    xhr.onerror = () => reject(new Error('network'))
    xhr.send(file.blob ?? null)
  })
}

function cloudUpload(file: PickedMedia, folder: string, onProgress: (pct: number) => void): Promise<string> {
  ensureCloud()
  const stamp = new Date().toISOString().slice(0, 10)
  const rand = Math.floor(Math.random() * 1e9).toString(36)
  return new Promise((resolve, reject) => {
    // The task reports progress only when success/fail callbacks are passed (not with the promise form).
    const task = Taro.cloud.uploadFile({
      cloudPath: `${folder}/${stamp}/${rand}-${safeName(file.name)}`,
      filePath: file.path ?? '',
      success: (res) => resolve(res.fileID),
      fail: (e) => reject(e)
    }) as unknown as { onProgressUpdate?: (cb: (p: { progress: number }) => void) => void }
    task?.onProgressUpdate?.((p) => onProgress(p.progress))
  })
}

async function localUpload(file: PickedMedia, onProgress: (pct: number) => void): Promise<string> {
  if (file.blob && typeof XMLHttpRequest !== 'undefined') return xhrUpload(file, onProgress)
  const body = Taro.getFileSystemManager().readFileSync(file.path ?? '') as ArrayBuffer
  const header: Record<string, string> = { 'content-type': 'application/octet-stream' }
  const openid = getDevOpenid()
  if (openid) header['x-cunshe-openid'] = openid
  const res = await Taro.request({ url: `${gatewayUrl()}/api/_upload?name=${encodeURIComponent(safeName(file.name))}`, method: 'POST', data: body, header, dataType: 'json' })
  const data = (typeof res.data === 'string' ? JSON.parse(res.data) : res.data) as { fileId?: string }
  if (res.statusCode !== 200 || !data?.fileId) throw new Error(`http ${res.statusCode}`)
  onProgress(100)
  return data.fileId
}

/** Pauses between automatic attempts (ms); tests set them to zero. */
export const uploadSettings = { backoffMs: [1000, 3000] }

/**
 * Uploads with progress (0–100) and, on a weak signal, tries again by itself a few times; when it still fails
 * the caller keeps the picked file so a tap on “重试” picks up where it stopped (files already uploaded stay).
 */
export async function uploadMedia(file: PickedMedia, onProgress: (pct: number) => void, folder = 'vote'): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      onProgress(0)
      const id = isLocal() ? await localUpload(file, onProgress) : await cloudUpload(file, folder, onProgress)
      onProgress(100)
      return id
    } catch {
      if (attempt >= uploadSettings.backoffMs.length) throw new CallError('NET.FAILED', FAILED)
      const ms = uploadSettings.backoffMs[attempt] ?? 0
      if (ms > 0) await new Promise((r) => setTimeout(r, ms))
    }
  }
}
