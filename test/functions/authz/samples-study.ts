/** 云支部 samples: sessions of 前进嘎查's branch (v-qj-br), pairs and materials of v-qj. */
import ExcelJS from 'exceljs'
import { NOW, uid } from '../../fixtures/cloud'
import type { Fixture, Sample, Who } from './samples'
import { actorOpenid, TARGET } from './cast'

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

/** Cast members living in 前进嘎查 (they can be on a session's list; the others are of other villages). */
const livesIn = (who: Who) => ['ownHousehold', 'ownUnit', 'sameVillage'].includes(who.rel)

/**
 * A session of v-qj-br for the caller: an allowed caller living in the village is on its list (as a
 * 流动党员 when `mobile`, restored by the cleanup), with 宝音 (mobile) beside them.
 */
async function sessionFor(fx: Fixture, who: Who, opts: { mobile?: boolean; future?: boolean } = {}): Promise<{ sessionId: string; cleanup?: () => Promise<void> }> {
  const mine = who.allowed && livesIn(who)
  const engine = fx.c.local.emulator.engine
  let cleanup: (() => Promise<void>) | undefined
  if (mine && opts.mobile) {
    const m = engine.dump('members').find((x) => x._id === who.memberId)
    engine.putRaw('members', [{ ...m, partyStatus: 'mobile' }])
    cleanup = async () => engine.putRaw('members', [{ ...m }])
  }
  const input: Record<string, unknown> = sessionInput()
  if (opts.future) {
    input.startsAt = new Date(NOW.getTime() + 24 * HOUR).toISOString()
    input.endsAt = new Date(NOW.getTime() + 26 * HOUR).toISOString()
  }
  if (mine) input.audience = { kind: 'list', memberIds: [who.memberId, 'm-baoyin'] }
  const s = await fx.c.ok('m-bateer', 'study', 'scheduleSession', input)
  return { sessionId: s.id, cleanup }
}

