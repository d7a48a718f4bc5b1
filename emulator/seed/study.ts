/**
 * 云支部 demo data, made by the real study function with a moving clock: a quarter of sessions per branch
 * (held, upcoming, one running now with a live code), attendance of every kind, pairs for every 流动党员 and an
 * office pair, relays with text, a photo and a short voice clip, 心得, one member not caught up, and materials.
 */
import { randomUUID } from 'crypto'
import type { FunctionRunner } from '../function-runner'
import { demoOpenid } from './roster'
import { demoScenePng } from '../png'
import { tinyPdf, tinyWav } from './study-media'

const HOUR = 3600000
const DAY = 24 * HOUR

type Envelope = { ok: true; data: any } | { ok: false; error: { code: string; message: string } }

interface BranchCast {
  village: string
  branch: string
  secretary: string
  staff: string
  present: string[]
  leave: string
  pairs: Array<[string, string]>
  office?: [string, string]
}

const BRANCHES: BranchCast[] = [
  {
    village: 'v-qj',
    branch: 'v-qj-br',
    secretary: 'm-bateer',
    staff: 'm-qiqige',
    present: ['m-bateer', 'm-qiqige', 'm-menghe', 'm-wuyun', 'm-siqin'],
    leave: 'm-buhe',
    pairs: [['m-aodeng', 'm-menghe'], ['m-baoyin', 'm-siqin'], ['m-haosi', 'm-aoqier']],
    office: ['m-wuyun', 'm-buhe']
  },
  { village: 'v-tj', branch: 'v-tj-br', secretary: 'm-wangzhiqiang', staff: 'm-chenhong', present: ['m-wangzhiqiang', 'm-chenhong', 'm-zhangguihua', 'm-liuyongfu'], leave: 'm-gaoshan', pairs: [['m-zhangwei', 'm-liuyongfu'], ['m-fenggang', 'm-gaoshan']] },
  { village: 'c-xf', branch: 'c-xf-br', secretary: 'm-liujing', staff: 'm-hanxue', present: ['m-liujing', 'm-yaojianjun', 'm-wangdaye'], leave: 'm-zhaominghui', pairs: [['m-guoqiang', 'm-yaojianjun']], office: ['m-wangdaye', 'm-songtao'] }
]

/** [type, title, days from now (start), hours long] */
const PLAN: Array<[string, string, number, number]> = [
  ['theme_day', '主题党日：清理河道垃圾', -75, 3],
  ['committee_meeting', '支委会：研究发展党员工作', -60, 1.5],
  ['party_lecture', '党课：学习乡村振兴促进法', -45, 2],
  ['group_meeting', '党小组会：交流流动党员情况', -30, 1.5],
  ['branch_assembly', '支部党员大会：民主评议党员', -12, 2.5],
  ['theme_day', '主题党日：走访慰问困难党员', -4, 3]
]

