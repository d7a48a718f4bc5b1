import type { PartyStatus, PersonClass } from '../../../../types/contract/common'
import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { HouseholdDoc, MemberDoc, OrgNodeDoc } from '../../data/records'
import { getById } from '../../data/repo'
import { AppError } from '../../runtime/app-error'
import { txGet, type Tx } from '../../runtime/tx'
import { checkText } from '../content-check'

export interface MemberInput {
  memberId?: string
  householdId: string
  name: string
  gender: 'M' | 'F'
  relation: string
  isHead: boolean
  phone?: string | null
  personClass: PersonClass
  partyStatus?: PartyStatus | null
  branchId?: string | null
  partyGroupId?: string | null
}

/** Checks that party fields are consistent and that branch/group nodes belong to the household's village. */
export async function validateMemberInput(input: MemberInput, villageId: string): Promise<void> {
  if (input.personClass === 'party' && !input.partyStatus) throw new AppError('INPUT.INVALID', undefined, '党员要选择在村、流动或在职机关')
  for (const [nodeId, kind] of [
    [input.branchId, 'branch'],
    [input.partyGroupId, 'party_group']
  ] as const) {
    if (!nodeId) continue
    const node = await getById<OrgNodeDoc>(COLLECTIONS.orgNodes, nodeId)
    if (!node || node.kind !== kind || node.villageId !== villageId) throw new AppError('INPUT.INVALID', undefined, '支部或党小组不属于这个村')
  }
}

/** Writes a member and keeps the household's head/count in step, inside the caller's transaction. */
/**
 * Writes a member and keeps the household's head/count in step, inside the caller's transaction. Everything
 * it depends on (the member, the household, its current head) is read inside the transaction, so two edits
 * of one household at once never leave two heads or a wrong count.
 */
export async function writeMember(tx: Tx, h: HouseholdDoc, input: MemberInput, id: string, now: Date): Promise<void> {
  const existing = await txGet<MemberDoc>(tx, COLLECTIONS.members, id)
  if (input.memberId && (!existing || existing.removed)) throw new AppError('ROSTER.MEMBER_NOT_FOUND')
  const fields = {
    name: input.name,
    gender: input.gender,
    relation: input.isHead ? '户主' : input.relation,
    isHead: input.isHead,
    phone: input.phone ?? null,
    personClass: input.personClass,
    partyStatus: input.personClass === 'party' ? input.partyStatus ?? null : null,
    householdId: h._id,
    villageId: h.villageId,
    branchId: input.branchId ?? null,
    partyGroupId: input.partyGroupId ?? null,
    orgPath: h.orgPath,
    updatedAt: now
  }
  // Moving to another household of the village: the old household loses a member (and its head, if so).
  if (existing?.householdId && existing.householdId !== h._id) {
    const old = await txGet<HouseholdDoc>(tx, COLLECTIONS.households, existing.householdId)
    if (old) {
      const upd: Record<string, unknown> = { memberCount: Math.max(0, old.memberCount - 1), updatedAt: now }
      if (old.headMemberId === id) Object.assign(upd, { headMemberId: null, headName: null })
      await tx.collection(COLLECTIONS.households).doc(old._id).update(upd)
    }
  }
  if (existing) await tx.collection(COLLECTIONS.members).doc(id).update(fields)
  else await tx.collection(COLLECTIONS.members).add({ _id: id, ...fields, openid: null, roles: [], removed: false, createdAt: now })
  // A new head demotes the old one; the household caches the head's name for lists and masked views.
  if (input.isHead && h.headMemberId && h.headMemberId !== id) {
    const old = await txGet<MemberDoc>(tx, COLLECTIONS.members, h.headMemberId)
    if (old && old.isHead) await tx.collection(COLLECTIONS.members).doc(old._id).update({ isHead: false, relation: old.relation === '户主' ? '家庭成员' : old.relation })
  }
  const wasMember = !!existing && !existing.removed && existing.householdId === h._id
  const hUpdate: Record<string, unknown> = { memberCount: h.memberCount + (wasMember ? 0 : 1), updatedAt: now }
  if (input.isHead) Object.assign(hUpdate, { headMemberId: id, headName: input.name })
  else if (h.headMemberId === id) Object.assign(hUpdate, { headMemberId: null, headName: null })
  await tx.collection(COLLECTIONS.households).doc(h._id).update(hUpdate)
}

export async function saveMember(input: MemberInput, ctx: Ctx) {
  const h = ctx.access.targets[0].doc as HouseholdDoc
  await checkText(ctx, `${input.name} ${input.relation}`)
  await validateMemberInput(input, h.villageId)
  const id = input.memberId ?? ctx.stableId('m_')
  if (input.memberId) {
    const cur = await getById<MemberDoc>(COLLECTIONS.members, input.memberId)
    if (!cur || cur.removed) throw new AppError('ROSTER.MEMBER_NOT_FOUND')
    // Moving a member between households of different villages is a re-registration, not an edit.
    if (cur.villageId !== h.villageId) throw new AppError('INPUT.INVALID', undefined, '不能把人员移到别的村')
  }
  await ctx.tx(async (tx) => {
    const fresh = await txGet<HouseholdDoc>(tx, COLLECTIONS.households, h._id)
    if (!fresh) throw new AppError('ROSTER.HOUSEHOLD_NOT_FOUND')
    await writeMember(tx, fresh, input, id, ctx.now)
  })
  return { memberId: id }
}
