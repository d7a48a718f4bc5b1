import { PARTY_STATUS_LABELS, PERSON_CLASS_LABELS, type PartyStatus, type PersonClass } from '../../../../types/contract/common'
import type { Ctx } from '../../runtime/create-handler'
import { COLLECTIONS } from '../../data/collections'
import type { HouseholdDoc, MemberDoc, OrgNodeDoc } from '../../data/records'
import { findAll } from '../../data/repo'
import { AppError } from '../../runtime/app-error'
import { db } from '../../runtime/cloud'
import { txGet } from '../../runtime/tx'
import { exportXlsx, readXlsx } from '../xlsx'
import { requireOwnUpload } from '../files'
import { scopeOf } from './views'
import { formatCst } from '../../domain/china-time'
import { exportFileName, periodLabel } from '../../domain/file-names'
import { createHash } from 'crypto'

/** Column headers of the roster sheet, shared by import and export so an export re-imports cleanly. */
export const ROSTER_COLUMNS = [
  { key: 'code', header: '户号' },
  { key: 'address', header: '住址' },
  { key: 'grid', header: '网格' },
  { key: 'name', header: '姓名' },
  { key: 'gender', header: '性别' },
  { key: 'relation', header: '与户主关系' },
  { key: 'phone', header: '手机号' },
  { key: 'personClass', header: '人员类别' },
  { key: 'partyStatus', header: '党员状态' }
] as const

/** Most imports a village makes fit one transaction; larger rosters are split by grid by the staff. */
export const IMPORT_MAX_ROWS = 600

const classByLabel = new Map<string, PersonClass>(Object.entries(PERSON_CLASS_LABELS).map(([k, v]) => [v, k as PersonClass]))
const statusByLabel = new Map<string, PartyStatus>(Object.entries(PARTY_STATUS_LABELS).map(([k, v]) => [v, k as PartyStatus]))

interface ParsedRow {
  row: number
  code: string
  address: string
  gridId: string | null
  name: string
  gender: 'M' | 'F'
  relation: string
  isHead: boolean
  phone: string | null
  personClass: PersonClass
  partyStatus: PartyStatus | null
}

/** Validates every row first; any bad row rejects the whole file with row numbers and reasons. */
export function parseRosterRows(
  rows: Array<{ row: number; values: Record<string, string> }>,
  gridsByName: Map<string, string>
): { ok: true; rows: ParsedRow[] } | { ok: false; errors: Array<{ row: number; message: string }> } {
  const errors: Array<{ row: number; message: string }> = []
  const out: ParsedRow[] = []
  const headsByCode = new Map<string, number>()
  const rowByCodeName = new Map<string, number>()
  const addressByCode = new Map<string, string>()
  if (rows.length === 0) errors.push({ row: 1, message: '表格里没有数据' })
  if (rows.length > IMPORT_MAX_ROWS) errors.push({ row: 1, message: `一次最多导入${IMPORT_MAX_ROWS}行，请按网格分开导入` })
  for (const { row, values } of rows) {
    const v = (h: string) => (values[h] ?? '').trim()
    const bad = (message: string) => errors.push({ row, message })
    const code = v('户号')
    const name = v('姓名')
    if (!/^[A-Za-z0-9-]{1,16}$/.test(code)) bad('户号为空或格式不对')
    if (!name || name.length > 20) bad('姓名为空或太长')
    const genderText = v('性别')
    const gender = genderText === '男' ? 'M' : genderText === '女' ? 'F' : null
    if (!gender) bad('性别应填“男”或“女”')
    const relation = v('与户主关系') || '家庭成员'
    const isHead = relation === '户主'
    const phone = v('手机号') || null
    if (phone && !/^1\d{10}$/.test(phone)) bad('手机号应为11位数字')
    const pc = classByLabel.get(v('人员类别') || '群众')
    if (!pc) bad('人员类别应填“党员”“群众”或“网格员”')
    const statusText = v('党员状态')
    const ps = statusText ? statusByLabel.get(statusText) ?? null : null
    if (statusText && !ps) bad('党员状态应填“在村”“流动”或“在职机关”')
    if (pc === 'party' && !ps) bad('党员要填写党员状态')
    const gridName = v('网格')
    const gridId = gridName ? gridsByName.get(gridName) ?? null : null
    if (gridName && !gridId) bad(`没有叫“${gridName}”的网格`)
    const address = v('住址')
    const key = `${code}|${name}`
    if (name && rowByCodeName.has(key)) bad(`户号${code}里有两个“${name}”（另一位在第${rowByCodeName.get(key)}行），同户同名请在姓名后加区分，如“${name}（大）”`)
    rowByCodeName.set(key, row)
    if (isHead) {
      if (headsByCode.has(code)) bad(`户号${code}有两位户主（另一位在第${headsByCode.get(code)}行）`)
      headsByCode.set(code, row)
      if (!address) bad('户主一行要填写住址')
    }
    if (address) addressByCode.set(code, address)
    if (gender && pc) out.push({ row, code, address, gridId, name, gender, relation, isHead, phone, personClass: pc, partyStatus: pc === 'party' ? ps ?? null : null })
  }
  for (const r of out) {
    if (!addressByCode.has(r.code)) errors.push({ row: r.row, message: `户号${r.code}没有住址` })
  }
  errors.sort((a, b) => a.row - b.row)
  return errors.length ? { ok: false, errors } : { ok: true, rows: out }
}

