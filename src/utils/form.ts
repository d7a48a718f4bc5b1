import type { z } from 'zod'

/** Field → first error message (Chinese, from the contract schema), for showing under each field. */
export function fieldErrors(schema: z.ZodTypeAny, value: unknown): Record<string, string> {
  const result = schema.safeParse(value)
  if (result.success) return {}
  const errors: Record<string, string> = {}
  for (const issue of result.error.issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : '_'
    if (!errors[key]) errors[key] = friendlyMessage(issue)
  }
  return errors
}

/** Zod's built-in messages are English; schemas with their own message keep it. */
export function friendlyMessage(issue: z.core.$ZodIssue): string {
  if (/[\u4e00-\u9fa5]/.test(issue.message)) return issue.message
  switch (issue.code) {
    case 'too_small':
      return '这一项不能空着'
    case 'too_big':
      return '填写的内容太长了'
    case 'invalid_format':
      return '格式不对，请检查'
    default:
      return '请检查这一项'
  }
}

/**
 * The value an input or picker event carries. Taro's events put it in `detail.value`; in the H5 build a native
 * `input`/`change` event from the inner <input> can reach the same handler without a `detail`, so read the target's
 * value then instead of throwing.
 */
export function eventValue(e: unknown): string {
  const ev = e as { detail?: { value?: unknown } | null; target?: { value?: unknown } | null } | null | undefined
  const v = ev?.detail && typeof ev.detail === 'object' && 'value' in ev.detail ? ev.detail.value : ev?.target?.value
  return v === undefined || v === null ? '' : String(v)
}
