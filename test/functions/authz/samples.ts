/**
 * A valid input for every action, naming the matrix's target (王桂荣家 h-qj-07 in 前进嘎查, or the village).
 * Mutations get fresh records per call, so every allowed cell can succeed. `expect` names the domain answer
 * when success is impossible by design (a bound person binding again).
 */
import ExcelJS from 'exceljs'
import { NOW, QJ, uid, type TestCloud } from '../../fixtures/cloud'
import type { Actor, Relation } from '../../../types/contract/authz'
import { TARGET } from './cast'
import { codeFor, slotOf } from '../../../cloudfunctions/_shared/domain/checkin-code'
import { STUDY_SAMPLES } from './samples-study'
import { VOTE_SAMPLES } from './samples-vote'
import { NOTICE_SAMPLES } from './samples-notice'

export interface Who {
  actor: Actor
  rel: Relation
  memberId: string
  openid: string
  /** The matrix says this cell is allowed. */
  allowed: boolean
  variant?: string
}

export interface SampleOut {
  input: unknown
  /** Undoes what a successful call left behind that would slow later cells (an open order). */
  cleanup?: () => Promise<void>
  /** The code a successful access check leads to when the action cannot succeed for this caller by design. */
  expect?: string
}

export type Sample = (fx: Fixture, who: Who) => Promise<SampleOut>

let seq = 0
const next = () => ++seq

export class Fixture {
  goodsId = ''
  windowId = ''
  activityId = ''
  constructor(readonly c: TestCloud) {}

  async setup() {
    // Points for the target household so it can redeem in every order cell: 50 好人好事 = 1000 points.
    const { postPoints } = await import('../../fixtures/cloud')
    await postPoints(this.c, [TARGET.household], 'goodman', 50)
    const g = await this.c.ok(QJ.shop, 'mall', 'saveGoods', { villageId: TARGET.village, name: '测试香皂', price: 1, initialStock: 100000 })
    this.goodsId = g.id
    const w = await this.c.ok(QJ.shop, 'mall', 'saveWindow', {
      villageId: TARGET.village,
      title: '矩阵兑换日',
      opensAt: new Date(NOW.getTime() - 3600000).toISOString(),
      closesAt: new Date(NOW.getTime() + 30 * 86400000).toISOString()
    })
    this.windowId = w.id
    this.activityId = await this.activity()
  }

  async activity(): Promise<string> {
    const a = await this.c.ok(QJ.gridWorkerEast, 'points', 'createActivity', {
      villageId: TARGET.village,
      title: `矩阵活动${next()}`,
      ruleItemId: 'meeting',
      startsAt: new Date(NOW.getTime() - 3600000).toISOString(),
      endsAt: new Date(NOW.getTime() + 3600000).toISOString()
    })
    return a.activityId
  }

  /** A fresh claim for the target household, moved to `state` by the demo reviewers. */
  async claim(state: 'first_review' | 'second_review' | 'assembly' | 'publicity' | 'returned', recordedBy: string = QJ.gridWorkerEast, recordedByOpenid?: string, householdId: string = TARGET.household): Promise<string> {
    const r = await this.c.call(recordedByOpenid ? null : recordedBy, 'points', 'recordClaims', {
      villageId: TARGET.village,
      ruleItemId: 'goodman',
      quantity: 1,
      occurredOn: '2026-11-23',
      entries: [{ householdId }]
    }, { openid: recordedByOpenid })
    if (!r.ok) throw new Error(`claim: ${r.error.code}`)
    const id = r.data.claimIds[0] as string
    if (state === 'first_review') return id
    if (state === 'returned') {
      await this.c.ok(QJ.leader, 'points', 'review', { claimId: id, step: 'first', decision: 'send_back', reason: '照片不清楚' })
      return id
    }
    await this.c.ok(QJ.leader, 'points', 'review', { claimId: id, step: 'first', decision: 'approve' })
    if (state === 'second_review') return id
    await this.c.ok(QJ.committee[0], 'points', 'review', { claimId: id, step: 'second', decision: 'approve' })
    await this.c.ok(QJ.committee[1], 'points', 'review', { claimId: id, step: 'second', decision: 'approve' })
    if (state === 'assembly') return id
    await this.c.ok(QJ.committee[2], 'points', 'decideAssembly', assemblyInput([id]))
    return id
  }

