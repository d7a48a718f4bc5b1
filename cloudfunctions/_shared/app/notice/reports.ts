import { maskName, ROLE_LABELS } from '../../../../types/contract/common'
import { REPORT_CATEGORY_LABELS, REPORT_STATE_LABELS, type ReportCategory, type ReportView } from '../../../../types/contract/notice.contract'
import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { ReportDoc, ReportSettingsDoc } from '../../data/notice-records'
import type { MemberDoc, OrgNodeDoc } from '../../data/records'
import { findAll, getById, iso } from '../../data/repo'
import { AppError, unwrap } from '../../runtime/app-error'
import type { Caller } from '../../runtime/caller'
import { db } from '../../runtime/cloud'
import { txGet } from '../../runtime/tx'
import { ageDays, isOverdue, moveReport, type ReportMove } from '../../domain/report-flow'
import { checkText } from '../content-check'
import { tempUrls } from '../files'
import { sendSubscribe, subscribeTime } from '../subscribe-send'
import { exportXlsx } from '../xlsx'
import { formatCst } from '../../domain/china-time'
import { HANDLERS } from './common'

export const DEFAULT_OVERDUE_DAYS = 3

export async function overdueDays(villageId: string): Promise<number> {
  return (await getById<ReportSettingsDoc>(COLLECTIONS.reportSettings, villageId))?.overdueDays ?? DEFAULT_OVERDUE_DAYS
}

/** Holds a handling role on the report's village (or above it). */
function handles(caller: Caller, r: Pick<ReportDoc, 'villagePath'>): boolean {
  return caller.grants.some((g) => HANDLERS.includes(g.role) && r.villagePath.includes(g.orgId))
}

/**
 * One report as this caller may see it. Staff (and the assignee) see who reported it even when anonymous;
 * the reporter sees their own name; every other villager sees 匿名村民 or a masked name, and masked names of
 * the people who handled it.
 */
export function reportView(r: ReportDoc, caller: Caller, now: Date, days: number, urls: Map<string, string>): ReportView {
  const staff = handles(caller, r)
  const assignee = r.assigneeId === caller.memberId
  const mine = r.reporterId === caller.memberId
  const full = staff || assignee
  const name = (who: string, label: string) => (full || who === caller.memberId ? label : maskName(label))
  const reporterLabel = full ? `${r.reporterName}${r.anonymous ? '（匿名反映）' : ''}` : mine ? r.reporterName : r.anonymous ? '匿名村民' : maskName(r.reporterName)
  const open = r.state === 'submitted' || r.state === 'assigned'
  return {
    id: r._id,
    villageId: r.villageId,
    category: r.category,
    categoryLabel: REPORT_CATEGORY_LABELS[r.category],
    text: r.text,
    place: r.place,
    photos: r.photos.map((f) => ({ fileId: f, url: urls.get(f) ?? null })),
    reporterLabel,
    anonymous: r.anonymous,
    mine,
    state: r.state,
    stateLabel: REPORT_STATE_LABELS[r.state],
    assigneeName: r.assigneeName && r.assigneeId ? name(r.assigneeId, r.assigneeName) : null,
    answer: r.answer,
    timeline: r.timeline.map((t) => ({
      state: t.state,
      stateLabel: REPORT_STATE_LABELS[t.state],
      at: iso(t.at),
      byName: t.by === r.reporterId && r.anonymous && !full && !mine ? '匿名村民' : name(t.by, t.byName),
      note: t.note
    })),
    rating: r.rating ? { stars: r.rating.stars, comment: r.rating.comment, at: iso(r.rating.at) } : null,
    createdAt: iso(r.createdAt),
    ageDays: ageDays(new Date(r.createdAt), now),
    overdue: isOverdue(r.state, new Date(r.createdAt), now, days),
    can: {
      assign: staff && open,
      answer: (staff || assignee) && open,
      close: staff && r.state === 'answered',
      rate: mine && (r.state === 'answered' || r.state === 'closed') && !r.rating
    }
  }
}

async function views(rs: ReportDoc[], caller: Caller, now: Date) {
  const urls = await tempUrls(rs.flatMap((r) => r.photos))
  const days = new Map<string, number>()
  for (const v of new Set(rs.map((r) => r.villageId))) days.set(v, await overdueDays(v))
  return rs.map((r) => reportView(r, caller, now, days.get(r.villageId) ?? DEFAULT_OVERDUE_DAYS, urls))
}

