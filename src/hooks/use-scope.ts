import Taro from '@tarojs/taro'
import { useCallback, useState } from 'react'
import type { OrgNodeView, Role } from '../../types/contract'
import { call } from '../services/call'
import { useQuery } from './use-call'

/** A village or community the caller works in, with the roles held there (identity.myScopes). */
export type ScopeNode = OrgNodeView & { roles: Role[] }

export interface VillageScopeOptions {
  /** Storage key remembering the chosen village; each area (admin, mall, points) keeps its own. */
  storageKey: string
  /** A village to start with (e.g. the page's villageId parameter); wins over the remembered one. */
  preferred?: string
}

function remembered(key: string): string {
  try {
    const v: unknown = Taro.getStorageSync(key)
    return typeof v === 'string' ? v : ''
  } catch {
    return ''
  }
}

/**
 * Villages/communities where the caller holds one of `roles`, and the chosen one (remembered across pages under
 * `storageKey`; the first village when none is chosen or the chosen one is not in the list).
 */
export function useVillageScope(roles: readonly Role[], { storageKey, preferred }: VillageScopeOptions) {
  const scopes = useQuery(() => call('identity', 'myScopes', {}), [])
  const [chosen, setChosen] = useState<string>(() => preferred || remembered(storageKey))
  const villages: ScopeNode[] = (scopes.data ?? []).filter(
    (s) => (s.kind === 'village' || s.kind === 'community') && s.roles.some((r) => roles.includes(r))
  )
  const current = villages.find((v) => v.id === chosen) ?? villages[0]
  const choose = useCallback(
    (id: string) => {
      setChosen(id)
      try {
        Taro.setStorageSync(storageKey, id)
      } catch {
        /* not remembered, still chosen */
      }
    },
    [storageKey]
  )
  /** Roles the caller holds in the current village. */
  const rolesHere: Role[] = current?.roles ?? []
  return { scopes, villages, current, choose, rolesHere }
}
