import Taro from '@tarojs/taro'
import { attachmentProblem } from '../../types/contract'
import { pickFile, uploadToFolder, type PickedFile } from '../services/upload'
import { isH5 } from '../utils/env'

function pickInBrowser(accept: string): Promise<PickedFile | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = accept
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

/** Lets staff choose one attachment (PDF, xlsx or an image); null when cancelled. */
export async function pickAttachment(): Promise<PickedFile | null> {
  if (isH5()) return pickInBrowser('.pdf,.xlsx,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png')
  try {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['pdf', 'xlsx', 'jpg', 'jpeg', 'png'] })
    const f = res.tempFiles[0]
    return f ? { name: f.name, size: f.size, path: f.path } : null
  } catch {
    return null
  }
}

export type Picked = { ok: true; fileId: string; name: string; size: number } | { ok: false; message: string } | null

/** Picks, checks type and size before anything is uploaded (the function checks again), then uploads. */
export async function pickAndUpload(kind: 'attachment' | 'image', folder: string): Promise<Picked> {
  const file = kind === 'image' ? await pickFile('image') : await pickAttachment()
  if (!file) return null
  const name = kind === 'image' && !/\.(jpe?g|png)$/i.test(file.name) ? `${file.name}.jpg` : file.name
  const problem = attachmentProblem(name, file.size)
  if (problem) return { ok: false, message: problem }
  try {
    return { ok: true, fileId: await uploadToFolder(file, folder), name, size: file.size }
  } catch (e) {
    return { ok: false, message: (e as Error).message || '上传失败，请检查网络后再试' }
  }
}
