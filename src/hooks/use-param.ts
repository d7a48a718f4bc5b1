import Taro from '@tarojs/taro'

/**
 * Reads one string query parameter of the current page, URI-decoded; '' when it is missing. A value that is not
 * valid percent-encoding is returned as it is.
 */
export function useParam(name: string): string {
  const params = (Taro.useRouter().params ?? {}) as Record<string, string | undefined>
  const v = params[name]
  if (!v) return ''
  try {
    return decodeURIComponent(v)
  } catch {
    return v
  }
}
