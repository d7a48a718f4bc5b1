import { maskName } from '../../../../types/contract/common'
import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { HouseholdPointsDoc } from '../../data/points-records'
import type { HouseholdDoc, OrgNodeDoc } from '../../data/records'
import { count, getById } from '../../data/repo'
import { AppError } from '../../runtime/app-error'
import { cloud, db } from '../../runtime/cloud'
import { currentPeriods } from '../../domain/china-time'
import { tempUrls } from '../files'
import { loadSettings } from '../shared/village'
import { householdLabel } from '../shared/households'

export const GROUP_BOARD_PAGE = 'notice/pages/group/index'

/** The village's 小程序码 to the group board, made once per village (wxacode.getUnlimited) and kept in storage. */
async function villageCode(villageId: string, now: Date): Promise<string | null> {
  const known = await getById<{ _id: string; fileId: string }>(COLLECTIONS.shareCodes, villageId)
  let fileId = known?.fileId ?? null
  if (!fileId) {
    try {
      const res = (await cloud().callWxOpenApi({
        apiName: 'wxacode.getUnlimited',
        requestData: { scene: `v=${villageId}`.slice(0, 32), page: GROUP_BOARD_PAGE, check_path: false, width: 430 }
      })) as { result?: { buffer?: string; errcode?: number } | Buffer }
      const r = res.result
      const buf = Buffer.isBuffer(r) ? r : r?.buffer ? Buffer.from(r.buffer, 'base64') : null
      if (!buf?.length) return null
      const up = (await cloud().uploadFile({ cloudPath: `share/qr-${villageId}.png`, fileContent: buf })) as { fileID: string }
      fileId = up.fileID
      try {
        await db().collection(COLLECTIONS.shareCodes).add({ _id: villageId, fileId, at: now })
      } catch {
        // made twice at once: both files are the same code
      }
    } catch {
      // without a code the card and poster still work (the poster leaves the code out)
      return null
    }
  }
  return (await tempUrls([fileId])).get(fileId) ?? null
}

/**
 * What a villager may put in a WeChat group about their own household: masked name, balance, this quarter's
 * points, rank when the village shows rankings. Nothing about anyone else. Sharing earns nothing.
 */
export async function shareCard(_input: Record<string, never>, ctx: Ctx) {
  const caller = await ctx.caller()
  if (!caller.member.householdId) throw new AppError('ROSTER.HOUSEHOLD_NOT_FOUND', undefined, '您还没有登记在哪一户')
  const h = await getById<HouseholdDoc>(COLLECTIONS.households, caller.member.householdId)
  if (!h) throw new AppError('ROSTER.HOUSEHOLD_NOT_FOUND')
  const [p, village, settings] = await Promise.all([
    getById<HouseholdPointsDoc>(COLLECTIONS.householdPoints, h._id),
    getById<OrgNodeDoc>(COLLECTIONS.orgNodes, h.villageId),
    loadSettings(h.villageId)
  ])
  const per = currentPeriods(ctx.now)
  let rank: number | null = null
  const yearPoints = p?.earned?.[per.year]
  if (settings.rankingEnabled && yearPoints !== undefined && p?.year === per.year) {
    const _ = db().command
    // Competition ranking as on the ranking board (ties share a rank).
    rank = 1 + (await count(COLLECTIONS.householdPoints, { villageId: h.villageId, year: per.year, yearPoints: _.gt(p.yearPoints) }))
  }
  return {
    householdMasked: householdLabel(h.code, h.headName ? maskName(h.headName) : null),
    villageId: h.villageId,
    villageName: village?.name ?? '',
    balance: p?.balance ?? 0,
    quarter: per.quarter,
    quarterPoints: p?.earned?.[per.quarter] ?? 0,
    rank,
    qrUrl: await villageCode(h.villageId, ctx.now),
    path: `/${GROUP_BOARD_PAGE}?v=${h.villageId}`
  }
}

/**
 * The group a card was opened from: getGroupEnterInfo gives a cloudID, WeChat's getOpenData turns it into the
 * group's openGId. Errors (wrong scene, user left the group) come back as SHARE.GROUP_UNKNOWN.
 */
export async function groupContext(input: { cloudID: string }, ctx: Ctx) {
  await ctx.caller()
  let gid: string | undefined
  try {
    const res = (await cloud().callWxOpenApi({ apiName: 'cloudbase.getOpenData', requestData: { cloudid_list: [input.cloudID] } })) as {
      result?: { data_list?: Array<{ json?: unknown }> }
    }
    const raw = res.result?.data_list?.[0]?.json
    const json = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { data?: { openGId?: string } } | undefined
    gid = json?.data?.openGId
  } catch {
    gid = undefined
  }
  if (!gid) throw new AppError('SHARE.GROUP_UNKNOWN')
  return { groupId: gid }
}