  /** Orders kept open on purpose (inputs shared by several cells). */
  kept = new Set<string>()
  async order(keep = false): Promise<{ id: string; pickupCode: string }> {
    const o = await this.c.ok('m-wangguirong', 'mall', 'placeOrder', { windowId: this.windowId, items: [{ goodsId: this.goodsId, qty: 1 }] })
    if (keep) this.kept.add(o.id)
    return { id: o.id, pickupCode: o.pickupCode }
  }

  /** A roster member of the target household without roles or binding. */
  member(): string {
    const id = `az-tmp-${next()}`
    const base = this.c.dump('members').find((m) => m._id === 'm-liudeshan')
    this.c.local.emulator.engine.insertRaw('members', [{ ...base, _id: id, name: `临时${seq}`, openid: null, roles: [], isHead: false }])
    return id
  }

  async xlsx(): Promise<string> {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('名册')
    ws.addRow(['户号', '住址', '网格', '姓名', '性别', '与户主关系', '手机号', '人员类别', '党员状态'])
    const n = next()
    ws.addRow([`MX-${n}`, `矩阵${n}号`, '东片网格', `甲${n}`, '男', '户主', '', '群众', ''])
    return this.c.local.upload(`uploads/${uid()}.xlsx`, Buffer.from(await wb.xlsx.writeBuffer()))
  }
}

export function assemblyInput(claimIds: string[]) {
  return { villageId: TARGET.village, title: '党员（村民代表）大会', meetingDate: '2026-11-24', membersTotal: 40, present: 33, votesFor: 30, votesAgainst: 2, votesAbstain: 1, claimIds }
}

const v = TARGET.village
const h = TARGET.household

