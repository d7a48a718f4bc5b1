import { requireOwnUpload } from '../files'
/**
 * 结对: each 流动党员 with an in-village buddy (one buddy may have several), 机关党员 ↔ 在村党员 pairs with their
 * visits. Pairs are never deleted: a new buddy ends the old pair, and earlier relays keep naming who sent them.
 */
import type { PairView } from '../../../../types/contract/study.contract'
import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { MemberDoc, OrgNodeDoc } from '../../data/records'
import type { StudyPairDoc, StudyVisitDoc } from '../../data/study-records'
import { findAll, findPage, getById, iso } from '../../data/repo'
import { holdsRoleOver, type Target } from '../../runtime/access'
import { AppError } from '../../runtime/app-error'
import { isDuplicate, runTx, txGet, type Tx } from '../../runtime/tx'
import { STUDY_STAFF } from '../../../../types/contract/study.contract'
import { checkText } from '../content-check'
import { readXlsx } from '../xlsx'
import { memberNames } from './common'

export function pairView(p: StudyPairDoc, names: Map<string, string>): PairView {
  return {
    id: p._id,
    villageId: p.villageId,
    kind: p.kind,
    memberId: p.memberId,
    memberName: names.get(p.memberId) ?? '',
    buddyId: p.buddyId,
    buddyName: names.get(p.buddyId) ?? '',
    active: p.active,
    since: iso(p.since),
    endedAt: p.endedAt ? iso(p.endedAt) : null,
    endReason: p.endReason,
    visits: p.visits
  }
}

async function viewsOf(pairs: StudyPairDoc[]): Promise<PairView[]> {
  const names = await memberNames(pairs.flatMap((p) => [p.memberId, p.buddyId]))
  return pairs.map((p) => pairView(p, names))
}

/** Why these two cannot be paired this way; null when they can. */
export function pairProblem(kind: 'mobile' | 'office', member: MemberDoc | undefined, buddy: MemberDoc | undefined): string | null {
  if (!member || member.removed) return '找不到这位党员'
  if (!buddy || buddy.removed) return '找不到结对党员'
  if (member._id === buddy._id) return '不能和自己结对'
  if (member.personClass !== 'party' || buddy.personClass !== 'party') return '结对双方都要是党员'
  if (kind === 'mobile') {
    if (member.partyStatus !== 'mobile') return `${member.name}不是流动党员`
    if (buddy.partyStatus !== 'in_village') return `${buddy.name}不是在村党员，流动党员要和在村党员结对`
    if (buddy.villageId !== member.villageId) return `${buddy.name}不是本村党员`
  } else {
    if (member.partyStatus !== 'in_village') return `${member.name}不是在村党员`
    if (buddy.partyStatus !== 'office') return `${buddy.name}不是机关党员`
  }
  return null
}

/**
 * The n-th pair of a member (of a kind): two people pairing the same member at once make the same id, so only
 * one of them lands and the member never has two active buddies.
 */
export function pairId(kind: 'mobile' | 'office', memberId: string, n: number): string {
  return `pr_${kind}_${memberId}_${n}`
}

/** In one transaction: end the member's current pair of this kind (if another buddy) and start the new one. */
async function writePair(tx: Tx, id: string, member: MemberDoc, buddy: MemberDoc, kind: 'mobile' | 'office', current: StudyPairDoc | null, village: OrgNodeDoc, by: string, now: Date): Promise<StudyPairDoc> {
  if (current) {
    const cur = await txGet<StudyPairDoc>(tx, COLLECTIONS.studyPairs, current._id)
    if (cur?.active) await tx.collection(COLLECTIONS.studyPairs).doc(current._id).update({ active: false, endedAt: now, endReason: `改为与${buddy.name}结对` })
  }
  const doc: StudyPairDoc = { _id: id, villageId: member.villageId, villagePath: [...village.path, village._id], kind, memberId: member._id, buddyId: buddy._id, active: true, since: now, endedAt: null, endReason: null, visits: 0, createdBy: by }
  await tx.collection(COLLECTIONS.studyPairs).add(doc)
  return doc
}

export async function savePair(input: { memberId: string; buddyId: string; kind: 'mobile' | 'office' }, ctx: Ctx) {
  const caller = await ctx.caller()
  const member = ctx.access.targets[0].doc as MemberDoc
  const buddy = (await getById<MemberDoc>(COLLECTIONS.members, input.buddyId)) ?? undefined
  const problem = pairProblem(input.kind, member, buddy)
  if (problem) throw new AppError('STUDY.NOT_PARTY', undefined, problem)
  const village = await getById<OrgNodeDoc>(COLLECTIONS.orgNodes, member.villageId)
  if (!village) throw new AppError('ORG.NOT_FOUND')
  const history = await findAll<StudyPairDoc>(COLLECTIONS.studyPairs, { memberId: member._id, kind: input.kind })
  const current = history.find((p) => p.active) ?? null
  if (current?.buddyId === input.buddyId) return (await viewsOf([current]))[0]
  try {
    const saved = await ctx.tx((tx) => writePair(tx, pairId(input.kind, member._id, history.length + 1), member, buddy as MemberDoc, input.kind, current, village, caller.memberId, ctx.now))
    return (await viewsOf([saved]))[0]
  } catch (e) {
    if (isDuplicate(e)) throw new AppError('SYS.BUSY', undefined, '结对刚被别人改过，请刷新后再试')
    throw e
  }
}

