import Taro from '@tarojs/taro'
import { Image, Textarea, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import { STUDY_UPLOAD_LIMITS, VOICE_MAX_SECONDS, type RelayItemView } from '../../../../types/contract'
import { BigButton } from '@/components/big-button'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { showError, useMutation, useQuery } from '@/hooks/use-call'
import { useParam } from '@/hooks/use-param'
import { CallError, call, newRequestId } from '@/services/call'
import { pickFile, uploadWithProgress, type PickedFile } from '@/services/upload'
import { isH5 } from '@/utils/env'
import { cnTime, seconds, toast } from '../../shared'
import '../../study.scss'
import { eventValue } from '@/utils/form'

let player: Taro.InnerAudioContext | null = null
function play(url: string | null): void {
  if (!url) return
  player?.stop()
  player = Taro.createInnerAudioContext()
  player.src = url
  player.play()
}

function Item({ item }: { item: RelayItemView }) {
  return (
    <View className={`study-bubble study-relay study-relay--${item.kind}`}>
      <View className='study-bubble__by'>
        {item.byName} · {cnTime(item.at)} {item.read ? '· 已读' : ''}
      </View>
      {item.kind === 'text' ? <View className='study-text'>{item.text}</View> : null}
      {item.kind === 'photo' && item.fileUrl ? (
        <Image className='study-bubble__photo' src={item.fileUrl} mode='aspectFill' onClick={() => void Taro.previewImage({ urls: [item.fileUrl as string] })} />
      ) : null}
      {item.kind === 'voice' ? (
        <BigButton type='plain' size='small' className='study-play' onClick={() => play(item.fileUrl)}>
          ▶ 播放语音 {seconds(item.durationSec)}
        </BigButton>
      ) : null}
    </View>
  )
}

/** Length of a picked audio file in the browser (whole seconds, at least 1). */
function audioSeconds(file: PickedFile): Promise<number> {
  return new Promise((resolve) => {
    if (!file.blob || typeof Audio === 'undefined' || typeof URL.createObjectURL !== 'function') {
      resolve(1)
      return
    }
    const url = URL.createObjectURL(file.blob)
    const audio = new Audio()
    const done = (n: number) => {
      URL.revokeObjectURL(url)
      resolve(Math.max(1, Math.round(Number.isFinite(n) ? n : 1)))
    }
    audio.onloadedmetadata = () => done(audio.duration)
    audio.onerror = () => done(1)
    audio.src = url
  })
}

function checkSize(file: PickedFile, kind: 'photo' | 'voice'): void {
  const limit = STUDY_UPLOAD_LIMITS[kind]
  if (file.size > limit.maxBytes) throw new CallError('STUDY.FILE_TOO_LARGE', `${limit.label}太大了，最大${limit.maxBytes / 1024 / 1024}MB`)
}

/** One relay thread (session × mobile member): the buddy sends text, photos, voice; the member reads and writes a 心得. */
export default function StudyThreadPage() {
  const sessionId = useParam('sessionId')
  const memberId = useParam('memberId')
  const q = useQuery(() => call('study', 'getThread', { sessionId, ...(memberId ? { memberId } : {}) }), [sessionId, memberId], Boolean(sessionId))
  const [text, setText] = useState('')
  const [note, setNote] = useState('')
  const [progress, setProgress] = useState<number | null>(null)
  const [recording, setRecording] = useState(false)
  const ids = useRef({ text: newRequestId(), note: newRequestId() })
  const t = q.data
  const target = t?.memberId ?? memberId

  const send = useMutation(async (input: { kind: 'text' | 'photo' | 'voice'; text?: string; fileId?: string; durationSec?: number }, requestId?: string) => {
    await call('study', 'sendRelay', { sessionId, memberId: target, text: '', ...input }, { requestId: requestId ?? newRequestId() })
    await q.reload()
    return true
  })
  const sendText = async () => {
    if (!(await send.run({ kind: 'text', text }, ids.current.text))) return
    setText('')
    ids.current.text = newRequestId()
  }
  const upload = async (file: PickedFile, kind: 'photo' | 'voice', durationSec?: number) => {
    try {
      checkSize(file, kind)
      const fileId = await uploadWithProgress(file, `study/${kind}`, setProgress)
      await send.run({ kind, fileId, ...(durationSec ? { durationSec } : {}) })
    } catch (e) {
      showError(e)
    } finally {
      setProgress(null)
    }
  }
  const photo = async () => {
    const file = await pickFile('image')
    if (file) await upload(file, 'photo')
  }
  const recorder = useRef<Taro.RecorderManager | null>(null)
  const startVoice = async () => {
    if (isH5()) {
      const file = await pickFile('audio')
      if (!file) return
      const secs = await audioSeconds(file)
      if (secs > VOICE_MAX_SECONDS) {
        toast('语音最长10分钟')
        return
      }
      await upload(file, 'voice', secs)
      return
    }
    const rm = (recorder.current ??= Taro.getRecorderManager())
    rm.onStop((res) => {
      setRecording(false)
      const secs = Math.max(1, Math.round(res.duration / 1000))
      void upload({ name: 'voice.mp3', size: res.fileSize, path: res.tempFilePath }, 'voice', Math.min(secs, VOICE_MAX_SECONDS))
    })
    rm.onError(() => {
      setRecording(false)
      toast('录音失败，请检查麦克风权限')
    })
    rm.start({ duration: VOICE_MAX_SECONDS * 1000, format: 'mp3', sampleRate: 16000, numberOfChannels: 1, encodeBitRate: 48000 })
    setRecording(true)
  }
  const stopVoice = () => recorder.current?.stop()

  const read = useMutation(async () => call('study', 'markRead', { sessionId }), { toastOnError: false })
  const unread = Boolean(t?.isMember && t.items.some((i) => !i.read))
  useEffect(() => {
    // Opening the thread is reading it: the read receipt goes to the buddy.
    if (unread) void read.run().then(() => q.reload())
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [unread])
  const writeNote = useMutation(async () => {
    await call('study', 'writeNote', { sessionId, text: note }, { requestId: ids.current.note })
    ids.current.note = newRequestId()
    toast('心得已提交', 'success')
    await q.reload()
  })

  if (!sessionId) return <Page className='study-thread'><EmptyState text='没有指定会议' /></Page>
  if (!t) {
    return (
      <Page className='study-thread'>
        {q.loading ? <LoadingView /> : null}
        {q.error ? <ErrorView error={q.error} onRetry={() => void q.reload()} /> : null}
      </Page>
    )
  }
  const busy = send.submitting || progress !== null
  /** Why the send buttons wait: an upload or a send is under way. */
  const busyWhy = progress !== null ? '正在上传，请等上传完' : send.submitting ? '正在发送，请稍等' : undefined
  return (
    <Page className='study-thread'>
      <View className='study-hint'>
        {t.sessionTypeLabel} · {t.sessionTitle} · {cnTime(t.startsAt)}
      </View>
      <View className='study-hint'>
        {t.isMember ? `结对党员：${t.buddyName ?? '未结对'}` : `流动党员：${t.memberName}`}
        {t.caughtUp ? ' · 已补学' : t.attended ? '' : ' · 未补学'}
      </View>
      <Section title='会议传达'>
        {t.items.length === 0 ? <EmptyState text='还没有传达' /> : null}
        {t.items.map((i) => (
          <Item key={i.id} item={i} />
        ))}
      </Section>
      {t.canRelay ? (
        <Section title={`传达给 ${t.memberName}`} className='study-composer'>
          <Textarea className='study-textarea study-relay-text' value={text} maxlength={1000} placeholder='会上讲了什么，要做什么' onInput={(e) => setText(eventValue(e))} />
          <BigButton className='study-send-text' disabled={!text.trim() || busy} reason={!text.trim() ? '写了内容才能发送文字' : busyWhy} loading={send.submitting} onClick={() => void sendText()}>
            发送文字
          </BigButton>
          <BigButton type='default' className='study-send-photo' disabled={busy} reason={busyWhy} onClick={() => void photo()}>
            发照片（最大5MB）
          </BigButton>
          {recording ? (
            <BigButton type='danger' className='study-stop-voice' onClick={stopVoice}>
              停止录音并发送
            </BigButton>
          ) : (
            <BigButton type='default' className='study-send-voice' disabled={busy} reason={busyWhy} onClick={() => void startVoice()}>
              {isH5() ? '选语音文件（最长10分钟）' : '录语音（最长10分钟）'}
            </BigButton>
          )}
          {progress !== null ? (
            <View className='study-upload'>
              <View className='study-progress'>
                <View className='study-progress__bar' style={{ width: `${progress}%` }} />
              </View>
              <View className='study-hint study-progress-text'>正在上传 {progress}%</View>
            </View>
          ) : null}
        </Section>
      ) : null}
      {t.isMember ? (
        <Section title='我的学习心得' className='study-note'>
          {t.note ? <View className='study-text study-note-text'>{t.note.text}</View> : null}
          {t.note ? <View className='study-hint'>{cnTime(t.note.at)} 提交，可以再修改</View> : null}
          <Textarea className='study-textarea study-note-input' value={note} maxlength={1000} placeholder='写写学习体会' onInput={(e) => setNote(eventValue(e))} />
          <BigButton className='study-submit-note' disabled={!note.trim()} reason={!note.trim() ? '写了心得才能提交' : undefined} loading={writeNote.submitting} onClick={() => void writeNote.run()}>
            提交心得
          </BigButton>
        </Section>
      ) : t.note ? (
        <Section title={`${t.memberName}的心得`}>
          <View className='study-text study-note-text'>{t.note.text}</View>
        </Section>
      ) : null}
    </Page>
  )
}
