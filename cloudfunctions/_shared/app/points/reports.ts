import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { HouseholdDoc, OrgNodeDoc } from '../../data/records'
import type { HouseholdPointsDoc } from '../../data/points-records'
import { findAll } from '../../data/repo'
import { creditGrade, honourFor, priorityList } from '../../domain/honours-and-credit'
import { formatCst, isPeriodKey } from '../../domain/china-time'
import { exportFileName, periodLabel } from '../../domain/file-names'
import { AppError } from '../../runtime/app-error'
import { exportXlsx } from '../xlsx'
import { loadSettings, loadVillage } from '../shared/village'

interface Row {
  householdId: string
  code: string
  headName: string
  gridName: string
  points: number
}

async function rowsFor(villageId: string, period: string): Promise<{ rows: Row[]; points: Map<string, HouseholdPointsDoc>; grids: OrgNodeDoc[] }> {
  const [households, points, grids] = await Promise.all([
    findAll<HouseholdDoc>(COLLECTIONS.households, { villageId }),
    findAll<HouseholdPointsDoc>(COLLECTIONS.householdPoints, { villageId }),
    findAll<OrgNodeDoc>(COLLECTIONS.orgNodes, { villageId, kind: 'grid' })
  ])
  const pMap = new Map(points.map((p) => [p._id, p]))
  const gName = new Map(grids.map((g) => [g._id, g.name]))
  const rows = households
    .map((h) => ({
      householdId: h._id,
      code: h.code,
      headName: h.headName ?? '',
      gridName: h.gridId ? gName.get(h.gridId) ?? '' : '',
      points: pMap.get(h._id)?.earned?.[period] ?? 0
    }))
    .sort((a, b) => b.points - a.points || a.code.localeCompare(b.code))
  return { rows, points: pMap, grids }
}

/** 月计分 / 季评议 tallies per household and per grid, from the cached per-period totals. */
export async function tally(input: { villageId: string; period: string }, _ctx: Ctx) {
  if (!isPeriodKey(input.period)) throw new AppError('INPUT.INVALID', { period: input.period }, '期间格式应为 2026、2026-Q4 或 2026-11')
  const village = await loadVillage(input.villageId)
  const { rows, grids } = await rowsFor(village._id, input.period)
  const byGrid = new Map<string, { gridId: string; gridName: string; households: number; points: number }>()
  for (const g of grids) byGrid.set(g.name, { gridId: g._id, gridName: g.name, households: 0, points: 0 })
  for (const r of rows) {
    const key = r.gridName || '未分网格'
    const agg = byGrid.get(key) ?? { gridId: '', gridName: key, households: 0, points: 0 }
    agg.households++
    agg.points += r.points
    byGrid.set(key, agg)
  }
  return { period: input.period, households: rows, grids: [...byGrid.values()].sort((a, b) => a.gridName.localeCompare(b.gridName, 'zh')) }
}

/** 年总结 with 三挂钩: honours by thresholds, credit grade, and the priority list. */
export async function yearSummary(input: { villageId: string; year: string }, _ctx: Ctx) {
  const village = await loadVillage(input.villageId)
  const settings = await loadSettings(village._id)
  const { rows, points } = await rowsFor(village._id, input.year)
  const households = rows.map((r) => {
    const eligible = !(points.get(r.householdId)?.ineligibleYears ?? []).includes(input.year)
    return { ...r, eligible, honour: honourFor(r.points, settings.honours, eligible), credit: creditGrade(r.points, settings.credit) }
  })
  const priority = priorityList(households, settings.priorityTopN).map(({ householdId, code, headName, gridName, points: p, rank }) => ({ householdId, code, headName, gridName, points: p, rank }))
  return { year: input.year, households, priority }
}

export async function exportReport(input: { villageId: string; kind: 'tally' | 'year'; period: string }, ctx: Ctx) {
  const stamp = formatCst(ctx.now, 'YYYYMMDDHHmmss')
  const villageName = (await loadVillage(input.villageId)).name
  if (input.kind === 'tally') {
    const t = await tally({ villageId: input.villageId, period: input.period }, ctx)
    const file = await exportXlsx(ctx, `积分统计-${input.period}-${stamp}`, [
      {
        name: `${input.period}积分`,
        columns: [
          { header: '户号', key: 'code' },
          { header: '户主', key: 'headName' },
          { header: '网格', key: 'gridName' },
          { header: '积分', key: 'points' }
        ],
        rows: t.households
      },
      {
        name: '按网格',
        columns: [
          { header: '网格', key: 'gridName' },
          { header: '户数', key: 'households' },
          { header: '积分合计', key: 'points' }
        ],
        rows: t.grids
      }
    ], exportFileName([villageName, periodLabel(input.period), '积分汇总']))
    return { ...file, rows: t.households.length }
  }
  const y = await yearSummary({ villageId: input.villageId, year: input.period.slice(0, 4) }, ctx)
  const file = await exportXlsx(ctx, `年度总结-${y.year}-${stamp}`, [
    {
      name: `${y.year}年度总结`,
      columns: [
        { header: '户号', key: 'code' },
        { header: '户主', key: 'headName' },
        { header: '网格', key: 'gridName' },
        { header: '年度积分', key: 'points' },
        { header: '评优', key: 'honour' },
        { header: '信用等级', key: 'credit' },
        { header: '评优资格', key: 'eligibleText' }
      ],
      rows: y.households.map((h) => ({ ...h, honour: h.honour ?? '', eligibleText: h.eligible ? '有' : '已取消' }))
    },
    {
      name: '优先名单',
      columns: [
        { header: '名次', key: 'rank' },
        { header: '户号', key: 'code' },
        { header: '户主', key: 'headName' },
        { header: '年度积分', key: 'points' }
      ],
      rows: y.priority
    }
  ], exportFileName([villageName, `${y.year}年`, '年度总结']))
  return { ...file, rows: y.households.length }
}
