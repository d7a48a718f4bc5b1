import type { z } from 'zod'
import type { ActionDef } from './define'
import { identityContract } from './identity.contract'
import { pointsContract } from './points.contract'
import { mallContract } from './mall.contract'
import { voteContract } from './vote.contract'
import { studyContract } from './study.contract'
import { noticeContract } from './notice.contract'

export * from './errors'
export * from './common'
export * from './define'
export * from './access'
export * from './identity.contract'
export * from './points.contract'
export * from './mall.contract'
export * from './vote.contract'
export * from './study.contract'
export * from './notice.contract'
export * from './subscribe'

/** Every deployed function and its actions. A function's entry is built from this map. */
export const contract = {
  identity: identityContract,
  points: pointsContract,
  mall: mallContract,
  vote: voteContract,
  study: studyContract,
  notice: noticeContract
} as const

export type Contract = typeof contract
export type FnName = keyof Contract
export type ActionName<F extends FnName> = keyof Contract[F] & string
type Def<F extends FnName, A extends ActionName<F>> = Contract[F][A] extends ActionDef ? Contract[F][A] : never
/** What the client passes (defaults optional). */
export type Input<F extends FnName, A extends ActionName<F>> = z.input<Def<F, A>['input']>
/** What the server receives after parsing (defaults applied). */
export type ParsedInput<F extends FnName, A extends ActionName<F>> = z.output<Def<F, A>['input']>
export type Output<F extends FnName, A extends ActionName<F>> = z.output<Def<F, A>['output']>
