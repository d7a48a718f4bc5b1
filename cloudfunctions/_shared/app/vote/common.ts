import type { Role } from '../../../../types/contract/common'
import { ENTRY_STATE_LABELS, PHASE_LABELS, type ActivityView, type EntryView } from '../../../../types/contract/vote.contract'
import { COLLECTIONS } from '../../data/collections'
import type { BindingDoc, OrgNodeDoc } from '../../data/records'
import type { VoteActivityDoc, VoteCounterDoc, VoteEntryDoc } from '../../data/vote-records'
import { getById, getByIds, iso } from '../../data/repo'
import { AppError } from '../../runtime/app-error'
import type { Caller } from '../../runtime/caller'
import { db } from '../../runtime/cloud'
import { phaseOf, SHARDS } from '../../domain/vote'
import { tempUrls } from '../files'

export const STAFF: readonly Role[] = ['staff', 'admin']

export async function loadActivity(id: string): Promise<VoteActivityDoc> {
  const a = await getById<VoteActivityDoc>(COLLECTIONS.voteActivities, id)
  if (!a) throw new AppError('VOTE.ACTIVITY_NOT_FOUND')
  return a
}

export async function loadEntry(id: string): Promise<VoteEntryDoc> {
  const e = await getById<VoteEntryDoc>(COLLECTIONS.voteEntries, id)
  if (!e) throw new AppError('VOTE.ENTRY_NOT_FOUND')
  return e
}

/** Activity or entry from the access check (already loaded by the runtime) or from the database. */
export function targetDoc<T>(ctx: { access: { targets: Array<{ doc?: unknown }> } }): T {
  return ctx.access.targets[0]?.doc as T
}

export function holdsOn(caller: Caller, roles: readonly Role[], path: readonly string[]): boolean {
  return caller.grants.some((g) => roles.includes(g.role) && path.includes(g.orgId))
}

export const isStaffOf = (caller: Caller, a: VoteActivityDoc) => holdsOn(caller, STAFF, a.orgPath)

/** Can this caller see the activity at all: it is above or at their place, or they hold a role over it. */
export function canSee(caller: Caller, a: VoteActivityDoc): boolean {
  return caller.member.orgPath.includes(a.orgId) || caller.member.villageId === a.orgId || caller.grants.some((g) => a.orgPath.includes(g.orgId) || g.orgId === a.orgId)
}

export async function orgNames(ids: string[]): Promise<Map<string, string>> {
  const m = await getByIds<OrgNodeDoc>(COLLECTIONS.orgNodes, ids)
  return new Map([...m].map(([k, v]) => [k, v.name]))
}

export async function boundAt(openid: string): Promise<Date | null> {
  const b = await getById<BindingDoc>(COLLECTIONS.bindings, openid)
  return b ? new Date(b.at) : null
}

export function activityView(a: VoteActivityDoc, caller: Caller | null, now: Date, names: Map<string, string>): ActivityView {
  const phase = phaseOf({ ...a, submitOpens: new Date(a.submitOpens), submitCloses: new Date(a.submitCloses), voteOpens: new Date(a.voteOpens), voteCloses: new Date(a.voteCloses) }, now)
  const judge = !!caller && holdsOn(caller, ['judge'], a.orgPath) && (a.judges.length === 0 || a.judges.some((j) => j.memberId === caller.memberId))
  return {
    id: a._id,
    kind: a.kind,
    title: a.title,
    description: a.description,
    orgId: a.orgId,
    orgName: names.get(a.orgId) ?? '',
    categories: a.categories,
    electorate: { ...a.electorate, orgName: names.get(a.electorate.orgId) ?? '' },
    submitOpens: iso(a.submitOpens),
    submitCloses: iso(a.submitCloses),
    voteOpens: iso(a.voteOpens),
    voteCloses: iso(a.voteCloses),
    rules: a.rules,
    weights: a.weights,
    awards: a.awards,
    showCounts: a.showCounts,
    judges: a.judges,
    phase,
    phaseLabel: PHASE_LABELS[phase],
    judgingClosed: a.judgingClosed,
    published: a.published,
    mine: {
      staff: !!caller && isStaffOf(caller, a),
      judge,
      secretary: !!caller && a.kind === 'showcase' && caller.grants.some((g) => g.role === 'secretary' && (g.orgId === a.orgId || caller.member.orgPath.includes(a.orgId)))
    }
  }
}

