import Taro from '@tarojs/taro'
import { eventValue } from '@/utils/form'
import { Input as TextInput, View } from '@tarojs/components'
import { useState } from 'react'
import { CLAIM_STATE_LABELS, checkinCodeText, type ClaimStateName } from '../../../../types/contract'
import { BigButton } from '@/components/big-button'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { useMutation, useQuery } from '@/hooks/use-call'
import { useMe } from '@/hooks/use-me'
import { call, errorText } from '@/services/call'
import { isH5 } from '@/utils/env'
import { chinaDateTime, go, parseCheckinPayload, useIntentIds } from '../../shared'
import { MeGate } from '../../components/me-gate'
import '../../points.scss'
import './index.scss'

/** 扫码签到: scan the venue QR (WeChat) or pick an open activity and type its 6-digit code. Voluntary. */
export default function CheckinPage() {
  const me = useMe()
  const villageId = me.data?.member.villageId ?? ''
  const list = useQuery(() => call('points', 'listActivities', { villageId }), [villageId], Boolean(villageId))
  const [activityId, setActivityId] = useState('')
  const [code, setCode] = useState('')
  const [error, setError] = useState('')
  const [done, setDone] = useState<{ title: string; state: ClaimStateName } | null>(null)
  const intents = useIntentIds()
  const send = useMutation((a: string, c: string) => call('points', 'checkin', { activityId: a, code: c }, { requestId: intents.get(`${a}:${c}`) }))
  const open = (list.data ?? []).filter((a) => a.open)
  const chosen = open.find((a) => a.id === activityId) ?? (open.length === 1 ? open[0] : undefined)

  const submit = async (a: string, c: string, title: string) => {
    const res = await send.attempt(a, c)
    if (res?.ok) {
      intents.done(`${a}:${c}`)
      setDone({ title, state: res.value.state })
    } else if (res) {
      // Said next to the box too: a toast is gone before a slow typist has read it.
      setError(errorText(res.error))
    }
  }

  const typed = () => {
    const c = checkinCodeText(code)
    const problem = !chosen ? '请先选择活动' : !/^\d{6}$/.test(c) ? '签到码是6位数字' : undefined
    setError(problem ?? '')
    if (problem || !chosen) return
    void submit(chosen.id, c, chosen.title)
  }

  const scan = async () => {
    setError('')
    let text = ''
    try {
      const res = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] })
      text = res.result
    } catch {
      return // cancelled
    }
    const parsed = parseCheckinPayload(text)
    if (!parsed) {
      setError('这不是村社通的签到二维码')
      return
    }
    setActivityId(parsed.activityId)
    setCode(parsed.code)
    const title = (list.data ?? []).find((a) => a.id === parsed.activityId)?.title ?? '活动'
    await submit(parsed.activityId, parsed.code, title)
  }

  return (
    <MeGate me={me} className='points-checkin'>
      {() => (
        <Page className='points-checkin' title='扫码签到'>
          <View className='checkin-voluntary points-hint'>签到自愿参加，不签到不影响其他事项。签到后积分要经过审核和公示才入账。</View>
          {done ? (
            <Section className='checkin-result'>
              <View className='points-result checkin-result__text'>「{done.title}」签到成功</View>
              <View className='points-hint'>{CLAIM_STATE_LABELS[done.state]}，通过后记入我家积分</View>
              <BigButton className='checkin-go-my' onClick={() => go('/points/pages/my/index')}>
                看我家积分
              </BigButton>
              <BigButton type='default' onClick={() => { setDone(null); setCode('') }}>
                返回
              </BigButton>
            </Section>
          ) : (
            <View>
              {!isH5() ? (
                <BigButton className='checkin-scan' loading={send.submitting} onClick={() => void scan()}>
                  扫一扫签到
                </BigButton>
              ) : null}
              <Section title='或者输入签到码' className='checkin-manual'>
                {list.loading && !list.data ? <LoadingView /> : null}
                {list.error ? <ErrorView error={list.error} onRetry={() => void list.reload()} /> : null}
                {list.data && open.length === 0 ? <EmptyState text='现在没有正在签到的活动' /> : null}
                {open.map((a) => (
                  <View
                    key={a.id}
                    className={`checkin-activity points-list-item ${chosen?.id === a.id ? 'checkin-activity--on' : ''}`}
                    onClick={() => { setActivityId(a.id); setError('') }}
                  >
                    <View className={`points-check ${chosen?.id === a.id ? 'points-check--on' : ''}`}>{chosen?.id === a.id ? '✓' : ''}</View>
                    <View className='points-list-item__main'>
                      <View className='points-list-item__title'>{a.title}</View>
                      <View className='points-list-item__desc'>
                        {a.place ? `${a.place} · ` : ''}
                        {chinaDateTime(a.endsAt)} 截止
                      </View>
                    </View>
                  </View>
                ))}
                {open.length > 0 ? (
                  <View>
                    <TextInput
                      className='cs-input checkin-code-input'
                      type='number'
                      maxlength={12}
                      value={code}
                      placeholder='输入现场的6位签到码'
                      onInput={(e) => { setCode(eventValue(e)); setError('') }}
                    />
                    <BigButton className='checkin-submit' loading={send.submitting} onClick={typed}>
                      签到
                    </BigButton>
                  </View>
                ) : null}
              </Section>
              {error ? <View className='points-error-text checkin-error'>{error}</View> : null}
            </View>
          )}
        </Page>
      )}
    </MeGate>
  )
}
