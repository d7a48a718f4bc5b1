/** 云支部 samples: sessions of 前进嘎查's branch (v-qj-br), pairs and materials of v-qj. */
import { NOW } from '../../fixtures/cloud'
import type { Fixture, Sample } from './samples'
import { TARGET } from './cast'

const v = TARGET.village
const BRANCH = 'v-qj-br'
const HOUR = 3600000
let n = 0

function sessionInput(orgId = BRANCH) {
  return {
    orgId,
    type: 'branch_assembly',
    title: `矩阵支部会${++n}`,
    startsAt: new Date(NOW.getTime() - 0.5 * HOUR).toISOString(),
    endsAt: new Date(NOW.getTime() + 1.5 * HOUR).toISOString(),
    place: '村委会会议室',
    meeting: { kind: 'tencent', code: '123456789', password: '1234' },
    agenda: '学习文件'
  }
}

/** A session of v-qj-br scheduled by its 书记 巴特尔. */
async function session(fx: Fixture): Promise<string> {
  const s = await fx.c.ok('m-bateer', 'study', 'scheduleSession', sessionInput())
  return s.id
}

async function material(fx: Fixture): Promise<string> {
  const m = await fx.c.ok('m-qiqige', 'study', 'saveMaterial', { villageId: v, title: `矩阵资料${++n}`, kind: 'article', category: '党章', body: '学习党章' })
  return m.id
}

/** A pair in v-qj: 流动党员 宝音 with buddy 乌云. */
async function pair(fx: Fixture): Promise<string> {
  const p = await fx.c.ok('m-qiqige', 'study', 'savePair', { memberId: 'm-baoyin', buddyId: 'm-wuyun', kind: 'mobile' })
  return p.id
}

export const STUDY_SAMPLES: Record<string, Sample> = {
  'study.listSessions': async () => ({ input: { villageId: v } }),
  'study.mySessions': async () => ({ input: {} }),
  'study.getSession': async (fx) => ({ input: { sessionId: await session(fx) } }),
  'study.scheduleSession': async () => ({ input: sessionInput() }),
  'study.updateSession': async (fx) => {
    const { orgId: _o, ...fields } = sessionInput()
    return { input: { sessionId: await session(fx), changeNote: '改了地点', ...fields, place: '党员活动室' } }
  },
  'study.cancelSession': async (fx) => ({ input: { sessionId: await session(fx), reason: '天气原因' } }),
  'study.sessionCode': async (fx) => ({ input: { sessionId: await session(fx) } }),
  'study.checkIn': async (fx) => {
    const sessionId = await session(fx)
    const code = (await fx.c.ok('m-bateer', 'study', 'sessionCode', { sessionId })).code
    return { input: { sessionId, code } }
  },
  'study.proxyCandidates': async (fx) => ({ input: { sessionId: await session(fx) } }),
  'study.joinRemote': async (fx) => ({ input: { sessionId: await session(fx) } }),
  'study.confirmRemote': async (fx) => {
    const sessionId = await session(fx)
    await fx.c.ok('m-baoyin', 'study', 'joinRemote', { sessionId })
    return { input: { sessionId, memberId: 'm-baoyin' } }
  },
  'study.requestLeave': async (fx) => ({ input: { sessionId: await session(fx), reason: '外出放牧' } }),
  'study.decideLeave': async (fx) => {
    const sessionId = await session(fx)
    await fx.c.ok('m-menghe', 'study', 'requestLeave', { sessionId, reason: '外出放牧' })
    return { input: { sessionId, memberId: 'm-menghe', approve: true } }
  },
  'study.attendance': async (fx) => ({ input: { sessionId: await session(fx) } }),
  'study.remindMe': async (fx) => ({ input: { sessionId: await session(fx), templateId: 'tmpl-study' } }),
  'study.listPairs': async () => ({ input: { villageId: v } }),
  'study.savePair': async () => ({ input: { memberId: 'm-haosi', buddyId: 'm-menghe', kind: 'mobile' } }),
  'study.endPair': async (fx) => ({ input: { pairId: await pair(fx), reason: '已回村' } }),
  'study.importPairs': async () => ({ input: { villageId: v, fileId: 'cloud://none.xlsx' } }),
  'study.logVisit': async (fx) => ({ input: { pairId: await pair(fx), day: '2026-11-20', note: '电话谈心' } }),
  'study.pairVisits': async (fx) => ({ input: { pairId: await pair(fx) } }),
  'study.myPairs': async () => ({ input: {} }),
  'study.myThreads': async () => ({ input: {} }),
  'study.getThread': async (fx) => ({ input: { sessionId: await session(fx) } }),
  'study.sendRelay': async (fx) => ({ input: { sessionId: await session(fx), memberId: 'm-baoyin', kind: 'text', text: '会议精神' } }),
  'study.markRead': async (fx) => ({ input: { sessionId: await session(fx) } }),
  'study.writeNote': async (fx) => ({ input: { sessionId: await session(fx), text: '学习心得' } }),
  'study.listMaterials': async () => ({ input: { villageId: v } }),
  'study.getMaterial': async (fx) => ({ input: { materialId: await material(fx) } }),
  'study.saveMaterial': async () => ({ input: { villageId: v, title: `矩阵资料${++n}`, kind: 'article', category: '党章', body: '学习党章' } }),
  'study.calendar': async () => ({ input: { orgId: BRANCH, month: '2026-11' } }),
  'study.saveStudySettings': async () => ({ input: { villageId: v, themeDay: 15 } }),
  'study.report': async () => ({ input: { villageId: v, quarter: '2026-Q4' } }),
  'study.exportReport': async () => ({ input: { villageId: v, quarter: '2026-Q4' } })
}
