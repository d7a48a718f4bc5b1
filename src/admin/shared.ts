import Taro from '@tarojs/taro'

/** Remembers the village chosen on the admin pages (useVillageScope in src/hooks/use-scope.ts). */
export const ADMIN_SCOPE_KEY = 'cunshe.adminVillage'

/** Reads one string query parameter of the current page. */
export function useParam(name: string): string {
  const params = Taro.useRouter().params as Record<string, string | undefined>
  const v = params[name]
  return v ? decodeURIComponent(v) : ''
}
