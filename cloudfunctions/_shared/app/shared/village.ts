import type { SettingsView } from '../../../../types/contract/points.contract'
import { COLLECTIONS } from '../../data/collections'
import type { OrgNodeDoc } from '../../data/records'
import type { VillageSettingsDoc } from '../../data/points-records'
import { getById } from '../../data/repo'
import { AppError } from '../../runtime/app-error'
import { loadOrg } from '../identity/views'

/**
 * A village's settings, shared by points, the shop and the roster. Defaults apply to anything a village has
 * not set (the 村民代表会议 rule of 村民委员会组织法 第二十六条 for meetings: two thirds present, more than half
 * of those present in favour).
 */
export const DEFAULT_SETTINGS: Omit<VillageSettingsDoc, '_id' | 'villageId' | 'updatedAt'> = {
  currentRuleSetId: null,
  rankingEnabled: true,
  noticeDays: 5,
  honours: [
    { name: '五星级文明户', minPoints: 300 },
    { name: '四星级文明户', minPoints: 240 },
    { name: '三星级文明户', minPoints: 180 }
  ],
  credit: { excellent: 200, good: 120 },
  priorityTopN: 10,
  mall: { threshold: 80, pointsPerYuan: 5, pickupPlace: '', openHours: '', contactPhone: '' },
  backdateDays: 7,
  closedYears: [],
  assembly: {
    villager_reps: { quorum: [2, 3], majority: [1, 2] },
    party_members: { quorum: [2, 3], majority: [1, 2] }
  }
}

export async function loadVillage(villageId: string): Promise<OrgNodeDoc> {
  const v = await loadOrg(villageId)
  if (v.kind !== 'village' && v.kind !== 'community') throw new AppError('ORG.NOT_FOUND')
  return v
}

export async function loadSettings(villageId: string): Promise<VillageSettingsDoc> {
  const s = await getById<VillageSettingsDoc>(COLLECTIONS.villageSettings, villageId)
  return {
    _id: villageId,
    villageId,
    updatedAt: new Date(0),
    ...DEFAULT_SETTINGS,
    ...(s ?? {}),
    mall: { ...DEFAULT_SETTINGS.mall, ...(s?.mall ?? {}) },
    assembly: { ...DEFAULT_SETTINGS.assembly, ...(s?.assembly ?? {}) }
  }
}

export function settingsView(s: VillageSettingsDoc): SettingsView {
  return {
    villageId: s.villageId,
    rankingEnabled: s.rankingEnabled,
    noticeDays: s.noticeDays,
    honours: s.honours,
    credit: s.credit,
    priorityTopN: s.priorityTopN,
    mall: s.mall,
    backdateDays: s.backdateDays,
    closedYears: s.closedYears,
    assembly: s.assembly
  }
}
