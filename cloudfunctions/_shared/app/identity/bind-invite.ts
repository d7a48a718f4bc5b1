import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { BindingDoc, InviteDoc, MemberDoc } from '../../data/records'
import { AppError } from '../../runtime/app-error'
import { txGet } from '../../runtime/tx'
import { buildMe } from './me'
import { mayGrantRolesOf } from './grants'

/** Binds the calling openid to the invited member; the code is spent in the same transaction. */
export async function bindInvite(input: { code: string }, ctx: Ctx) {
  const code = input.code.toUpperCase()
  await ctx.tx(async (tx) => {
    const invite = await txGet<InviteDoc>(tx, COLLECTIONS.invites, code)
    if (!invite || invite.usedBy || new Date(invite.expiresAt) <= ctx.now) throw new AppError('AUTH.INVITE_INVALID')
    const existing = await txGet<BindingDoc>(tx, COLLECTIONS.bindings, ctx.openid)
    if (existing) throw new AppError('AUTH.ALREADY_BOUND')
    const member = await txGet<MemberDoc>(tx, COLLECTIONS.members, invite.memberId)
    if (!member || member.removed) throw new AppError('ROSTER.MEMBER_NOT_FOUND')
    if (member.openid) throw new AppError('AUTH.INVITE_INVALID', undefined, '这个人已经绑定了微信')
    // The code's powers are checked again now: a person granted roles since the code was made can be bound
    // only with a code from someone who may grant those roles.
    if (member.roles?.length) {
      const maker = await txGet<MemberDoc>(tx, COLLECTIONS.members, invite.createdBy)
      if (!maker || maker.removed || !(await mayGrantRolesOf(maker.roles ?? [], member))) throw new AppError('AUTH.INVITE_STALE')
    }
    await tx.collection(COLLECTIONS.bindings).add({ _id: ctx.openid, memberId: member._id, via: 'invite', at: ctx.now })
    await tx.collection(COLLECTIONS.invites).doc(code).update({ usedBy: ctx.openid, usedAt: ctx.now })
    await tx.collection(COLLECTIONS.members).doc(member._id).update({ openid: ctx.openid, updatedAt: ctx.now })
    return { memberId: member._id }
  })
  return buildMe(ctx)
}
