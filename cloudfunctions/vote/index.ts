import { createHandler } from '../_shared/runtime/create-handler'
import '../_shared/data/vote-scopes'
import { closeJudging, getActivity, listActivities, saveActivity } from '../_shared/app/vote/activities'
import { getEntry, listEntries, myEntries, nominate, reviewEntry, reviewQueue, submitEntry, withdrawEntry } from '../_shared/app/vote/entries'
import { vote, voteStatus } from '../_shared/app/vote/cast-vote'
import { ranking } from '../_shared/app/vote/ranking'
import { judgeQueue, scoreEntry } from '../_shared/app/vote/judging'
import { exportVoteXlsx, publish, publishedResult, recompute, results, scores } from '../_shared/app/vote/results'
import { fraudReport, voidVoter } from '../_shared/app/vote/fraud'
import { villageResult } from '../_shared/app/vote/village'

/** vote: 双晒 (entries, public vote, judges, weighted result, anti-fraud) and the village vote, one engine. */
export const main = createHandler('vote', {
  listActivities,
  getActivity,
  saveActivity,
  listEntries,
  getEntry,
  myEntries,
  submitEntry,
  withdrawEntry,
  reviewQueue,
  reviewEntry,
  nominate,
  vote,
  voteStatus,
  ranking,
  judgeQueue,
  scoreEntry,
  closeJudging,
  results,
  publish,
  publishedResult,
  recompute,
  exportXlsx: exportVoteXlsx,
  scores,
  fraudReport,
  voidVoter,
  villageResult
})
