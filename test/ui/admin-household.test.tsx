import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import HouseholdPage from '../../src/admin/pages/household/index'
import MemberPage, { toMemberInput } from '../../src/admin/pages/member/index'
import { rowErrors } from '../../src/admin/pages/import/index'
import { callsTo, fail, mockFunctions, ok, resetAll } from './helpers'
import { household } from './fixtures/identity'
import { navigateTo, showToast, taroMock } from './mocks/taro'

beforeEach(resetAll)

const grids = [
  { id: 'v1', name: '红星村', kind: 'village', parentId: null, path: [] },
  { id: 'grid3', name: '第三网格', kind: 'grid', parentId: 'v1', path: ['v1'] }
]

function field(container: HTMLElement, name: string): HTMLInputElement {
  return container.querySelector(`.cs-field--${name} input`) as HTMLInputElement
}

function errorOf(container: HTMLElement, name: string): string | undefined {
  return container.querySelector(`.cs-field--${name} .cs-field__error`)?.textContent ?? undefined
}

describe('admin household form (new household)', () => {
  beforeEach(() => {
    taroMock.router.params = { villageId: 'v1' }
  })

  it('shows field errors from the contract schema and sends nothing', async () => {
    mockFunctions({ 'identity.orgTree': () => ok(grids), 'identity.saveHousehold': () => ok({ householdId: 'h9' }) })
    const { container } = render(<HouseholdPage />)
    await screen.findByText('第三网格')
    fireEvent.click(screen.getByText('保存'))
    await waitFor(() => expect(errorOf(container, 'address')).toBe('请填写住址'))
    expect(errorOf(container, 'code')).toBe('户号只能是字母、数字和横线')

    fireEvent.change(field(container, 'code'), { target: { value: '3 组/12' } })
    fireEvent.change(field(container, 'address'), { target: { value: '   ' } })
    fireEvent.click(screen.getByText('保存'))
    await waitFor(() => expect(errorOf(container, 'code')).toBe('户号只能是字母、数字和横线'))
    expect(errorOf(container, 'address')).toBe('请填写住址')
    expect(callsTo('identity.saveHousehold')).toHaveLength(0)
  })

  it('saves a valid household with the chosen grid, then shows its members section', async () => {
    mockFunctions({
      'identity.orgTree': () => ok(grids),
      'identity.saveHousehold': () => ok({ householdId: 'h9' }),
      'identity.getHousehold': () => ok(household({ id: 'h9', members: [] }))
    })
    const { container } = render(<HouseholdPage />)
    await screen.findByText('第三网格')
    fireEvent.change(field(container, 'code'), { target: { value: ' 3-012 ' } })
    fireEvent.change(field(container, 'address'), { target: { value: '三组 12号' } })
    fireEvent.click(screen.getByText('第三网格'))
    fireEvent.click(screen.getByText('保存'))
    await waitFor(() => expect(callsTo('identity.saveHousehold')).toHaveLength(1))
    const sent = callsTo('identity.saveHousehold')[0]
    expect(sent.data).toEqual({ villageId: 'v1', gridId: 'grid3', code: '3-012', address: '三组 12号' })
    expect(sent.requestId).toBeTruthy()
    await screen.findByText('还没有登记家庭成员')
    expect(errorOf(container, 'code')).toBeUndefined()
  })

  it('shows the server message (e.g. duplicate code) as a toast and re-submits with the same requestId', async () => {
    mockFunctions({ 'identity.orgTree': () => ok(grids), 'identity.saveHousehold': () => fail('ROSTER.DUPLICATE_CODE', '户号重复了') })
    const { container } = render(<HouseholdPage />)
    await screen.findByText('第三网格')
    fireEvent.change(field(container, 'code'), { target: { value: 'A-1' } })
    fireEvent.change(field(container, 'address'), { target: { value: '一组' } })
    fireEvent.click(screen.getByText('保存'))
    await waitFor(() => expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '户号重复了' })))
    fireEvent.click(screen.getByText('保存'))
    await waitFor(() => expect(callsTo('identity.saveHousehold')).toHaveLength(2))
    const [a, b] = callsTo('identity.saveHousehold')
    expect(a.requestId).toBe(b.requestId)
  })
})

