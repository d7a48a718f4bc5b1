import Taro from '@tarojs/taro'
import { Image, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import type { NoticeDetail } from '../../../../types/contract'
import { BigButton } from '@/components/big-button'
import { ErrorView } from '@/components/error-view'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { useQuery, useReloadOnShow } from '@/hooks/use-call'
import { useParam } from '@/hooks/use-param'
import { call, newRequestId } from '@/services/call'
import { isH5 } from '@/utils/env'
import { chinaTime, go, NOTICE_PAGES, toast } from '../../shared'
import '../notice.scss'

const KIND_LABELS = { pdf: 'PDF', xlsx: '表格', image: '图片' } as const

async function openAttachment(a: NoticeDetail['attachments'][number]) {
  if (!a.url) return toast('附件暂时打不开，请稍后再试')
  if (a.kind === 'image') return void Taro.previewImage({ urls: [a.url], current: a.url })
  if (isH5()) {
    window.open(a.url, '_blank')
    return
  }
  try {
    const file = await Taro.downloadFile({ url: a.url })
    await Taro.openDocument({ filePath: file.tempFilePath, fileType: a.kind, showMenu: true })
  } catch {
    toast('附件打开失败，请检查网络')
  }
}

/** One announcement: opening it marks it read (once). Edits show as 已修改 with their history. */
export default function NoticeDetailPage() {
  const id = useParam('id')
  const detail = useQuery(() => call('notice', 'detail', { noticeId: id }), [id], !!id)
  useReloadOnShow(detail.reload, !!id)
  const [readCount, setReadCount] = useState<number | null>(null)
  const [showEdits, setShowEdits] = useState(false)
  const marked = useRef(false)
  const intent = useRef(newRequestId())

  const n = detail.data
  useEffect(() => {
    if (!n || marked.current || !n.unread) return
    marked.current = true
    call('notice', 'markRead', { noticeId: n.id }, { requestId: intent.current })
      .then((r) => setReadCount(r.readCount))
      .catch(() => {
        marked.current = false
      })
  }, [n])

  if (!id) return <Page className='nt-detail'><ErrorView error={new Error('没有指定公告')} /></Page>
  if (detail.loading && !n) return <Page className='nt-detail'><LoadingView /></Page>
  if (detail.error && !n) return <Page className='nt-detail'><ErrorView error={detail.error} onRetry={() => void detail.reload()} /></Page>
  if (!n) return null
  return (
    <Page className='nt-detail' title={n.title}>
      <View className='nt-muted'>
        <View className='nt-badge'>{n.categoryLabel}</View>
        {n.pinned ? <View className='nt-badge nt-badge--pin'>置顶</View> : null}
        {chinaTime(n.publishedAt)} · {n.authorName} · 发给{n.audienceLabel}
      </View>
      {n.edited ? (
        <View className='nt-edited' onClick={() => setShowEdits(!showEdits)}>
          <View className='nt-badge nt-badge--warn'>已修改</View>
          <View className='nt-link nt-edits-toggle'>{showEdits ? '收起修改记录' : `查看修改记录（${n.edits.length}次）`}</View>
        </View>
      ) : null}
      {showEdits ? (
        <View className='nt-timeline nt-edits'>
          {n.edits.map((e, i) => (
            <View key={i} className='nt-timeline__item'>
              <View className='nt-timeline__state'>{e.summary}</View>
              <View className='nt-muted'>{chinaTime(e.at)} · {e.byName}</View>
            </View>
          ))}
        </View>
      ) : null}
      <Section className='nt-body'>
        {n.body.map((b, i) =>
          b.kind === 'text' ? (
            <View key={i} className='nt-text'>{b.text}</View>
          ) : b.url ? (
            <Image key={i} className='nt-image' src={b.url} mode='widthFix' onClick={() => void Taro.previewImage({ urls: [b.url!], current: b.url! })} />
          ) : null
        )}
      </Section>
      {n.attachments.length ? (
        <Section title='附件' className='nt-attachments'>
          {n.attachments.map((a) => (
            <View key={a.fileId} className='nt-link nt-attachment' onClick={() => void openAttachment(a)}>
              【{KIND_LABELS[a.kind]}】{a.name}（{(a.size / 1024).toFixed(0)}KB）
            </View>
          ))}
        </Section>
      ) : null}
      {n.expiresOn ? <View className='nt-muted'>有效期到 {n.expiresOn}{n.expired ? '（已过期）' : ''}</View> : null}
      <View className='nt-muted nt-read-count'>已读 {readCount ?? n.readCount} 人 / 共 {n.addresseeCount} 人</View>
      {n.canManage ? (
        <View className='nt-actions'>
          <BigButton className='nt-go-stats' onClick={() => go(NOTICE_PAGES.stats, { id: n.id })}>
            谁还没看
          </BigButton>
          <BigButton type='default' className='nt-go-edit' onClick={() => go(NOTICE_PAGES.edit, { id: n.id })}>
            修改
          </BigButton>
        </View>
      ) : null}
    </Page>
  )
}
