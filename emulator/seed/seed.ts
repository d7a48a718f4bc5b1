/**
 * Seeds an empty store with the demo town (roster via bulk insert) and then drives every feature through
 * the real functions with a moving clock, so balances, ledgers, audit trails and stock are exactly what the
 * functions would have produced: weeks of posted points, claims waiting at every audit step, a 公示 in
 * progress, an open 爱心超市 window with orders, and a check-in activity running today.
 */
import { goodsPhoto, seedShopInfo } from './shop-info'
import { randomUUID } from 'crypto'
import type { Engine } from '../engine'
import type { FunctionRunner } from '../function-runner'
import { COLLECTIONS } from '../../cloudfunctions/_shared/data/collections'
import type { BindingDoc, GrantRef, HouseholdDoc, MemberDoc, OrgNodeDoc, RoleGrantDoc } from '../../cloudfunctions/_shared/data/records'
import { currentPeriods, dayStart } from '../../cloudfunctions/_shared/domain/china-time'
import { DEMO_RULES } from './rules'
import { demoOpenid, HOUSEHOLDS, ORGS } from './roster'
import { demoScenePng } from '../png'
import { seedGovernance } from './governance'
import { seedVote } from './vote'
import { seedStudy } from './study'
import { seedNotice } from './notice'

const DAY = 86400000

/** Members left unbound so the invitation-code flow can be tried. */
export const UNBOUND_DEMO = ['m-zhouyulan', 'm-zhoujian']

export function seedRoster(engine: Engine, now: Date): void {
  const byId = new Map(ORGS.map((o) => [o.id, o]))
  const pathOf = (id: string): string[] => {
    const out: string[] = []
    let cur = byId.get(id)?.parent ?? null
    while (cur) {
      out.unshift(cur)
      cur = byId.get(cur)?.parent ?? null
    }
    return out
  }
  const villageOf = (id: string): string | null => {
    for (const p of [...pathOf(id), id]) {
      const k = byId.get(p)?.kind
      if (k === 'village' || k === 'community') return p
    }
    return null
  }
  const orgs: OrgNodeDoc[] = ORGS.map((o) => ({ _id: o.id, name: o.name, kind: o.kind, parentId: o.parent, path: pathOf(o.id), villageId: villageOf(o.id), ...(o.grids ? { gridIds: o.grids } : {}) }))
  engine.insertRaw(COLLECTIONS.orgNodes, orgs)
  const households: HouseholdDoc[] = []
  const members: MemberDoc[] = []
  const grants: RoleGrantDoc[] = []
  const bindings: BindingDoc[] = []
  for (const h of HOUSEHOLDS) {
    const orgPath = [...new Set([...pathOf(h.village), h.village, ...pathOf(h.grid), h.grid])]
    const head = h.members.find((m) => m.relation === '户主') ?? h.members[0]
    households.push({
      _id: h.id,
      villageId: h.village,
      gridId: h.grid,
      code: h.code,
      address: h.address,
      headMemberId: head.id,
      headName: head.name,
      memberCount: h.members.length,
      orgPath,
      createdAt: now,
      updatedAt: now
    })
    for (const p of h.members) {
      const refs: GrantRef[] = []
      for (const [role, orgId] of p.roles ?? []) {
        const grantId = `${p.id}:${role}:${orgId}`
        refs.push({ grantId, role, orgId, villageId: villageOf(orgId) })
        grants.push({ _id: grantId, memberId: p.id, role, orgId, scopePath: [...pathOf(orgId), orgId], grantedBy: 'seed', grantedAt: now })
      }
      const bound = !UNBOUND_DEMO.includes(p.id)
      members.push({
        _id: p.id,
        name: p.name,
        gender: p.gender,
        relation: p.id === head.id ? '户主' : p.relation,
        isHead: p.id === head.id,
        phone: p.phone ?? null,
        personClass: p.personClass,
        partyStatus: p.personClass === 'party' ? p.partyStatus ?? 'in_village' : null,
        householdId: h.id,
        villageId: h.village,
        branchId: p.personClass === 'party' ? ORGS.find((o) => o.kind === 'branch' && o.parent === h.village)?.id ?? null : null,
        partyGroupId: p.partyGroup ?? null,
        orgPath,
        openid: bound ? demoOpenid(p.id) : null,
        roles: refs,
        removed: false,
        createdAt: now,
        updatedAt: now
      })
      if (bound) bindings.push({ _id: demoOpenid(p.id), memberId: p.id, via: 'demo', at: now })
    }
  }
  engine.insertRaw(COLLECTIONS.households, households)
  engine.insertRaw(COLLECTIONS.members, members)
  engine.insertRaw(COLLECTIONS.roleGrants, grants)
  engine.insertRaw(COLLECTIONS.bindings, bindings)
}

