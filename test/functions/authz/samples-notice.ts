/** 通知公告 and 居民说事 samples: notices addressed to 前进嘎查 (v-qj), reports of its villagers. */
import { NOW } from '../../fixtures/cloud'
import { FAKE_GROUP_CLOUD_ID_PREFIX } from '../../../emulator/wx-openapi'
import type { Fixture, Sample, Who } from './samples'
import { TARGET } from './cast'

const v = TARGET.village
let n = 0
const text = (t: string) => [{ kind: 'text', text: t }]

async function notice(fx: Fixture, targetOrgId: string = v): Promise<string> {
  const r = await fx.c.ok('m-qiqige', 'notice', 'publish', { targetOrgId, category: 'policy', title: `矩阵公告${++n}`, body: text('请大家查看') })
  return r.id
}

/**
 * For actions open to every bound addressee: a notice to the whole city (city-wl, above 前进嘎查 and every
 * cast member's home), published by a city 管理员.
 */
const CITY = 'mx-city-notice'
async function cityNotice(fx: Fixture): Promise<string> {
  const engine = fx.c.local.emulator.engine
  if (!engine.dump('members').some((m) => m._id === CITY)) {
    const base = engine.dump('members').find((m) => m._id === 'm-zhaojianguo')
    const grantId = `${CITY}:admin:city-wl`
    engine.insertRaw('members', [{ ...base, _id: CITY, name: '市管理员', openid: `o_${CITY}`, roles: [{ grantId, role: 'admin', orgId: 'city-wl', villageId: null }] }])
    engine.insertRaw('role_grants', [{ _id: grantId, memberId: CITY, role: 'admin', orgId: 'city-wl', scopePath: ['city-wl'], grantedBy: 'seed', grantedAt: NOW }])
    engine.insertRaw('bindings', [{ _id: `o_${CITY}`, memberId: CITY, via: 'demo', at: NOW }])
  }
  const r = await fx.c.call(null, 'notice', 'publish', { targetOrgId: 'city-wl', category: 'policy', title: `全市公告${++n}`, body: text('请大家查看') }, { openid: `o_${CITY}` })
  if (!r.ok) throw new Error(`city publish: ${r.error.code}`)
  return r.data.id
}

const livesIn = (who: Who) => ['ownHousehold', 'ownUnit', 'sameVillage'].includes(who.rel)

/** A report by 王桂荣 (h-qj-07) of 前进嘎查. */
async function report(fx: Fixture, by = 'm-wangguirong', openid?: string): Promise<string> {
  const r = await fx.c.call(openid ? null : by, 'notice', 'submitReport', { category: 'roads', text: `村口路灯坏了${++n}号` }, openid ? { openid } : undefined)
  if (!r.ok) throw new Error(`submitReport: ${r.error.code}`)
  return r.data.id
}

export const NOTICE_SAMPLES: Record<string, Sample> = {
  'notice.publish': async () => ({ input: { targetOrgId: v, category: 'policy', title: `矩阵公告${++n}`, body: text('请大家查看') } }),
  'notice.edit': async (fx) => ({ input: { noticeId: await notice(fx), category: 'policy', title: '改过的标题', body: text('新的正文'), summary: '更正' } }),
  'notice.feed': async () => ({ input: {} }),
  'notice.detail': async (fx) => ({ input: { noticeId: await cityNotice(fx) } }),
  'notice.markRead': async (fx) => ({ input: { noticeId: await cityNotice(fx) } }),
  'notice.readStats': async (fx) => ({ input: { noticeId: await notice(fx) } }),
  'notice.remindUnread': async (fx) => ({ input: { noticeId: await notice(fx) } }),
  'notice.targets': async () => ({ input: {} }),
  'notice.submitReport': async () => ({ input: { category: 'roads', text: '村口路灯坏了，晚上太黑' } }),
  'notice.listReports': async () => ({ input: { villageId: v, scope: 'village' } }),
  'notice.reportDetail': async (fx) => ({ input: { reportId: await report(fx) } }),
  'notice.assignReport': async (fx) => ({ input: { reportId: await report(fx), assigneeId: 'm-gaowa', note: '请去看看' } }),
  // Staff answer, or the person it was assigned to: an allowed grid worker is assigned first.
  'notice.answerReport': async (fx, who) => {
    const reportId = await report(fx)
    if (who.allowed && who.actor === 'grid_worker') await fx.c.ok('m-qiqige', 'notice', 'assignReport', { reportId, assigneeId: who.memberId })
    return { input: { reportId, answer: '已经修好了' } }
  },
  'notice.closeReport': async (fx) => {
    const reportId = await report(fx)
    await fx.c.ok('m-qiqige', 'notice', 'answerReport', { reportId, answer: '已经修好了' })
    return { input: { reportId, note: '办结' } }
  },
  // Only the reporter rates, once answered: an allowed caller (living in 前进嘎查) reports it themselves.
  'notice.rateReport': async (fx, who) => {
    const reportId = who.allowed && livesIn(who) ? await report(fx, '', who.openid) : await report(fx)
    await fx.c.ok('m-qiqige', 'notice', 'answerReport', { reportId, answer: '已经修好了' })
    return { input: { reportId, stars: 5, comment: '很好' } }
  },
  'notice.assignees': async (fx) => ({ input: { reportId: await report(fx) } }),
  'notice.reportSettings': async () => ({ input: { villageId: v } }),
  'notice.saveReportSettings': async () => ({ input: { villageId: v, overdueDays: 7 } }),
  'notice.exportReports': async () => ({ input: { villageId: v } }),
  'notice.shareCard': async () => ({ input: {} }),
  'notice.groupContext': async () => ({ input: { cloudID: `${FAKE_GROUP_CLOUD_ID_PREFIX}G_qj_family` } })
}