/**
 * Imports households and members from an xlsx. All rows or none: rows are validated first, then written
 * in one transaction (households are matched by 户号 and updated; members by name within the household).
 */
export async function importRoster(input: { villageId: string; fileId: string }, ctx: Ctx) {
  const caller = await ctx.caller()
  const village = ctx.access.targets[0].doc as OrgNodeDoc
  await requireOwnUpload(caller.memberId, [input.fileId], 'roster_import')
  const grids = await findAll<OrgNodeDoc>(COLLECTIONS.orgNodes, { villageId: village._id, kind: 'grid' })
  const gridsByName = new Map(grids.map((g) => [g.name, g._id]))
  const parsed = parseRosterRows(await readXlsx(input.fileId), gridsByName)
  if (!parsed.ok) throw new AppError('ROSTER.IMPORT_INVALID', parsed.errors, `表格第${parsed.errors[0].row}行：${parsed.errors[0].message}（共${parsed.errors.length}处错误，一行都没有导入）`)

  const existing = await findAll<HouseholdDoc>(COLLECTIONS.households, { villageId: village._id })
  const byCode = new Map(existing.map((h) => [h.code, h]))
  // Removed members are matched too: re-importing someone who was removed brings them back.
  const existingMembers = await findAll<MemberDoc>(COLLECTIONS.members, { villageId: village._id })
  const gridById = new Map(grids.map((g) => [g._id, g]))
  const pathFor = (gridId: string | null) => {
    const g = gridId ? gridById.get(gridId) : undefined
    return g ? [...new Set([...scopeOf(village), ...g.path, g._id])] : scopeOf(village)
  }
  // Deterministic ids: a retried import (same file, same village) writes the same documents.
  const hid = (code: string) => byCode.get(code)?._id ?? `h_${createHash('sha1').update(`${village._id}|${code}`).digest('hex').slice(0, 16)}`
  const mid = (code: string, name: string) => `m_${createHash('sha1').update(`${village._id}|${code}|${name}`).digest('hex').slice(0, 16)}`

  const groups = new Map<string, ParsedRow[]>()
  for (const r of parsed.rows) groups.set(r.code, [...(groups.get(r.code) ?? []), r])
  let memberCount = 0
  await ctx.tx(async (tx) => {
    for (const [code, rows] of groups) {
      const id = hid(code)
      const head = rows.find((r) => r.isHead)
      const address = rows.find((r) => r.address)?.address ?? ''
      const gridId = rows.find((r) => r.gridId)?.gridId ?? byCode.get(code)?.gridId ?? null
      const current = await txGet<HouseholdDoc>(tx, COLLECTIONS.households, id)
      // The members this household had when the file was read, read again inside the transaction (an edit
      // made meanwhile is seen, or conflicts and retries), plus any member of a row's deterministic id.
      const candidates = new Set([...existingMembers.filter((m) => m.householdId === id).map((m) => m._id), ...rows.map((r) => mid(code, r.name))])
      if (current?.headMemberId) candidates.add(current.headMemberId)
      const sameHousehold: MemberDoc[] = []
      for (const cid of candidates) {
        const m = await txGet<MemberDoc>(tx, COLLECTIONS.members, cid)
        if (m && m.householdId === id) sameHousehold.push(m)
      }
      const prior = sameHousehold.filter((m) => !m.removed)
      // Active members win over removed ones of the same name.
      const priorByName = new Map([...sameHousehold.filter((m) => m.removed), ...prior].map((m) => [m.name, m]))
      const newNames = rows.filter((r) => !priorByName.get(r.name) || priorByName.get(r.name)!.removed).length
      const headMember = head ? priorByName.get(head.name)?._id ?? mid(code, head.name) : current?.headMemberId ?? null
      const fields = {
        villageId: village._id,
        gridId,
        code,
        address,
        orgPath: pathFor(gridId),
        headMemberId: headMember,
        headName: head ? head.name : current?.headName ?? null,
        memberCount: prior.length + newNames,
        updatedAt: ctx.now
      }
      if (current) await tx.collection(COLLECTIONS.households).doc(id).update(fields)
      else await tx.collection(COLLECTIONS.households).add({ _id: id, ...fields, createdAt: ctx.now })
      for (const r of rows) {
        const m = priorByName.get(r.name)
        const mf = {
          name: r.name,
          gender: r.gender,
          relation: r.relation,
          isHead: r.isHead,
          phone: r.phone,
          personClass: r.personClass,
          partyStatus: r.partyStatus,
          householdId: id,
          villageId: village._id,
          orgPath: fields.orgPath,
          removed: false,
          updatedAt: ctx.now
        }
        if (m) await tx.collection(COLLECTIONS.members).doc(m._id).update(mf)
        else
          await tx.collection(COLLECTIONS.members).add({ _id: mid(code, r.name), ...mf, branchId: null, partyGroupId: null, openid: null, roles: [], removed: false, createdAt: ctx.now })
        memberCount++
      }
      if (head) {
        for (const m of prior) {
          if (m.isHead && m.name !== head.name) await tx.collection(COLLECTIONS.members).doc(m._id).update({ isHead: false, relation: '家庭成员' })
        }
      }
    }
  }, { attempts: 3 })
  return { households: groups.size, members: memberCount }
}