describe('admin household detail', () => {
  beforeEach(() => {
    taroMock.router.params = { id: 'h1', villageId: 'v1' }
  })

  it('lists members and removes one only after confirming', async () => {
    let removed = false
    mockFunctions({
      'identity.orgTree': () => ok(grids),
      'identity.getHousehold': () => ok(removed ? household({ members: household().members.slice(0, 1) }) : household()),
      'identity.removeMember': () => {
        removed = true
        return ok({ removed: true })
      }
    })
    const { container } = render(<HouseholdPage />)
    await screen.findByText('李秀英')
    // opens read-only; 删除 lives in its own section at the bottom
    expect(container.querySelector('.admin-household-info')?.textContent).toContain('3-012')
    const rows = container.querySelectorAll('.admin-member-item')
    expect(rows).toHaveLength(2)
    expect(rows[1].querySelector('.admin-member-remove')).toBeNull()
    const removes = () => container.querySelectorAll('.admin-danger-zone .admin-member-remove')
    fireEvent.click(removes()[1] as HTMLElement)
    expect(screen.getByRole('dialog').textContent).toContain('确定要把 李秀英 从这一户删除吗？')
    fireEvent.click(screen.getByText('不删除'))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(callsTo('identity.removeMember')).toHaveLength(0)

    fireEvent.click(removes()[1] as HTMLElement)
    fireEvent.click(screen.getByText('确认删除', { selector: '.nut-dialog-footer-ok' }))
    await waitFor(() => expect(container.querySelectorAll('.admin-member-item')).toHaveLength(1))
    expect(callsTo('identity.removeMember')[0].data).toEqual({ memberId: 'm2' })
  })

  it('creates an invitation code for an unbound member and shows it big', async () => {
    mockFunctions({
      'identity.orgTree': () => ok(grids),
      'identity.getHousehold': () => ok(household()),
      'identity.createInvite': () => ok({ code: 'AB12CD', expiresAt: '2026-12-01T00:00:00+08:00' })
    })
    const { container } = render(<HouseholdPage />)
    await screen.findByText('李秀英')
    // Only the unbound member has an 邀请码 button.
    expect(container.querySelectorAll('.admin-member-invite')).toHaveLength(1)
    fireEvent.click(container.querySelector('.admin-member-invite') as HTMLElement)
    await waitFor(() => expect(container.querySelector('.admin-invite-code')?.textContent).toBe('AB12CD'))
    expect(callsTo('identity.createInvite')[0].data).toEqual({ memberId: 'm2' })
  })

  it('opens the member page to add a member', async () => {
    mockFunctions({ 'identity.orgTree': () => ok(grids), 'identity.getHousehold': () => ok(household()) })
    render(<HouseholdPage />)
    fireEvent.click(await screen.findByText('添加家庭成员'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/admin/pages/member/index?householdId=h1&villageId=v1' })
  })

  it('shows the error view when the household is missing', async () => {
    mockFunctions({ 'identity.orgTree': () => ok(grids), 'identity.getHousehold': () => fail('ROSTER.HOUSEHOLD_NOT_FOUND', '没有找到这一户') })
    render(<HouseholdPage />)
    await screen.findByText('没有找到这一户')
    expect(screen.getByText('重试')).toBeTruthy()
  })
})

describe('admin member form', () => {
  it('validates name and phone, and sends party status only for 党员', async () => {
    taroMock.router.params = { householdId: 'h1', villageId: 'v1' }
    mockFunctions({ 'identity.getHousehold': () => ok(household()), 'identity.saveMember': () => ok({ memberId: 'm7' }) })
    const { container } = render(<MemberPage />)
    await screen.findByText('添加家庭成员')
    fireEvent.click(screen.getByText('保存'))
    await waitFor(() => expect(errorOf(container, 'name')).toBe('请填写姓名'))
    fireEvent.change(field(container, 'name'), { target: { value: '王小明' } })
    fireEvent.change(field(container, 'phone'), { target: { value: '12345' } })
    fireEvent.click(screen.getByText('子'))
    fireEvent.click(screen.getByText('保存'))
    await waitFor(() => expect(errorOf(container, 'phone')).toBe('手机号应为11位数字'))
    expect(callsTo('identity.saveMember')).toHaveLength(0)
    fireEvent.change(field(container, 'phone'), { target: { value: '13800000002' } })
    fireEvent.click(screen.getByText('保存'))
    await waitFor(() => expect(callsTo('identity.saveMember')).toHaveLength(1))
    expect(callsTo('identity.saveMember')[0].data).toMatchObject({ householdId: 'h1', name: '王小明', relation: '子', isHead: false, phone: '13800000002', personClass: 'masses', partyStatus: null })
  })

  it('toMemberInput keeps the stored phone when left blank and defaults party status', () => {
    const input = toMemberInput({ name: ' 李四 ', gender: 'F', relation: '女', isHead: false, phone: ' ', personClass: 'party', partyStatus: null }, 'h1', 'm4')
    expect(input).toMatchObject({ memberId: 'm4', householdId: 'h1', name: '李四', phone: undefined, partyStatus: 'in_village' })
  })
})

describe('import row errors', () => {
  it('keeps well-formed {row, message} entries sorted by row', () => {
    expect(rowErrors([{ row: 5, message: '缺少姓名' }, { row: 2, message: '户号重复' }, { bad: true }, null])).toEqual([
      { row: 2, message: '户号重复' },
      { row: 5, message: '缺少姓名' }
    ])
    expect(rowErrors(undefined)).toEqual([])
  })
})
