import Taro from '@tarojs/taro'
import { Input, Textarea, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import { REPORT_CATEGORIES, REPORT_CATEGORY_LABELS, type ReportCategory, type ReportView } from '../../../../types/contract'
import { BigButton } from '@/components/big-button'
import { FormField } from '@/components/form-field'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { call, errorText, newRequestId } from '@/services/call'
import { askSubscribe, shouldOffer } from '@/services/subscribe'
import { pickAndUpload } from '../../files'
import { go, NOTICE_PAGES, toast } from '../../shared'
import '../notice.scss'
import { eventValue } from '@/utils/form'

/** 我要反映: text, a place in words, photos, a category, optionally anonymous towards other villagers. */
export default function ReportNewPage() {
  const [category, setCategory] = useState<ReportCategory>('environment')
  const [text, setText] = useState('')
  const [place, setPlace] = useState('')
  const [photos, setPhotos] = useState<Array<{ fileId: string }>>([])
  const [anonymous, setAnonymous] = useState(false)
  const [error, setError] = useState('')
  const [uploading, setUploading] = useState(false)
  const [sent, setSent] = useState<ReportView | null>(null)
  const intent = useRef(newRequestId())
  const [sending, setSending] = useState(false)

  const send = async () => {
    setError('')
    if (text.trim().length < 5) return setError('请把事情说清楚，至少5个字')
    if (sending) return
    setSending(true)
    try {
      setSent(await call('notice', 'submitReport', { category, text: text.trim(), place: place.trim(), photos: photos.map((p) => p.fileId), anonymous }, { requestId: intent.current }))
    } catch (e) {
      setError(errorText(e))
    } finally {
      setSending(false)
    }
  }
  const addPhoto = async () => {
    if (photos.length >= 6) return setError('照片最多6张')
    setUploading(true)
    const r = await pickAndUpload('image', 'reports')
    setUploading(false)
    if (!r) return
    if (!r.ok) return setError(r.message)
    setPhotos([...photos, { fileId: r.fileId }])
  }

  if (sent) {
    return (
      <Page className='nt-report-sent' title='已经收到'>
        <Section>
          <View className='nt-text'>您反映的事已经交给村里，办理的每一步都能在“我反映的”里看到。</View>
          {shouldOffer('afterReport') ? (
            <BigButton
              className='nt-subscribe-report'
              onClick={() =>
                void askSubscribe('afterReport').then((c) => toast(c === 'accept' ? '好的，答复后会微信提醒您' : c === 'unsupported' ? '在微信里打开才能收到提醒' : '不提醒了'))
              }
            >
              答复了微信提醒我
            </BigButton>
          ) : null}
          <BigButton type='default' className='nt-see-report' onClick={() => void Taro.redirectTo({ url: `${NOTICE_PAGES.reportDetail}?id=${sent.id}` })}>
            查看办理进度
          </BigButton>
        </Section>
      </Page>
    )
  }

  return (
    <Page className='nt-report-new' title='我要反映'>
      <FormField label='什么事' required>
        <View className='nt-chips'>
          {REPORT_CATEGORIES.map((c) => (
            <View key={c} className={`nt-chip nt-rcat--${c} ${category === c ? 'nt-chip--on' : ''}`} onClick={() => setCategory(c)}>
              {REPORT_CATEGORY_LABELS[c]}
            </View>
          ))}
        </View>
      </FormField>
      <FormField label='说说情况' required hint='5到500个字'>
        <Textarea className='nt-textarea nt-report-text' value={text} maxlength={500} placeholder='比如：村东头路灯坏了三盏' onInput={(e) => setText(eventValue(e))} />
      </FormField>
      <FormField label='在哪里（可不填）'>
        <Input className='cs-input nt-report-place' value={place} maxlength={40} placeholder='比如：村东头桥边' onInput={(e) => setPlace(eventValue(e))} />
      </FormField>
      <FormField label='照片（可不传，最多6张）'>
        <View className='nt-chips'>
          {photos.map((p, i) => (
            <View key={p.fileId} className='nt-chip' onClick={() => setPhotos(photos.filter((_, j) => j !== i))}>
              照片{i + 1} ✕
            </View>
          ))}
        </View>
        <BigButton type='default' size='small' className='nt-add-photo' loading={uploading} disabled={photos.length >= 6} reason={photos.length >= 6 ? '最多上传6张照片' : undefined} onClick={() => void addPhoto()}>
          {photos.length >= 6 ? '已经6张了' : '拍照或选照片'}
        </BigButton>
      </FormField>
      <View className={`nt-chip nt-anonymous ${anonymous ? 'nt-chip--on' : ''}`} onClick={() => setAnonymous(!anonymous)}>
        {anonymous ? '✓ ' : ''}对其他村民匿名
      </View>
      <View className='nt-muted'>匿名只对其他村民；村里办理的工作人员能看到是谁反映的，方便联系您。</View>
      {error ? <View className='nt-error nt-form-error'>{error}</View> : null}
      <BigButton className='nt-send-report' loading={sending} disabled={uploading} reason={uploading ? '正在上传，请稍候' : undefined} onClick={() => void send()}>
        {uploading ? '正在上传照片…' : '提交'}
      </BigButton>
      <View className='nt-link' onClick={() => go(NOTICE_PAGES.reports)}>
        看看我反映过的事
      </View>
    </Page>
  )
}
