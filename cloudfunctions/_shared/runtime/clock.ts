/**
 * The time of an invocation. Locally (CUNSHE_LOCAL=1, never set in CloudBase) the emulator may pass a
 * fixed instant in the invocation environment so tests can step through notice periods and quarters.
 */
export function invocationNow(env: Record<string, string | undefined>): Date {
  if (process.env.CUNSHE_LOCAL === '1' && env.CUNSHE_NOW) {
    const d = new Date(env.CUNSHE_NOW)
    if (!Number.isNaN(d.getTime())) return d
  }
  return new Date()
}