export async function endPair(input: { pairId: string; reason: string }, ctx: Ctx) {
  const p = ctx.access.targets[0].doc as StudyPairDoc
  if (p.active) {
    await ctx.tx(async (tx) => {
      const cur = await txGet<StudyPairDoc>(tx, COLLECTIONS.studyPairs, p._id)
      if (cur?.active) await tx.collection(COLLECTIONS.studyPairs).doc(p._id).update({ active: false, endedAt: ctx.now, endReason: input.reason })
      return null
    })
  }
  const after = await getById<StudyPairDoc>(COLLECTIONS.studyPairs, p._id)
  return (await viewsOf([after ?? p]))[0]
}

export async function listPairs(input: { villageId: string; includeEnded: boolean }, ctx: Ctx) {
  const villageId = ctx.access.targets[0].villageId as string
  const where: Record<string, unknown> = { villageId }
  if (!input.includeEnded) where.active = true
  const [pairs, party] = await Promise.all([
    findAll<StudyPairDoc>(COLLECTIONS.studyPairs, where),
    findAll<MemberDoc>(COLLECTIONS.members, { villageId, personClass: 'party', removed: false })
  ])
  const pairedMobile = new Set(pairs.filter((p) => p.active && p.kind === 'mobile').map((p) => p.memberId))
  const views = await viewsOf(pairs.sort((a, b) => Number(b.active) - Number(a.active) || new Date(b.since).getTime() - new Date(a.since).getTime()))
  const statusLabel = { in_village: '在村党员', mobile: '流动党员', office: '机关党员' } as const
  return {
    pairs: views,
    unpaired: party.filter((m) => m.partyStatus === 'mobile' && !pairedMobile.has(m._id)).map((m) => ({ memberId: m._id, name: m.name })),
    buddies: party.filter((m) => m.partyStatus !== 'mobile').map((m) => ({ memberId: m._id, name: m.name, status: m.partyStatus ? statusLabel[m.partyStatus] : '党员' }))
  }
}

export async function myPairs(_input: object, ctx: Ctx) {
  const caller = await ctx.caller()
  const [asBuddy, asMember] = await Promise.all([
    findPage<StudyPairDoc>(COLLECTIONS.studyPairs, { buddyId: caller.memberId, active: true }, { limit: 200 }),
    findPage<StudyPairDoc>(COLLECTIONS.studyPairs, { memberId: caller.memberId, active: true }, { limit: 10 })
  ])
  return { asBuddy: await viewsOf(asBuddy), asMember: await viewsOf(asMember) }
}

/** The buddy (or the member) of the pair, or staff over it. */
function requirePairParty(p: StudyPairDoc, callerId: string, staff: boolean, allowMember: boolean): void {
  if (p.buddyId === callerId || (allowMember && p.memberId === callerId) || staff) return
  throw new AppError('AUTH.FORBIDDEN', undefined, '只有结对党员本人或工作人员可以查看和记录')
}

