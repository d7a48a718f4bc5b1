import Taro from '@tarojs/taro'
import { createContext, createElement, useCallback, useContext, useMemo, useState, type ReactNode } from 'react'

/** Storage key of the user's explicit choice ('1' on, '0' off); absent = follow WeChat's font size. */
export const LARGE_TYPE_KEY = 'cunshe.largeType'
/** Storage key set ('1') once the first-use offer of large type was answered with 不用了. */
export const LARGE_TYPE_OFFERED_KEY = 'cunshe.largeTypeOffered'
/** Scale of every font size and tap target in large-type mode (WeChat 关怀模式 is about 1.4×). */
export const LARGE_SCALE = 1.35
const MAX_SCALE = 2
/** A WeChat font setting at or above this counts as "large" when the user never chose. */
const SYSTEM_LARGE_THRESHOLD = 1.15

export interface LargeType {
  /** Multiplier for font sizes and tap targets (1 = normal). */
  scale: number
  large: boolean
  toggle: () => void
  /** Sets large type on or off explicitly (remembered). */
  choose: (large: boolean) => void
  /** True until the user answered the one-time offer (chose either way, or said 不用了). */
  offerPending: boolean
  /** Answers the offer without changing the mode (不用了): it is not shown again. */
  dismissOffer: () => void
}

/** WeChat's font size factor (weapp only; 1 elsewhere or when the API is missing). */
export function systemScaleFactor(): number {
  if (process.env.TARO_ENV === 'h5') return 1
  try {
    const getInfo = (Taro as { getAppBaseInfo?: () => { fontSizeScaleFactor?: unknown } }).getAppBaseInfo
    const factor = typeof getInfo === 'function' ? getInfo().fontSizeScaleFactor : undefined
    return typeof factor === 'number' && Number.isFinite(factor) && factor > 0 ? factor : 1
  } catch {
    return 1
  }
}

function readChoice(): boolean | null {
  try {
    const v: unknown = Taro.getStorageSync(LARGE_TYPE_KEY)
    return v === '1' ? true : v === '0' ? false : null
  } catch {
    return null
  }
}

export function computeLargeType(choice: boolean | null, factor: number): { scale: number; large: boolean } {
  const large = choice ?? factor >= SYSTEM_LARGE_THRESHOLD
  if (!large) return { scale: 1, large: false }
  return { scale: Math.min(MAX_SCALE, Math.max(LARGE_SCALE, factor)), large: true }
}

function readOffered(): boolean {
  try {
    return Taro.getStorageSync(LARGE_TYPE_OFFERED_KEY) === '1'
  } catch {
    return false
  }
}

function store(key: string, value: string): void {
  try {
    Taro.setStorageSync(key, value)
  } catch {
    /* storage full or unavailable: the choice still holds for this session */
  }
}

function useLargeTypeState(): LargeType {
  const [factor] = useState(systemScaleFactor)
  const [choice, setChoice] = useState<boolean | null>(readChoice)
  const [offered, setOffered] = useState(readOffered)
  const { scale, large } = computeLargeType(choice, factor)
  const choose = useCallback((next: boolean) => {
    store(LARGE_TYPE_KEY, next ? '1' : '0')
    setChoice(next)
  }, [])
  const toggle = useCallback(() => choose(!large), [choose, large])
  const dismissOffer = useCallback(() => {
    store(LARGE_TYPE_OFFERED_KEY, '1')
    setOffered(true)
  }, [])
  const offerPending = choice === null && !offered
  return useMemo(() => ({ scale, large, toggle, choose, offerPending, dismissOffer }), [scale, large, toggle, choose, offerPending, dismissOffer])
}

const LargeTypeContext = createContext<LargeType | null>(null)

export interface LargeTypeProviderProps {
  children?: ReactNode
}

/** Holds the large-type state for the whole app so a toggle on 我的 applies to every page. */
export function LargeTypeProvider({ children }: LargeTypeProviderProps) {
  const value = useLargeTypeState()
  return createElement(LargeTypeContext.Provider, { value }, children)
}

/** Large-type state; works without a provider too (each caller then keeps its own state). */
export function useLargeType(): LargeType {
  const ctx = useContext(LargeTypeContext)
  const own = useLargeTypeState()
  return ctx ?? own
}