export const SAMPLES: Record<string, Sample> = {
  // ---- identity
  'identity.me': async () => ({ input: {} }),
  'identity.bindInvite': async () => ({ input: { code: 'ZZZZZZ' }, expect: 'AUTH.INVITE_INVALID' }),
  'identity.requestBind': async () => ({ input: { villageId: v, name: '张三', phone: '13900000000' }, expect: 'AUTH.ALREADY_BOUND' }),
  'identity.listBindRequests': async () => ({ input: { villageId: v } }),
  'identity.decideBindRequest': async (fx) => {
    const r = await fx.c.call(null, 'identity', 'requestBind', { villageId: v, name: '李四', phone: '13900000001' }, { openid: `oNEW${next()}` })
    if (!r.ok) throw new Error(`requestBind: ${r.error.code}`)
    return { input: { bindRequestId: r.data.requestId, approve: false, reason: '查无此人' } }
  },
  'identity.orgTree': async () => ({ input: {} }),
  'identity.myScopes': async () => ({ input: {} }),
  'identity.listHouseholds': async () => ({ input: { villageId: v } }),
  'identity.getHousehold': async () => ({ input: { householdId: h } }),
  'identity.saveHousehold': async () => ({ input: { villageId: v, gridId: TARGET.grid, code: `MX-H${next()}`, address: '矩阵新户' } }),
  'identity.saveMember': async () => ({ input: { householdId: h, name: `新人${next()}`, gender: 'M', relation: '子女', personClass: 'masses' } }),
  'identity.removeMember': async (fx) => ({ input: { memberId: fx.member() } }),
  'identity.listGrants': async () => ({ input: { orgId: TARGET.grid } }),
  'identity.grantRole': async (fx) => ({ input: { memberId: fx.member(), role: 'grid_worker', orgId: TARGET.grid } }),
  'identity.revokeRole': async (fx) => {
    const memberId = fx.member()
    const g = await fx.c.ok('m-zhaojianguo', 'identity', 'grantRole', { memberId, role: 'grid_worker', orgId: TARGET.grid })
    return { input: { grantId: g.grantId } }
  },
  'identity.createInvite': async (fx) => ({ input: { memberId: fx.member() } }),
  'identity.importRoster': async (fx, who) => {
    const fileId = await fx.xlsx()
    const r = await fx.c.call(null, 'identity', 'registerUpload', { fileId, purpose: 'roster_import' }, { openid: who.openid })
    if (!r.ok) throw new Error(`registerUpload: ${r.error.code}`)
    return { input: { villageId: v, fileId } }
  },
  'identity.registerUpload': async (fx) => ({ input: { fileId: await fx.c.local.upload(`uploads/${uid()}.png`, Buffer.from('photo')), purpose: 'claim_photo' } }),
  'identity.grantAudit': async () => ({ input: { orgId: TARGET.grid } }),
  'identity.exportRoster': async () => ({ input: { villageId: v } }),

  // ---- points
  'points.getRules': async () => ({ input: { villageId: v } }),
  'points.saveDraftRules': async () => {
    const { DEMO_RULES } = await import('../../../emulator/seed/rules')
    return { input: { villageId: v, title: `矩阵标准${next()}`, items: DEMO_RULES } }
  },
  'points.adoptRules': async (fx) => {
    const { DEMO_RULES } = await import('../../../emulator/seed/rules')
    // A draft an earlier cell saved is that person's: 巴特尔 (who drafts nothing here) adopts it first.
    const rules = await fx.c.ok(QJ.committee[0], 'points', 'getRules', { villageId: v })
    if (rules.draft) await fx.c.ok('m-bateer', 'points', 'adoptRules', { ruleSetId: rules.draft.id, adoptedOn: '2026-11-20' })
    const d = await fx.c.ok(QJ.committee[0], 'points', 'saveDraftRules', { villageId: v, title: `矩阵标准${next()}`, items: DEMO_RULES })
    return { input: { ruleSetId: d.ruleSetId, adoptedOn: '2026-11-20' } }
  },
  'points.getSettings': async () => ({ input: { villageId: v } }),
  'points.saveSettings': async (fx) => {
    const s = await fx.c.ok(QJ.committee[0], 'points', 'getSettings', { villageId: v })
    const { mall: _mall, ...rest } = s
    return { input: rest }
  },
  'points.recordClaims': async () => ({ input: { villageId: v, ruleItemId: 'goodman', quantity: 1, occurredOn: '2026-11-23', entries: [{ householdId: h }] } }),
  'points.resubmitClaim': async (fx, who) => {
    // The recorder resubmits: an allowed caller records it themselves first.
    const id = who.allowed ? await fx.claim('returned', '', who.openid) : await fx.claim('returned')
    return { input: { claimId: id, quantity: 1, note: '补了照片' } }
  },
  'points.myClaims': async () => ({ input: { householdId: h } }),
  'points.recordedByMe': async () => ({ input: { villageId: v } }),
  'points.claimDetail': async (fx) => ({ input: { claimId: await fx.claim('first_review') } }),
  'points.reviewQueue': async (_fx, who) => ({ input: { villageId: v, step: who.variant ?? 'first' } }),
  'points.review': async (fx, who) => ({
    input: { claimId: await fx.claim(who.variant === 'second' ? 'second_review' : 'first_review'), step: who.variant ?? 'first', decision: 'approve' }
  }),
  'points.reviewMany': async (fx, who) => ({
    input: { claimIds: [await fx.claim(who.variant === 'second' ? 'second_review' : 'first_review')], step: who.variant ?? 'first', decision: 'approve' }
  }),
  // One claim of the target household and one of its neighbour: a recorder from the target household has
  // theirs left out and listed, and records the other.
  'points.decideAssembly': async (fx) => ({ input: assemblyInput([await fx.claim('assembly'), await fx.claim('assembly', QJ.gridWorkerEast, undefined, 'h-qj-08')]) }),
  'points.assemblies': async () => ({ input: { villageId: v } }),
  'points.myObjections': async () => ({ input: {} }),
  'points.workCounts': async () => ({ input: { villageId: v } }),
  'points.publicity': async () => ({ input: { villageId: v } }),
  'points.raiseObjection': async (fx) => ({ input: { claimId: await fx.claim('publicity'), reason: '没有参加这次活动' } }),
  'points.postDue': async () => ({ input: { villageId: v } }),
  'points.proposeCorrection': async () => ({ input: { householdId: h, amount: 5, reason: '漏记一次义务劳动' } }),
  'points.balance': async () => ({ input: { householdId: h } }),
  'points.ledger': async () => ({ input: { householdId: h } }),
  'points.ranking': async () => ({ input: { villageId: v } }),
  'points.tally': async () => ({ input: { villageId: v, period: '2026-11' } }),
  'points.yearSummary': async () => ({ input: { villageId: v, year: '2026' } }),
  'points.exportReport': async () => ({ input: { villageId: v, kind: 'tally', period: '2026-11' } }),
  'points.createActivity': async () => ({
    input: { villageId: v, title: `矩阵活动${next()}`, ruleItemId: 'meeting', startsAt: NOW.toISOString(), endsAt: new Date(NOW.getTime() + 3600000).toISOString() }
  }),
  'points.listActivities': async () => ({ input: { villageId: v } }),
  'points.activityCode': async (fx) => ({ input: { activityId: fx.activityId } }),
  'points.checkin': async (fx) => {
    // The venue's current code, computed as the venue screen does (without drawing its QR).
    const activityId = await fx.activity()
    const a = fx.c.dump('activities').find((x) => x._id === activityId)
    return { input: { activityId, code: codeFor(a.secret, slotOf(NOW, a.rotateSeconds)) } }
  },

  // ---- mall
  'mall.shop': async () => ({ input: { householdId: h } }),
  'mall.placeOrder': async (fx) => ({
    input: { householdId: h, windowId: fx.windowId, items: [{ goodsId: fx.goodsId, qty: 1 }] },
    // Keeps the household's open orders few (each open order draws a QR in myOrders).
    cleanup: async () => {
      for (const o of fx.c.dump('mall_orders').filter((x) => x.householdId === h && x.state === 'reserved' && !fx.kept.has(x._id))) {
        await fx.c.ok(QJ.shop, 'mall', 'cancelOrder', { orderId: o._id, reason: '测试完成' })
      }
    }
  }),
  'mall.myOrders': async () => ({ input: { householdId: h } }),
  'mall.lookupOrder': async (fx) => ({ input: { villageId: v, code: (await fx.order(true)).pickupCode } }),
  'mall.handOver': async (fx) => {
    const o = await fx.order()
    return { input: { orderId: o.id, code: o.pickupCode } }
  },
  'mall.cancelOrder': async (fx) => ({ input: { orderId: (await fx.order()).id, reason: '不要了' } }),
  'mall.listGoods': async () => ({ input: { villageId: v } }),
  'mall.saveGoods': async () => ({ input: { villageId: v, name: `矩阵商品${next()}`, price: 5, initialStock: 3 } }),
  'mall.restock': async (fx) => ({ input: { goodsId: fx.goodsId, delta: 1, reason: '补货' } }),
  'mall.listWindows': async () => ({ input: { villageId: v } }),
  'mall.saveWindow': async () => {
    const n = next()
    const start = new Date(NOW.getTime() + (40 + n) * 86400000)
    return { input: { villageId: v, title: `兑换日${n}`, opensAt: start.toISOString(), closesAt: new Date(start.getTime() + 3600000).toISOString() } }
  },
  'mall.getMallSettings': async () => ({ input: { villageId: v } }),
  'mall.saveMallSettings': async () => ({ input: { villageId: v, threshold: 80, pointsPerYuan: 5 } }),
  'mall.windowOrders': async (fx) => ({ input: { windowId: fx.windowId } }),
  'mall.expireOrders': async () => ({ input: { villageId: v } }),
  'mall.report': async (fx) => ({ input: { windowId: fx.windowId } }),
  'mall.exportReport': async (fx) => ({ input: { windowId: fx.windowId } }),
  ...STUDY_SAMPLES,
  ...VOTE_SAMPLES,
  ...NOTICE_SAMPLES
}
