import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import MePage from '../../src/pages/me/index'
import WorkPage from '../../src/pages/work/index'
import { LargeTypeProvider } from '../../src/hooks/use-large-type'
import { DEV_OPENID_KEY } from '../../src/services/session'
import { callsTo, fail, mockFunctions, ok, resetAll } from './helpers'
import { meOutput } from './fixtures/identity'
import { navigateTo, request, showToast, taroMock } from './mocks/taro'

beforeEach(resetAll)

function renderMe() {
  return render(
    <LargeTypeProvider>
      <MePage />
    </LargeTypeProvider>
  )
}

describe('我的 page', () => {
  it('shows name, class, village, roles, household and points from identity.me', async () => {
    mockFunctions({ 'identity.me': () => ok(meOutput()) })
    const { container } = renderMe()
    expect(container.querySelector('.cs-loading')).not.toBeNull()
    await waitFor(() => expect(container.querySelector('.me-name')?.textContent).toBe('王小锐'))
    expect(container.querySelector('.me-class')?.textContent).toBe('党员 · 流动')
    expect(container.querySelector('.me-village')?.textContent).toBe('红星镇 · 红星村')
    const roles = Array.from(container.querySelectorAll('.me-roles .me-role-item')).map((el) => el.textContent)
    expect(roles).toEqual(['网格员第三网格', '两委成员红星村'])
    const hh = container.querySelector('.me-household') as HTMLElement
    expect(hh.querySelector('.me-household__code')?.textContent).toBe('3-012')
    expect(hh.querySelector('.me-household__address')?.textContent).toBe('三组 12号')
    const members = Array.from(hh.querySelectorAll('.me-member')).map((el) => el.textContent)
    expect(members).toEqual(['王小锐户主户主', '李秀英配偶'])
    expect(container.querySelector('.me-points__number')?.textContent).toBe('235')
    expect(callsTo('identity.me')).toHaveLength(1)
  })

  it('says 村民 without roles and hides points when absent', async () => {
    mockFunctions({ 'identity.me': () => ok(meOutput({ roles: [], points: null, household: null })) })
    const { container } = renderMe()
    await waitFor(() => expect(container.querySelector('.me-roles')?.textContent).toContain('村民'))
    expect(container.querySelectorAll('.me-role-item')).toHaveLength(0)
    expect(container.querySelector('.me-points')).toBeNull()
    expect(container.querySelector('.me-household')?.textContent).toContain('还没有登记到户')
  })

  it('shows the error message with 重试, and retries', async () => {
    let n = 0
    mockFunctions({ 'identity.me': () => (++n === 1 ? fail('SYS.BUSY', '现在办理的人多，请稍后再试') : ok(meOutput())) })
    const { container } = renderMe()
    await screen.findByText('现在办理的人多，请稍后再试')
    fireEvent.click(screen.getByText('重试'))
    await waitFor(() => expect(container.querySelector('.me-name')?.textContent).toBe('王小锐'))
  })

  it('offers the bind form on AUTH.UNBOUND and validates the code before sending', async () => {
    let bound = false
    mockFunctions({
      'identity.me': () => (bound ? ok(meOutput()) : fail('AUTH.UNBOUND', '您还没有绑定身份，请先输入邀请码')),
      'identity.bindInvite': (data) => {
        bound = (data as { code: string }).code === 'AB12CD'
        return bound ? ok(meOutput()) : fail('AUTH.INVITE_INVALID', '邀请码不对或已经用过了')
      }
    })
    const { container } = renderMe()
    await screen.findByText('绑定身份')
    const input = container.querySelector('.cs-field--invite-code input') as HTMLInputElement
    fireEvent.change(input, { target: { value: 'ab' } })
    fireEvent.click(screen.getByText('绑定'))
    await screen.findByText('邀请码是6到8位字母或数字')
    expect(callsTo('identity.bindInvite')).toHaveLength(0)

    fireEvent.change(input, { target: { value: 'zz99zz' } })
    fireEvent.click(screen.getByText('绑定'))
    await waitFor(() => expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '邀请码不对或已经用过了' })))
    expect(callsTo('identity.bindInvite')[0].data).toEqual({ code: 'ZZ99ZZ' })

    fireEvent.change(input, { target: { value: 'ab12cd' } })
    fireEvent.click(screen.getByText('绑定'))
    await waitFor(() => expect(container.querySelector('.me-name')?.textContent).toBe('王小锐'))
    const ids = callsTo('identity.bindInvite').map((e) => e.requestId)
    expect(ids[0]).toBe(ids[1]) // one intent, re-submitted
  })

  it('toggles large-type mode from the .large-type-toggle row', async () => {
    mockFunctions({ 'identity.me': () => ok(meOutput()) })
    const { container } = renderMe()
    await waitFor(() => expect(container.querySelector('.me-name')).not.toBeNull())
    const toggle = container.querySelector('.large-type-toggle') as HTMLElement
    expect(toggle.textContent).toContain('已关闭')
    fireEvent.click(toggle)
    expect(toggle.textContent).toContain('已开启')
    expect(container.querySelector('.cs-page')?.classList.contains('cs-page--large')).toBe(true)
    expect(taroMock.storage.get('cunshe.largeType')).toBe('1')
  })

  it('local build without a dev identity shows 去登录 and calls nothing', async () => {
    process.env.TARO_APP_LOCAL = '1'
    const { container } = renderMe()
    const go = container.querySelector('.me-go-sign-in') as HTMLElement
    expect(go.textContent).toBe('去登录')
    fireEvent.click(go)
    expect(navigateTo).toHaveBeenCalledWith({ url: '/dev/pages/sign-in/index' })
    expect(request).not.toHaveBeenCalled()
    expect(container.querySelector('.me-switch')).toBeNull()
  })

  it('local build signed in: 切换身份 clears the identity and opens sign-in', async () => {
    process.env.TARO_APP_LOCAL = '1'
    taroMock.storage.set(DEV_OPENID_KEY, 'oDEV-1')
    request.mockResolvedValue({ statusCode: 200, data: ok(meOutput()) })
    const { container } = renderMe()
    await waitFor(() => expect(container.querySelector('.me-name')).not.toBeNull())
    fireEvent.click(container.querySelector('.me-switch') as HTMLElement)
    expect(taroMock.storage.has(DEV_OPENID_KEY)).toBe(false)
    expect(navigateTo).toHaveBeenCalledWith({ url: '/dev/pages/sign-in/index' })
  })
})