/** A pair of v-qj: 宝音 (流动党员) with the allowed caller living in the village as buddy, else with 乌云. */
async function pairFor(fx: Fixture, who: Who): Promise<string> {
  const buddyId = who.allowed && livesIn(who) ? who.memberId : 'm-wuyun'
  const p = await fx.c.ok('m-qiqige', 'study', 'savePair', { memberId: 'm-baoyin', buddyId, kind: 'mobile' })
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
  // Anyone bound checks in to a session they are on the list of. The cast living elsewhere are on no list of
  // 前进嘎查 (the handler answers STUDY.FOREIGN_BRANCH, kept for its clear words): they get a session of the
  // branch of their own village, scheduled by that village's 书记.
  'study.checkIn': async (fx, who) => {
    if (!livesIn(who)) {
      const home = who.rel === 'unrelated' ? { org: 'v-az-br', by: actorOpenid('secretary', 'unrelated') } : { org: 'v-tj-br', by: actorOpenid('secretary', 'siblingVillage') }
      const r = await fx.c.call(null, 'study', 'scheduleSession', { ...sessionInput(home.org), audience: { kind: 'list', memberIds: [who.memberId] } }, { openid: home.by })
      if (!r.ok) throw new Error(`scheduleSession: ${r.error.code} ${r.error.message}`)
      const code = (await fx.c.call(null, 'study', 'sessionCode', { sessionId: r.data.id }, { openid: home.by })) as { ok: true; data: { code: string } }
      return { input: { sessionId: r.data.id, code: code.data.code } }
    }
    const { sessionId } = await sessionFor(fx, who)
    const code = (await fx.c.ok('m-bateer', 'study', 'sessionCode', { sessionId })).code
    return { input: { sessionId, code } }
  },
  'study.proxyCandidates': async (fx) => ({ input: { sessionId: await session(fx) } }),
  'study.joinRemote': async (fx, who) => {
    const { sessionId, cleanup } = await sessionFor(fx, who, { mobile: true })
    return { input: { sessionId }, cleanup }
  },
  'study.confirmRemote': async (fx, who) => {
    // The buddy of record confirms: an allowed caller becomes 宝音's buddy.
    await pairFor(fx, who)
    const sessionId = await session(fx)
    await fx.c.ok('m-baoyin', 'study', 'joinRemote', { sessionId })
    return { input: { sessionId, memberId: 'm-baoyin' } }
  },
  'study.requestLeave': async (fx, who) => ({ input: { sessionId: (await sessionFor(fx, who)).sessionId, reason: '外出放牧' } }),
  'study.decideLeave': async (fx) => {
    const sessionId = await session(fx)
    await fx.c.ok('m-menghe', 'study', 'requestLeave', { sessionId, reason: '外出放牧' })
    return { input: { sessionId, memberId: 'm-menghe', approve: true } }
  },
  'study.attendance': async (fx) => ({ input: { sessionId: await session(fx) } }),
  'study.remindMe': async (fx, who) => ({ input: { sessionId: (await sessionFor(fx, who, { future: true })).sessionId, templateId: 'tmpl-study' } }),
  'study.listPairs': async () => ({ input: { villageId: v } }),
  'study.savePair': async () => ({ input: { memberId: 'm-haosi', buddyId: 'm-menghe', kind: 'mobile' } }),
  'study.endPair': async (fx) => ({ input: { pairId: await pair(fx), reason: '已回村' } }),
  'study.importPairs': async (fx, who) => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('结对')
    ws.addRow(['党员', '结对党员', '类型'])
    ws.addRow(['浩斯', '孟和', '流动'])
    const fileId = await fx.c.local.upload(`uploads/${uid()}.xlsx`, Buffer.from(await wb.xlsx.writeBuffer()))
    // Imports cite the caller's own upload.
    await fx.c.call(null, 'identity', 'registerUpload', { fileId, purpose: 'pair_import' }, { openid: who.openid })
    return { input: { villageId: v, fileId } }
  },
  'study.logVisit': async (fx, who) => ({ input: { pairId: await pairFor(fx, who), day: '2026-11-20', note: '电话谈心' } }),
  'study.pairVisits': async (fx, who) => ({ input: { pairId: await pairFor(fx, who) } }),
  'study.myPairs': async () => ({ input: {} }),
  'study.myThreads': async () => ({ input: {} }),
  'study.getThread': async (fx, who) => {
    const { sessionId, cleanup } = await sessionFor(fx, who, { mobile: true })
    return { input: { sessionId }, cleanup }
  },
  // Only 宝音's buddy of record relays to him: an allowed caller becomes it.
  'study.sendRelay': async (fx, who) => {
    await pairFor(fx, who)
    return { input: { sessionId: await session(fx), memberId: 'm-baoyin', kind: 'text', text: '会议精神' } }
  },
  'study.markRead': async (fx, who) => {
    const { sessionId, cleanup } = await sessionFor(fx, who, { mobile: true })
    return { input: { sessionId }, cleanup }
  },
  'study.writeNote': async (fx, who) => {
    const { sessionId, cleanup } = await sessionFor(fx, who, { mobile: true })
    return { input: { sessionId, text: '学习心得' }, cleanup }
  },
  'study.listMaterials': async () => ({ input: { villageId: v } }),
  'study.getMaterial': async (fx) => ({ input: { materialId: await material(fx) } }),
  'study.saveMaterial': async () => ({ input: { villageId: v, title: `矩阵资料${++n}`, kind: 'article', category: '党章', body: '学习党章' } }),
  'study.calendar': async () => ({ input: { orgId: BRANCH, month: '2026-11' } }),
  'study.saveStudySettings': async () => ({ input: { villageId: v, themeDay: 15 } }),
  'study.report': async () => ({ input: { villageId: v, quarter: '2026-Q4' } }),
  'study.exportReport': async () => ({ input: { villageId: v, quarter: '2026-Q4' } })
}
