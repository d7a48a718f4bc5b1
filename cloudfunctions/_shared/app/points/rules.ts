import type { RuleItemView, RuleSetView } from '../../../../types/contract/points.contract'
import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { RuleSetDoc, VillageSettingsDoc } from '../../data/points-records'
import { findPage, iso } from '../../data/repo'
import { AppError } from '../../runtime/app-error'
import { requireSod } from '../../runtime/access'
import type { OrgNodeDoc } from '../../data/records'
import { checkText } from '../content-check'
import { txGet } from '../../runtime/tx'
import { DEFAULT_SETTINGS, loadVillage } from '../shared/village'

function view(r: RuleSetDoc): RuleSetView {
  return {
    id: r._id,
    villageId: r.villageId,
    version: r.version,
    status: r.status,
    title: r.title,
    items: r.items,
    adoptedOn: r.adoptedOn,
    adoptedBy: r.adoptedBy,
    adoptionNote: r.adoptionNote,
    updatedAt: iso(r.updatedAt)
  }
}

/** Rule sets are public to the village: villagers may read the standards they are scored by. */
export async function getRules(input: { villageId: string }, _ctx: Ctx) {
  await loadVillage(input.villageId)
  const all = await findPage<RuleSetDoc>(COLLECTIONS.ruleSets, { villageId: input.villageId }, { orderBy: [['version', 'desc']], limit: 100 })
  const current = all.find((r) => r.status === 'adopted') ?? null
  const draft = all.find((r) => r.status === 'draft') ?? null
  return {
    current: current ? view(current) : null,
    draft: draft ? view(draft) : null,
    history: all.map((r) => ({ id: r._id, version: r.version, status: r.status, adoptedOn: r.adoptedOn }))
  }
}

/**
 * 两委 propose standards as a draft: the one open draft is updated, or a new version is started from scratch.
 * Adopted versions are never edited; claims keep citing the version they were made under.
 */
export async function saveDraftRules(input: { villageId: string; title: string; items: RuleItemView[] }, ctx: Ctx) {
  const caller = await ctx.caller()
  const village = ctx.access.targets[0].doc as OrgNodeDoc
  await checkText(ctx, [input.title, ...input.items.map((i) => `${i.name} ${i.unit}`)].join('\n'))
  const latest = await findPage<RuleSetDoc>(COLLECTIONS.ruleSets, { villageId: village._id }, { orderBy: [['version', 'desc']], limit: 1 })
  const top = latest[0]
  const version = top && top.status === 'draft' ? top.version : (top?.version ?? 0) + 1
  const id = `${village._id}_v${version}`
  await ctx.tx(async (tx) => {
    const cur = await txGet<RuleSetDoc>(tx, COLLECTIONS.ruleSets, id)
    if (cur && cur.status !== 'draft') throw new AppError('RULES.VERSION_CONFLICT')
    const doc = {
      villageId: village._id,
      version,
      status: 'draft' as const,
      title: input.title,
      items: input.items,
      adoptedOn: null,
      adoptedBy: null,
      adoptionNote: null,
      createdBy: cur?.createdBy ?? caller.memberId,
      createdAt: cur?.createdAt ?? ctx.now,
      updatedAt: ctx.now
    }
    if (cur) await tx.collection(COLLECTIONS.ruleSets).doc(id).set(doc)
    else await tx.collection(COLLECTIONS.ruleSets).add({ _id: id, ...doc })
  })
  return { ruleSetId: id, version }
}

/** Records the 村民代表大会 adoption of a draft; it becomes the version in force, the old one is superseded. */
export async function adoptRules(input: { ruleSetId: string; adoptedOn: string; adoptedBy: string; note: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const rs = ctx.access.targets[0].doc as RuleSetDoc
  // The 两委 member who drafted the standards does not also record their adoption.
  requireSod('notProposer', rs.createdBy !== caller.memberId)
  await checkText(ctx, `${input.adoptedBy} ${input.note}`)
  const village = await loadVillage(rs.villageId)
  await ctx.tx(async (tx) => {
    const cur = await txGet<RuleSetDoc>(tx, COLLECTIONS.ruleSets, rs._id)
    if (!cur || cur.status !== 'draft') throw new AppError('RULES.VERSION_CONFLICT', undefined, '这一版已经通过或被替换了')
    const settings = await txGet<VillageSettingsDoc>(tx, COLLECTIONS.villageSettings, village._id)
    if (settings?.currentRuleSetId && settings.currentRuleSetId !== rs._id) {
      await tx.collection(COLLECTIONS.ruleSets).doc(settings.currentRuleSetId).update({ status: 'superseded', updatedAt: ctx.now })
    }
    await tx.collection(COLLECTIONS.ruleSets).doc(rs._id).update({
      status: 'adopted',
      adoptedOn: input.adoptedOn,
      adoptedBy: input.adoptedBy,
      adoptionNote: input.note,
      updatedAt: ctx.now
    })
    if (settings) await tx.collection(COLLECTIONS.villageSettings).doc(village._id).update({ currentRuleSetId: rs._id, updatedAt: ctx.now })
    else await tx.collection(COLLECTIONS.villageSettings).add({ _id: village._id, villageId: village._id, ...DEFAULT_SETTINGS, currentRuleSetId: rs._id, updatedAt: ctx.now })
  })
  return { ruleSetId: rs._id, version: rs.version }
}
