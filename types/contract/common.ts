import { z } from 'zod'

export const id = z.string().min(1).max(64)
/** ISO-8601 timestamp string (wire format for every date). */
export const isoDate = z.string().datetime({ offset: true })
/** True for a real calendar day written YYYY-MM-DD (no 2026-02-30). */
export function isCalendarDay(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (!m) return false
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]))
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3]
}
/** Calendar day in China time, YYYY-MM-DD. */
export const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 年-月-日').refine(isCalendarDay, '这一天不存在，请检查日期')
/** A 周采分/月计分/季评议/年总结 period key: 2026, 2026-Q4 or 2026-11. */
export const periodKey = z.string().regex(/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/, '期间格式应为 2026、2026-Q4 或 2026-11')
export const page = z.object({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(200).default(50) })

export const ROLES = ['grid_worker', 'group_leader', 'committee', 'secretary', 'staff', 'judge', 'admin'] as const
export const role = z.enum(ROLES)
export type Role = z.infer<typeof role>
export const ROLE_LABELS: Record<Role, string> = {
  grid_worker: '网格员',
  group_leader: '党小组长',
  committee: '两委成员',
  secretary: '书记',
  staff: '工作人员',
  judge: '评委',
  admin: '管理员'
}

export const PERSON_CLASSES = ['party', 'masses', 'grid_worker'] as const
export const personClass = z.enum(PERSON_CLASSES)
export type PersonClass = z.infer<typeof personClass>
export const PERSON_CLASS_LABELS: Record<PersonClass, string> = { party: '党员', masses: '群众', grid_worker: '网格员' }

export const PARTY_STATUSES = ['in_village', 'mobile', 'office'] as const
export const partyStatus = z.enum(PARTY_STATUSES)
export type PartyStatus = z.infer<typeof partyStatus>
export const PARTY_STATUS_LABELS: Record<PartyStatus, string> = { in_village: '在村', mobile: '流动', office: '在职机关' }

export const ORG_KINDS = ['city', 'district', 'town', 'village', 'community', 'branch', 'party_group', 'area', 'grid'] as const
export const orgKind = z.enum(ORG_KINDS)
export type OrgKind = z.infer<typeof orgKind>
export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  city: '市',
  district: '区/旗',
  town: '镇/街道/苏木',
  village: '村/嘎查',
  community: '社区',
  branch: '党支部',
  party_group: '党小组',
  area: '片区',
  grid: '网格'
}

/** Masks a Chinese name for public views: 王小锐 → 王*锐, 王锐 → 王*. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim())
  if (chars.length <= 1) return chars.join('')
  if (chars.length === 2) return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
}
