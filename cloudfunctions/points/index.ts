import { createHandler } from '../_shared/runtime/create-handler'
import { adoptRules, getRules, saveDraftRules } from '../_shared/app/points/rules'
import { getSettings, saveSettings } from '../_shared/app/points/settings'
import { recordClaims } from '../_shared/app/points/record-claims'
import { resubmitClaim, review, reviewMany } from '../_shared/app/points/review'
import { claimDetail, myClaims, recordedByMe, reviewQueue } from '../_shared/app/points/claim-queries'
import { assemblies, decideAssembly } from '../_shared/app/points/assembly'
import { postDue, publicity, raiseObjection } from '../_shared/app/points/publicity'
import { balance, ledger, ranking } from '../_shared/app/points/balance'
import { proposeCorrection } from '../_shared/app/points/propose-correction'
import { exportReport, tally, yearSummary } from '../_shared/app/points/reports'
import { activityCode, checkin, createActivity, listActivities } from '../_shared/app/points/activities'
import { myObjections } from '../_shared/app/points/my-objections'
import { workCounts } from '../_shared/app/points/work-counts'

/** points (积分制): rule sets, claims and check-in, the four-step audit, 公示, the ledger, cycles and 三挂钩. */
export const main = createHandler('points', {
  getRules,
  saveDraftRules,
  adoptRules,
  getSettings,
  saveSettings,
  recordClaims,
  resubmitClaim,
  myClaims,
  recordedByMe,
  claimDetail,
  reviewQueue,
  review,
  reviewMany,
  decideAssembly,
  assemblies,
  publicity,
  raiseObjection,
  postDue,
  proposeCorrection,
  balance,
  ledger,
  ranking,
  tally,
  yearSummary,
  exportReport,
  createActivity,
  listActivities,
  activityCode,
  checkin,
  myObjections,
  workCounts
})
