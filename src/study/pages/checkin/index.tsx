import Taro from '@tarojs/taro'
import { Input as TextInput, View } from '@tarojs/components'
import { useState } from 'react'
import { BigButton } from '@/components/big-button'
import { ErrorView } from '@/components/error-view'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { useMutation, useQuery } from '@/hooks/use-call'
import { useParam } from '@/hooks/use-param'
import { call, newRequestId } from '@/services/call'
import { isH5 } from '@/utils/env'
import { STUDY_PAGES, cnTime, parseStudyPayload } from '../../shared'
import '../../study.scss'
import { eventValue } from '@/utils/form'
import '@/components/form-field/index.scss'

/**
 * 会议签到: scan the organiser's rotating QR (WeChat) or type the 6-digit code shown on the screen. One requestId
 * per code typed, so a retry after weak signal is the same check-in.
 */
export default function StudyCheckinPage() {
  const param = useParam('id')
  const proxy = useParam('proxy') === '1'
  const [sessionId, setSessionId] = useState(param)
  const [forMember, setForMember] = useState('')
  const candidates = useQuery(() => call('study', 'proxyCandidates', { sessionId }), [sessionId], proxy && Boolean(sessionId))
  const session = useQuery(() => call('study', 'getSession', { sessionId }), [sessionId], Boolean(sessionId))
  const [code, setCode] = useState('')
  const [error, setError] = useState('')
  const [done, setDone] = useState<string | null>(null)
  const [intents] = useState(() => new Map<string, string>())
  const send = useMutation(
    async (sid: string, c: string) => {
      const key = `${sid}:${c}:${forMember}`
      const requestId = intents.get(key) ?? newRequestId()
      intents.set(key, requestId)
      return call('study', 'checkIn', { sessionId: sid, code: c, ...(forMember ? { memberId: forMember } : {}) }, { requestId })
    },
    { toastOnError: false }
  )

  const submit = async (sid: string, c: string) => {
    setError('')
    const res = await send.run(sid, c)
    if (res) setDone(`${forMember ? `已为${res.memberName}代办签到` : '签到成功'}：${res.statusLabel}`)
  }
  const typed = () => {
    const c = code.trim()
    if (!/^\d{6}$/.test(c)) {
      setError('签到码是6位数字')
      return
    }
    if (proxy && !forMember) {
      setError('请先选择代办的党员')
      return
    }
    void submit(sessionId, c)
  }
  const scan = async () => {
    let text = ''
    try {
      text = (await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] })).result
    } catch {
      return
    }
    const parsed = parseStudyPayload(text)
    if (!parsed) {
      setError('这不是云支部的会议签到码')
      return
    }
    setSessionId(parsed.sessionId)
    setCode(parsed.code)
    await submit(parsed.sessionId, parsed.code)
  }
  const failure = send.error ? (send.error as Error).message : ''
  const s = session.data
  return (
    <Page className='study-checkin' title='会议签到'>
      {session.loading && !s ? <LoadingView /> : null}
      {session.error ? <ErrorView error={session.error} onRetry={() => void session.reload()} /> : null}
      {s ? (
        <View className='study-hint study-checkin-session'>
          {s.title} · {cnTime(s.startsAt)}
          {s.place ? ` · ${s.place}` : ''}
        </View>
      ) : null}
      {done ? (
        <Section>
          <View className='study-result study-checkin-done'>{done}</View>
          <BigButton type='default' onClick={() => void Taro.redirectTo({ url: `${STUDY_PAGES.session}?id=${sessionId}` })}>
            返回会议
          </BigButton>
        </Section>
      ) : (
        <View>
          {proxy ? (
            <Section title='代办签到（没有手机的党员，会记下您的名字）' className='study-proxy'>
              {candidates.loading && !candidates.data ? <LoadingView /> : null}
              {candidates.error ? <ErrorView error={candidates.error} onRetry={() => void candidates.reload()} /> : null}
              {candidates.data && candidates.data.length === 0 ? <View className='study-hint'>您负责的网格里没有需要代办的参会党员</View> : null}
              {(candidates.data ?? []).map((m) => (
                <View
                  key={m.memberId}
                  className={`cs-choice study-proxy-member ${forMember === m.memberId ? 'cs-choice--on' : ''}`}
                  onClick={() => m.status === 'absent' && setForMember(m.memberId)}
                >
                  {m.name} · {m.householdName} · {m.statusLabel}
                </View>
              ))}
            </Section>
          ) : null}
          {!isH5() && !proxy ? (
            <BigButton className='study-scan' loading={send.submitting} onClick={() => void scan()}>
              扫一扫签到
            </BigButton>
          ) : null}
          <Section title='输入现场屏幕上的签到码'>
            <TextInput
              className='cs-input study-code-input'
              type='number'
              maxlength={6}
              value={code}
              placeholder='6位数字'
              onInput={(e) => {
                setCode(eventValue(e))
                setError('')
              }}
            />
            <BigButton className='study-submit-code' disabled={!sessionId} reason={!sessionId ? '请先扫码，或从会议页进入' : undefined} loading={send.submitting} onClick={typed}>
              签到
            </BigButton>
          </Section>
          {error || failure ? <View className='study-error study-checkin-error'>{error || failure}</View> : null}
          <View className='study-hint'>签到码每30秒更换一次，转发的截图过一会儿就不能用了。</View>
        </View>
      )}
    </Page>
  )
}
