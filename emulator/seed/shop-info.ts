/**
 * 爱心超市 demo extras: each goods item gets a drawn product picture, and each village its pickup place, opening
 * hours and contact phone (village settings, saved through the real function by a 两委 member).
 */
import tcb from '@cloudbase/node-sdk'
import { goodsPicturePng } from './goods-pictures'

type Run = (who: string, when: Date, fn: string, action: string, data: unknown) => Promise<any>

const PICKUP: Record<string, { pickupPlace: string; openHours: string; contactPhone: string }> = {
  'v-qj': { pickupPlace: '嘎查村委会一楼爱心超市', openHours: '每周二、周五 9:00–11:30', contactPhone: '0476-8621001' },
  'v-tj': { pickupPlace: '团结村党群服务中心', openHours: '每周三 14:00–17:00', contactPhone: '0476-8622002' },
  'c-xf': { pickupPlace: '幸福社区服务站101室', openHours: '工作日 9:00–17:00', contactPhone: '0476-8623003' }
}

/** Uploads the drawn picture of a goods item; returns its file id. */
export async function goodsPhoto(name: string, key: string): Promise<string> {
  const app = tcb.init({ env: process.env.TCB_ENV })
  const res = (await app.uploadFile({ cloudPath: `goods/demo-${key}.png`, fileContent: goodsPicturePng(name) })) as { fileID: string }
  return res.fileID
}

/** Saves the village's pickup information, keeping its threshold and price ratio. */
export async function seedShopInfo(run: Run, committee: string, villageId: string, when: Date): Promise<void> {
  const info = PICKUP[villageId] ?? { pickupPlace: '村委会', openHours: '工作日 9:00–17:00', contactPhone: '' }
  const cur = await run(committee, when, 'mall', 'getMallSettings', { villageId })
  await run(committee, when, 'mall', 'saveMallSettings', { villageId, threshold: cur.threshold, pointsPerYuan: cur.pointsPerYuan, ...info })
}
