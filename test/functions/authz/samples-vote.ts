/** 双晒 and village-vote samples: activities at 兴安镇 (town-xa) or 前进嘎查 (v-qj), entries of v-qj. */
import { at, NOW } from '../../fixtures/cloud'
import type { Fixture, Sample } from './samples'
import { TARGET } from './cast'

const v = TARGET.village
const ADMIN = 'm-zhaojianguo'
let n = 0

function activityInput(orgId: string, extra: Record<string, unknown> = {}) {
  return {
    orgId,
    title: `矩阵双晒${++n}`,
    description: '晒党建、晒成绩',
    electorate: { orgId, partyOnly: false, mode: 'members' },
    submitOpens: at(-10).toISOString(),
    submitCloses: at(20).toISOString(),
    voteOpens: at(-1).toISOString(),
    voteCloses: at(40).toISOString(),
    rules: { perDay: 1000, perEntryPerDay: 1000, cooldownDays: 0, nightPause: null, burstPerMinute: 10000 },
    weights: { votes: 30, performance: 40, overall: 30 },
    ...extra
  }
}

async function media(fx: Fixture) {
  const cover = await fx.c.local.upload(`uploads/mx-cover-${++n}.png`, Buffer.from('png'))
  const video = await fx.c.local.upload(`uploads/mx-video-${n}.mp4`, Buffer.from('mp4'))
  return { cover, video }
}
const parts = () => ({ ideas: '抓党建促发展', results: '村集体收入翻番', highlights: '牧区网格化', service: '解决饮水难' })

/** A town-wide 双晒 activity (town-xa), 前进嘎查's 书记 巴特尔 as entrant, 赵建国 judging. */
async function showcase(fx: Fixture, extra: Record<string, unknown> = {}): Promise<string> {
  const a = await fx.c.ok(ADMIN, 'vote', 'saveActivity', activityInput('town-xa', { judges: [{ memberId: ADMIN, categories: ['town', 'street', 'village', 'community'] }], ...extra }), { now: NOW })
  return a.id
}
async function entry(fx: Fixture, activityId: string, approve = true): Promise<string> {
  const e = await fx.c.ok('m-bateer', 'vote', 'submitEntry', { activityId, orgId: v, category: 'village', title: `前进嘎查作品${++n}`, parts: parts(), ...(await media(fx)) })
  if (approve) await fx.c.ok(ADMIN, 'vote', 'reviewEntry', { entryId: e.id, decision: 'approve' })
  return e.id
}
/** A village vote of 前进嘎查 with 王桂荣家 (h-qj-07) nominated. */
async function villageVote(fx: Fixture): Promise<{ activityId: string; entryId: string }> {
  const a = await fx.c.ok('m-qiqige', 'vote', 'saveActivity', activityInput(v, { kind: 'village', categories: [{ key: 'model', label: '先进典型' }] }), { now: NOW })
  const e = await fx.c.ok('m-qiqige', 'vote', 'nominate', { activityId: a.id, householdId: TARGET.household, title: '孝老爱亲' })
  return { activityId: a.id, entryId: e.id }
}

export const VOTE_SAMPLES: Record<string, Sample> = {
  'vote.listActivities': async () => ({ input: {} }),
  'vote.getActivity': async (fx) => ({ input: { activityId: await showcase(fx) } }),
  'vote.saveActivity': async () => ({ input: activityInput(v) }),
  'vote.listEntries': async (fx) => ({ input: { activityId: await showcase(fx) } }),
  'vote.getEntry': async (fx) => ({ input: { entryId: await entry(fx, await showcase(fx)) } }),
  'vote.myEntries': async (fx) => ({ input: { activityId: await showcase(fx) } }),
  'vote.submitEntry': async (fx) => ({ input: { activityId: await showcase(fx), orgId: v, category: 'village', title: `前进嘎查作品${++n}`, parts: parts(), ...(await media(fx)) } }),
  'vote.withdrawEntry': async (fx) => ({ input: { entryId: await entry(fx, await showcase(fx), false) } }),
  'vote.reviewQueue': async (fx) => ({ input: { activityId: await showcase(fx) } }),
  'vote.reviewEntry': async (fx) => ({ input: { entryId: await entry(fx, await showcase(fx), false), decision: 'approve' } }),
  'vote.nominate': async (fx) => {
    const { activityId } = await villageVote(fx)
    return { input: { activityId, householdId: 'h-qj-08', title: '勤劳致富' } }
  },
  'vote.vote': async (fx) => ({ input: { entryId: await entry(fx, await showcase(fx)) } }),
  'vote.voteStatus': async (fx) => ({ input: { activityId: await showcase(fx) } }),
  'vote.ranking': async (fx) => ({ input: { activityId: await showcase(fx), category: 'village' } }),
  'vote.judgeQueue': async (fx) => ({ input: { activityId: await showcase(fx) } }),
  'vote.scoreEntry': async (fx) => ({ input: { entryId: await entry(fx, await showcase(fx)), performance: 90, overall: 85 } }),
  'vote.closeJudging': async (fx) => ({ input: { activityId: await showcase(fx) } }),
  'vote.results': async (fx) => ({ input: { activityId: await showcase(fx) } }),
  'vote.publish': async (fx) => ({ input: { activityId: await showcase(fx) } }),
  'vote.publishedResult': async (fx) => ({ input: { activityId: await showcase(fx) } }),
  'vote.recompute': async (fx) => ({ input: { activityId: await showcase(fx) } }),
  'vote.exportXlsx': async (fx) => ({ input: { activityId: await showcase(fx), what: 'votes' } }),
  'vote.scores': async (fx) => ({ input: { activityId: await showcase(fx) } }),
  'vote.fraudReport': async (fx) => ({ input: { activityId: await showcase(fx) } }),
  'vote.voidVoter': async (fx) => ({ input: { activityId: await showcase(fx), voterKey: 'm-eerdun', reason: '刷票' } }),
  'vote.villageResult': async (fx) => ({ input: { activityId: (await villageVote(fx)).activityId } })
}
