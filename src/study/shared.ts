import Taro from '@tarojs/taro'
import { TENCENT_MEETING_APPID, type SessionSummary } from '../../types/contract'
import { isH5 } from '../utils/env'

export const STUDY_PAGES = {
  sessions: '/study/pages/sessions/index',
  session: '/study/pages/session/index',
  checkin: '/study/pages/checkin/index',
  code: '/study/pages/code/index',
  edit: '/study/pages/edit/index',
  thread: '/study/pages/thread/index',
  threads: '/study/pages/threads/index',
  pairs: '/study/pages/pairs/index',
  materials: '/study/pages/materials/index',
  calendar: '/study/pages/calendar/index',
  report: '/study/pages/report/index'
} as const

/** One-time subscribe message template for session reminders (set in the mini program console). */
export const REMIND_TEMPLATE_ID = 'study-session-reminder'

export const STUDY_QR_PREFIX = 'cunshe:study:'

/** Parses the organiser's QR payload `cunshe:study:<sessionId>:<6 digits>`; null when it is not ours. */
export function parseStudyPayload(text: string | null | undefined): { sessionId: string; code: string } | null {
  const m = /^cunshe:study:([A-Za-z0-9_-]{1,64}):(\d{6})$/.exec((text ?? '').trim())
  return m && m[1] && m[2] ? { sessionId: m[1], code: m[2] } : null
}

/** 2026-11-24 09:30 in China time; the current quarter (YYYY-Qn) and month (YYYY-MM) in China time. */
export { chinaDateTime as cnTime, chinaQuarter as cnQuarter, chinaMonth as cnMonth } from '@/utils/china-time'

export const PHASE_LABELS: Record<SessionSummary['phase'], string> = { upcoming: '未开始', running: '进行中', ended: '已结束', cancelled: '已取消' }

export function go(url: string): void {
  void Taro.navigateTo({ url })
}

export function toast(title: string, icon: 'success' | 'none' = 'none'): void {
  void Taro.showToast({ title, icon, duration: icon === 'none' ? 3000 : 1500 })
}

/**
 * Opens the 腾讯会议 mini program on the meeting (must run directly from a tap: WeChat asks the user to confirm).
 * In the browser there is no other mini program to open: the code is copied instead.
 */
export function openTencentMeeting(code: string, password: string | null): void {
  if (isH5()) {
    void Taro.setClipboardData({ data: code }).catch(() => undefined)
    toast(`会议号 ${code} 已复制，请在腾讯会议里加入`)
    return
  }
  const path = `pages/index/index?code=${code}${password ? `&pwd=${encodeURIComponent(password)}` : ''}`
  void Taro.navigateToMiniProgram({ appId: TENCENT_MEETING_APPID, path }).catch(() => toast(`请打开腾讯会议，输入会议号 ${code}`))
}

export function copyLink(url: string): void {
  void Taro.setClipboardData({ data: url })
    .then(() => toast('链接已复制，请在浏览器打开'))
    .catch(() => toast(url))
}

export function seconds(n: number | null | undefined): string {
  const v = Math.max(0, Math.round(n ?? 0))
  return v >= 60 ? `${Math.floor(v / 60)}分${v % 60}秒` : `${v}秒`
}
