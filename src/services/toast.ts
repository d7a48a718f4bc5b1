import Taro from '@tarojs/taro'

/** Whether the toast on screen (if any) reports a failure. */
let errorShowing = false
let errorTimer: ReturnType<typeof setTimeout> | null = null

const ERROR_MS = 3000

/** A failure's Chinese message as a toast (cleared by the next success, see clearErrorToast). */
export function showErrorText(title: string): void {
  errorShowing = true
  if (errorTimer) clearTimeout(errorTimer)
  errorTimer = setTimeout(() => {
    errorShowing = false
  }, ERROR_MS)
  void Taro.showToast({ title, icon: 'none', duration: ERROR_MS })
}

/** A short confirmation; replaces whatever toast is showing. */
export function showSuccess(title: string, icon: 'success' | 'none' = 'success'): void {
  errorShowing = false
  void Taro.showToast({ title, icon, duration: icon === 'none' ? ERROR_MS : 1500 })
}

/** Takes an earlier failure's toast off the screen once a later action succeeded. */
export function clearErrorToast(): void {
  if (!errorShowing) return
  errorShowing = false
  if (errorTimer) clearTimeout(errorTimer)
  errorTimer = null
  try {
    void Promise.resolve(Taro.hideToast()).catch(() => undefined)
  } catch {
    /* no toast API on this platform */
  }
}
