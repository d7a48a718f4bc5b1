/** 双晒 and village-vote samples: activities at 兴安镇 (town-xa) or 前进嘎查 (v-qj), entries of v-qj. */
import { at, NOW } from '../../fixtures/cloud'
import type { Fixture, Sample } from './samples'
import { actorId, TARGET } from './cast'
import { RELATIONS } from '../../../types/contract/authz'

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
    rules: { perDay: 100, perEntryPerDay: 20, cooldownDays: 0, nightPause: null, burstPerMinute: 10000 },
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

/** Voting over (judging can close). */
const ENDED = { submitOpens: at(-10).toISOString(), submitCloses: at(-6).toISOString(), voteOpens: at(-5).toISOString(), voteCloses: at(-1).toISOString() }

/** Every 评委 of the cast and 赵建国 judge every category (judging needs the assignment). */
const JUDGES = [ADMIN, ...RELATIONS.map((r) => actorId('judge', r))].map((memberId) => ({ memberId, categories: ['town', 'street', 'village', 'community'] }))

/**
 * A 双晒 activity at 前进嘎查 (v-qj), set up by its 工作人员 其其格: the target of staff and judges' work.
 */
async function showcase(fx: Fixture, extra: Record<string, unknown> = {}): Promise<string> {
  const a = await fx.c.ok('m-qiqige', 'vote', 'saveActivity', activityInput(v, { judges: JUDGES, ...extra }), { now: NOW })
  return a.id
}

/**
 * For actions open to every bound person (the handler shows an activity to those at or below its org): a
 * city-wide 双晒 (city-wl, above 前进嘎查 and every cast member's home) run by a city 管理员.
 */
async function cityShowcase(fx: Fixture, extra: Record<string, unknown> = {}): Promise<string> {
  const engine = fx.c.local.emulator.engine
  if (!engine.dump('members').some((m) => m._id === CITY_ADMIN)) {
    const base = engine.dump('members').find((m) => m._id === 'm-zhaojianguo')
    const grantId = `${CITY_ADMIN}:admin:city-wl`
    engine.insertRaw('members', [{ ...base, _id: CITY_ADMIN, name: '市管理员', openid: `o_${CITY_ADMIN}`, roles: [{ grantId, role: 'admin', orgId: 'city-wl', villageId: null }] }])
    engine.insertRaw('role_grants', [{ _id: grantId, memberId: CITY_ADMIN, role: 'admin', orgId: 'city-wl', scopePath: ['city-wl'], grantedBy: 'seed', grantedAt: NOW }])
    engine.insertRaw('bindings', [{ _id: `o_${CITY_ADMIN}`, memberId: CITY_ADMIN, via: 'demo', at: NOW }])
  }
  const r = await fx.c.call(null, 'vote', 'saveActivity', activityInput('city-wl', { judges: JUDGES, ...extra }), { openid: `o_${CITY_ADMIN}` })
  if (!r.ok) throw new Error(`city saveActivity: ${r.error.code} ${r.error.message} ${JSON.stringify(r.error.details ?? '')}`)
  return r.data.id
}
const CITY_ADMIN = 'mx-city-admin'

/** An entry of 前进嘎查 (v-qj) by its 书记 巴特尔, approved by the activity's staff. */
async function entry(fx: Fixture, activityId: string, approve = true, city = false): Promise<string> {
  const e = await fx.c.ok('m-bateer', 'vote', 'submitEntry', { activityId, orgId: v, category: 'village', title: `前进嘎查作品${++n}`, parts: parts(), ...(await media(fx)) })
  if (approve) {
    const r = await fx.c.call(city ? null : 'm-qiqige', 'vote', 'reviewEntry', { entryId: e.id, decision: 'approve' }, city ? { openid: `o_${CITY_ADMIN}` } : undefined)
    if (!r.ok) throw new Error(`reviewEntry: ${r.error.code}`)
  }
  return e.id
}
/** A village vote of 前进嘎查 with 王桂荣家 (h-qj-07) nominated; voting opens in a day. */
async function villageVote(fx: Fixture, city = false): Promise<{ activityId: string; entryId: string }> {
  if (city) await cityShowcase(fx)
  const by = city ? { who: null, opts: { openid: `o_${CITY_ADMIN}` } } : { who: 'm-qiqige', opts: undefined }
  const input = activityInput(city ? 'city-wl' : v, { kind: 'village', categories: [{ key: 'model', label: '先进典型' }], voteOpens: at(1).toISOString() })
  const a = await fx.c.call(by.who, 'vote', 'saveActivity', input, by.opts)
  if (!a.ok) throw new Error(`village saveActivity: ${a.error.code}`)
  const e = await fx.c.call(by.who, 'vote', 'nominate', { activityId: a.data.id, householdId: TARGET.household, title: '孝老爱亲' }, by.opts)
  if (!e.ok) throw new Error(`nominate: ${e.error.code}`)
  return { activityId: a.data.id, entryId: e.data.id }
}

