import type { ReportState } from '../../../types/contract/notice.contract'
import { REPORT_STATES } from '../../../types/contract/notice.contract'
import { err, ok, type Result } from '../runtime/app-error'

export type ReportMove = 'assign' | 'answer' | 'close'

const TARGET: Record<ReportMove, ReportState> = { assign: 'assigned', answer: 'answered', close: 'closed' }

/**
 * The next state of a report, moving only forward: 分派 from 已提交 (or again while 处理中 to hand it on),
 * 答复 before 办结, 办结 after 答复. Anything else is refused with REPORT.BAD_STATE.
 */
export function moveReport(from: ReportState, move: ReportMove): Result<ReportState> {
  const to = TARGET[move]
  const rank = (s: ReportState) => REPORT_STATES.indexOf(s)
  if (move === 'assign' && (from === 'submitted' || from === 'assigned')) return ok(to)
  if (move === 'answer' && (from === 'submitted' || from === 'assigned')) return ok(to)
  if (move === 'close' && from === 'answered') return ok(to)
  return err('REPORT.BAD_STATE', { from, move, forward: rank(to) > rank(from) })
}

/** Whole China-time-independent days since `since` (24 h periods). */
export function ageDays(since: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - since.getTime()) / 86400000))
}

/** Open (not yet answered) for at least `overdueDays` days. */
export function isOverdue(state: ReportState, createdAt: Date, now: Date, overdueDays: number): boolean {
  return (state === 'submitted' || state === 'assigned') && ageDays(createdAt, now) >= overdueDays
}