export async function seedStudy(runner: FunctionRunner, now: Date): Promise<{ sessions: number; relays: number }> {
  const run = async (memberId: string, at: Date, action: string, data: unknown): Promise<any> => {
    const res = (await runner.invoke('study', { action, data, requestId: randomUUID().replace(/-/g, '') }, { openid: demoOpenid(memberId), now: at })) as Envelope
    if (!res.ok) throw new Error(`study.${action} as ${memberId}: ${res.error.code} ${res.error.message}`)
    return res.data
  }
  const upload = async (name: string, content: Buffer): Promise<string> => {
    const tcb = (await import('@cloudbase/node-sdk')).default
    const app = tcb.init({ env: process.env.TCB_ENV })
    return ((await app.uploadFile({ cloudPath: `study/demo-${randomUUID().slice(0, 8)}-${name}`, fileContent: content })) as { fileID: string }).fileID
  }
  let sessions = 0
  let relays = 0
  const long = new Date(now.getTime() - 100 * DAY)

  for (const b of BRANCHES) {
    // Materials and pairs first: sessions attach materials, relays need buddies.
    const pdf = await upload('dangzhang.pdf', tinyPdf())
    const mats = [
      await run(b.staff, long, 'saveMaterial', { villageId: b.village, title: '中国共产党章程', kind: 'pdf', category: '党章党规', fileId: pdf, body: '全文（PDF）' }),
      await run(b.staff, long, 'saveMaterial', { villageId: b.village, title: '乡村振兴促进法（要点）', kind: 'article', category: '法律法规', body: '第一条 为了全面实施乡村振兴战略，发挥农业农村在推进社会主义现代化建设中的重要作用……\n要点：产业兴旺、生态宜居、乡风文明、治理有效、生活富裕。' }),
      await run(b.staff, long, 'saveMaterial', { villageId: b.village, title: '共产党员网·学习专栏', kind: 'link', category: '网上学习', url: 'https://www.12371.cn/' })
    ]
    for (const [member, buddy] of b.pairs) await run(b.staff, long, 'savePair', { memberId: member, buddyId: buddy, kind: 'mobile' })
    if (b.office) {
      const p = await run(b.staff, long, 'savePair', { memberId: b.office[0], buddyId: b.office[1], kind: 'office' })
      await run(b.office[1], new Date(now.getTime() - 20 * DAY), 'logVisit', { pairId: p.id, day: dayOf(new Date(now.getTime() - 20 * DAY)), note: '入户走访，帮助联系春耕农资' })
    }
    await run(b.secretary, long, 'saveStudySettings', { villageId: b.village, themeDay: 10 })

    const steps = b.village === 'v-qj' ? PLAN : PLAN.filter((_, i) => i % 2 === 1)
    for (const [i, [type, title, days, hours]] of steps.entries()) {
      const start = new Date(now.getTime() + days * DAY)
      const s = await run(b.secretary, new Date(start.getTime() - 5 * DAY), 'scheduleSession', {
        orgId: b.branch,
        type,
        title,
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + hours * HOUR).toISOString(),
        place: '村党群服务中心',
        meeting: { kind: 'tencent', code: String(800100200 + i), password: '2026' },
        agenda: '一、学习文件\n二、交流讨论\n三、布置任务',
        materialIds: [mats[i % 2].id]
      })
      sessions++
      await run(b.leave, new Date(start.getTime() - 2 * DAY), 'requestLeave', { sessionId: s.id, reason: '在镇里值班' })
      await run(b.secretary === b.leave ? b.staff : b.secretary, new Date(start.getTime() - DAY), 'decideLeave', { sessionId: s.id, memberId: b.leave, approve: true, note: '' })
      const t = new Date(start.getTime() + 10 * 60000)
      const { code } = await run(b.secretary, t, 'sessionCode', { sessionId: s.id })
      for (const m of b.present) await run(m, t, 'checkIn', { sessionId: s.id, code })
      // The first mobile member joins most meetings remotely and the buddy confirms.
      const [firstMobile, firstBuddy] = b.pairs[0]
      if (i % 3 !== 2) {
        await run(firstMobile, t, 'joinRemote', { sessionId: s.id })
        await run(firstBuddy, new Date(t.getTime() + HOUR), 'confirmRemote', { sessionId: s.id, memberId: firstMobile })
      }
      // Buddies relay to the mobile members who missed it: text, a photo and a short voice clip.
      const after = new Date(start.getTime() + (hours + 2) * HOUR)
      for (const [mi, [member, buddy]] of b.pairs.entries()) {
        if (member === firstMobile && i % 3 !== 2) continue
        await run(buddy, after, 'sendRelay', { sessionId: s.id, memberId: member, kind: 'text', text: `${title}：会上学习了文件，大家发言踊跃。请抽空看看材料，写写心得。` })
        await run(buddy, new Date(after.getTime() + 60000), 'sendRelay', { sessionId: s.id, memberId: member, kind: 'photo', fileId: await upload('meeting.png', demoScenePng(i + mi)) })
        await run(buddy, new Date(after.getTime() + 120000), 'sendRelay', { sessionId: s.id, memberId: member, kind: 'voice', fileId: await upload('voice.wav', tinyWav(3)), durationSec: 3 })
        relays += 3
        // The last held session of 前进嘎查: 浩斯 has read nothing yet (not caught up).
        const lagging = b.village === 'v-qj' && member === 'm-haosi' && i === steps.length - 1
        if (lagging) continue
        await run(member, new Date(after.getTime() + DAY), 'markRead', { sessionId: s.id })
        await run(member, new Date(after.getTime() + DAY + HOUR), 'writeNote', { sessionId: s.id, text: '认真学习了会议精神，在外地打工也不忘党员身份，会把学到的讲给身边的老乡听。' })
      }
    }

    // Running now (code live) and upcoming.
    const running = await run(b.secretary, new Date(now.getTime() - 3 * DAY), 'scheduleSession', {
      orgId: b.branch,
      type: 'party_lecture',
      title: '党课：学习贯彻全会精神',
      startsAt: new Date(now.getTime() - 20 * 60000).toISOString(),
      endsAt: new Date(now.getTime() + 3 * HOUR).toISOString(),
      place: '村党群服务中心',
      meeting: { kind: 'tencent', code: '800100300', password: '2026' },
      agenda: '书记讲党课，交流讨论',
      materialIds: [mats[0].id]
    })
    const t = new Date(now.getTime() - 10 * 60000)
    const { code } = await run(b.secretary, t, 'sessionCode', { sessionId: running.id })
    for (const m of b.present.slice(0, 2)) await run(m, t, 'checkIn', { sessionId: running.id, code })
    await run(b.secretary, new Date(now.getTime() - DAY), 'scheduleSession', {
      orgId: b.branch,
      type: 'committee_meeting',
      title: '支委会：研究年底党员大会议程',
      startsAt: new Date(now.getTime() + 2 * DAY).toISOString(),
      endsAt: new Date(now.getTime() + 2 * DAY + 1.5 * HOUR).toISOString(),
      place: '村委会会议室',
      meeting: null,
      agenda: '研究年底党员大会议程'
    })
    await run(b.secretary, new Date(now.getTime() - DAY), 'scheduleSession', {
      orgId: b.branch,
      type: 'theme_day',
      title: '主题党日：冬季防火宣传',
      startsAt: new Date(now.getTime() + 6 * DAY).toISOString(),
      endsAt: new Date(now.getTime() + 6 * DAY + 3 * HOUR).toISOString(),
      place: '村广场',
      meeting: { kind: 'link', url: 'https://meeting.tencent.com/' },
      agenda: '入户宣传冬季防火'
    })
    sessions += 3
  }
  return { sessions, relays }
}

function dayOf(d: Date): string {
  return new Date(d.getTime() + 8 * HOUR).toISOString().slice(0, 10)
}
