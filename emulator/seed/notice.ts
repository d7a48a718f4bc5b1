/**
 * Demo 公告 and 居民说事 for 前进嘎查, driven through the real notice function: an announcement of each category
 * (one pinned, one with a PDF, one edited, some already read), reports in every state (one overdue, one rated), and
 * the subscribe messages those send (the local sign-in area lists them per person).
 */
import { randomUUID } from 'crypto'
import type { FunctionRunner } from '../function-runner'
import { currentPeriods } from '../../cloudfunctions/_shared/domain/china-time'
import { demoScenePng } from '../png'
import { demoOpenid } from './roster'

const DAY = 86400000

type Envelope = { ok: true; data: any } | { ok: false; error: { code: string; message: string } }

async function upload(cloudPath: string, content: Buffer): Promise<string> {
  const tcb = (await import('@cloudbase/node-sdk')).default
  const app = tcb.init({ env: process.env.TCB_ENV })
  return ((await app.uploadFile({ cloudPath, fileContent: content })) as { fileID: string }).fileID
}

/** A one-page PDF with a line of text (enough for the viewer to open). */
function demoPdf(): Buffer {
  const text = 'BT /F1 18 Tf 60 760 Td (Cunshetong demo notice) Tj ET'
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'
  ]
  let out = '%PDF-1.4\n'
  const offsets: number[] = []
  objs.forEach((o, i) => {
    offsets.push(out.length)
    out += `${i + 1} 0 obj\n${o}\nendobj\n`
  })
  const xref = out.length
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(out, 'latin1')
}

export async function seedNotice(runner: FunctionRunner, now: Date): Promise<{ notices: number; reports: number }> {
  const run = async (memberId: string, at: Date, action: string, data: unknown): Promise<any> => {
    const res = (await runner.invoke('notice', { action, data, requestId: randomUUID().replace(/-/g, '') }, { openid: demoOpenid(memberId), now: at })) as Envelope
    if (!res.ok) throw new Error(`notice.${action} as ${memberId}: ${res.error.code} ${res.error.message}`)
    return res.data
  }
  const ago = (days: number) => new Date(now.getTime() - days * DAY)
  const day = (d: Date) => currentPeriods(d).day
  const text = (...ps: string[]) => ps.map((t) => ({ kind: 'text', text: t }))

  const pdf = await upload(`notice/demo-${randomUUID().slice(0, 8)}.pdf`, demoPdf())
  const photo = await upload(`notice/demo-${randomUUID().slice(0, 8)}.png`, demoScenePng(3))
  const policy = await run('m-qiqige', ago(6), 'publish', {
    targetOrgId: 'v-qj',
    category: 'policy',
    title: '2027年度城乡居民医保开始缴费',
    body: text('2027年度城乡居民基本医疗保险集中缴费已经开始，每人380元，12月31日截止。', '行动不便的老人可以请网格员上门代办。'),
    attachments: [{ fileId: pdf, name: '医保缴费说明.pdf' }],
    pinUntil: day(new Date(now.getTime() + 20 * DAY))
  })
  const jobs = await run('m-qiqige', ago(5), 'publish', {
    targetOrgId: 'v-qj',
    category: 'jobs',
    title: '镇里肉联厂招收季节工',
    body: text('肉联厂招收季节工20名，包吃住，月工资4500元左右。', '有意的到村委会报名。'),
    expiresOn: day(new Date(now.getTime() + 15 * DAY))
  })
  const services = await run('m-lixiulan', ago(4), 'publish', {
    targetOrgId: 'v-qj-g1',
    category: 'services',
    title: '东片周四停水通知',
    body: [...text('因更换主管道，本周四上午8点到下午4点东片停水，请提前储水。'), { kind: 'image', fileId: photo }]
  })
  await run('m-lixiulan', ago(3.9), 'edit', {
    noticeId: services.id,
    category: 'services',
    title: '东片周四停水通知（时间有变）',
    body: [...text('因更换主管道，本周四上午9点到下午3点东片停水，请提前储水。'), { kind: 'image', fileId: photo }],
    summary: '停水时间改为9点到15点'
  })
  const events = await run('m-bateer', ago(3), 'publish', {
    targetOrgId: 'v-qj',
    classes: ['party', 'mobile_party'],
    category: 'events',
    title: '本月主题党日活动',
    body: text('本月主题党日在村党群服务中心举行，流动党员可以线上参加。')
  })
  await run('m-bateer', ago(1), 'publish', {
    targetOrgId: 'v-qj',
    category: 'publicity',
    title: '本季度积分评议结果公示',
    body: text('本季度积分评议结果已在公示栏公示5天，有异议的可以在小程序里提出。')
  })
  // Some already read (reading twice counts once).
  for (const [who, n] of [['m-eerdun', policy], ['m-eerdun', jobs], ['m-naren', policy], ['m-suhe', policy], ['m-baoyin', events], ['m-wangguirong', services]] as const) {
    await run(who, ago(0.5), 'markRead', { noticeId: n.id })
  }
  await run('m-eerdun', ago(0.4), 'markRead', { noticeId: policy.id })

  // 居民说事 in every state, one overdue and one rated.
  const report = (who: string, at: Date, data: Record<string, unknown>) => run(who, at, 'submitReport', data)
  await report('m-naren', ago(5), { category: 'environment', text: '西边垃圾点好几天没人清运了，味道很大', place: '西片垃圾收集点' })
  const roads = await report('m-wangguirong', ago(2), { category: 'roads', text: '村东头的路灯坏了三盏，晚上看不见路', place: '村东头桥边', anonymous: true })
  await run('m-qiqige', ago(1.9), 'assignReport', { reportId: roads.id, assigneeId: 'm-gaowa', note: '请联系电工' })
  const water = await report('m-eerdun', ago(3), { category: 'water_power', text: '我家门口的水管冻裂了在漏水', place: '东片6号门口', photos: [await upload(`reports/demo-${randomUUID().slice(0, 8)}.png`, demoScenePng(5))] })
  await run('m-qiqige', ago(2.5), 'answerReport', { reportId: water.id, answer: '已联系维修队，明天上午来换管子，今晚请先关总阀。' })
  const suggestion = await report('m-suhe', ago(10), { category: 'suggestion', text: '建议在村委会门口装几件健身器材，老人早上能锻炼', place: '' })
  await run('m-bateer', ago(9), 'assignReport', { reportId: suggestion.id, assigneeId: 'm-qiqige' })
  await run('m-qiqige', ago(8), 'answerReport', { reportId: suggestion.id, answer: '已经向镇里申请了体育器材，下个月到货安装。' })
  await run('m-bateer', ago(6), 'closeReport', { reportId: suggestion.id, note: '器材已列入镇里计划' })
  await run('m-suhe', ago(5.5), 'rateReport', { reportId: suggestion.id, stars: 5, comment: '回复很快' })
  await report('m-aruna', ago(0.2), { category: 'neighbours', text: '邻居家的狗晚上一直叫，能不能帮忙说说', place: '东片' })
  return { notices: 5, reports: 5 }
}
