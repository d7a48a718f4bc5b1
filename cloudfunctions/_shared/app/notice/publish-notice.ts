import type { Role } from '../../../../types/contract/common'
import type { AudienceClass, BodyBlock, NoticeCategory } from '../../../../types/contract/notice.contract'
import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { NoticeDoc } from '../../data/notice-records'
import type { OrgNodeDoc } from '../../data/records'
import { AppError } from '../../runtime/app-error'
import { isDuplicate, txGet } from '../../runtime/tx'
import { db } from '../../runtime/cloud'
import { checkText } from '../content-check'
import { sendSubscribe, subscribeTime } from '../subscribe-send'
import { removeFiles, vetAttachments } from './attachments'
import { addressees, detailView, today } from './common'

interface NoticeFields {
  category: NoticeCategory
  title: string
  body: BodyBlock[]
  attachments: Array<{ fileId: string; name: string }>
  pinUntil: string | null
  expiresOn: string | null
}

const imageIds = (body: BodyBlock[]) => body.flatMap((b) => (b.kind === 'image' ? [b.fileId] : []))
const searchText = (f: Pick<NoticeFields, 'title' | 'body'>) => [f.title, ...f.body.map((b) => (b.kind === 'text' ? b.text : ''))].join('\n').toLowerCase()

/** Dates, content security and attachments; on refusal the request's new uploads are removed. */
async function vet(ctx: Ctx, f: NoticeFields, prior: NoticeDoc | null) {
  const knownImages = new Set(prior ? imageIds(prior.body) : [])
  const newImages = imageIds(f.body).filter((id) => !knownImages.has(id))
  const knownFiles = new Set(prior?.attachments.map((a) => a.fileId) ?? [])
  const newFiles = f.attachments.map((a) => a.fileId).filter((id) => !knownFiles.has(id))
  const refuse = async (e: AppError): Promise<never> => {
    await removeFiles([...newImages, ...newFiles])
    throw e
  }
  const day = today(ctx.now)
  if (!ctx.replay) {
    if (f.pinUntil && f.pinUntil < day) await refuse(new AppError('NOTICE.BAD_DATES', undefined, '置顶日期不能早于今天'))
    if (f.expiresOn && f.expiresOn < day) await refuse(new AppError('NOTICE.BAD_DATES', undefined, '有效期不能早于今天'))
  }
  if (f.pinUntil && f.expiresOn && f.pinUntil > f.expiresOn) await refuse(new AppError('NOTICE.BAD_DATES', undefined, '置顶日期不能晚于有效期'))
  try {
    await checkText(ctx, searchText(f))
  } catch (e) {
    await refuse(e as AppError)
  }
  return vetAttachments(f.attachments, prior?.attachments ?? [], newImages)
}

export async function publish(input: NoticeFields & { targetOrgId: string; classes: AudienceClass[]; roles: Role[] }, ctx: Ctx) {
  const caller = await ctx.caller()
  const org = ctx.access.targets[0].doc as OrgNodeDoc
  const attachments = await vet(ctx, input, null)
  const rule = { targetOrgId: org._id, classes: [...new Set(input.classes)], roles: [...new Set(input.roles)] }
  const people = await addressees(rule)
  if (!people.length) {
    await removeFiles([...imageIds(input.body), ...attachments.map((a) => a.fileId)])
    throw new AppError('NOTICE.NO_ADDRESSEES')
  }
  const noticeId = ctx.stableId('n_')
  const doc: NoticeDoc = {
    _id: noticeId,
    villageId: org.kind === 'village' || org.kind === 'community' ? org._id : org.villageId,
    targetOrgName: org.name,
    targetPath: [...org.path, org._id],
    ...rule,
    category: input.category,
    title: input.title,
    body: input.body,
    searchText: searchText(input),
    attachments,
    pinUntil: input.pinUntil,
    expiresOn: input.expiresOn,
    authorId: caller.memberId,
    authorName: caller.member.name,
    publishedAt: ctx.now,
    updatedAt: ctx.now,
    edits: [],
    addresseeCount: people.length,
    remindedAt: null
  }
  // Only the invocation whose transaction created it notifies (a twin of the same request answers from the record).
  let created = false
  const stored = await ctx.tx(async (tx) => {
    created = false
    const prior = await txGet<NoticeDoc>(tx, COLLECTIONS.notices, noticeId)
    if (prior) return prior
    await tx.collection(COLLECTIONS.notices).add(doc)
    created = true
    return doc
  })
  // The author has read what they wrote (when they are among its addressees).
  if (people.some((m) => m._id === caller.memberId)) {
    try {
      await db().collection(COLLECTIONS.noticeReads).add({ _id: `${noticeId}:${caller.memberId}`, noticeId, memberId: caller.memberId, at: stored.publishedAt })
    } catch (e) {
      if (!isDuplicate(e)) throw e
    }
  }
  if (created) {
    await sendSubscribe(
      'noticeNew',
      people.filter((m) => m._id !== caller.memberId).map((m) => m._id),
      { thing1: stored.title, thing2: stored.targetOrgName, time3: subscribeTime(stored.publishedAt) },
      { now: ctx.now, query: `id=${noticeId}`, logId: noticeId }
    )
  }
  return detailView(stored, caller, ctx.now)
}

export async function edit(input: NoticeFields & { noticeId: string; summary: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const prior = ctx.access.targets[0].doc as NoticeDoc
  const attachments = await vet(ctx, input, prior)
  const stored = await ctx.tx(async (tx) => {
    const cur = await txGet<NoticeDoc>(tx, COLLECTIONS.notices, prior._id)
    if (!cur) throw new AppError('NOTICE.NOT_FOUND')
    const changed = cur.title !== input.title ? '修改了标题' : JSON.stringify(cur.body) !== JSON.stringify(input.body) ? '修改了正文' : '修改了附件或日期'
    const edits = [...cur.edits, { at: ctx.now, by: caller.memberId, byName: caller.member.name, summary: input.summary || changed, before: { title: cur.title, body: cur.body } }]
    const fields = { category: input.category, title: input.title, body: input.body, searchText: searchText(input), attachments, pinUntil: input.pinUntil, expiresOn: input.expiresOn, edits, updatedAt: ctx.now }
    await tx.collection(COLLECTIONS.notices).doc(cur._id).update(fields)
    return { ...cur, ...fields }
  })
  return detailView(stored, caller, ctx.now)
}
