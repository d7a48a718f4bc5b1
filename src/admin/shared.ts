import Taro from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { ROSTER_ROLES } from '../features/tiles'
import { useQuery } from '../hooks/use-call'
import { call } from '../services/call'

const SCOPE_KEY = 'cunshe.adminVillage'

/** Villages/communities the caller manages, and the one chosen (remembered across pages). */
export function useScope(preferred?: string) {
  const scopes = useQuery(() => call('identity', 'myScopes', {}), [])
  const [chosen, setChosen] = useState<string>(() => {
    if (preferred) return preferred
    try {
      const v: unknown = Taro.getStorageSync(SCOPE_KEY)
      return typeof v === 'string' ? v : ''
    } catch {
      return ''
    }
  })
  const villages = (scopes.data ?? []).filter(
    (s) => (s.kind === 'village' || s.kind === 'community') && s.roles.some((r) => ROSTER_ROLES.includes(r))
  )
  const current = villages.find((v) => v.id === chosen) ?? villages[0]
  const choose = useCallback((id: string) => {
    setChosen(id)
    try {
      Taro.setStorageSync(SCOPE_KEY, id)
    } catch {
      /* not remembered, still chosen */
    }
  }, [])
  return { scopes, villages, current, choose }
}

/** Reads one string query parameter of the current page. */
export function useParam(name: string): string {
  const params = Taro.useRouter().params as Record<string, string | undefined>
  const v = params[name]
  return v ? decodeURIComponent(v) : ''
}
