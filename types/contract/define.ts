import { z } from 'zod'
import type { Access } from './access'

/** One action of one cloud function: its input and output schema, and whether it changes data. */
export interface ActionDef<I extends z.ZodTypeAny = z.ZodTypeAny, O extends z.ZodTypeAny = z.ZodTypeAny> {
  input: I
  output: O
  /** Mutations require a requestId; repeating the same requestId has exactly one effect. */
  mutation: boolean
  /** Who may call it: enforced by createHandler, read by the app, printed by `npm run authz`. */
  access: Access
  /**
   * The handler makes repeats harmless by deterministic ids of its own (a vote), so the runtime keeps no
   * request record for it: one read and one write fewer on a hot path.
   */
  dedupedByIds?: boolean
}

export function query<I extends z.ZodTypeAny, O extends z.ZodTypeAny>(input: I, output: O, access: Access): ActionDef<I, O> {
  return { input, output, mutation: false, access }
}

export function mutation<I extends z.ZodTypeAny, O extends z.ZodTypeAny>(input: I, output: O, access: Access, opts: { dedupedByIds?: boolean } = {}): ActionDef<I, O> {
  return { input, output, mutation: true, access, ...(opts.dedupedByIds ? { dedupedByIds: true } : {}) }
}

export type FnContract = Record<string, ActionDef>

/** The event every function receives. */
export const eventSchema = z.object({
  action: z.string().min(1).max(64),
  data: z.unknown().optional(),
  /** Made by the client once per user intent; retries reuse it. */
  requestId: z.string().min(8).max(80).regex(/^[A-Za-z0-9_-]+$/).optional()
})
export type FnEvent = z.infer<typeof eventSchema>
