/** 通知公告 and 居民说事 samples: notices addressed to 前进嘎查 (v-qj), reports of its villagers. */
import type { Fixture, Sample } from './samples'
import { TARGET } from './cast'

const v = TARGET.village
let n = 0
const text = (t: string) => [{ kind: 'text', text: t }]

async function notice(fx: Fixture, targetOrgId: string = v): Promise<string> {
  const r = await fx.c.ok('m-qiqige', 'notice', 'publish', { targetOrgId, category: 'policy', title: `矩阵公告${++n}`, body: text('请大家查看') })
  return r.id
}

/** A report by 王桂荣 (h-qj-07) of 前进嘎查. */
async function report(fx: Fixture, by = 'm-wangguirong'): Promise<string> {
  const r = await fx.c.ok(by, 'notice', 'submitReport', { category: 'roads', text: `村口路灯坏了${++n}号` })
  return r.id
}

export const NOTICE_SAMPLES: Record<string, Sample> = {
  'notice.publish': async () => ({ input: { targetOrgId: v, category: 'policy', title: `矩阵公告${++n}`, body: text('请大家查看') } }),
  'notice.edit': async (fx) => ({ input: { noticeId: await notice(fx), category: 'policy', title: '改过的标题', body: text('新的正文'), summary: '更正' } }),
  'notice.feed': async () => ({ input: {} }),
  'notice.detail': async (fx) => ({ input: { noticeId: await notice(fx) } }),
  'notice.markRead': async (fx) => ({ input: { noticeId: await notice(fx) } }),
  'notice.readStats': async (fx) => ({ input: { noticeId: await notice(fx) } }),
  'notice.remindUnread': async (fx) => ({ input: { noticeId: await notice(fx) } }),
  'notice.targets': async () => ({ input: {} }),
  'notice.submitReport': async () => ({ input: { category: 'roads', text: '村口路灯坏了，晚上太黑' } }),
  'notice.listReports': async () => ({ input: { villageId: v, scope: 'village' } }),
  'notice.reportDetail': async (fx) => ({ input: { reportId: await report(fx) } }),
  'notice.assignReport': async (fx) => ({ input: { reportId: await report(fx), assigneeId: 'm-gaowa', note: '请去看看' } }),
  'notice.answerReport': async (fx) => ({ input: { reportId: await report(fx), answer: '已经修好了' } }),
  'notice.closeReport': async (fx) => ({ input: { reportId: await report(fx), note: '办结' } }),
  'notice.rateReport': async (fx) => ({ input: { reportId: await report(fx), stars: 5, comment: '很好' } }),
  'notice.assignees': async (fx) => ({ input: { reportId: await report(fx) } }),
  'notice.reportSettings': async () => ({ input: { villageId: v } }),
  'notice.saveReportSettings': async () => ({ input: { villageId: v, overdueDays: 7 } }),
  'notice.exportReports': async () => ({ input: { villageId: v } }),
  'notice.shareCard': async () => ({ input: {} }),
  'notice.groupContext': async () => ({ input: { cloudID: 'cloud-group-1' } })
}
