import type { PartyStatus, PersonClass, Role } from '../../../types/contract/common'
import type { AudienceClass } from '../../../types/contract/notice.contract'

/** What targeting needs to know about one person. */
export interface AudiencePerson {
  orgIds: readonly string[]
  personClass: PersonClass
  partyStatus: PartyStatus | null
  roles: readonly Role[]
}

export interface AudienceRule {
  targetOrgId: string
  classes: readonly AudienceClass[]
  roles: readonly Role[]
}

function inClass(p: AudiencePerson, c: AudienceClass): boolean {
  switch (c) {
    case 'party':
      return p.personClass === 'party'
    case 'mobile_party':
      return p.personClass === 'party' && p.partyStatus === 'mobile'
    case 'masses':
      return p.personClass === 'masses'
    case 'grid_worker':
      return p.personClass === 'grid_worker' || p.roles.includes('grid_worker')
  }
}

/**
 * Is this person an addressee? Inside the target subtree, and — when classes or roles are chosen — in one of
 * the chosen classes or holding one of the chosen roles (either list matching is enough).
 */
export function isAddressee(p: AudiencePerson, rule: AudienceRule): boolean {
  if (!p.orgIds.includes(rule.targetOrgId)) return false
  if (!rule.classes.length && !rule.roles.length) return true
  return rule.classes.some((c) => inClass(p, c)) || rule.roles.some((r) => p.roles.includes(r))
}
