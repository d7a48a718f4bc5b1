import { ERROR_MESSAGES, type ErrorCode } from '../../../types/contract/errors'
import type { Result } from '../domain/result'

/** An expected failure with a stable code; create-handler turns it into an error envelope. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly details?: unknown
  constructor(code: ErrorCode, details?: unknown, message?: string) {
    super(message ?? ERROR_MESSAGES[code])
    this.name = 'AppError'
    this.code = code
    this.details = details
  }
}

export function fail(code: ErrorCode, details?: unknown, message?: string): never {
  throw new AppError(code, details, message)
}

export { ok, err, type Result } from '../domain/result'

/** Unwraps a domain result inside a use case. */
export function unwrap<T>(r: Result<T>): T {
  if (!r.ok) throw new AppError(r.code, r.details)
  return r.value
}