export interface Counts {
  n: number
  yes: number
  no: number
}

/** Σ of an entry's counter shards, for every entry of an activity (optionally one category): one aggregate. */
export async function countsFor(activityId: string, category?: string): Promise<Map<string, Counts>> {
  const $ = db().command.aggregate
  const match: Record<string, unknown> = { activityId }
  if (category) match.category = category
  const res = (await db()
    .collection(COLLECTIONS.voteCounters)
    .aggregate()
    .match(match)
    .group({ _id: '$entryId', n: $.sum('$n'), yes: $.sum('$yes'), no: $.sum('$no') })
    .limit(1000)
    .end()) as { data?: Array<{ _id: string } & Counts>; list?: Array<{ _id: string } & Counts> }
  const rows = res.data ?? res.list ?? []
  return new Map(rows.map((r) => [r._id, { n: r.n, yes: r.yes, no: r.no }]))
}

/** Creates an entry's counter shards (once; existing ones are left alone). */
export async function ensureCounters(e: VoteEntryDoc): Promise<void> {
  const docs: VoteCounterDoc[] = Array.from({ length: SHARDS }, (_, shard) => ({
    _id: `${e._id}#${shard}`,
    activityId: e.activityId,
    entryId: e._id,
    category: e.category,
    shard,
    n: 0,
    yes: 0,
    no: 0
  }))
  await Promise.all(
    docs.map(async (d) => {
      try {
        await db().collection(COLLECTIONS.voteCounters).add(d)
      } catch (err) {
        if (!/duplicate|DUPLICATE|E11000/i.test(String((err as { message?: string; code?: string })?.message ?? '') + String((err as { code?: string })?.code ?? ''))) throw err
      }
    })
  )
}

export async function entryViews(list: VoteEntryDoc[], a: VoteActivityDoc, caller: Caller | null, now: Date, counts?: Map<string, Counts>): Promise<EntryView[]> {
  const urls = await tempUrls(list.flatMap((e) => [e.cover, e.video]))
  const staff = !!caller && isStaffOf(caller, a)
  const villageClosed = a.kind === 'village' && (now >= new Date(a.voteCloses) || a.judgingClosed || a.published)
  const showCounts = staff || (a.kind === 'showcase' ? a.showCounts : villageClosed)
  const label = new Map(a.categories.map((c) => [c.key, c.label]))
  return list.map((e) => {
    const c = counts?.get(e._id)
    return {
      id: e._id,
      activityId: e.activityId,
      category: e.category,
      categoryLabel: label.get(e.category) ?? e.category,
      orgId: e.orgId,
      orgName: e.orgName,
      ownerName: e.ownerName,
      title: e.title,
      parts: e.parts,
      cover: e.cover,
      coverUrl: e.cover ? urls.get(e.cover) ?? null : null,
      video: e.video,
      videoUrl: e.video ? urls.get(e.video) ?? null : null,
      householdId: e.householdId,
      state: e.state,
      stateLabel: ENTRY_STATE_LABELS[e.state],
      reviewNote: e.reviewNote,
      votes: counts && showCounts ? c?.n ?? 0 : null,
      yes: counts && showCounts && a.kind === 'village' ? c?.yes ?? 0 : null,
      no: counts && showCounts && a.kind === 'village' ? c?.no ?? 0 : null,
      mine: !!caller && e.ownerMemberId === caller.memberId,
      createdAt: iso(e.createdAt),
      updatedAt: iso(e.updatedAt)
    }
  })
}
