import dayjs, { type Dayjs } from 'dayjs'
import utc from 'dayjs/plugin/utc'
import isoWeek from 'dayjs/plugin/isoWeek'

dayjs.extend(utc)
dayjs.extend(isoWeek)

/** China Standard Time: UTC+8 all year (no daylight saving), so a fixed offset is exact. */
const CST_MINUTES = 8 * 60

export function cst(d: Date | string | number): Dayjs {
  return dayjs(d).utcOffset(CST_MINUTES)
}

export interface Periods {
  year: string // 2026
  quarter: string // 2026-Q4
  month: string // 2026-11
  week: string // 2026-W48 (ISO week-year)
  day: string // 2026-11-24
}

/** The 周采分、月计分、季评议、年总结 buckets an instant falls in, in China time. */
export function currentPeriods(d: Date): Periods {
  const t = cst(d)
  const q = Math.floor(t.month() / 3) + 1
  const wk = t.isoWeek()
  // ISO week-year: the year of the Thursday of this week.
  const weekYear = t.isoWeekday(4).year()
  return {
    year: String(t.year()),
    quarter: `${t.year()}-Q${q}`,
    month: t.format('YYYY-MM'),
    week: `${weekYear}-W${String(wk).padStart(2, '0')}`,
    day: t.format('YYYY-MM-DD')
  }
}

/** Start (inclusive) and end (exclusive) instants of a China-time day/month/quarter/year key. */
export function periodRange(key: string): { start: Date; end: Date } {
  const mk = (y: number, m: number, d = 1) => dayjs.utc(Date.UTC(y, m, d) - CST_MINUTES * 60000)
  let m: RegExpMatchArray | null
  if ((m = key.match(/^(\d{4})$/))) {
    const y = +m[1]
    return { start: mk(y, 0).toDate(), end: mk(y + 1, 0).toDate() }
  }
  if ((m = key.match(/^(\d{4})-Q([1-4])$/))) {
    const y = +m[1]
    const q = +m[2]
    return { start: mk(y, (q - 1) * 3).toDate(), end: mk(y, q * 3).toDate() }
  }
  if ((m = key.match(/^(\d{4})-(\d{2})$/))) {
    const y = +m[1]
    const mo = +m[2] - 1
    return { start: mk(y, mo).toDate(), end: mk(y, mo + 1).toDate() }
  }
  if ((m = key.match(/^(\d{4})-(\d{2})-(\d{2})$/))) {
    const start = mk(+m[1], +m[2] - 1, +m[3])
    return { start: start.toDate(), end: start.add(1, 'day').toDate() }
  }
  throw new Error(`bad period key ${key}`)
}

/** True for a YYYY-MM-DD string naming a day that exists (2026-02-30 and 2026-13-01 do not). */
export function isCalendarDay(s: string): boolean {
  const m = s.match(/^(\d{4})-(\d{2})-(\d{2})$/)
  if (!m) return false
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]))
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3]
}

/** True for a report period key: 2026, 2026-Q1…Q4 or 2026-01…12. */
export function isPeriodKey(s: string): boolean {
  return /^\d{4}$/.test(s) || /^\d{4}-Q[1-4]$/.test(s) || /^\d{4}-(0[1-9]|1[0-2])$/.test(s)
}

/** Start of a China-time calendar day given as YYYY-MM-DD. */
export function dayStart(day: string): Date {
  return periodRange(day).start
}

export function formatCst(d: Date, fmt = 'YYYY-MM-DD HH:mm'): string {
  return cst(d).format(fmt)
}

export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * 86400000)
}

/** The end of the China-time day `days` after `d` (the next midnight in Asia/Shanghai): when a 公示 closes. */
export function endOfChinaDayAfter(d: Date, days: number): Date {
  return periodRange(currentPeriods(addDays(d, days)).day).end
}
