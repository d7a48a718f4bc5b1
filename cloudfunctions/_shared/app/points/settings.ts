import type { SettingsView } from '../../../../types/contract/points.contract'
import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { VillageSettingsDoc } from '../../data/points-records'
import { requireRoleInVillage } from '../../runtime/caller'
import { txGet } from '../../runtime/tx'
import { AppError } from '../../runtime/app-error'
import { POLICY } from '../policy'
import { DEFAULT_SETTINGS, loadSettings, loadVillage, settingsView } from './common'

export async function getSettings(input: { villageId: string }, ctx: Ctx) {
  await ctx.caller()
  await loadVillage(input.villageId)
  return settingsView(await loadSettings(input.villageId))
}

export async function saveSettings(input: Omit<SettingsView, 'mall'>, ctx: Ctx) {
  const caller = await ctx.caller()
  const village = await loadVillage(input.villageId)
  requireRoleInVillage(caller, POLICY.manageRules, village._id, village.path)
  if (input.credit.good > input.credit.excellent) throw new AppError('INPUT.INVALID', undefined, '“良好”的分数线不能高于“优秀”')
  const fields = {
    rankingEnabled: input.rankingEnabled,
    noticeDays: input.noticeDays,
    honours: input.honours,
    credit: input.credit,
    priorityTopN: input.priorityTopN,
    updatedAt: ctx.now
  }
  await ctx.tx(async (tx) => {
    const cur = await txGet<VillageSettingsDoc>(tx, COLLECTIONS.villageSettings, village._id)
    if (cur) await tx.collection(COLLECTIONS.villageSettings).doc(village._id).update(fields)
    else await tx.collection(COLLECTIONS.villageSettings).add({ _id: village._id, villageId: village._id, ...DEFAULT_SETTINGS, ...fields })
  })
  return settingsView(await loadSettings(village._id))
}
