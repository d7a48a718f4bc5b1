import type { ErrorCode } from '../../../types/contract/errors'
import type { Phase, ResultTable, VoteRules, Weights } from '../../../types/contract/vote.contract'
import { cst } from './china-time'

/** Counter documents per entry: votes spread over them so a hot entry is not one hot document. */
export const SHARDS = 8
/** The village vote has one ballot per nominee for the whole vote: its tally "day". */
export const WHOLE_VOTE = 'all'

export interface Windows {
  kind: 'showcase' | 'village'
  submitOpens: Date
  submitCloses: Date
  voteOpens: Date
  voteCloses: Date
  judgingClosed: boolean
  published: boolean
}

export function phaseOf(a: Windows, now: Date): Phase {
  if (a.published) return 'published'
  if (a.judgingClosed) return 'closed'
  const t = now.getTime()
  if (t >= a.voteOpens.getTime() && t < a.voteCloses.getTime()) return 'voting'
  if (t >= a.voteCloses.getTime()) return a.kind === 'village' ? 'closed' : 'judging'
  if (a.kind === 'showcase' && t >= a.submitOpens.getTime() && t < a.submitCloses.getTime()) return 'submitting'
  return 'upcoming'
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

/** True inside the nightly pause (China time); the pause may wrap midnight (22:00–06:00). */
export function inNightPause(pause: VoteRules['nightPause'], now: Date): boolean {
  if (!pause) return false
  const t = cst(now)
  const m = t.hour() * 60 + t.minute()
  const s = minutesOf(pause.start)
  const e = minutesOf(pause.end)
  if (s === e) return false
  return s < e ? m >= s && m < e : m >= s || m < e
}

export interface VoterFacts {
  memberId: string
  householdId: string | null
  orgPath: string[]
  villageId: string
  party: boolean
  boundAt: Date | null
}

export interface Refusal {
  code: ErrorCode
  message?: string
}

/** Why this person may not vote in this activity right now (window, pause, electorate, cooldown), or null. */
export function voterRefusal(
  a: Windows & { rules: VoteRules; electorate: { orgId: string; partyOnly: boolean; mode: string; representativeIds: string[] } },
  v: VoterFacts,
  now: Date
): Refusal | null {
  const e = a.electorate
  const inTree = v.orgPath.includes(e.orgId) || v.villageId === e.orgId
  if (!inTree) return { code: 'VOTE.NOT_ELECTORATE' }
  if (e.partyOnly && !v.party) return { code: 'VOTE.NOT_ELECTORATE', message: '这次投票只有党员参加' }
  if (e.mode === 'representatives' && !e.representativeIds.includes(v.memberId)) return { code: 'VOTE.NOT_ELECTORATE', message: '这次表决由村民代表参加' }
  if (e.mode === 'household' && !v.householdId) return { code: 'VOTE.NOT_ELECTORATE', message: '按户表决，您还没有登记在哪一户' }
  if (now < a.voteOpens || now >= a.voteCloses || a.judgingClosed || a.published) return { code: 'VOTE.OUTSIDE_WINDOW' }
  if (inNightPause(a.rules.nightPause, now)) return { code: 'VOTE.NIGHT_PAUSE', message: `夜间${a.rules.nightPause!.start}到${a.rules.nightPause!.end}暂停投票` }
  if (a.rules.cooldownDays > 0) {
    if (!v.boundAt) return { code: 'VOTE.COOLDOWN' }
    const allowed = new Date(v.boundAt.getTime() + a.rules.cooldownDays * 86400000)
    if (now < allowed) return { code: 'VOTE.COOLDOWN', message: `刚绑定的账号要满${a.rules.cooldownDays}天才能投票，${cst(allowed).format('M月D日 HH:mm')}以后可以投` }
  }
  return null
}

/** Whose votes a ballot counts against: the household when the electorate votes one per household. */
export function voterKeyOf(mode: string, v: { memberId: string; householdId: string | null }): string {
  return mode === 'household' && v.householdId ? v.householdId : v.memberId
}

/** Per-day and per-entry limits; the village vote allows one ballot per nominee, with no daily total. */
export function limitsOf(kind: 'showcase' | 'village', rules: VoteRules): { perDay: number; perEntry: number } {
  return kind === 'village' ? { perDay: 100000, perEntry: 1 } : { perDay: rules.perDay, perEntry: rules.perEntryPerDay }
}

export interface ResultEntry {
  id: string
  category: string
  title: string
  orgName: string
  ownerName: string
}

export interface ResultScore {
  entryId: string
  performance: number
  overall: number
}

const round2 = (x: number) => Math.round(x * 100) / 100

/**
 * The weighted final table, per category: votes as the share of the category's top count times their weight
 * (so never above it), judges' averages (0–100) times theirs. Ties keep the same rank; awards go down the
 * ranking by the configured counts. Pure, so a recomputation from the same votes and scores is identical.
 */
export function computeResult(
  categories: Array<{ key: string; label: string }>,
  w: Weights,
  awards: Array<{ label: string; count: number }>,
  entries: ResultEntry[],
  votes: Map<string, number>,
  scores: ResultScore[],
  computedAt: Date
): ResultTable {
  const byEntry = new Map<string, ResultScore[]>()
  for (const s of scores) byEntry.set(s.entryId, [...(byEntry.get(s.entryId) ?? []), s])
  const out: ResultTable['categories'] = []
  for (const c of categories) {
    const list = entries.filter((e) => e.category === c.key)
    const top = Math.max(0, ...list.map((e) => votes.get(e.id) ?? 0))
    const rows = list.map((e) => {
      const v = votes.get(e.id) ?? 0
      const ss = byEntry.get(e.id) ?? []
      const avg = (k: 'performance' | 'overall') => (ss.length ? round2(ss.reduce((a, s) => a + s[k], 0) / ss.length) : null)
      const performance = avg('performance')
      const overall = avg('overall')
      const voteScore = round2(top > 0 ? (v / top) * w.votes : 0)
      const performanceScore = round2(((performance ?? 0) * w.performance) / 100)
      const overallScore = round2(((overall ?? 0) * w.overall) / 100)
      return {
        entryId: e.id,
        title: e.title,
        orgName: e.orgName,
        ownerName: e.ownerName,
        votes: v,
        voteScore,
        performance,
        overall,
        judges: ss.length,
        performanceScore,
        overallScore,
        total: round2(voteScore + performanceScore + overallScore),
        rank: 0,
        award: null as string | null
      }
    })
    rows.sort((a, b) => b.total - a.total || b.votes - a.votes || a.entryId.localeCompare(b.entryId))
    rows.forEach((r, i) => {
      r.rank = i > 0 && rows[i - 1].total === r.total ? rows[i - 1].rank : i + 1
    })
    let given = 0
    for (const a of awards) {
      for (let k = 0; k < a.count && given < rows.length; k++) {
        const row = rows[given]
        // Nothing to award without any score at all.
        if (row.total > 0) row.award = a.label
        given++
      }
    }
    out.push({ key: c.key, label: c.label, topVotes: top, rows })
  }
  return { categories: out, weights: { votes: w.votes, performance: w.performance, overall: w.overall }, computedAt: computedAt.toISOString() }
}

/** Differences between two tables, ignoring when they were computed. */
export function compareResults(a: ResultTable, b: ResultTable): string[] {
  const diffs: string[] = []
  const flat = (t: ResultTable) => new Map(t.categories.flatMap((c) => c.rows.map((r) => [r.entryId, r] as const)))
  const fa = flat(a)
  const fb = flat(b)
  for (const [id, ra] of fa) {
    const rb = fb.get(id)
    if (!rb) {
      diffs.push(`${ra.title}：重新计算时没有这个作品`)
      continue
    }
    for (const k of ['votes', 'voteScore', 'performance', 'overall', 'total', 'rank', 'award'] as const) {
      if (ra[k] !== rb[k]) diffs.push(`${ra.title}：${k} ${String(ra[k])} ≠ ${String(rb[k])}`)
    }
  }
  for (const [id, rb] of fb) if (!fa.has(id)) diffs.push(`${rb.title}：公布的结果里没有这个作品`)
  return diffs
}

/** Village vote: a nominee is approved by more than half of the ballots cast on it. */
export function villageApproved(yes: number, no: number): boolean {
  return yes > (yes + no) / 2
}
