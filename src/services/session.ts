import Taro from '@tarojs/taro'

/** Storage key of the openid chosen on the local sign-in page (local builds only). */
export const DEV_OPENID_KEY = 'cunshe.devOpenid'

export function getDevOpenid(): string {
  try {
    const value: unknown = Taro.getStorageSync(DEV_OPENID_KEY)
    return typeof value === 'string' ? value : ''
  } catch {
    return ''
  }
}

export function setDevOpenid(openid: string): void {
  Taro.setStorageSync(DEV_OPENID_KEY, openid)
}

export function signOut(): void {
  Taro.removeStorageSync(DEV_OPENID_KEY)
}
