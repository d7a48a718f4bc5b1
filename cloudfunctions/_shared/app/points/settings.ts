import type { SettingsView } from '../../../../types/contract/points.contract'
import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { VillageSettingsDoc } from '../../data/points-records'
import { txGet } from '../../runtime/tx'
import { AppError } from '../../runtime/app-error'
import { DEFAULT_SETTINGS, loadSettings, settingsView } from '../shared/village'

export async function getSettings(_input: { villageId: string }, ctx: Ctx) {
  return settingsView(await loadSettings(ctx.access.targets[0].id))
}

type SettingsInput = Omit<SettingsView, 'mall' | 'backdateDays' | 'closedYears' | 'assembly'> & Partial<Pick<SettingsView, 'backdateDays' | 'closedYears' | 'assembly'>>

export async function saveSettings(input: SettingsInput, ctx: Ctx) {
  const villageId = ctx.access.targets[0].id
  if (input.credit.good > input.credit.excellent) throw new AppError('INPUT.INVALID', undefined, '“良好”的分数线不能高于“优秀”')
  await ctx.tx(async (tx) => {
    const cur = await txGet<VillageSettingsDoc>(tx, COLLECTIONS.villageSettings, villageId)
    const fields = {
      rankingEnabled: input.rankingEnabled,
      noticeDays: input.noticeDays,
      honours: input.honours,
      credit: input.credit,
      priorityTopN: input.priorityTopN,
      backdateDays: input.backdateDays ?? cur?.backdateDays ?? DEFAULT_SETTINGS.backdateDays,
      // A year once summarised stays closed: saving can add years, never reopen one.
      closedYears: [...new Set([...(cur?.closedYears ?? []), ...(input.closedYears ?? [])])].sort(),
      assembly: input.assembly ?? cur?.assembly ?? DEFAULT_SETTINGS.assembly,
      updatedAt: ctx.now
    }
    if (cur) await tx.collection(COLLECTIONS.villageSettings).doc(villageId).update(fields)
    else await tx.collection(COLLECTIONS.villageSettings).add({ _id: villageId, villageId, ...DEFAULT_SETTINGS, ...fields })
  })
  return settingsView(await loadSettings(villageId))
}
