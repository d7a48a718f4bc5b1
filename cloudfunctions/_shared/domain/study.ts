/**
 * 云支部 rules, pure: the check-in window, attendance status, "caught up", the 三会一课 calendar and the
 * upload sniffing of relay files. No SDK, no clock (callers pass `now`).
 */
import { SESSION_CADENCE, SESSION_TYPES, type AttendanceStatus, type SessionType } from '../../../types/contract/study.contract'
import { currentPeriods, periodRange } from './china-time'

/** Check-in opens this long before the start (members arrive early) and closes at the end. */
export const CHECKIN_OPENS_BEFORE_MS = 30 * 60000
/** The organiser's code rotates this often; the previous slot is still accepted at the boundary. */
export const STUDY_ROTATE_SECONDS = 30
/** Reminders go out this long before the start. */
export const REMIND_BEFORE_MS = 30 * 60000

export interface SessionTimes {
  startsAt: Date
  endsAt: Date
  cancelled: boolean
}

export function checkinOpen(s: SessionTimes, now: Date): boolean {
  return now.getTime() >= new Date(s.startsAt).getTime() - CHECKIN_OPENS_BEFORE_MS && now.getTime() <= new Date(s.endsAt).getTime()
}

export function phaseOf(s: SessionTimes, now: Date): 'upcoming' | 'running' | 'ended' | 'cancelled' {
  if (s.cancelled) return 'cancelled'
  if (now.getTime() > new Date(s.endsAt).getTime()) return 'ended'
  return checkinOpen(s, now) ? 'running' : 'upcoming'
}

export interface AttendanceLike {
  kind: 'onsite' | 'remote' | 'leave'
  state: 'done' | 'pending' | 'confirmed' | 'approved' | 'refused'
}

export function statusOf(a: AttendanceLike | null | undefined): AttendanceStatus {
  if (!a) return 'absent'
  if (a.kind === 'onsite') return 'onsite'
  if (a.kind === 'remote') return a.state === 'confirmed' ? 'remote' : 'remote_pending'
  if (a.state === 'approved') return 'leave'
  if (a.state === 'pending') return 'leave_pending'
  return 'absent' // refused leave
}

export function attended(status: AttendanceStatus): boolean {
  return status === 'onsite' || status === 'remote'
}

/**
 * A member who missed a session has caught up once there is a relay, they read all of it (read receipt after the
 * last item) and wrote a 心得. Members who attended need not catch up.
 */
export function caughtUp(p: { attended: boolean; items: number; lastItemAt: Date | null; readAt: Date | null; noted: boolean }): boolean {
  if (p.attended) return true
  if (!p.items || !p.readAt || !p.lastItemAt || !p.noted) return false
  return new Date(p.readAt).getTime() >= new Date(p.lastItemAt).getTime()
}

export interface CalendarSession {
  id: string
  type: SessionType
  title: string
  startsAt: Date
  endsAt: Date
  cancelled: boolean
}

/**
 * 三会一课 cells of one month: each required type in its period (the month, or the month's quarter) is held
 * (a session of that type ended in the period), scheduled (one is still to come) or missing.
 */
export function calendarCells(month: string, sessions: CalendarSession[], now: Date) {
  const quarter = currentPeriods(periodRange(month).start).quarter
  return SESSION_TYPES.map((type) => {
    const cadence = SESSION_CADENCE[type]
    const period = cadence === 'month' ? month : quarter
    const { start, end } = periodRange(period)
    const inPeriod = sessions.filter((s) => s.type === type && new Date(s.startsAt) >= start && new Date(s.startsAt) < end)
    const live = inPeriod.filter((s) => !s.cancelled)
    const held = live.some((s) => new Date(s.endsAt).getTime() <= now.getTime())
    const status: 'held' | 'scheduled' | 'missing' = held ? 'held' : live.length ? 'scheduled' : 'missing'
    return { type, cadence, period, status, sessions: inPeriod }
  })
}

export type UploadKind = 'photo' | 'voice' | 'document'

/** Recognises a file by its first bytes; null when it is not a format the kind accepts. */
export function sniffFormat(kind: UploadKind, b: Uint8Array): string | null {
  const at = (i: number) => b[i] ?? -1
  const ascii = (i: number, s: string) => [...s].every((ch, k) => at(i + k) === ch.charCodeAt(0))
  if (kind === 'photo') {
    if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'jpg'
    if (at(0) === 0x89 && ascii(1, 'PNG')) return 'png'
    return null
  }
  if (kind === 'voice') {
    if (ascii(0, 'ID3')) return 'mp3'
    if (ascii(0, 'RIFF') && ascii(8, 'WAVE')) return 'wav'
    if (ascii(4, 'ftyp')) return 'm4a'
    // MPEG audio frame sync: 11 set bits. Layer bits 00 = ADTS (AAC), otherwise MP3.
    if (at(0) === 0xff && (at(1) & 0xe0) === 0xe0) return (at(1) & 0x06) === 0 ? 'aac' : 'mp3'
    return null
  }
  return ascii(0, '%PDF-') ? 'pdf' : null
}