/** A 双晒 with judging closed (and the result published), by its staff. */
async function closed(fx: Fixture, city: boolean, publish: boolean): Promise<string> {
  const id = city ? await cityShowcase(fx, ENDED) : await showcase(fx, ENDED)
  const opts = city ? { openid: `o_${CITY_ADMIN}` } : undefined
  const who = city ? null : 'm-qiqige'
  for (const action of publish ? ['closeJudging', 'publish'] : ['closeJudging']) {
    const r = await fx.c.call(who, 'vote', action, { activityId: id }, opts)
    if (!r.ok) throw new Error(`${action}: ${r.error.code}`)
  }
  return id
}

export const VOTE_SAMPLES: Record<string, Sample> = {
  'vote.listActivities': async () => ({ input: {} }),
  'vote.getActivity': async (fx) => ({ input: { activityId: await cityShowcase(fx) } }),
  'vote.saveActivity': async () => ({ input: activityInput(v) }),
  'vote.listEntries': async (fx) => ({ input: { activityId: await cityShowcase(fx) } }),
  'vote.getEntry': async (fx) => ({ input: { entryId: await entry(fx, await cityShowcase(fx), true, true) } }),
  'vote.myEntries': async (fx) => ({ input: { activityId: await showcase(fx) } }),
  'vote.submitEntry': async (fx) => ({ input: { activityId: await showcase(fx), orgId: v, category: 'village', title: `前进嘎查作品${++n}`, parts: parts(), ...(await media(fx)) } }),
  // Only the entrant withdraws: an allowed 书记 submits the entry themselves.
  'vote.withdrawEntry': async (fx, who) => {
    const activityId = await showcase(fx)
    if (!who.allowed) return { input: { entryId: await entry(fx, activityId, false) } }
    const r = await fx.c.call(null, 'vote', 'submitEntry', { activityId, orgId: v, category: 'village', title: `前进嘎查作品${++n}`, parts: parts(), ...(await media(fx)) }, { openid: who.openid })
    if (!r.ok) throw new Error(`submitEntry: ${r.error.code}`)
    return { input: { entryId: r.data.id } }
  },
  'vote.reviewQueue': async (fx) => ({ input: { activityId: await showcase(fx) } }),
  'vote.reviewEntry': async (fx) => ({ input: { entryId: await entry(fx, await showcase(fx), false), decision: 'approve' } }),
  'vote.nominate': async (fx) => {
    const { activityId } = await villageVote(fx)
    return { input: { activityId, householdId: 'h-qj-08', title: '勤劳致富' } }
  },
  'vote.vote': async (fx) => ({ input: { entryId: await entry(fx, await cityShowcase(fx), true, true) } }),
  'vote.voteStatus': async (fx) => ({ input: { activityId: await cityShowcase(fx) } }),
  'vote.ranking': async (fx) => ({ input: { activityId: await cityShowcase(fx), category: 'village' } }),
  'vote.judgeQueue': async (fx) => ({ input: { activityId: await showcase(fx) } }),
  'vote.scoreEntry': async (fx) => ({ input: { entryId: await entry(fx, await showcase(fx)), performance: 90, overall: 85 } }),
  'vote.closeJudging': async (fx) => ({ input: { activityId: await showcase(fx, ENDED) } }),
  'vote.results': async (fx) => ({ input: { activityId: await showcase(fx) } }),
  'vote.publish': async (fx) => ({ input: { activityId: await closed(fx, false, false) } }),
  'vote.publishedResult': async (fx) => ({ input: { activityId: await closed(fx, true, true) } }),
  'vote.recompute': async (fx) => ({ input: { activityId: await closed(fx, false, true) } }),
  'vote.exportXlsx': async (fx) => ({ input: { activityId: await showcase(fx), what: 'votes' } }),
  'vote.scores': async (fx) => ({ input: { activityId: await closed(fx, false, false) } }),
  'vote.fraudReport': async (fx) => ({ input: { activityId: await showcase(fx) } }),
  'vote.voidVoter': async (fx) => ({ input: { activityId: await showcase(fx), voterKey: 'm-eerdun', reason: '刷票' } }),
  'vote.villageResult': async (fx) => ({ input: { activityId: (await villageVote(fx, true)).activityId } })
}
