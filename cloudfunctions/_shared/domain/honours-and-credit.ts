import type { HonourTier } from './points-types'

/** 三挂钩: annual points → honours, credit grade, priority lists. Pure functions over a year's totals. */

export function honourFor(points: number, tiers: HonourTier[], eligible: boolean): string | null {
  if (!eligible) return null
  const sorted = [...tiers].sort((a, b) => b.minPoints - a.minPoints)
  return sorted.find((t) => points >= t.minPoints)?.name ?? null
}

export type CreditGrade = '优秀' | '良好' | '一般'

export function creditGrade(points: number, t: { excellent: number; good: number }): CreditGrade {
  if (points >= t.excellent) return '优秀'
  if (points >= t.good) return '良好'
  return '一般'
}

/** "同等条件下，积分排名靠前…优先": top N eligible households by points; ties share a rank. */
export function priorityList<T extends { points: number; eligible: boolean; code: string }>(rows: T[], topN: number): Array<T & { rank: number }> {
  const sorted = rows.filter((r) => r.eligible && r.points > 0).sort((a, b) => b.points - a.points || a.code.localeCompare(b.code))
  const out: Array<T & { rank: number }> = []
  let rank = 0
  let prev: number | null = null
  sorted.forEach((r, i) => {
    if (r.points !== prev) rank = i + 1
    prev = r.points
    if (rank <= topN) out.push({ ...r, rank })
  })
  return out
}

/** Dense ranking for the public board (masked names are applied by the caller). */
export function rankRows<T extends { points: number }>(rows: T[]): Array<T & { rank: number }> {
  let rank = 0
  let prev: number | null = null
  return rows.map((r, i) => {
    if (r.points !== prev) rank = i + 1
    prev = r.points
    return { ...r, rank }
  })
}
