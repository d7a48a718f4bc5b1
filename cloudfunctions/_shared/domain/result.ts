import type { ErrorCode } from '../../../types/contract/errors'

/** Result of pure domain functions: business failures are values (with a stable code), not exceptions. */
export type Result<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; details?: unknown }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const err = (code: ErrorCode, details?: unknown): Result<never> => ({ ok: false, code, details })
