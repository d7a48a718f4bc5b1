import { ROLES, ROLE_LABELS } from '../../../../types/contract'
import type { DevPerson } from '@/services/dev'

export interface PersonGroup {
  key: string
  title: string
  people: DevPerson[]
}

/** Groups people by role (in the contract's role order); a person with several roles appears in each; 村民 last. */
export function groupPeople(people: DevPerson[], query: string): PersonGroup[] {
  const q = query.trim()
  const match = (p: DevPerson) =>
    !q || p.name.includes(q) || p.villageName.includes(q) || (p.householdName ?? '').includes(q) || p.roles.some((r) => r.label.includes(q) || r.orgName.includes(q))
  const shown = people.filter(match)
  const groups: PersonGroup[] = []
  for (const role of ROLES) {
    const inRole = shown.filter((p) => p.roles.some((r) => r.role === role))
    if (inRole.length > 0) groups.push({ key: role, title: ROLE_LABELS[role], people: inRole })
  }
  const villagers = shown.filter((p) => p.roles.length === 0)
  if (villagers.length > 0) groups.push({ key: 'villager', title: '村民', people: villagers })
  return groups
}
