import { createHandler } from '../_shared/runtime/create-handler'
import '../_shared/data/notice-scopes'
import { edit, publish } from '../_shared/app/notice/publish-notice'
import { detail, feed, markRead, targets } from '../_shared/app/notice/notice-feed'
import { readStats, remindUnread } from '../_shared/app/notice/notice-reads'
import { answerReport, assignees, assignReport, closeReport, exportReports, listReports, rateReport, reportDetail, reportSettings, saveReportSettings, submitReport } from '../_shared/app/notice/reports'
import { groupContext, shareCard } from '../_shared/app/notice/share-card'

/** notice: 公告 (announcements), 居民说事 (reports) and the share card / group board. */
export const main = createHandler('notice', {
  publish,
  edit,
  feed,
  detail,
  markRead,
  readStats,
  remindUnread,
  targets,
  submitReport,
  listReports,
  reportDetail,
  assignReport,
  answerReport,
  closeReport,
  rateReport,
  assignees,
  reportSettings,
  saveReportSettings,
  exportReports,
  shareCard,
  groupContext
})
