import { Input, View } from '@tarojs/components'
import { useState } from 'react'
import { NOTICE_CATEGORIES, NOTICE_CATEGORY_LABELS, type NoticeCategory, type NoticeSummary } from '../../../../types/contract'
import { BigButton } from '@/components/big-button'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { useQuery, useReloadOnShow } from '@/hooks/use-call'
import { useMe } from '@/hooks/use-me'
import { useParam } from '@/hooks/use-param'
import { call } from '@/services/call'
import { askSubscribe, shouldOffer } from '@/services/subscribe'
import { chinaTime, go, HANDLER_ROLES, NOTICE_PAGES, toast } from '../../shared'
import '../notice.scss'
import './index.scss'
import { eventValue } from '@/utils/form'
import '@/components/form-field/index.scss'

export function NoticeRow({ n }: { n: NoticeSummary }) {
  return (
    <View className={`nt-row nt-notice ${n.unread ? 'nt-notice--unread' : ''}`} onClick={() => go(NOTICE_PAGES.detail, { id: n.id })}>
      <View className='nt-row__main'>
        <View className='nt-row__title'>
          {n.pinned ? <View className='nt-badge nt-badge--pin'>置顶</View> : null}
          {n.unread ? <View className='nt-badge nt-badge--unread'>未读</View> : null}
          {n.title}
        </View>
        <View className='nt-row__desc'>
          <View className='nt-badge'>{n.categoryLabel}</View>
          {n.edited ? <View className='nt-badge nt-badge--warn'>已修改</View> : null}
          {n.expired ? <View className='nt-badge'>已过期</View> : null}
          {chinaTime(n.publishedAt)} · {n.orgName}
        </View>
        {n.excerpt ? <View className='nt-row__desc'>{n.excerpt}</View> : null}
      </View>
    </View>
  )
}

/** 通知公告: what is addressed to me (or, for staff with ?managed=1, what I published), with search. */
export default function NoticeFeedPage() {
  const managed = useParam('managed') === '1'
  const me = useMe()
  const staff = (me.data?.roles ?? []).some((r) => HANDLER_ROLES.includes(r.role))
  const [search, setSearch] = useState('')
  const [typed, setTyped] = useState('')
  const [category, setCategory] = useState<NoticeCategory | ''>('')
  const feed = useQuery(() => call('notice', 'feed', { search, category: category || undefined, managed }), [search, category, managed])
  useReloadOnShow(feed.reload)
  const [offer, setOffer] = useState(shouldOffer('noticeFeed'))

  const remindMe = async () => {
    const choice = await askSubscribe('noticeFeed')
    setOffer(false)
    toast(choice === 'accept' ? '好的，有新公告会提醒您' : choice === 'unsupported' ? '在微信里打开才能收到提醒' : '不提醒了')
  }

  return (
    <Page className='nt-feed' title={managed ? '我发布的公告' : '通知公告'}>
      <View className='nt-search'>
        <Input className='cs-input nt-search-input' value={typed} placeholder='搜索标题或内容' maxlength={20} onInput={(e) => setTyped(eventValue(e))} onConfirm={() => setSearch(typed.trim())} />
        <BigButton size='small' className='nt-search-go' onClick={() => setSearch(typed.trim())}>
          搜索
        </BigButton>
      </View>
      <View className='nt-chips'>
        {(['', ...NOTICE_CATEGORIES] as const).map((c) => (
          <View key={c || 'all'} className={`nt-chip nt-chip--${c || 'all'} ${category === c ? 'nt-chip--on' : ''}`} onClick={() => setCategory(c)}>
            {c ? NOTICE_CATEGORY_LABELS[c] : '全部'}
          </View>
        ))}
      </View>
      {staff ? (
        <View className='nt-actions'>
          <BigButton className='nt-publish' onClick={() => go(NOTICE_PAGES.edit)}>
            发布公告
          </BigButton>
          <BigButton type='default' className='nt-managed' onClick={() => go(NOTICE_PAGES.feed, { managed: managed ? '' : '1' })}>
            {managed ? '发给我的' : '我发布的'}
          </BigButton>
        </View>
      ) : null}
      {feed.loading && !feed.data ? <LoadingView /> : null}
      {feed.error ? <ErrorView error={feed.error} onRetry={() => void feed.reload()} /> : null}
      {feed.data && !feed.data.items.length ? <EmptyState text={search ? `没有找到“${search}”相关的公告` : '还没有发给您的公告'} /> : null}
      {feed.data?.items.map((n) => <NoticeRow key={n.id} n={n} />)}
      {offer && !managed ? (
        <BigButton type='plain' className='nt-remind-me' onClick={() => void remindMe()}>
          有新公告时微信提醒我
        </BigButton>
      ) : null}
    </Page>
  )
}
