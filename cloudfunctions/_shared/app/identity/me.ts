import type { Ctx } from '../../runtime/create-handler'
import type { MeOutput } from '../../../../types/contract/identity.contract'
import { COLLECTIONS } from '../../data/collections'
import type { HouseholdDoc, OrgNodeDoc } from '../../data/records'
import { getById, getByIds } from '../../data/repo'
import type { HouseholdPointsDoc } from '../../data/points-records'
import { householdView, memberView } from './views'
import { currentPeriods } from '../../domain/china-time'

export async function buildMe(ctx: Ctx): Promise<MeOutput> {
  const caller = await ctx.caller()
  const m = caller.member
  const household = m.householdId ? await getById<HouseholdDoc>(COLLECTIONS.households, m.householdId) : null
  const orgIds = [...m.orgPath, m.villageId, ...caller.grants.map((g) => g.orgId), household?.gridId ?? '']
  const orgs = await getByIds<OrgNodeDoc>(COLLECTIONS.orgNodes, orgIds)
  const points = household ? await getById<HouseholdPointsDoc>(COLLECTIONS.householdPoints, household._id) : null
  const p = currentPeriods(ctx.now)
  return {
    member: {
      ...memberView(m),
      villageName: orgs.get(m.villageId)?.name ?? '',
      orgPathNames: m.orgPath.map((id) => orgs.get(id)?.name ?? '').filter(Boolean)
    },
    household: household ? await householdView(household, orgs) : null,
    roles: caller.grants.map((g) => ({
      id: g.grantId,
      role: g.role,
      orgId: g.orgId,
      orgName: orgs.get(g.orgId)?.name ?? '',
      orgKind: orgs.get(g.orgId)?.kind ?? 'village'
    })),
    points: points
      ? {
          balance: points.balance,
          yearPoints: points.earned?.[p.year] ?? 0,
          quarterPoints: points.earned?.[p.quarter] ?? 0
        }
      : household
        ? { balance: 0, yearPoints: 0, quarterPoints: 0 }
        : null
  }
}

export async function me(_input: Record<string, never>, ctx: Ctx): Promise<MeOutput> {
  return buildMe(ctx)
}
