import Taro, { useDidShow } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { errorText } from '../services/call'

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

  return { data, error, loading, reload }
}

/**
 * Runs `reload` each time the page shows again (e.g. back from a page it opened), not on its first show; skipped
 * while `enabled` is false.
 */
export function useReloadOnShow(reload: () => Promise<void>, enabled = true): void {
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current && enabled) void reload()
    shown.current = true
  })
}

export interface MutationState<A extends unknown[], T> {
  submitting: boolean
  error: unknown
  /** Resolves to the result, or undefined when it failed (the error is shown as a toast and kept in `error`). */
  run: (...args: A) => Promise<T | undefined>
}

export function showError(e: unknown): void {
  void Taro.showToast({ title: errorText(e), icon: 'none', duration: 3000 })
}

/** Wraps a mutation: one submission at a time, a toast with the Chinese message on failure. */
export function useMutation<A extends unknown[], T>(fn: (...args: A) => Promise<T>, opts: { toastOnError?: boolean } = {}): MutationState<A, T> {
  const [submitting, setSubmitting] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const busy = useRef(false)
  const fnRef = useRef(fn)
  fnRef.current = fn
  const toastOnError = opts.toastOnError ?? true

  const run = useCallback(
    async (...args: A) => {
      if (busy.current) return undefined
      busy.current = true
      setSubmitting(true)
      setError(null)
      try {
        return await fnRef.current(...args)
      } catch (e) {
        setError(e)
        if (toastOnError) showError(e)
        return undefined
      } finally {
        busy.current = false
        setSubmitting(false)
      }
    },
    [toastOnError]
  )
  return { submitting, error, run }
}
