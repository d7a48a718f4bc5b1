import { db } from './cloud'
import { AppError } from './app-error'

/** The transaction object the SDK hands out (single-document operations only). */
export type Tx = Awaited<ReturnType<ReturnType<typeof db>['startTransaction']>>

const CONFLICT = 'DATABASE_TRANSACTION_CONFLICT'

export function isConflict(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code
  const msg = String((e as { message?: unknown } | null)?.message ?? '')
  return code === CONFLICT || msg.includes(CONFLICT)
}

export function isDuplicate(e: unknown): boolean {
  const code = String((e as { code?: unknown } | null)?.code ?? '')
  const msg = String((e as { message?: unknown } | null)?.message ?? '')
  return /DUPLICATE/i.test(code) || /duplicate|E11000/i.test(msg)
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export interface TxOptions {
  /** Attempts before giving up with SYS.BUSY (hot documents under heavy contention). */
  attempts?: number
}

/**
 * Runs `work` in one CloudBase transaction and retries write conflicts with jittered backoff.
 * Unlike the SDK's runTransaction it always rolls back a failed attempt, so an abandoned
 * transaction never holds a document until the server's 30 s timeout.
 * Inside `work` use only single-document operations: tx.collection(c).doc(id).get/set/update/remove and add.
 */
export async function runTx<T>(work: (tx: Tx) => Promise<T>, opts: TxOptions = {}): Promise<T> {
  const attempts = opts.attempts ?? 40
  let delay = 5
  for (let attempt = 1; ; attempt++) {
    const tx = await db().startTransaction()
    let committed = false
    try {
      const result = await work(tx)
      await tx.commit()
      committed = true
      return result
    } catch (e) {
      if (!committed) {
        try {
          await tx.rollback()
        } catch {
          // already aborted by the server (conflict) — nothing left to undo
        }
      }
      if (e instanceof AppError || !isConflict(e)) throw e
      if (attempt >= attempts) throw new AppError('SYS.BUSY')
      await sleep(Math.random() * delay)
      delay = Math.min(delay * 2, 250)
    }
  }
}

/** Reads one document inside a transaction; null when it does not exist. */
export async function txGet<T>(tx: Tx, collection: string, id: string): Promise<T | null> {
  const res = (await tx.collection(collection).doc(id).get()) as { data?: unknown }
  const data = res?.data
  if (Array.isArray(data)) return (data[0] as T) ?? null
  return (data as T) ?? null
}
