import { createHash } from 'crypto'
import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { BindRequestDoc } from '../../data/records'
import { getById } from '../../data/repo'
import { AppError } from '../../runtime/app-error'
import { txGet } from '../../runtime/tx'
import { loadOrg } from './views'
import { checkText } from '../content-check'

/** A WeChat user without an invitation asks the village staff to bind them to the roster. */
export async function requestBind(input: { villageId: string; name: string; phone: string; note: string }, ctx: Ctx) {
  const village = await loadOrg(input.villageId)
  if (village.kind !== 'village' && village.kind !== 'community') throw new AppError('ORG.NOT_FOUND')
  if (await getById(COLLECTIONS.bindings, ctx.openid)) throw new AppError('AUTH.ALREADY_BOUND')
  await checkText(ctx, `${input.name} ${input.note}`)
  // One open request per openid and village: the id makes a second one an update. The id is a hash, so
  // it carries no openid to the staff who list and decide requests.
  const id = `br_${createHash('sha256').update(`bind-request|${input.villageId}|${ctx.openid}`).digest('hex').slice(0, 24)}`
  await ctx.tx(async (tx) => {
    const prior = await txGet<BindRequestDoc>(tx, COLLECTIONS.bindRequests, id)
    const doc: Omit<BindRequestDoc, '_id'> = {
      villageId: input.villageId,
      openid: ctx.openid,
      name: input.name,
      phone: input.phone,
      note: input.note,
      status: 'pending',
      memberId: null,
      decidedBy: null,
      reason: null,
      createdAt: ctx.now
    }
    if (prior) await tx.collection(COLLECTIONS.bindRequests).doc(id).set(doc)
    else await tx.collection(COLLECTIONS.bindRequests).add({ _id: id, ...doc })
  })
  return { requestId: id, status: 'pending' as const }
}
