import { randomBytes } from 'crypto'
import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { InviteDoc, MemberDoc } from '../../data/records'
import { AppError } from '../../runtime/app-error'
import { isDuplicate } from '../../runtime/tx'
import { addDays } from '../../domain/china-time'
import { requireCanGrantRolesOf } from './grants'

// No 0/O/1/I: codes are read aloud and typed by older people.
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'
export const INVITE_DAYS = 30

export function makeInviteCode(): string {
  const bytes = randomBytes(8)
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('')
}

/** A one-time code that binds a WeChat user to this roster member; valid for 30 days. */
export async function createInvite(_input: { memberId: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const m = ctx.access.targets[0].doc as MemberDoc
  if (m.openid) throw new AppError('AUTH.ALREADY_BOUND', undefined, '这个人已经绑定了微信')
  await requireCanGrantRolesOf(caller, m)
  const expiresAt = addDays(ctx.now, INVITE_DAYS)
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = makeInviteCode()
    const doc: InviteDoc = { _id: code, memberId: m._id, villageId: m.villageId, createdBy: caller.memberId, createdAt: ctx.now, expiresAt, usedBy: null, usedAt: null }
    try {
      // The transaction's result is what a retry of this request gets back, so the code comes from it.
      return await ctx.tx(async (tx) => {
        await tx.collection(COLLECTIONS.invites).add(doc)
        return { code, expiresAt: expiresAt.toISOString() }
      })
    } catch (e) {
      if (!isDuplicate(e)) throw e
    }
  }
  throw new AppError('SYS.BUSY')
}
