import { rolesOf } from '@/features/tiles'
import Taro from '@tarojs/taro'
import { chinaDateTime } from '@/utils/china-time'
import type { Role } from '../../types/contract'

export const NOTICE_PAGES = {
  feed: '/notice/pages/feed/index',
  detail: '/notice/pages/detail/index',
  edit: '/notice/pages/edit/index',
  stats: '/notice/pages/stats/index',
  reports: '/notice/pages/reports/index',
  reportNew: '/notice/pages/report-new/index',
  reportDetail: '/notice/pages/report-detail/index',
  group: '/notice/pages/group/index',
  privacy: '/notice/pages/privacy/index'
} as const

/** Roles that publish announcements and handle reports (mirrors ROLE_GROUPS.reports in the contract). */
export const HANDLER_ROLES: readonly Role[] = rolesOf('notice.assignReport')

import { pageUrl } from '@/utils/page-url'

export { pageUrl }

export function go(path: string, params: Record<string, string | undefined | null> = {}): void {
  void Taro.navigateTo({ url: pageUrl(path, params) })
}

export function toast(title: string): void {
  void Taro.showToast({ title, icon: 'none', duration: 2500 })
}

/** An ISO time as China time: 2026-11-24 09:30 ('' when it is not a date). */
export function chinaTime(iso: string | null | undefined): string {
  if (!iso || Number.isNaN(new Date(iso).getTime())) return ''
  return chinaDateTime(iso)
}

/** Today in China time, YYYY-MM-DD. */
export { chinaToday } from '@/utils/china-time'
