/**
 * The app's one China-time (UTC+8, no daylight saving) formatter: every date and time on screen is China time,
 * whatever the phone's zone. Pages import from here (points/common and mall/shared re-export for older imports).
 */
const CHINA_OFFSET_MS = 8 * 3600 * 1000


/** The ISO string of `at` shifted to China time (read its fields as China's wall clock). */
function shifted(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString()
}

function parse(iso: string): Date | null {
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? null : d
}

/** Today in China time, YYYY-MM-DD. */
export function chinaToday(now: Date = new Date()): string {
  return shifted(now).slice(0, 10)
}

/** Current month YYYY-MM in China time. */
export function chinaMonth(now: Date = new Date()): string {
  return shifted(now).slice(0, 7)
}

/** Current quarter YYYY-Qn in China time. */
export function chinaQuarter(now: Date = new Date()): string {
  const s = shifted(now)
  return `${s.slice(0, 4)}-Q${Math.floor((Number(s.slice(5, 7)) - 1) / 3) + 1}`
}

/** Current time HH:mm in China time. */
export function chinaClock(now: Date = new Date()): string {
  return shifted(now).slice(11, 16)
}

/** An ISO timestamp as China time: 2026-11-24 09:30 (the input itself when it is not a date). */
export function chinaDateTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const d = parse(iso)
  if (!d) return iso
  const s = shifted(d)
  return `${s.slice(0, 10)} ${s.slice(11, 16)}`
}

/** An ISO timestamp as China time without the year: 11-24 09:30 (the input itself when it is not a date). */
export function chinaMonthDayTime(iso: string): string {
  const d = parse(iso)
  if (!d) return iso
  const s = shifted(d)
  return `${s.slice(5, 10)} ${s.slice(11, 16)}`
}

/** An ISO timestamp as its China calendar day: 2026-11-24. */
export function chinaDate(iso: string | null | undefined): string {
  return chinaDateTime(iso).slice(0, 10)
}

/** A China-time day and clock as an ISO timestamp with offset (what the contract's isoDate expects). */
export function chinaIso(day: string, clock: string): string {
  return `${day}T${clock}:00+08:00`
}

/** 12月1日 */
export function fmtDay(iso: string): string {
  const d = parse(iso)
  if (!d) return iso
  const s = shifted(d)
  return `${Number(s.slice(5, 7))}月${Number(s.slice(8, 10))}日`
}

/** 12月1日 09:00 */
export function fmtTime(iso: string): string {
  const d = parse(iso)
  if (!d) return iso
  return `${fmtDay(iso)} ${shifted(d).slice(11, 16)}`
}

/** Date and time parts (YYYY-MM-DD, HH:mm) of an ISO instant, in China time: for the pickers. */
export function cstParts(iso: string): { date: string; time: string } {
  const s = shifted(new Date(iso))
  return { date: s.slice(0, 10), time: s.slice(11, 16) }
}

/** 2026-Q4 → 2026年第4季度 */
export function quarterLabel(q: string): string {
  const m = q.match(/^(\d{4})-Q([1-4])$/)
  return m ? `${m[1]}年第${m[2]}季度` : q
}

/** The quarter a China-time date falls in, and the one before it. */
export function quartersAround(date: string): { current: string; previous: string } {
  const [y, m] = date.split('-').map(Number)
  const q = Math.floor(((m || 1) - 1) / 3) + 1
  return { current: `${y}-Q${q}`, previous: q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}` }
}

