import Taro from '@tarojs/taro'
import { Textarea, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import { ENTRY_PARTS } from '../../../../types/contract'
import { BigButton } from '@/components/big-button'
import { ChoiceField } from '@/components/choice-field'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { FormField } from '@/components/form-field'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { useQuery } from '@/hooks/use-call'
import { useMe } from '@/hooks/use-me'
import { useParam } from '@/hooks/use-param'
import { call, errorText, newRequestId } from '@/services/call'
import { MediaField } from '../../components/media-field'
import { pageUrl, shortTime, VOTE_PAGES } from '../../shared'
import { pickMedia, uploadMedia, type PickedMedia } from '../../upload-media'
import '../vote.scss'
import { eventValue } from '@/utils/form'

type PartKey = (typeof ENTRY_PARTS)[number]['key']

interface Slot {
  file: PickedMedia | null
  fileId: string
  progress: number | null
  error: string
}
const emptySlot: Slot = { file: null, fileId: '', progress: null, error: '' }

/** A secretary reports their unit's entry: text in four parts, a cover photo and a video, then staff review it. */
export default function SubmitPage() {
  const activityId = useParam('id')
  const me = useMe()
  const act = useQuery(() => call('vote', 'getActivity', { activityId }), [activityId], !!activityId)
  const mine = useQuery(() => call('vote', 'myEntries', { activityId }), [activityId], !!activityId)
  const units = (me.data?.roles ?? []).filter((r) => r.role === 'secretary')
  const [orgId, setOrgId] = useState('')
  const [category, setCategory] = useState('')
  const [title, setTitle] = useState('')
  const [parts, setParts] = useState<Record<PartKey, string>>({ ideas: '', results: '', highlights: '', service: '' })
  const [cover, setCover] = useState<Slot>(emptySlot)
  const [video, setVideo] = useState<Slot>(emptySlot)
  const [error, setError] = useState('')
  const [sending, setSending] = useState(false)
  const intent = useRef(newRequestId())
  const unit = orgId || units[0]?.orgId || ''
  const existing = (mine.data ?? []).find((e) => e.orgId === unit) ?? null

  useEffect(() => {
    // Editing an entry sent back for changes: start from what was sent.
    if (existing && !title) {
      setTitle(existing.title)
      setParts(existing.parts)
      setCategory(existing.category)
      setCover({ ...emptySlot, fileId: existing.cover ?? '' })
      setVideo({ ...emptySlot, fileId: existing.video ?? '' })
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [existing?.id])

  const upload = async (kind: 'image' | 'video', file: PickedMedia) => {
    const set = kind === 'image' ? setCover : setVideo
    set({ file, fileId: '', progress: 0, error: '' })
    try {
      const fileId = await uploadMedia(file, (p) => set((s) => ({ ...s, progress: p })))
      set({ file, fileId, progress: null, error: '' })
    } catch (e) {
      set({ file, fileId: '', progress: null, error: errorText(e) })
    }
  }
  const pick = async (kind: 'image' | 'video') => {
    const f = await pickMedia(kind)
    if (f) await upload(kind, f)
  }

  if (!activityId) return <Page><EmptyState text='没有指定活动' /></Page>
  if ((act.loading && !act.data) || (me.loading && !me.data)) return <Page className='vote-submit'><LoadingView /></Page>
  if (act.error && !act.data) return <Page className='vote-submit'><ErrorView error={act.error} onRetry={() => void act.reload()} /></Page>
  const a = act.data!
  if (!units.length) return <Page className='vote-submit'><EmptyState text='只有书记可以报送作品' /></Page>
  const locked = !!existing && !['pending', 'changes'].includes(existing.state)
  const closed = a.phase !== 'submitting'
  const cat = category || existing?.category || ''
  const missing = !cat ? '请选择参评类别' : !title.trim() ? '请填写标题' : ENTRY_PARTS.find((p) => !parts[p.key].trim())?.label ? `请填写${ENTRY_PARTS.find((p) => !parts[p.key].trim())!.label}` : !cover.fileId ? '请上传封面照片' : !video.fileId ? '请上传视频' : ''
  const why = locked ? `作品${existing!.stateLabel}，不能再修改` : closed ? `现在不在报名时间内（${shortTime(a.submitOpens)} 至 ${shortTime(a.submitCloses)}）` : cover.progress !== null || video.progress !== null ? '正在上传，请稍等' : missing

  const send = async () => {
    setSending(true)
    setError('')
    try {
      const saved = await call('vote', 'submitEntry', { activityId, orgId: unit, category: cat, title, parts, cover: cover.fileId, video: video.fileId }, { requestId: intent.current })
      intent.current = newRequestId()
      void Taro.showToast({ title: '已报送，等待审核', icon: 'none' })
      await mine.reload()
      void Taro.redirectTo({ url: pageUrl(VOTE_PAGES.entry, { id: saved.id }) })
    } catch (e) {
      setError(errorText(e))
    } finally {
      setSending(false)
    }
  }

  return (
    <Page className='vote-submit' title={`报送作品：${a.title}`}>
      {existing ? (
        <Section title='我报送的作品'>
          <View className='vote-note vote-existing'>
            {existing.title} · {existing.stateLabel}
          </View>
          {existing.reviewNote ? <View className='vote-error'>审核意见：{existing.reviewNote}</View> : null}
        </Section>
      ) : null}
      <Section>
        {units.length > 1 ? (
          <FormField label='报送单位' required>
            <ChoiceField name='unit' options={units.map((u) => ({ value: u.orgId, label: u.orgName }))} value={unit} onChange={setOrgId} />
          </FormField>
        ) : (
          <View className='vote-note'>报送单位：{units[0].orgName}</View>
        )}
        <FormField label='参评类别' required>
          <ChoiceField name='category' options={a.categories.map((c) => ({ value: c.key, label: c.label }))} value={cat || null} onChange={setCategory} />
        </FormField>
        <FormField label='标题' required name='title' value={title} maxlength={40} placeholder='一句话说清作品' onInput={setTitle} />
        {ENTRY_PARTS.map((p) => (
          <FormField key={p.key} label={p.label} required>
            <Textarea className={`vote-textarea vote-part-${p.key}`} value={parts[p.key]} maxlength={1000} placeholder={`写写${p.label}`} onInput={(ev) => setParts((s) => ({ ...s, [p.key]: eventValue(ev) }))} />
          </FormField>
        ))}
        <MediaField label='封面照片' kind='image' progress={cover.progress} done={!!cover.fileId} error={cover.error} fileName={cover.file?.name ?? (cover.fileId ? '已有封面' : '')} onPick={() => void pick('image')} onRetry={() => cover.file && void upload('image', cover.file)} />
        <MediaField label='工作视频（相册或现场拍摄）' kind='video' progress={video.progress} done={!!video.fileId} error={video.error} fileName={video.file?.name ?? (video.fileId ? '已有视频' : '')} onPick={() => void pick('video')} onRetry={() => video.file && void upload('video', video.file)} />
      </Section>
      <View className='vote-note'>报送后由工作人员审核，通过后大家才能看到和投票。</View>
      {error ? <View className='vote-error'>{error}</View> : null}
      <BigButton className='vote-send' disabled={!!why} reason={why ? <View className='vote-why'>{why}</View> : undefined} loading={sending} onClick={() => void send()}>
        {existing ? '修改后重新报送' : '报送'}
      </BigButton>
    </Page>
  )
}