export async function exportRoster(_input: { villageId: string }, ctx: Ctx) {
  const village = ctx.access.targets[0].doc as OrgNodeDoc
  const _ = db().command
  const [households, members, grids] = await Promise.all([
    findAll<HouseholdDoc>(COLLECTIONS.households, { villageId: village._id }),
    findAll<MemberDoc>(COLLECTIONS.members, { villageId: village._id, removed: false }),
    findAll<OrgNodeDoc>(COLLECTIONS.orgNodes, { villageId: village._id, kind: _.in(['grid']) })
  ])
  const gridName = new Map(grids.map((g) => [g._id, g.name]))
  const hById = new Map(households.map((h) => [h._id, h]))
  const rows = members
    .filter((m) => m.householdId && hById.has(m.householdId))
    .sort((a, b) => hById.get(a.householdId!)!.code.localeCompare(hById.get(b.householdId!)!.code) || Number(b.isHead) - Number(a.isHead))
    .map((m) => {
      const h = hById.get(m.householdId!)!
      return {
        code: h.code,
        address: h.address,
        grid: h.gridId ? gridName.get(h.gridId) ?? '' : '',
        name: m.name,
        gender: m.gender === 'M' ? '男' : '女',
        relation: m.isHead ? '户主' : m.relation,
        phone: m.phone ?? '',
        personClass: PERSON_CLASS_LABELS[m.personClass],
        partyStatus: m.partyStatus ? PARTY_STATUS_LABELS[m.partyStatus] : ''
      }
    })
  const file = await exportXlsx(ctx, `花名册-${formatCst(ctx.now, 'YYYYMMDDHHmm')}`, [
    { name: '花名册', columns: ROSTER_COLUMNS.map((c) => ({ header: c.header, key: c.key })), rows }
  ], exportFileName([village.name, '户籍名册', periodLabel(formatCst(ctx.now, 'YYYY-MM-DD'))]))
  return { ...file, rows: rows.length }
}
