/**
 * Governance demo data (issue 7): a 积分更正 proposed by one 两委 member and approved by a second, waiting for
 * a third; a grant made by the town admin (in the grant audit trail); a change of the shop's threshold.
 */
import type { FunctionRunner } from '../function-runner'
import { actor } from './seed'

const HOUR = 3600000

export async function seedGovernance(runner: FunctionRunner, now: Date): Promise<void> {
  const run = actor(runner)
  const t = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR)
  // 其其格 proposes a correction for 王桂荣's household; 孟和 approves; it waits for one more 两委 member (巴特尔).
  const c = await run('m-qiqige', t(5), 'points', 'proposeCorrection', { householdId: 'h-qj-07', amount: 20, reason: '十月义务巡逻三次漏记，补加' })
  await run('m-menghe', t(4), 'points', 'review', { claimId: c.claimId, step: 'second', decision: 'approve' })
  // The town admin makes 张海 a 党小组长 too: a grant in the audit trail.
  await run('m-zhaojianguo', t(30), 'identity', 'grantRole', { memberId: 'm-zhanghai', role: 'group_leader', orgId: 'v-qj-pg2' })
  // The 两委 set the shop's threshold (recorded who, when, old and new).
  await run('m-bateer', t(48), 'mall', 'saveMallSettings', { villageId: 'v-qj', threshold: 80, pointsPerYuan: 5 })
}
