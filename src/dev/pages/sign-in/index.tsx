import Taro from '@tarojs/taro'
import { eventValue } from '@/utils/form'
import { Input, View } from '@tarojs/components'
import { useMemo, useState } from 'react'
import { PARTY_STATUS_LABELS, PERSON_CLASS_LABELS } from '../../../../types/contract'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { useQuery } from '@/hooks/use-call'
import { listDevPeople, type DevPerson } from '@/services/dev'
import { getDevOpenid, setDevOpenid } from '@/services/session'
import { groupPeople } from './group'
import '@/components/form-field/index.scss'
import './index.scss'

function describe(p: DevPerson): string {
  const cls = PERSON_CLASS_LABELS[p.personClass] ?? ''
  const status = p.partyStatus ? `·${PARTY_STATUS_LABELS[p.partyStatus]}` : ''
  return [`${cls}${status}`, p.villageName, p.householdName].filter(Boolean).join('  ')
}

function signInAs(p: DevPerson): void {
  setDevOpenid(p.openid)
  void Taro.reLaunch({ url: '/pages/me/index' })
}

/** A WeChat user the roster does not know yet: tries the invitation-code and bind-request flows. */
function signInAsNewUser(): void {
  setDevOpenid(`wx-new-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`)
  void Taro.reLaunch({ url: '/pages/me/index' })
}

export default function SignInPage() {
  const people = useQuery(listDevPeople, [])
  const [query, setQuery] = useState('')
  const groups = useMemo(() => groupPeople(people.data ?? [], query), [people.data, query])
  const current = getDevOpenid()

  return (
    <Page className='sign-in-page' title='本地演示登录 (仅本地环境)'>
      <View className='sign-in-hint cs-muted'>点一位人员，就以他的身份使用。</View>
      <Input
        className='cs-input sign-in-search'
        value={query}
        placeholder='搜索姓名、村、职务'
        onInput={(e) => setQuery(eventValue(e))}
      />
      <View className='sign-in-new-user' onClick={signInAsNewUser}>
        <View className='sign-in-new-user__name'>新微信用户（未绑定）</View>
        <View className='sign-in-new-user__desc'>用邀请码绑定身份，或申请绑定</View>
      </View>
      <View className='sign-in-new-user sign-in-sends' onClick={() => void Taro.navigateTo({ url: '/dev/pages/sends/index' })}>
        <View className='sign-in-new-user__name'>微信提醒记录</View>
        <View className='sign-in-new-user__desc'>每个人会收到的订阅消息</View>
      </View>
      {people.loading && !people.data ? <LoadingView /> : null}
      {people.error ? <ErrorView error={people.error} onRetry={() => void people.reload()} /> : null}
      {people.data && groups.length === 0 ? <EmptyState text={query ? '没有找到这个人' : '还没有演示人员，请先导入种子数据'} /> : null}
      {groups.map((g) => (
        <Section key={g.key} title={`${g.title}（${g.people.length}）`} className={`sign-in-group sign-in-group--${g.key}`}>
          {g.people.map((p) => (
            <View
              key={`${g.key}-${p.openid}`}
              className={`sign-in-person ${p.openid === current ? 'sign-in-person--current' : ''}`}
              onClick={() => signInAs(p)}
            >
              <View className='sign-in-person__name'>{p.name}</View>
              <View className='sign-in-person__desc'>{describe(p)}</View>
              {p.roles.length > 0 ? (
                <View className='sign-in-person__roles'>{p.roles.map((r) => `${r.label}(${r.orgName})`).join('、')}</View>
              ) : null}
            </View>
          ))}
        </Section>
      ))}
    </Page>
  )
}
