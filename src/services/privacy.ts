import Taro from '@tarojs/taro'

/** First-use consent to the privacy notice (隐私保护指引), remembered on this phone. */
const KEY = 'cunshe.privacyAgreed'

type Resolver = (r: { event: 'agree' | 'disagree'; buttonId?: string }) => void
type Listener = (open: boolean) => void

let pending: Resolver | null = null
const listeners = new Set<Listener>()

function emit() {
  const open = needsConsent()
  for (const l of listeners) l(open)
}

export function hasAgreed(): boolean {
  return Taro.getStorageSync(KEY) === '1'
}

/** True when the notice must be shown: never agreed on this phone, or WeChat is waiting for consent right now. */
export function needsConsent(): boolean {
  return !hasAgreed() || pending !== null
}

export function onConsentChange(l: Listener): () => void {
  listeners.add(l)
  return () => listeners.delete(l)
}

/**
 * WeChat calls this when a privacy API is used before the user agreed (base library ≥ 2.32.3). The page shows the
 * notice; the agree button (open-type agreePrivacyAuthorization) resolves it.
 */
export function installPrivacyHandler(): void {
  if (process.env.TARO_ENV !== 'weapp' || typeof Taro.onNeedPrivacyAuthorization !== 'function') return
  Taro.onNeedPrivacyAuthorization((resolve) => {
    pending = resolve as Resolver
    emit()
  })
}

export function agree(buttonId?: string): void {
  Taro.setStorageSync(KEY, '1')
  pending?.({ event: 'agree', buttonId })
  pending = null
  emit()
}

export function disagree(): void {
  pending?.({ event: 'disagree' })
  pending = null
  emit()
}
