import { createHmac } from 'crypto'

/**
 * Rotating check-in codes: a 6-digit HMAC of the activity secret and the time slot. The venue screen
 * shows the current slot's code; the previous slot is still accepted so a scan at the boundary works.
 * A forwarded photo of the code is useless after one rotation.
 */
export function slotOf(now: Date, rotateSeconds: number): number {
  return Math.floor(now.getTime() / 1000 / rotateSeconds)
}

export function codeFor(secret: string, slot: number): string {
  const h = createHmac('sha256', secret).update(String(slot)).digest()
  const n = h.readUInt32BE(0) % 1000000
  return String(n).padStart(6, '0')
}

/**
 * A code shown until its slot ends stays valid `graceSeconds` longer (default: one rotation), so someone still
 * typing it, or scanning at the boundary, is not refused.
 */
export function verifyCode(secret: string, code: string, now: Date, rotateSeconds: number, graceSeconds = rotateSeconds): boolean {
  const slot = slotOf(now, rotateSeconds)
  const oldest = slotOf(new Date(now.getTime() - graceSeconds * 1000), rotateSeconds)
  for (let s = slot; s >= oldest; s--) if (code === codeFor(secret, s)) return true
  return false
}

export function slotEnds(now: Date, rotateSeconds: number): Date {
  return new Date((slotOf(now, rotateSeconds) + 1) * rotateSeconds * 1000)
}
