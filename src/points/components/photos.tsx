import Taro from '@tarojs/taro'
import { Image, View } from '@tarojs/components'
import { useCallback, useRef, useState } from 'react'
import { errorText } from '../../services/call'
import { pickFile, uploadFile, type PickedFile } from '../../services/upload'
import { isH5 } from '../../utils/env'
import '../points.scss'

export const MAX_PHOTOS = 9

export interface PhotoItem {
  key: string
  status: 'uploading' | 'done' | 'failed'
  fileId?: string
  /** A path or object URL for the thumbnail (absent for photos already on the server). */
  preview?: string
  error?: string
}

let seq = 0

/** Picks up to `max` images and uploads each (src/services/upload.ts) as soon as it is chosen. */
export function usePhotoUploads(initial: string[] = [], max = MAX_PHOTOS) {
  const [items, setItems] = useState<PhotoItem[]>(() => initial.map((fileId) => ({ key: `p${++seq}`, status: 'done', fileId })))
  const countRef = useRef(items.length)
  countRef.current = items.length

  const update = useCallback((key: string, patch: Partial<PhotoItem>) => {
    setItems((list) => list.map((p) => (p.key === key ? { ...p, ...patch } : p)))
  }, [])

  const add = useCallback(async () => {
    const room = max - countRef.current
    if (room <= 0) {
      void Taro.showToast({ title: `最多${max}张照片`, icon: 'none' })
      return
    }
    let files: PickedFile[] = []
    if (isH5()) {
      const f = await pickFile('image')
      if (f) files = [f]
    } else {
      try {
        const res = await Taro.chooseImage({ count: room, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
        files = res.tempFiles.map((f) => ({ name: f.path.split('/').pop() ?? 'photo.jpg', size: f.size, path: f.path }))
      } catch {
        files = [] // cancelled
      }
    }
    files = files.slice(0, room)
    const added = files.map((f) => ({
      file: f,
      item: {
        key: `p${++seq}`,
        status: 'uploading' as const,
        preview: f.path ?? (f.blob && typeof URL !== 'undefined' && URL.createObjectURL ? URL.createObjectURL(f.blob) : undefined)
      }
    }))
    if (added.length === 0) return
    setItems((list) => [...list, ...added.map((a) => a.item)])
    for (const a of added) {
      try {
        const fileId = await uploadFile(a.file, 'claim_photo')
        update(a.item.key, { status: 'done', fileId })
      } catch (e) {
        update(a.item.key, { status: 'failed', error: errorText(e) })
      }
    }
  }, [max, update])

  const remove = useCallback((key: string) => setItems((list) => list.filter((p) => p.key !== key)), [])

  const fileIds = items.filter((p) => p.status === 'done' && p.fileId).map((p) => p.fileId as string)
  const uploading = items.some((p) => p.status === 'uploading')
  const failed = items.filter((p) => p.status === 'failed').length
  const reset = useCallback(() => setItems([]), [])
  return { items, add, remove, reset, fileIds, uploading, failed, max }
}

export type PhotoUploads = ReturnType<typeof usePhotoUploads>

const STATUS_TEXT = { uploading: '上传中…', done: '已上传', failed: '上传失败' } as const

/** Thumbnails with their upload state, a 删除 on each, and an 添加照片 tile. */
export function PhotoField({ photos, className }: { photos: PhotoUploads; className?: string }) {
  return (
    <View className={`points-photos ${className ?? ''}`}>
      {photos.items.map((p) => (
        <View key={p.key} className={`points-photo points-photo--${p.status}`}>
          {p.preview ? <Image className='points-photo__img' src={p.preview} mode='aspectFill' /> : <View className='points-photo__img points-photo__img--blank'>照片</View>}
          <View className='points-photo__status'>{p.status === 'failed' && p.error ? p.error : STATUS_TEXT[p.status]}</View>
          <View className='points-photo__remove' onClick={() => photos.remove(p.key)}>
            删除
          </View>
        </View>
      ))}
      {photos.items.length < photos.max ? (
        <View className='points-photo points-photo-add' onClick={() => void photos.add()}>
          <View className='points-photo-add__plus'>+</View>
          <View>添加照片</View>
        </View>
      ) : null}
    </View>
  )
}

/** Opens photos full screen (WeChat's viewer; a new tab in the browser). */
export function previewPhotos(urls: string[], current: string): void {
  if (urls.length === 0) return
  void Taro.previewImage({ urls, current })
}
