import { rolesOf } from '@/features/tiles'
import { fmtTime } from '@/utils/china-time'
import type { Role } from '../../types/contract'

export const VOTE_PAGES = {
  activities: '/vote/pages/activities/index',
  activityEdit: '/vote/pages/activity-edit/index',
  entries: '/vote/pages/entries/index',
  entry: '/vote/pages/entry/index',
  submit: '/vote/pages/submit/index',
  review: '/vote/pages/review/index',
  judge: '/vote/pages/judge/index',
  results: '/vote/pages/results/index',
  fraud: '/vote/pages/fraud/index',
  village: '/vote/pages/village/index'
} as const

/** Roles that run an activity (create, review, close, publish, void); mirrors the contract's VOTE_STAFF. */
export const VOTE_STAFF_ROLES: readonly Role[] = rolesOf('vote.saveActivity')

import { pageUrl } from '@/utils/page-url'

export { pageUrl }

/** '11月24日 10:00' in China time, for windows and deadlines. */
export function shortTime(isoString: string): string {
  return fmtTime(isoString)
}

/** The share card of an entry: opening it lands on that entry. */
export function entrySharePath(entryId: string): string {
  return pageUrl(VOTE_PAGES.entry, { id: entryId, from: 'share' })
}
