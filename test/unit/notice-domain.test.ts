import { isAddressee, type AudiencePerson } from '../../cloudfunctions/_shared/domain/notice-audience'
import { ageDays, isOverdue, moveReport } from '../../cloudfunctions/_shared/domain/report-flow'
import { attachmentKind, attachmentProblem, REPORT_STATES } from '../../types/contract'

const person = (over: Partial<AudiencePerson> = {}): AudiencePerson => ({ orgIds: ['town', 'v1', 'g1'], personClass: 'masses', partyStatus: null, roles: [], ...over })

describe('announcement targeting', () => {
  it('subtree only; no narrowing = everyone there', () => {
    expect(isAddressee(person(), { targetOrgId: 'v1', classes: [], roles: [] })).toBe(true)
    expect(isAddressee(person(), { targetOrgId: 'g2', classes: [], roles: [] })).toBe(false)
  })
  it('classes: 流动党员 is a kind of 党员; 网格员 by class or role; roles and classes either match', () => {
    const mobile = person({ personClass: 'party', partyStatus: 'mobile' })
    const rule = (classes: any[], roles: any[] = []) => ({ targetOrgId: 'v1', classes, roles })
    expect(isAddressee(mobile, rule(['party']))).toBe(true)
    expect(isAddressee(mobile, rule(['mobile_party']))).toBe(true)
    expect(isAddressee(person({ personClass: 'party', partyStatus: 'in_village' }), rule(['mobile_party']))).toBe(false)
    expect(isAddressee(person(), rule(['masses']))).toBe(true)
    expect(isAddressee(person(), rule(['party']))).toBe(false)
    expect(isAddressee(person({ roles: ['grid_worker'] }), rule(['grid_worker']))).toBe(true)
    expect(isAddressee(person({ personClass: 'grid_worker' }), rule(['grid_worker']))).toBe(true)
    expect(isAddressee(person({ roles: ['committee'] }), rule(['party'], ['committee']))).toBe(true)
    expect(isAddressee(person(), rule([], ['committee']))).toBe(false)
  })
})

describe('report states move only forward', () => {
  it('allows exactly these moves', () => {
    const table = REPORT_STATES.flatMap((from) => (['assign', 'answer', 'close'] as const).map((mv) => [from, mv, moveReport(from, mv).ok]))
    expect(table.filter(([, , ok]) => ok).map(([f, m]) => `${f}:${m}`)).toEqual(['submitted:assign', 'submitted:answer', 'assigned:assign', 'assigned:answer', 'answered:close'])
    const r = moveReport('closed', 'answer')
    expect(r.ok ? null : r.code).toBe('REPORT.BAD_STATE')
  })
  it('overdue after N whole days while unanswered', () => {
    const t0 = new Date('2026-11-20T02:00:00Z')
    expect(ageDays(t0, new Date('2026-11-23T01:59:59Z'))).toBe(2)
    expect(isOverdue('submitted', t0, new Date('2026-11-23T02:00:00Z'), 3)).toBe(true)
    expect(isOverdue('assigned', t0, new Date('2026-11-23T01:00:00Z'), 3)).toBe(false)
    expect(isOverdue('answered', t0, new Date('2026-12-30T00:00:00Z'), 3)).toBe(false)
  })
})

describe('attachment limits', () => {
  it('types and sizes with clear messages', () => {
    expect(attachmentKind('a.PDF')).toBe('pdf')
    expect(attachmentKind('名单.xlsx')).toBe('xlsx')
    expect(attachmentKind('x.jpeg')).toBe('image')
    expect(attachmentKind('x.xls')).toBeNull()
    expect(attachmentProblem('通知.pdf', 10 * 1024 * 1024)).toBeNull()
    expect(attachmentProblem('通知.pdf', 10 * 1024 * 1024 + 1)).toBe('“通知.pdf”太大了（10.0MB），PDF最大10MB')
    expect(attachmentProblem('照片.png', 6 * 1024 * 1024)).toMatch(/图片最大5MB/)
    expect(attachmentProblem('a.doc', 10)).toMatch(/类型不能上传/)
    expect(attachmentProblem('a.pdf', 0)).toBe('“a.pdf”是空文件')
  })
})