export async function submitReport(input: { category: ReportCategory; text: string; place: string; photos: string[]; anonymous: boolean }, ctx: Ctx) {
  const caller = await ctx.caller()
  const village = await getById<OrgNodeDoc>(COLLECTIONS.orgNodes, caller.member.villageId)
  if (!village) throw new AppError('ORG.NOT_FOUND')
  await checkText(ctx, `${input.text}\n${input.place}`)
  const reportId = ctx.stableId('r_')
  const doc: ReportDoc = {
    _id: reportId,
    villageId: village._id,
    villagePath: [...village.path, village._id],
    householdId: caller.member.householdId,
    reporterId: caller.memberId,
    reporterName: caller.member.name,
    anonymous: input.anonymous,
    category: input.category,
    text: input.text,
    place: input.place,
    photos: input.photos,
    state: 'submitted',
    assigneeId: null,
    assigneeName: null,
    answer: null,
    timeline: [{ state: 'submitted', at: ctx.now, by: caller.memberId, byName: caller.member.name, note: null }],
    rating: null,
    createdAt: ctx.now,
    updatedAt: ctx.now
  }
  const stored = await ctx.tx(async (tx) => {
    const prior = await txGet<ReportDoc>(tx, COLLECTIONS.reports, reportId)
    if (prior) return prior
    await tx.collection(COLLECTIONS.reports).add(doc)
    return doc
  })
  return (await views([stored], caller, ctx.now))[0]
}

export async function listReports(input: { villageId?: string; scope: 'mine' | 'village' | 'open' }, ctx: Ctx) {
  const caller = await ctx.caller()
  const village = ctx.access.targets[0].doc as OrgNodeDoc
  const path = [...village.path, village._id]
  const staff = handles(caller, { villagePath: path })
  const _ = db().command
  let rs: ReportDoc[]
  if (input.scope === 'mine') rs = await findAll<ReportDoc>(COLLECTIONS.reports, { reporterId: caller.memberId, villageId: village._id })
  else if (input.scope === 'open') {
    if (!staff) {
      // 被分派的网格员 sees what was handed to them.
      rs = await findAll<ReportDoc>(COLLECTIONS.reports, { villageId: village._id, assigneeId: caller.memberId, state: _.in(['submitted', 'assigned']) })
    } else rs = await findAll<ReportDoc>(COLLECTIONS.reports, { villageId: village._id, state: _.in(['submitted', 'assigned']) })
  } else rs = await findAll<ReportDoc>(COLLECTIONS.reports, { villageId: village._id })
  // Open items oldest first (by age); other lists newest first.
  rs.sort((a, b) => (input.scope === 'open' ? 1 : -1) * (new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime()))
  return { items: await views(rs, caller, ctx.now), overdueDays: await overdueDays(village._id), staff }
}

