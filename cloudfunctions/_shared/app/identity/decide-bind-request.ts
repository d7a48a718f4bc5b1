import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { BindingDoc, BindRequestDoc, MemberDoc } from '../../data/records'
import { getById } from '../../data/repo'
import { AppError } from '../../runtime/app-error'
import { txGet } from '../../runtime/tx'
import { checkText } from '../content-check'
import { requireCanGrantRolesOf } from './grants'

/** Staff approve a bind request by matching it to a roster member, or reject it with a reason. */
export async function decideBindRequest(
  input: { bindRequestId: string; approve: boolean; memberId?: string; reason?: string },
  ctx: Ctx
) {
  const caller = await ctx.caller()
  const req = ctx.access.targets[0].doc as BindRequestDoc
  if (input.reason) await checkText(ctx, input.reason)
  if (input.approve && !input.memberId) throw new AppError('INPUT.INVALID', undefined, '请选择要绑定的花名册人员')
  if (input.approve) {
    const target = await getById<MemberDoc>(COLLECTIONS.members, input.memberId as string)
    if (target) await requireCanGrantRolesOf(caller, target)
  }
  return ctx.tx(async (tx) => {
    const cur = await txGet<BindRequestDoc>(tx, COLLECTIONS.bindRequests, req._id)
    if (!cur || cur.status !== 'pending') throw new AppError('AUDIT.STATE_CHANGED')
    if (!input.approve) {
      await tx.collection(COLLECTIONS.bindRequests).doc(req._id).update({ status: 'rejected', decidedBy: caller.memberId, reason: input.reason ?? '' })
      return { status: 'rejected' as const }
    }
    const member = await txGet<MemberDoc>(tx, COLLECTIONS.members, input.memberId as string)
    if (!member || member.removed || member.villageId !== req.villageId) throw new AppError('ROSTER.MEMBER_NOT_FOUND')
    if (member.openid) throw new AppError('AUTH.ALREADY_BOUND', undefined, '这个人已经绑定了微信')
    const existing = await txGet<BindingDoc>(tx, COLLECTIONS.bindings, req.openid)
    if (existing) throw new AppError('AUTH.ALREADY_BOUND')
    await tx.collection(COLLECTIONS.bindings).add({ _id: req.openid, memberId: member._id, via: 'request', at: ctx.now })
    await tx.collection(COLLECTIONS.members).doc(member._id).update({ openid: req.openid, updatedAt: ctx.now })
    await tx.collection(COLLECTIONS.bindRequests).doc(req._id).update({ status: 'approved', memberId: member._id, decidedBy: caller.memberId })
    return { status: 'approved' as const }
  })
}
