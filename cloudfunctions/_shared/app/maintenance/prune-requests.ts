import { COLLECTIONS } from '../../data/collections'
import { db } from '../../runtime/cloud'

/**
 * Request records exist so that a client retrying within minutes gets the same answer. After a week no
 * client still holds that requestId; drop them so the collection stays small. Runs outside any transaction.
 */
export const REQUEST_TTL_DAYS = 7

export async function pruneRequests(now: Date): Promise<number> {
  const _ = db().command
  const cutoff = new Date(now.getTime() - REQUEST_TTL_DAYS * 86400000)
  const res = (await db().collection(COLLECTIONS.requests).where({ at: _.lt(cutoff) }).remove()) as { deleted?: number }
  return res.deleted ?? 0
}
