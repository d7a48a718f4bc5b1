import { useDidHide, useDidShow } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { errorText } from '../services/call'
import { onDataChanged } from '../services/data-version'
import { clearErrorToast, showErrorText } from '../services/toast'

export interface QueryState<T> {
  data: T | undefined
  error: unknown
  loading: boolean
  reload: () => Promise<void>
}

/**
 * Runs a query when `deps` change (skipped while `enabled` is false). Keeps the last data while reloading so a
 * refresh does not blank the page.
 */
export function useQuery<T>(run: () => Promise<T>, deps: unknown[], enabled = true): QueryState<T> {
  const [data, setData] = useState<T | undefined>(undefined)
  const [error, setError] = useState<unknown>(null)
  const [loading, setLoading] = useState<boolean>(enabled)
  const runRef = useRef(run)
  runRef.current = run
  const seq = useRef(0)

  const reload = useCallback(async () => {
    const mine = ++seq.current
    setLoading(true)
    setError(null)
    try {
      const result = await runRef.current()
      if (mine === seq.current) setData(result)
    } catch (e) {
      if (mine === seq.current) setError(e)
    } finally {
      if (mine === seq.current) setLoading(false)
    }
  }, [])

  useEffect(() => {
    if (enabled) void reload()
    else setLoading(false)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, ...deps])

  // Any successful mutation anywhere (this page or one it opened) may change what this query shows.
  const enabledRef = useRef(enabled)
  enabledRef.current = enabled
  // Deferred a tick: a page that reloads by itself right after its own mutation is not asked twice.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null
    const off = onDataChanged(() => {
      const at = seq.current
      if (timer) clearTimeout(timer)
      timer = setTimeout(() => {
        timer = null
        if (enabledRef.current && seq.current === at) void reload()
      }, 0)
    })
    return () => {
      off()
      if (timer) clearTimeout(timer)
    }
  }, [reload])

  return { data, error, loading, reload }
}

/**
 * Runs `reload` each time the page shows again after it was hidden (e.g. back from a page it opened); skipped while
 * `enabled` is false. Keyed on a hide, not on "not the first show": a component mounted after its page's first
 * show (a tab, a section behind a picker) never sees that first show.
 */
export function useReloadOnShow(reload: () => Promise<void>, enabled = true): void {
  const hidden = useRef(false)
  useDidHide(() => {
    hidden.current = true
  })
  useDidShow(() => {
    if (hidden.current && enabled) void reload()
    hidden.current = false
  })
}

export type Attempt<T> = { ok: true; value: T } | { ok: false; error: unknown }

export interface MutationState<A extends unknown[], T> {
  submitting: boolean
  error: unknown
  /** Resolves to the result, or undefined when it failed (the error is shown as a toast and kept in `error`). */
  run: (...args: A) => Promise<T | undefined>
  /** The same, telling success from failure; null when another submission is still running. */
  attempt: (...args: A) => Promise<Attempt<T> | null>
}

export function showError(e: unknown): void {
  showErrorText(errorText(e))
}

/**
 * The one hook for anything a tap sends: one submission at a time, a toast with the Chinese message on failure, and
 * an earlier failure's toast cleared on success.
 */
export function useMutation<A extends unknown[], T>(fn: (...args: A) => Promise<T>, opts: { toastOnError?: boolean } = {}): MutationState<A, T> {
  const [submitting, setSubmitting] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const busy = useRef(false)
  const fnRef = useRef(fn)
  fnRef.current = fn
  const toastOnError = opts.toastOnError ?? true

  const attempt = useCallback(
    async (...args: A): Promise<Attempt<T> | null> => {
      if (busy.current) return null
      busy.current = true
      setSubmitting(true)
      setError(null)
      try {
        const value = await fnRef.current(...args)
        clearErrorToast()
        return { ok: true, value }
      } catch (e) {
        setError(e)
        if (toastOnError) showError(e)
        return { ok: false, error: e }
      } finally {
        busy.current = false
        setSubmitting(false)
      }
    },
    [toastOnError]
  )
  const run = useCallback(async (...args: A) => {
    const r = await attempt(...args)
    return r?.ok ? r.value : undefined
  }, [attempt])
  return { submitting, error, run, attempt }
}
