import type { MeOutput } from '../../types/contract'
import { call, isCallError } from '../services/call'
import { getDevOpenid } from '../services/session'
import { isLocal } from '../utils/env'
import { useQuery, type QueryState, useReloadOnShow } from './use-call'

export interface MeState extends QueryState<MeOutput> {
  /** Local build without a chosen demo identity: nothing to ask the server. */
  needsDevSignIn: boolean
  /** The server says this WeChat user is not bound to a roster member. */
  unbound: boolean
}

/** The signed-in person (identity.me), refreshed whenever the page shows again. */
export function useMe(): MeState {
  const needsDevSignIn = isLocal() && !getDevOpenid()
  const q = useQuery(() => call('identity', 'me', {}), [], !needsDevSignIn)
  useReloadOnShow(q.reload, !needsDevSignIn)
  const unbound = isCallError(q.error) && q.error.code === 'AUTH.UNBOUND'
  return { ...q, needsDevSignIn, unbound }
}