export async function logVisit(input: { pairId: string; day: string; note: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const t = ctx.access.targets[0] as Target
  const p = t.doc as StudyPairDoc
  requirePairParty(p, caller.memberId, holdsRoleOver(caller, STUDY_STAFF, t), false)
  if (!p.active) throw new AppError('STUDY.PAIR_NOT_FOUND', undefined, '这个结对已经结束了')
  await checkText(ctx, input.note)
  const visitId = ctx.stableId('vs_')
  const visits = await ctx.tx(async (tx) => {
    const cur = await txGet<StudyPairDoc>(tx, COLLECTIONS.studyPairs, p._id)
    if (!cur) throw new AppError('STUDY.PAIR_NOT_FOUND')
    const v: StudyVisitDoc = { _id: visitId, pairId: p._id, day: input.day, note: input.note, by: caller.memberId, at: ctx.now }
    await tx.collection(COLLECTIONS.studyVisits).add(v)
    await tx.collection(COLLECTIONS.studyPairs).doc(p._id).update({ visits: cur.visits + 1 })
    return cur.visits + 1
  })
  return { visitId, visits }
}

export async function pairVisits(_input: { pairId: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const t = ctx.access.targets[0] as Target
  const p = t.doc as StudyPairDoc
  requirePairParty(p, caller.memberId, holdsRoleOver(caller, STUDY_STAFF, t), true)
  const rows = await findPage<StudyVisitDoc>(COLLECTIONS.studyVisits, { pairId: p._id }, { orderBy: [['at', 'desc']], limit: 100 })
  const names = await memberNames(rows.map((r) => r.by))
  return rows.map((r) => ({ id: r._id, day: r.day, note: r.note, byName: names.get(r.by) ?? '', at: iso(r.at) }))
}

/**
 * xlsx import: columns 党员, 结对党员 and optionally 类型 (流动 / 机关). Every row is checked first; any error
 * refuses the whole file with the errors by row number. Then each row is written by a deterministic id, so a
 * retry of the same request completes what an interrupted one began.
 */
export async function importPairs(input: { villageId: string; fileId: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const village = ctx.access.targets[0].doc as OrgNodeDoc
  await requireOwnUpload((await ctx.caller()).memberId, [input.fileId], 'pair_import')
  const rows = await readXlsx(input.fileId)
  if (!rows.length) throw new AppError('STUDY.IMPORT_INVALID', [{ row: 2, message: '表格里没有数据' }], '表格里没有数据')
  if (rows.length > 2000) throw new AppError('STUDY.IMPORT_INVALID', [{ row: 2002, message: '一次最多导入2000行' }], '一次最多导入2000行')
  const [party, existing] = await Promise.all([
    findAll<MemberDoc>(COLLECTIONS.members, { personClass: 'party', removed: false, villageId: village._id }),
    findAll<StudyPairDoc>(COLLECTIONS.studyPairs, { villageId: village._id })
  ])
  const active = existing.filter((p) => p.active)
  // 机关党员 may live in another village of the town: look them up by name too.
  const officeOutside = await findAll<MemberDoc>(COLLECTIONS.members, { personClass: 'party', partyStatus: 'office', removed: false })
  const byName = new Map<string, MemberDoc[]>()
  const town = village.path[village.path.length - 1]
  for (const m of [...party, ...officeOutside.filter((o) => o.villageId !== village._id && !!town && o.orgPath.includes(town))]) {
    byName.set(m.name, [...(byName.get(m.name) ?? []), m])
  }
  const errors: Array<{ row: number; message: string }> = []
  const plan: Array<{ row: number; member: MemberDoc; buddy: MemberDoc; kind: 'mobile' | 'office' }> = []
  const seen = new Map<string, number>()
  const find = (name: string, row: number, label: string): MemberDoc | undefined => {
    const hits = byName.get(name) ?? []
    if (!name) errors.push({ row, message: `请填写${label}` })
    else if (!hits.length) errors.push({ row, message: `找不到${label}“${name}”` })
    else if (hits.length > 1) errors.push({ row, message: `${label}“${name}”有重名，请在系统里逐个结对` })
    else return hits[0]
    return undefined
  }
  for (const r of rows) {
    const kindText = (r.values['类型'] ?? '').trim()
    const kind: 'mobile' | 'office' | null = !kindText || kindText.includes('流动') ? 'mobile' : kindText.includes('机关') ? 'office' : null
    if (!kind) {
      errors.push({ row: r.row, message: `类型“${kindText}”不对，应为“流动”或“机关”` })
      continue
    }
    const member = find((r.values['党员'] ?? '').trim(), r.row, '党员')
    const buddy = find((r.values['结对党员'] ?? '').trim(), r.row, '结对党员')
    if (!member || !buddy) continue
    const problem = pairProblem(kind, member, buddy)
    if (problem) {
      errors.push({ row: r.row, message: problem })
      continue
    }
    const key = `${kind}:${member._id}`
    if (seen.has(key)) {
      errors.push({ row: r.row, message: `${member.name}在第${seen.get(key)}行已经结对了` })
      continue
    }
    seen.set(key, r.row)
    plan.push({ row: r.row, member, buddy, kind })
  }
  if (errors.length) throw new AppError('STUDY.IMPORT_INVALID', errors, `表格里有${errors.length}处错误，一行都没有导入：第${errors[0].row}行 ${errors[0].message}`)
  let created = 0
  let replaced = 0
  let unchanged = 0
  for (const p of plan) {
    const current = active.find((a) => a.memberId === p.member._id && a.kind === p.kind) ?? null
    if (current?.buddyId === p.buddy._id) {
      unchanged++
      continue
    }
    const id = pairId(p.kind, p.member._id, existing.filter((x) => x.memberId === p.member._id && x.kind === p.kind).length + 1)
    try {
      // Several transactions in one request: runTx, not ctx.tx (which records the request in its first one).
      await runTx((tx) => writePair(tx, id, p.member, p.buddy, p.kind, current, village, caller.memberId, ctx.now))
    } catch (e) {
      // Someone else paired this member meanwhile: the file is stale for this row.
      if (isDuplicate(e)) throw new AppError('SYS.BUSY', undefined, `${p.member.name}的结对刚被别人改过，请刷新后再导入`)
      throw e
    }
    if (current) replaced++
    else created++
  }
  return { created, replaced, unchanged }
}

