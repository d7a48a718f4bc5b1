import Taro from '@tarojs/taro'
import { Canvas, View } from '@tarojs/components'
import { useState } from 'react'
import type { Output } from '../../../../types/contract'
import { BigButton } from '@/components/big-button'
import { isH5 } from '@/utils/env'
import { drawPoster, POSTER_SIZE, quarterLabel } from '../../poster'
import './index.scss'

export type ShareCard = Output<'notice', 'shareCard'>

function loadBrowserImage(src: string): Promise<HTMLImageElement | null> {
  return new Promise((resolve) => {
    const img = new window.Image()
    img.crossOrigin = 'anonymous'
    img.onload = () => resolve(img)
    img.onerror = () => resolve(null)
    img.src = src
  })
}

async function posterInBrowser(card: ShareCard): Promise<string> {
  const canvas = document.createElement('canvas')
  canvas.width = POSTER_SIZE.width
  canvas.height = POSTER_SIZE.height
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('no canvas')
  drawPoster(ctx, card, card.qrUrl ? await loadBrowserImage(card.qrUrl) : null)
  return canvas.toDataURL('image/png')
}

async function posterInWeapp(card: ShareCard): Promise<void> {
  const res = await new Promise<Array<{ node: { width: number; height: number; getContext(k: '2d'): unknown; createImage(): { src: string; onload: () => void; onerror: () => void } } } | null>>((resolve) =>
    Taro.createSelectorQuery().select('#cs-poster').fields({ node: true, size: true }).exec(resolve as never)
  )
  const canvas = res?.[0]?.node
  if (!canvas) throw new Error('no canvas')
  canvas.width = POSTER_SIZE.width
  canvas.height = POSTER_SIZE.height
  let qr: unknown = null
  if (card.qrUrl) {
    try {
      const file = await Taro.downloadFile({ url: card.qrUrl })
      const img = canvas.createImage()
      qr = await new Promise((resolve) => {
        img.onload = () => resolve(img)
        img.onerror = () => resolve(null)
        img.src = file.tempFilePath
      })
    } catch {
      qr = null
    }
  }
  drawPoster(canvas.getContext('2d') as never, card, qr)
  const out = await Taro.canvasToTempFilePath({ canvas: canvas as never } as never)
  await Taro.saveImageToPhotosAlbum({ filePath: out.tempFilePath })
}

/**
 * 分享到群 / 保存海报 on 我家积分. The card is shared with WeChat's own share menu (the page enables it); the poster
 * is drawn here. Sharing earns nothing, and the app cannot know whether a share happened.
 */
export function SharePoints({ card }: { card: ShareCard }) {
  const [busy, setBusy] = useState(false)
  const [dataUrl, setDataUrl] = useState('')
  const save = async () => {
    setBusy(true)
    try {
      if (isH5()) {
        const url = await posterInBrowser(card)
        setDataUrl(url)
        const a = document.createElement('a')
        a.href = url
        a.download = '我家积分.png'
        document.body.appendChild(a)
        a.click()
        a.remove()
      } else {
        await posterInWeapp(card)
        void Taro.showToast({ title: '海报已保存到相册', icon: 'none' })
      }
    } catch {
      void Taro.showToast({ title: '没有保存，请允许保存到相册后再试', icon: 'none' })
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='points-share'>
      <View className='points-share__card'>
        <View className='points-share__name'>{card.householdMasked}</View>
        <View className='points-share__line'>
          积分 {card.balance} · {quarterLabel(card.quarter)} {card.quarterPoints} 分{card.rank !== null ? ` · 全村第 ${card.rank} 名` : ''}
        </View>
      </View>
      <View className='points-share__hint'>
        {isH5() ? '把下面的链接发到群里，大家就能看村里的公示和排名：' : '点右上角“···”转发到村里的微信群，或者保存海报发到群里。'}
      </View>
      {isH5() ? <View className='points-share__link'>{`${window.location.origin}${window.location.pathname}#${card.path}`}</View> : null}
      <BigButton type='default' className='points-save-poster' loading={busy} onClick={() => void save()}>
        保存海报
      </BigButton>
      {!isH5() ? <Canvas type='2d' id='cs-poster' className='points-share__canvas' /> : null}
      {dataUrl ? <View className='points-share__saved'>海报已生成</View> : null}
      <View className='points-share__note'>分享不加分，积分只来自村里审核通过的好事。</View>
    </View>
  )
}

export default SharePoints
