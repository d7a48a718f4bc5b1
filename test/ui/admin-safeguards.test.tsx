/**
 * Officials' safeguards on the roster (issue 8, items 11 and 12): granting and revoking a role is confirmed by
 * a dialog naming the person and the role, with buttons that cannot be confused; the household page opens
 * read-only with 编辑 apart from 删除, which sits at the bottom in danger style behind a confirmation.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import GrantsPage from '../../src/admin/pages/grants/index'
import HouseholdPage from '../../src/admin/pages/household/index'
import MemberPage from '../../src/admin/pages/member/index'
import { callsTo, mockFunctions, ok, resetAll } from './helpers'
import { household } from './fixtures/identity'
import { taroMock } from './mocks/taro'

beforeEach(resetAll)

const orgs = [{ id: 'v1', name: '红星村', kind: 'village', parentId: null, path: [] }]
const grant = { id: 'g1', role: 'group_leader', orgId: 'v1', orgName: '红星村', orgKind: 'village', memberId: 'm2', memberName: '李秀英' }
const scope = [{ id: 'v1', name: '红星村', kind: 'village', parentId: null, path: [], roles: ['staff', 'committee'] }]
const dialog = () => screen.getByRole('dialog')
const buttons = () => Array.from(dialog().querySelectorAll('button')).map((b) => b.textContent)

describe('revoking a role (职务 page)', () => {
  it('says 撤销职务, never 取消; confirms naming person and role with 确认撤销 / 不撤销', async () => {
    mockFunctions({
      'identity.myScopes': () => ok(scope),
      'identity.listGrants': () => ok([grant]),
      'identity.grantAudit': () => ok([]),
      'identity.revokeRole': () => ok({ revoked: true })
    })
    const { container } = render(<GrantsPage />)
    await waitFor(() => expect(container.querySelector('.admin-grant-revoke')).not.toBeNull())
    const button = container.querySelector('.admin-grant-revoke') as HTMLElement
    expect(button.textContent).toBe('撤销职务')
    expect(Array.from(container.querySelectorAll('*')).filter((e) => e.children.length === 0 && e.textContent === '取消')).toHaveLength(0)
    fireEvent.click(button)
    expect(dialog().textContent).toContain('李秀英')
    expect(dialog().textContent).toContain('党小组长')
    expect(buttons()).toEqual(['不撤销', '确认撤销'])
    fireEvent.click(screen.getByText('不撤销'))
    expect(callsTo('identity.revokeRole')).toHaveLength(0)
    fireEvent.click(container.querySelector('.admin-grant-revoke') as HTMLElement)
    fireEvent.click(screen.getByText('确认撤销'))
    await waitFor(() => expect(callsTo('identity.revokeRole')).toHaveLength(1))
    expect(callsTo('identity.revokeRole')[0].data).toEqual({ grantId: 'g1' })
  })
})

describe('granting and revoking on the member page', () => {
  beforeEach(() => {
    taroMock.router.params = { householdId: 'h1', memberId: 'm2', villageId: 'v1' }
  })

  it('授权 asks to confirm naming the person, the role and the place; 不授予 sends nothing', async () => {
    mockFunctions({
      'identity.getHousehold': () => ok(household()),
      'identity.listGrants': () => ok([]),
      'identity.orgTree': () => ok(orgs),
      'identity.grantRole': () => ok({ grantId: 'g9' })
    })
    const { container } = render(<MemberPage />)
    await waitFor(() => expect(container.querySelector('.admin-grant-submit')).not.toBeNull())
    fireEvent.click(screen.getByText('两委成员'))
    fireEvent.click(container.querySelector('.admin-grant-submit') as HTMLElement)
    expect(dialog().textContent).toContain('确定授予 李秀英「两委成员」职务（红星村）吗？')
    expect(buttons()).toEqual(['不授予', '确认授予'])
    fireEvent.click(screen.getByText('不授予'))
    expect(callsTo('identity.grantRole')).toHaveLength(0)
    fireEvent.click(container.querySelector('.admin-grant-submit') as HTMLElement)
    fireEvent.click(screen.getByText('确认授予'))
    await waitFor(() => expect(callsTo('identity.grantRole')).toHaveLength(1))
    expect(callsTo('identity.grantRole')[0].data).toEqual({ memberId: 'm2', role: 'committee', orgId: 'v1' })
  })

  it('撤销职务 names the person and the role', async () => {
    mockFunctions({
      'identity.getHousehold': () => ok(household()),
      'identity.listGrants': () => ok([grant]),
      'identity.orgTree': () => ok(orgs),
      'identity.revokeRole': () => ok({ revoked: true })
    })
    const { container } = render(<MemberPage />)
    await waitFor(() => expect(container.querySelector('.admin-grant-revoke')).not.toBeNull())
    expect(container.querySelector('.admin-grant-revoke')?.textContent).toBe('撤销职务')
    fireEvent.click(container.querySelector('.admin-grant-revoke') as HTMLElement)
    expect(dialog().textContent).toBe(`撤销职务确定撤销 李秀英 的「党小组长」职务（红星村）吗？不撤销确认撤销`)
  })
})

describe('household page', () => {
  beforeEach(() => {
    taroMock.router.params = { id: 'h1', villageId: 'v1' }
  })

  it('opens read-only; 编辑 shows the form, 不改了 goes back; 删除 is at the bottom in danger style, apart from 编辑', async () => {
    mockFunctions({ 'identity.orgTree': () => ok(orgs), 'identity.getHousehold': () => ok(household()) })
    const { container } = render(<HouseholdPage />)
    await screen.findByText('李秀英')
    expect(container.querySelector('.admin-household-form')).toBeNull()
    expect(container.querySelector('input')).toBeNull()
    expect(container.querySelector('.admin-household-info')?.textContent).toContain('三组 12号')
    // everyday rows carry 编辑 / 邀请码 only
    for (const row of Array.from(container.querySelectorAll('.admin-member-item'))) {
      expect(row.querySelector('.admin-member-remove')).toBeNull()
      expect(row.querySelector('.admin-member-edit')).not.toBeNull()
    }
    const sections = Array.from(container.querySelectorAll('.cs-section, .admin-household-info, .admin-members, .admin-danger-zone'))
    const zone = container.querySelector('.admin-danger-zone') as HTMLElement
    expect(zone).not.toBeNull()
    expect(sections.indexOf(zone)).toBeGreaterThan(sections.indexOf(container.querySelector('.admin-members') as Element))
    const removes = zone.querySelectorAll('.admin-member-remove')
    expect(Array.from(removes).map((b) => b.textContent)).toEqual(['删除 王小锐', '删除 李秀英'])
    expect(removes[0].className).toContain('danger')

    fireEvent.click(container.querySelector('.admin-household-edit') as HTMLElement)
    expect((container.querySelector('.cs-field--code input') as HTMLInputElement).value).toBe('3-012')
    fireEvent.click(screen.getByText('不改了'))
    expect(container.querySelector('.admin-household-form')).toBeNull()
  })
})
