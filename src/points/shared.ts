import Taro from '@tarojs/taro'
import { useCallback, useRef, useState } from 'react'
import { CLAIM_STATE_LABELS, type ClaimStateName, type Role } from '../../types/contract'
import { useQuery } from '../hooks/use-call'
import type { MeState } from '../hooks/use-me'
import { call, newRequestId } from '../services/call'
import { rolesOf } from '../features/tiles'

/** The roles behind each points page, read from the actions' declared access (the server still decides). */
export const POINTS_ROLES = {
  record: rolesOf('points.recordClaims'),
  first: rolesOf('points.reviewQueue', 'first'),
  second: rolesOf('points.reviewQueue', 'second'),
  assembly: rolesOf('points.decideAssembly'),
  reports: rolesOf('points.tally'),
  rules: rolesOf('points.saveDraftRules'),
  activities: rolesOf('points.createActivity'),
  readRoster: rolesOf('points.publicity')
}

export { chinaClock, chinaDate, chinaDateTime, chinaIso, chinaMonth, chinaQuarter, chinaToday } from '@/utils/china-time'

/** +10 / -5 / 0 */
export function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n)
}

export function stateLabel(state: ClaimStateName): string {
  return CLAIM_STATE_LABELS[state]
}

/** The steps of the audit chain in order (shown as a progress line on claims). */
export const CHAIN: ReadonlyArray<{ state: ClaimStateName; label: string }> = [
  { state: 'first_review', label: '党小组初审' },
  { state: 'second_review', label: '两委复审' },
  { state: 'assembly', label: '大会审议' },
  { state: 'publicity', label: '公示' },
  { state: 'posted', label: '入账' }
]

export const CHECKIN_PREFIX = 'cunshe:checkin:'

/** Parses the venue QR payload `cunshe:checkin:<activityId>:<6 digits>`; null when it is not ours. */
export function parseCheckinPayload(text: string | null | undefined): { activityId: string; code: string } | null {
  const m = /^cunshe:checkin:([A-Za-z0-9_:-]{1,64}):(\d{6})$/.exec((text ?? '').trim())
  return m && m[1] && m[2] ? { activityId: m[1], code: m[2] } : null
}

export function go(url: string): void {
  void Taro.navigateTo({ url })
}

/** Remembers the village chosen on the points pages (useVillageScope in src/hooks/use-scope.ts). */
export const POINTS_SCOPE_KEY = 'cunshe.pointsVillage'

/** Asks before an irreversible step; resolves true when the user confirms. */
export async function confirm(title: string, content: string, confirmText = '确定', cancelText = '取消'): Promise<boolean> {
  try {
    const res = await Taro.showModal({ title, content, confirmText, cancelText, confirmColor: '#c8161d' })
    return Boolean(res.confirm)
  } catch {
    return false
  }
}

export function toast(title: string, icon: 'success' | 'none' = 'none'): void {
  void Taro.showToast({ title, icon, duration: icon === 'none' ? 3000 : 1500 })
}

/**
 * One requestId per user intent, keyed (e.g. `claimId:decision`): a retry after an error reuses it, a success
 * retires it so the next intent gets a fresh one.
 */
export function useIntentIds() {
  const ids = useRef(new Map<string, string>())
  const get = useCallback((key: string) => {
    let id = ids.current.get(key)
    if (!id) {
      id = newRequestId()
      ids.current.set(key, id)
    }
    return id
  }, [])
  const done = useCallback((key: string) => void ids.current.delete(key), [])
  return { get, done }
}

/**
 * The village a page shows for everyone: my own village, plus villages where I hold one of `staffRoles`
 * (staff may pick). `rolesIn` tells which roles I hold in a village.
 */
export function useMyVillage(me: MeState, staffRoles: readonly Role[]) {
  const scopes = useQuery(() => call('identity', 'myScopes', {}), [], Boolean(me.data))
  const [picked, setPicked] = useState('')
  const own = me.data ? { id: me.data.member.villageId, name: me.data.member.villageName } : null
  const staffVillages = (scopes.data ?? []).filter(
    (s) => (s.kind === 'village' || s.kind === 'community') && s.roles.some((r) => staffRoles.includes(r))
  )
  const options = [...(own ? [own] : []), ...staffVillages.filter((v) => v.id !== own?.id).map((v) => ({ id: v.id, name: v.name }))]
  const villageId = options.find((o) => o.id === picked)?.id ?? options[0]?.id ?? ''
  const rolesIn = (id: string): Role[] => (scopes.data ?? []).find((s) => s.id === id)?.roles ?? []
  const holds = (id: string, roles: readonly Role[]) => rolesIn(id).some((r) => roles.includes(r))
  return { scopes, options, villageId, setPicked, rolesIn, holds }
}
