/** 三会一课 calendar: which required meetings of the month / quarter are held, scheduled or missing. */
import { SESSION_TYPE_LABELS } from '../../../../types/contract/study.contract'
import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { OrgNodeDoc } from '../../data/records'
import type { StudySessionDoc, StudySettingsDoc } from '../../data/study-records'
import { findAll, getById, getByIds, iso } from '../../data/repo'
import { db } from '../../runtime/cloud'
import { calendarCells } from '../../domain/study'
import { currentPeriods, periodRange } from '../../domain/china-time'

export async function calendar(input: { orgId: string; month: string }, ctx: Ctx) {
  const org = ctx.access.targets[0].doc as OrgNodeDoc
  const _ = db().command
  // A branch or party group shows its own village; a town (or above) every village under it.
  let villages: OrgNodeDoc[]
  if (org.villageId) {
    const v = await getById<OrgNodeDoc>(COLLECTIONS.orgNodes, org.villageId)
    villages = v ? [v] : []
  } else {
    villages = await findAll<OrgNodeDoc>(COLLECTIONS.orgNodes, { path: org._id, kind: _.in(['village', 'community']) })
  }
  const quarter = currentPeriods(periodRange(input.month).start).quarter
  const { start, end } = periodRange(quarter)
  const ids = villages.map((v) => v._id)
  const [sessions, branches, settings] = await Promise.all([
    ids.length ? findAll<StudySessionDoc>(COLLECTIONS.studySessions, { villageId: _.in(ids), startsAt: _.and(_.gte(start), _.lt(end)) }) : Promise.resolve([]),
    ids.length ? findAll<OrgNodeDoc>(COLLECTIONS.orgNodes, { kind: 'branch', villageId: _.in(ids) }) : Promise.resolve([]),
    getByIds<StudySettingsDoc>(COLLECTIONS.studySettings, ids)
  ])
  const rows = villages
    .sort((a, b) => a.name.localeCompare(b.name, 'zh'))
    .map((v) => {
      const cells = calendarCells(input.month, sessions.filter((s) => s.villageId === v._id).map((s) => ({ ...s, id: s._id })), ctx.now).map((c) => ({
        type: c.type,
        typeLabel: SESSION_TYPE_LABELS[c.type],
        cadence: c.cadence,
        period: c.period,
        status: c.status,
        sessions: c.sessions.map((s) => ({ id: s.id, title: s.title, startsAt: iso(s.startsAt), cancelled: s.cancelled }))
      }))
      return {
        villageId: v._id,
        villageName: v.name,
        branchId: branches.find((b) => b.villageId === v._id)?._id ?? null,
        themeDay: settings.get(v._id)?.themeDay ?? null,
        cells,
        missing: cells.filter((c) => c.status === 'missing').length
      }
    })
  return { month: input.month, quarter, rows }
}

export async function saveStudySettings(input: { villageId: string; themeDay: number | null }, ctx: Ctx) {
  const caller = await ctx.caller()
  const villageId = ctx.access.targets[0].villageId as string
  await ctx.tx(async (tx) => {
    const doc: Omit<StudySettingsDoc, '_id'> = { themeDay: input.themeDay, updatedBy: caller.memberId, updatedAt: ctx.now }
    await tx.collection(COLLECTIONS.studySettings).doc(villageId).set(doc)
    return null
  })
  return { themeDay: input.themeDay }
}