export async function reportDetail(_input: { reportId: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  return (await views([ctx.access.targets[0].doc as ReportDoc], caller, ctx.now))[0]
}

/** Moves a report forward in one transaction (the state is re-read there, so two staff can't both move it). */
async function move(ctx: Ctx, reportId: string, mv: ReportMove, change: (r: ReportDoc) => Partial<ReportDoc>, note: string | null) {
  const caller = await ctx.caller()
  let fresh = false
  const stored = await ctx.tx(async (tx) => {
    fresh = false
    const r = await txGet<ReportDoc>(tx, COLLECTIONS.reports, reportId)
    if (!r) throw new AppError('REPORT.NOT_FOUND')
    const to = unwrap(moveReport(r.state, mv))
    const fields: Partial<ReportDoc> = { ...change(r), state: to, timeline: [...r.timeline, { state: to, at: ctx.now, by: caller.memberId, byName: caller.member.name, note }], updatedAt: ctx.now }
    await tx.collection(COLLECTIONS.reports).doc(r._id).update(fields)
    fresh = true
    return { ...r, ...fields } as ReportDoc
  })
  /** `fresh`: this invocation made the move (not a twin answered from the request record). */
  return { caller, stored, fresh }
}

export async function assignReport(input: { reportId: string; assigneeId: string; note: string }, ctx: Ctx) {
  const r = ctx.access.targets[0].doc as ReportDoc
  const a = await getById<MemberDoc>(COLLECTIONS.members, input.assigneeId)
  const eligible = a && !a.removed && (a.roles ?? []).some((g) => (HANDLERS.includes(g.role) || g.role === 'grid_worker') && (g.villageId === r.villageId || r.villagePath.includes(g.orgId)))
  if (!a || !eligible) throw new AppError('REPORT.BAD_ASSIGNEE')
  const { caller, stored } = await move(ctx, r._id, 'assign', () => ({ assigneeId: a._id, assigneeName: a.name }), `分派给${a.name}${input.note ? `：${input.note}` : ''}`)
  return (await views([stored], caller, ctx.now))[0]
}

export async function answerReport(input: { reportId: string; answer: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const r = ctx.access.targets[0].doc as ReportDoc
  if (!handles(caller, r) && r.assigneeId !== caller.memberId) throw new AppError('AUTH.FORBIDDEN', undefined, '只有本村工作人员或被分派的人可以答复')
  await checkText(ctx, input.answer)
  const { stored, fresh } = await move(ctx, r._id, 'answer', () => ({ answer: input.answer }), input.answer)
  if (fresh) {
    await sendSubscribe(
      'reportAnswered',
      [stored.reporterId],
      { thing1: REPORT_CATEGORY_LABELS[stored.category] + '：' + stored.text, phrase2: '已答复', thing3: input.answer, time4: subscribeTime(ctx.now) },
      { now: ctx.now, query: `id=${stored._id}`, logId: `${stored._id}:answer` }
    )
  }
  return (await views([stored], caller, ctx.now))[0]
}

export async function closeReport(input: { reportId: string; note: string }, ctx: Ctx) {
  const { caller, stored } = await move(ctx, input.reportId, 'close', () => ({}), input.note || null)
  return (await views([stored], caller, ctx.now))[0]
}

export async function rateReport(input: { reportId: string; stars: number; comment: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  await checkText(ctx, input.comment)
  const stored = await ctx.tx(async (tx) => {
    const r = await txGet<ReportDoc>(tx, COLLECTIONS.reports, input.reportId)
    if (!r) throw new AppError('REPORT.NOT_FOUND')
    if (r.reporterId !== caller.memberId) throw new AppError('REPORT.NOT_REPORTER')
    if (r.rating) throw new AppError('REPORT.ALREADY_RATED')
    if (r.state !== 'answered' && r.state !== 'closed') throw new AppError('REPORT.BAD_STATE', undefined, '答复以后才能评价')
    const rating = { stars: input.stars, comment: input.comment, at: ctx.now }
    await tx.collection(COLLECTIONS.reports).doc(r._id).update({ rating, updatedAt: ctx.now })
    return { ...r, rating }
  })
  return (await views([stored], caller, ctx.now))[0]
}

export async function assignees(_input: { reportId: string }, ctx: Ctx) {
  const r = ctx.access.targets[0].doc as ReportDoc
  const people = await findAll<MemberDoc>(COLLECTIONS.members, { villageId: r.villageId, removed: false })
  return people
    .flatMap((m) => {
      const g = (m.roles ?? []).find((x) => HANDLERS.includes(x.role) || x.role === 'grid_worker')
      return g ? [{ memberId: m._id, name: m.name, roleLabel: ROLE_LABELS[g.role] }] : []
    })
    .sort((a, b) => a.roleLabel.localeCompare(b.roleLabel, 'zh') || a.name.localeCompare(b.name, 'zh'))
}

export async function reportSettings(input: { villageId: string }, _ctx: Ctx) {
  return { overdueDays: await overdueDays(input.villageId) }
}

export async function saveReportSettings(input: { villageId: string; overdueDays: number }, ctx: Ctx) {
  await ctx.tx(async (tx) => {
    const cur = await txGet<ReportSettingsDoc>(tx, COLLECTIONS.reportSettings, input.villageId)
    if (cur) await tx.collection(COLLECTIONS.reportSettings).doc(input.villageId).update({ overdueDays: input.overdueDays, updatedAt: ctx.now })
    else await tx.collection(COLLECTIONS.reportSettings).add({ _id: input.villageId, overdueDays: input.overdueDays, updatedAt: ctx.now })
  })
  return { overdueDays: input.overdueDays }
}

export async function exportReports(input: { villageId: string }, ctx: Ctx) {
  const rs = await findAll<ReportDoc>(COLLECTIONS.reports, { villageId: input.villageId })
  rs.sort((a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime())
  const days = await overdueDays(input.villageId)
  const rows = rs.map((r, i) => ({
    no: i + 1,
    at: formatCst(new Date(r.createdAt)),
    category: REPORT_CATEGORY_LABELS[r.category],
    text: r.text,
    place: r.place,
    reporter: r.reporterName,
    anonymous: r.anonymous ? '是' : '否',
    state: REPORT_STATE_LABELS[r.state],
    assignee: r.assigneeName ?? '',
    answer: r.answer ?? '',
    rating: r.rating ? `${r.rating.stars}星 ${r.rating.comment}` : '',
    overdue: isOverdue(r.state, new Date(r.createdAt), ctx.now, days) ? '已超期' : ''
  }))
  const { fileId, url } = await exportXlsx(ctx, `居民说事-${formatCst(ctx.now, 'YYYYMMDDHHmm')}`, [
    {
      name: '居民说事',
      columns: [
        { header: '序号', key: 'no', width: 6 },
        { header: '提交时间', key: 'at', width: 18 },
        { header: '类别', key: 'category' },
        { header: '内容', key: 'text', width: 40 },
        { header: '地点', key: 'place' },
        { header: '反映人', key: 'reporter' },
        { header: '匿名', key: 'anonymous', width: 6 },
        { header: '状态', key: 'state' },
        { header: '处理人', key: 'assignee' },
        { header: '答复', key: 'answer', width: 40 },
        { header: '评价', key: 'rating', width: 20 },
        { header: '超期', key: 'overdue', width: 8 }
      ],
      rows
    }
  ])
  return { fileId, url, rows: rows.length }
}