describe('工作台 page', () => {
  it('shows a plain villager what they can do there instead of a dead end', async () => {
    mockFunctions({ 'identity.me': () => ok(meOutput({ roles: [] })), 'points.workCounts': () => ok({ villageId: 'v1', first: null, second: null, assembly: null, objected: null, returned: 0, myObjectionsOpen: 0 }) })
    render(<WorkPage />)
    await screen.findByText('您可以在这里办')
    expect(screen.queryByText('您暂无管理权限')).toBeNull()
  })

  it('shows the tiles the declared access allows a 网格员 + 两委 member (roster, grants, 打分, 复审, 超市管理), not 初审', async () => {
    mockFunctions({ 'identity.me': () => ok(meOutput()) })
    const { container } = render(<WorkPage />)
    await waitFor(() => expect(container.querySelector('.cs-tile--roster')).not.toBeNull())
    expect(container.querySelector('.cs-tile--grants')).not.toBeNull()
    expect(container.querySelector('.cs-tile--points-review-second')).not.toBeNull()
    expect(container.querySelector('.cs-tile--points-record')).not.toBeNull()
    expect(container.querySelector('.cs-tile--points-review-first')).toBeNull()
    expect(container.querySelector('.cs-tile--mall-manage')).not.toBeNull()
    expect(container.querySelector('.cs-tile--points-settings')).not.toBeNull()
    fireEvent.click(container.querySelector('.cs-tile--roster') as HTMLElement)
    expect(navigateTo).toHaveBeenCalledWith({ url: '/admin/pages/households/index' })
  })
})
