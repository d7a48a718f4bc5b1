import { ROLE_GROUPS } from '../../../../types/contract/access'
import { maskName, type Role } from '../../../../types/contract/common'
import { AUDIENCE_CLASS_LABELS, NOTICE_CATEGORY_LABELS, type NoticeDetail, type NoticeSummary } from '../../../../types/contract/notice.contract'
import { ROLE_LABELS } from '../../../../types/contract/common'
import { COLLECTIONS } from '../../data/collections'
import type { NoticeDoc } from '../../data/notice-records'
import type { MemberDoc } from '../../data/records'
import { count, findAll, iso } from '../../data/repo'
import { db } from '../../runtime/cloud'
import type { Caller } from '../../runtime/caller'
import { currentPeriods } from '../../domain/china-time'
import { isAddressee, type AudiencePerson } from '../../domain/notice-audience'
import { tempUrls } from '../files'

export const HANDLERS: readonly Role[] = ROLE_GROUPS.reports

/** Every org node a member belongs to: village ancestors, village, grid, and their party branch and group. */
export function memberOrgIds(m: Pick<MemberDoc, 'orgPath' | 'branchId' | 'partyGroupId' | 'villageId'>): string[] {
  return [...new Set([...m.orgPath, m.villageId, m.branchId, m.partyGroupId].filter((x): x is string => !!x))]
}

export function audiencePerson(m: MemberDoc): AudiencePerson {
  return { orgIds: memberOrgIds(m), personClass: m.personClass, partyStatus: m.partyStatus, roles: (m.roles ?? []).map((g) => g.role) }
}

/** The members an announcement reaches now: in the target subtree and matching its classes/roles. */
export async function addressees(n: Pick<NoticeDoc, 'targetOrgId' | 'classes' | 'roles'>): Promise<MemberDoc[]> {
  const _ = db().command
  const inSubtree = await findAll<MemberDoc>(COLLECTIONS.members, _.and([{ removed: false }, _.or([{ orgPath: n.targetOrgId }, { villageId: n.targetOrgId }, { branchId: n.targetOrgId }, { partyGroupId: n.targetOrgId }])]))
  return inSubtree.filter((m) => isAddressee(audiencePerson(m), n))
}

/** The caller holds a handling role on the notice's target or above it. */
export function canManage(caller: Caller, n: Pick<NoticeDoc, 'targetPath'>): boolean {
  return caller.grants.some((g) => HANDLERS.includes(g.role) && n.targetPath.includes(g.orgId))
}

export function today(now: Date): string {
  return currentPeriods(now).day
}

export function isPinned(n: Pick<NoticeDoc, 'pinUntil'>, now: Date): boolean {
  return !!n.pinUntil && n.pinUntil >= today(now)
}

export function isExpired(n: Pick<NoticeDoc, 'expiresOn'>, now: Date): boolean {
  return !!n.expiresOn && n.expiresOn < today(now)
}

export function audienceLabel(n: Pick<NoticeDoc, 'targetOrgName' | 'classes' | 'roles'>): string {
  const who = [...n.classes.map((c) => AUDIENCE_CLASS_LABELS[c]), ...n.roles.map((r) => ROLE_LABELS[r])]
  return who.length ? `${n.targetOrgName}的${who.join('、')}` : `${n.targetOrgName}全体`
}

export function excerpt(n: Pick<NoticeDoc, 'body'>): string {
  const text = n.body.map((b) => (b.kind === 'text' ? b.text : '')).join(' ').replace(/\s+/g, ' ').trim()
  return Array.from(text).slice(0, 60).join('')
}

export function summaryView(n: NoticeDoc, unread: boolean, now: Date): NoticeSummary {
  return {
    id: n._id,
    title: n.title,
    category: n.category,
    categoryLabel: NOTICE_CATEGORY_LABELS[n.category],
    excerpt: excerpt(n),
    orgName: n.targetOrgName,
    pinned: isPinned(n, now),
    unread,
    edited: n.edits.length > 0,
    expired: isExpired(n, now),
    publishedAt: iso(n.publishedAt)
  }
}

export async function readCount(noticeId: string): Promise<number> {
  return count(COLLECTIONS.noticeReads, { noticeId })
}

export async function detailView(n: NoticeDoc, caller: Caller, now: Date): Promise<NoticeDetail> {
  const manager = canManage(caller, n)
  // Staff see the addressees as they are now; readers see the count taken when it was published (no roster scan).
  const [reads, mine, addresseeCount] = await Promise.all([
    readCount(n._id),
    db().collection(COLLECTIONS.noticeReads).doc(`${n._id}:${caller.memberId}`).get() as Promise<{ data?: unknown[] }>,
    manager ? addressees(n).then((p) => p.length) : Promise.resolve(n.addresseeCount)
  ])
  const images = n.body.filter((b) => b.kind === 'image').map((b) => (b.kind === 'image' ? b.fileId : ''))
  const urls = await tempUrls([...images, ...n.attachments.map((a) => a.fileId)])
  return {
    ...summaryView(n, !(mine.data ?? []).length, now),
    body: n.body.map((b) => (b.kind === 'text' ? { kind: 'text', text: b.text, fileId: null, url: null } : { kind: 'image', text: null, fileId: b.fileId, url: urls.get(b.fileId) ?? null })),
    attachments: n.attachments.map((a) => ({ ...a, url: urls.get(a.fileId) ?? null })),
    authorName: manager ? n.authorName : maskName(n.authorName),
    targetOrgId: n.targetOrgId,
    audienceLabel: audienceLabel(n),
    classes: n.classes,
    roles: n.roles,
    pinUntil: n.pinUntil,
    expiresOn: n.expiresOn,
    edits: n.edits.map((e) => ({ at: iso(e.at), byName: manager ? e.byName : maskName(e.byName), summary: e.summary || '修改了内容' })),
    readCount: reads,
    addresseeCount,
    canManage: manager
  }
}