type Envelope = { ok: true; data: any } | { ok: false; error: { code: string; message: string } }

export class SeedError extends Error {}

/** Seed-time caller: runs one action as a demo person at a given instant and insists it succeeds. */
export function actor(runner: FunctionRunner) {
  return async function run(memberId: string, at: Date, fn: string, action: string, data: unknown): Promise<any> {
    const res = (await runner.invoke(fn, { action, data, requestId: randomUUID().replace(/-/g, '') }, { openid: demoOpenid(memberId), now: at })) as Envelope
    if (!res.ok) throw new SeedError(`${fn}.${action} as ${memberId}: ${res.error.code} ${res.error.message}`)
    return res.data
  }
}

/** Deterministic pseudo-random picks, so the demo looks the same after every reset. */
function rng(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

interface VillageCast {
  id: string
  gridWorkers: Record<string, string> // grid → grid worker
  /** 党小组长 in order of preference (the next one steps in for a leader's own household). */
  firstReviewers: string[]
  /** 两委 members; any two distinct ones not from the claim's household do 联席复审. */
  committee: string[]
  assembly: string
  shop: string
}

const CAST: VillageCast[] = [
  { id: 'v-qj', gridWorkers: { 'v-qj-g1': 'm-gaowa', 'v-qj-g2': 'm-zhanghai' }, firstReviewers: ['m-wuyun', 'm-siqin'], committee: ['m-qiqige', 'm-menghe', 'm-bateer'], assembly: 'm-bateer', shop: 'm-lixiulan' },
  { id: 'v-tj', gridWorkers: { 'v-tj-g1': 'm-maxiaoli', 'v-tj-g2': 'm-zhengjun' }, firstReviewers: ['m-liuyongfu', 'm-gaoshan'], committee: ['m-chenhong', 'm-zhangguihua', 'm-wangzhiqiang'], assembly: 'm-wangzhiqiang', shop: 'm-chenhong' },
  { id: 'c-xf', gridWorkers: { 'c-xf-g1': 'm-liping', 'c-xf-g2': 'm-liping' }, firstReviewers: ['m-wangdaye', 'm-yaojianjun'], committee: ['m-hanxue', 'm-liujing', 'm-yaojianjun'], assembly: 'm-liujing', shop: 'm-hanxue' }
]

const at = (day: string, hour: number) => new Date(dayStart(day).getTime() + hour * 3600000)
const dayOf = (d: Date) => currentPeriods(d).day

export async function seedFeatures(runner: FunctionRunner, now: Date): Promise<{ claims: number; orders: number }> {
  const run = actor(runner)
  const random = rng(20261124)
  const today = dayOf(now)
  const adoptedOn = dayOf(new Date(now.getTime() - 120 * DAY))
  let claims = 0
  let orders = 0

  for (const v of CAST) {
    // 两委 propose the standards; the 村民代表大会 adopts them.
    const draft = await run(v.committee[0], at(adoptedOn, 9), 'points', 'saveDraftRules', { villageId: v.id, title: `${new Date(now).getFullYear()}年度户积分评定标准`, items: DEMO_RULES })
    await run(v.assembly, at(adoptedOn, 15), 'points', 'adoptRules', { ruleSetId: draft.ruleSetId, adoptedOn, adoptedBy: '村民代表大会', note: '到会代表42人，全票通过' })

    const households = HOUSEHOLDS.filter((h) => h.village === v.id)
    /** One complete pass through the audit chain for a batch on day `d`; posted when `post` is set. */
    const pass = async (d: string, itemId: string, qty: number, chosen: typeof households, stop: 'first' | 'second1' | 'assembly' | 'publicity' | 'posted' | 'returned') => {
      // 党小组初审 is scoped to the leader's own party group, and nobody reviews their own household: a
      // leader's household has no first reviewer in this small demo village, so it is left out.
      // Likewise a grid worker does not score their own household.
      const barred = [...v.firstReviewers, ...Object.values(v.gridWorkers)]
      const picks = chosen.filter((h) => !h.members.some((m) => barred.includes(m.id)))
      if (!picks.length) return []
      const byGrid = new Map<string, typeof households>()
      for (const h of picks) byGrid.set(h.grid, [...(byGrid.get(h.grid) ?? []), h])
      const ids: string[] = []
      for (const [grid, hs] of byGrid) {
        const worker = v.gridWorkers[grid]
        const photos = DEMO_RULES.find((r) => r.id === itemId)?.evidenceRequired ? [await demoPhoto(run, worker, at(d, 11))] : []
        const r = await run(worker, at(d, 11), 'points', 'recordClaims', {
          villageId: v.id,
          ruleItemId: itemId,
          quantity: qty,
          note: '',
          photos,
          occurredOn: d,
          entries: hs.map((h) => {
            // Party-only items are scored to the household's party member.
            const party = itemId === 'partylead' ? h.members.find((m) => m.personClass === 'party') : undefined
            return party ? { householdId: h.id, memberId: party.id } : { householdId: h.id }
          })
        })
        ids.push(...r.claimIds)
      }
      claims += ids.length
      if (stop === 'first') return ids
      if (stop === 'returned') {
        for (const id of ids) await approveAs(run, v.firstReviewers, id, 'first', at(d, 16), { decision: 'send_back', reason: '照片看不清，请补拍' })
        return ids
      }
      // A claim no first reviewer may take (a leader's own household, outside every leader's groups) stays waiting.
      const waiting = new Set<string>()
      for (const id of ids) if (!(await approveAs(run, v.firstReviewers, id, 'first', at(d, 16)).then(() => true, (e: unknown) => { if (e instanceof SeedError && /AUTH\.FORBIDDEN|AUDIT\.SELF_REVIEW/.test(e.message)) return false; throw e }))) waiting.add(id)
      ids.splice(0, ids.length, ...ids.filter((id) => !waiting.has(id)))
      if (stop === 'second1') {
        for (const id of ids) await approveAs(run, v.committee, id, 'second', at(d, 17))
        return ids
      }
      for (const id of ids) await approveTwice(run, v.committee, id, at(d, 17))
      if (stop === 'assembly') return ids
      const meet = new Date(Math.min(at(d, 20).getTime() + DAY, now.getTime() - 3600000))
      await assembleAll(run, [v.assembly, 'm-zhaojianguo', ...v.committee], v.id, meet, ids)
      if (stop === 'publicity') return ids
      await runner.invoke('scheduler', {}, { timer: true, now: new Date(meet.getTime() + 6 * DAY) })
      return ids
    }

    // Posted history: batches every ~9 days over the last ~80 days, the last one fully posted 8 days ago.
    const plan: Array<[string, number, number]> = [
      ['clean', 1, 0.7],
      ['garbage', 1, 0.4],
      ['volunteer', 2, 0.5],
      ['greening', 2, 0.5],
      ['clean', 2, 0.8],
      ['garbage', 1, 0.6],
      ['meeting', 1, 0.9],
      ['volunteer', 2, 0.6],
      ['garbage', 1, 0.5]
    ]
    const party = households.filter((h) => h.members.some((m) => m.personClass === 'party'))
    const history: Array<{ daysAgo: number; item: string; qty: number; picks: typeof households }> = plan.map(([item, qty, share], i) => ({
      daysAgo: 80 - i * 9,
      item,
      qty,
      picks: households.filter(() => random() < share)
    }))
    history.push({ daysAgo: 30, item: 'partylead', qty: 1, picks: party.slice(0, 4) })
    history.push({ daysAgo: 25, item: 'goodman', qty: 1, picks: households.slice(5, 6) })
    history.push({ daysAgo: 20, item: 'lavish', qty: 1, picks: households.slice(-2, -1) })
    // In date order, as time runs: each household's ledger then posts in date order too.
    history.sort((a, b) => b.daysAgo - a.daysAgo)
    for (const h of history) if (h.picks.length) await pass(dayOf(new Date(now.getTime() - h.daysAgo * DAY)), h.item, h.qty, h.picks, 'posted')

    // Work in progress at every step of the chain.
    const recent = (n: number) => dayOf(new Date(now.getTime() - n * DAY))
    const plain = households.filter((h) => !h.members.some((m) => (m.roles ?? []).length > 0))
    await pass(recent(2), 'clean', 1, plain.slice(0, 3), 'publicity')
    await pass(recent(2), 'greening', 1, plain.slice(3, 5), 'assembly')
    await pass(recent(1), 'volunteer', 1, plain.slice(5, 6), 'second1')
    await pass(recent(1), 'meeting', 1, plain.slice(0, 3), 'first')
    if (v.id === 'v-qj') await pass(recent(1), 'greening', 1, plain.slice(6, 7), 'returned')

    // A check-in activity running today.
    const staffOrWorker = Object.values(v.gridWorkers)[0]
    await run(staffOrWorker, new Date(now.getTime() - 2 * 3600000), 'points', 'createActivity', {
      villageId: v.id,
      title: `${today} 人居环境整治`,
      ruleItemId: 'clean',
      quantity: 1,
      place: v.id === 'c-xf' ? '社区广场' : '村委会门前',
      startsAt: new Date(now.getTime() - 3 * 3600000).toISOString(),
      endsAt: new Date(now.getTime() + 12 * 3600000).toISOString()
    })

    // 爱心超市: goods, an open window for the quarter just reviewed, and a few orders.
    const goods: Record<string, string> = {}
    for (const g of DEMO_GOODS) {
      const photo = await goodsPhoto(g.name, `${v.id}-${DEMO_GOODS.indexOf(g)}`)
      // The shop staff register the picture as their upload, as the app's upload does (issue 7).
      await run(v.shop, new Date(now.getTime() - 10 * DAY), 'identity', 'registerUpload', { fileId: photo, purpose: 'goods_photo' })
      const saved = await run(v.shop, new Date(now.getTime() - 10 * DAY), 'mall', 'saveGoods', { villageId: v.id, ...g, photo })
      goods[g.name] = saved.id
    }
    await seedShopInfo(run, v.committee[0], v.id, new Date(now.getTime() - 10 * DAY))
    const quarter = currentPeriods(new Date(now.getTime() - 8 * DAY)).quarter
    const window = await run(v.shop, new Date(now.getTime() - 9 * DAY), 'mall', 'saveWindow', {
      villageId: v.id,
      title: `${quarter.replace('-Q', '年第')}季度兑换日`,
      opensAt: new Date(now.getTime() - 2 * DAY).toISOString(),
      closesAt: new Date(now.getTime() + 12 * DAY).toISOString(),
      quarter
    })
    const shoppers = await eligibleHouseholds(runner, households, now)
    for (const [i, h] of shoppers.slice(0, 2).entries()) {
      const buyer = h.members[0].id
      const o = await run(buyer, new Date(now.getTime() - (1 - i * 0.5) * DAY), 'mall', 'placeOrder', {
        windowId: window.id,
        items: [{ goodsId: goods['抽纸（一提）'], qty: 1 }, { goodsId: goods['香皂'], qty: 1 }]
      })
      orders++
      if (i === 0) await run(v.shop, new Date(now.getTime() - 0.5 * DAY), 'mall', 'handOver', { orderId: o.id, code: o.pickupCode })
    }
  }
  await seedGovernance(runner, now)
  await seedVote(runner, now)
  await seedStudy(runner, now)
  await seedNotice(runner, now)
  return { claims, orders }
}

/**
 * 村民代表会议 with attendance: the recorder may not decide claims they approved or that are their own
 * household's; those are left out and taken by the next recorder in line at the same meeting.
 */
async function assembleAll(run: ReturnType<typeof actor>, recorders: string[], villageId: string, meet: Date, ids: string[]) {
  let left = ids
  for (const r of recorders) {
    if (!left.length) return
    try {
      const res = await run(r, meet, 'points', 'decideAssembly', {
        villageId,
        title: '村民代表会议',
        meetingDate: dayOf(meet),
        body: 'villager_reps',
        membersTotal: 45,
        present: 42,
        votesFor: 38,
        votesAgainst: 1,
        votesAbstain: 3,
        claimIds: left
      })
      left = res.excluded.map((x: { claimId: string }) => x.claimId)
    } catch (e) {
      if (!(e instanceof SeedError) || !/ASSEMBLY\.NOTHING_LEFT|AUTH\.FORBIDDEN/.test(e.message)) throw e
    }
  }
  if (left.length) throw new SeedError(`claims ${left.join(',')}: nobody may record their assembly`)
}

/** Approves (or decides otherwise) with the first reviewer whose party group covers the claim and who is not barred. */
async function approveAs(run: ReturnType<typeof actor>, reviewers: string[], claimId: string, step: 'first' | 'second', when: Date, how: { decision: string; reason?: string } = { decision: 'approve' }) {
  let last: unknown
  for (const r of reviewers) {
    try {
      return await run(r, when, 'points', 'review', { claimId, step, ...how })
    } catch (e) {
      last = e
      if (!(e instanceof SeedError) || !/AUDIT\.SELF_REVIEW|AUTH\.FORBIDDEN|AUDIT\.DUPLICATE_APPROVER/.test(e.message)) throw e
    }
  }
  throw last
}

/** 联席复审 needs two distinct 两委 members, neither from the claim's household. */
async function approveTwice(run: ReturnType<typeof actor>, reviewers: string[], claimId: string, when: Date) {
  let done = 0
  for (const r of reviewers) {
    if (done === 2) return
    try {
      await run(r, new Date(when.getTime() + done * 600000), 'points', 'review', { claimId, step: 'second', decision: 'approve' })
      done++
    } catch (e) {
      if (!(e instanceof SeedError) || !/AUDIT\.SELF_REVIEW|AUTH\.FORBIDDEN|AUDIT\.DUPLICATE_APPROVER/.test(e.message)) throw e
    }
  }
  if (done < 2) throw new SeedError(`claim ${claimId}: not enough distinct 两委 reviewers`)
}

async function eligibleHouseholds(runner: FunctionRunner, households: typeof HOUSEHOLDS, now: Date) {
  const out: typeof HOUSEHOLDS = []
  for (const h of households) {
    const res = (await runner.invoke('mall', { action: 'shop', data: {} }, { openid: demoOpenid(h.members[0].id), now })) as Envelope
    if (res.ok && res.data.eligible && h.members[0].roles === undefined && !UNBOUND_DEMO.includes(h.members[0].id)) out.push(h)
  }
  return out
}

let photoSeq = 0

/** An evidence photo uploaded to cloud storage and registered by the grid worker, as the app's upload does. */
async function demoPhoto(run: ReturnType<typeof actor>, owner: string, when: Date): Promise<string> {
  const tcb = (await import('@cloudbase/node-sdk')).default
  const app = tcb.init({ env: process.env.TCB_ENV })
  const res = (await app.uploadFile({ cloudPath: `uploads/demo-${randomUUID().slice(0, 8)}.png`, fileContent: demoScenePng(photoSeq++) })) as { fileID: string }
  await run(owner, when, 'identity', 'registerUpload', { fileId: res.fileID, purpose: 'claim_photo' })
  return res.fileID
}

export const DEMO_GOODS = [
  { name: '抽纸（一提）', price: 58, initialStock: 40, limitPerHousehold: 4 },
  { name: '香皂', price: 10, initialStock: 60, limitPerHousehold: null },
  { name: '洗衣粉', price: 40, initialStock: 30, limitPerHousehold: 2 },
  { name: '洗洁精', price: 25, initialStock: 30, limitPerHousehold: 2 },
  { name: '毛巾', price: 15, initialStock: 50, limitPerHousehold: null },
  { name: '大米（10斤）', price: 100, initialStock: 20, limitPerHousehold: 1 },
  { name: '食用油（5升）', price: 150, initialStock: 10, limitPerHousehold: 1 }
]
