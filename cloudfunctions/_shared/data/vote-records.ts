import type { EntryState, VoteRules, Weights } from '../../../types/contract/vote.contract'

/** Stored shapes of 双晒 and the village vote. */
export interface VoteActivityDoc {
  _id: string
  kind: 'showcase' | 'village'
  title: string
  description: string
  orgId: string
  /** The activity's org and its ancestors (root first, including orgId): a staff role on any covers it. */
  orgPath: string[]
  villageId: string | null
  categories: Array<{ key: string; label: string }>
  electorate: { orgId: string; partyOnly: boolean; mode: 'members' | 'household' | 'representatives'; representativeIds: string[] }
  submitOpens: Date
  submitCloses: Date
  voteOpens: Date
  voteCloses: Date
  rules: VoteRules
  weights: Weights
  awards: Array<{ label: string; count: number }>
  showCounts: boolean
  judges: Array<{ memberId: string; name: string; categories: string[] }>
  judgingClosed: boolean
  judgingClosedAt: Date | null
  published: boolean
  publishedAt: Date | null
  createdBy: string
  createdAt: Date
  updatedAt: Date
}

export interface VoteEntryDoc {
  _id: string
  activityId: string
  kind: 'showcase' | 'village'
  category: string
  orgId: string
  orgName: string
  /** Org path of the entrant's unit, including orgId. */
  orgPath: string[]
  villageId: string | null
  ownerMemberId: string | null
  ownerName: string
  householdId: string | null
  title: string
  parts: { ideas: string; results: string; highlights: string; service: string }
  cover: string | null
  video: string | null
  state: EntryState
  reviewNote: string | null
  history: Array<{ at: Date; by: string; byName: string; action: string; note: string }>
  createdAt: Date
  updatedAt: Date
}

/** One ballot. Valid ones are counted; a refused attempt keeps its code; voiding keeps the record. */
export interface VoteRecordDoc {
  _id: string
  activityId: string
  entryId: string
  category: string
  /** Member id, or household id when the electorate votes one per household. */
  voterKey: string
  memberId: string
  voterName: string
  openid: string
  day: string
  /** China-time minute 'YYYY-MM-DD HH:mm', for burst detection. */
  minute: string
  at: Date
  boundAt: Date | null
  choice: 'approve' | 'reject' | null
  shard: number
  state: 'valid' | 'refused'
  code: string | null
  voided: boolean
  voidReason: string | null
  voidedBy: string | null
  voidedAt: Date | null
}

/** Per voter and day (village vote: the whole vote): how many votes, and per entry. */
export interface VoteTallyDoc {
  _id: string
  activityId: string
  voterKey: string
  day: string
  n: number
  e: Record<string, number>
  /** Village vote: the choice per entry. */
  c?: Record<string, 'approve' | 'reject'>
}

/** One of SHARDS counter documents of an entry; the entry's count is their sum. */
export interface VoteCounterDoc {
  _id: string
  activityId: string
  entryId: string
  category: string
  shard: number
  n: number
  yes: number
  no: number
}

export interface VoteScoreDoc {
  _id: string // entryId:judgeId
  activityId: string
  entryId: string
  category: string
  judgeId: string
  judgeName: string
  performance: number
  overall: number
  comment: string
  createdAt: Date
  updatedAt: Date
}

export interface VoteVoidDoc {
  _id: string // activityId:voterKey
  activityId: string
  voterKey: string
  reason: string
  by: string
  byName: string
  at: Date
  request: string
  voided: number
  done: boolean
}
