import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import SignInPage from '../../src/dev/pages/sign-in/index'
import type { DevPerson } from '../../src/services/dev'
import { DEV_OPENID_KEY } from '../../src/services/session'
import { resetAll } from './helpers'
import { reLaunch, request, taroMock } from './mocks/taro'

const people: DevPerson[] = [
  { openid: 'o-1', memberId: 'm1', name: '张书记', personClass: 'party', partyStatus: 'in_village', householdName: '张家', villageName: '红星村', roles: [{ role: 'secretary', label: '书记', orgName: '红星村党支部' }, { role: 'judge', label: '评委', orgName: '红星镇' }] },
  { openid: 'o-2', memberId: 'm2', name: '李网格', personClass: 'grid_worker', partyStatus: null, householdName: '李家', villageName: '红星村', roles: [{ role: 'grid_worker', label: '网格员', orgName: '第三网格' }] },
  { openid: 'o-3', memberId: 'm3', name: '王大娘', personClass: 'masses', partyStatus: null, householdName: '王家', villageName: '红星村', roles: [] },
  { openid: 'o-4', memberId: 'm4', name: '赵流动', personClass: 'party', partyStatus: 'mobile', householdName: null, villageName: '白云嘎查', roles: [] }
]

beforeEach(() => {
  resetAll()
  process.env.TARO_ENV = 'h5'
  process.env.TARO_APP_GATEWAY = ''
})

function groupTitles(container: HTMLElement): string[] {
  return Array.from(container.querySelectorAll('.sign-in-group .cs-section__title')).map((el) => el.textContent ?? '')
}

describe('本地演示登录', () => {
  it('loads /dev/people and groups by role in role order, 村民 last', async () => {
    request.mockResolvedValue({ statusCode: 200, data: people })
    const { container } = render(<SignInPage />)
    expect(screen.getByText('本地演示登录 (仅本地环境)')).toBeTruthy()
    await waitFor(() => expect(container.querySelectorAll('.sign-in-person').length).toBeGreaterThan(0))
    expect(request.mock.calls[0][0]).toMatchObject({ url: '/dev/people', method: 'GET' })
    expect(groupTitles(container)).toEqual(['网格员（1）', '书记（1）', '评委（1）', '村民（2）'])
    // Someone with two roles appears in both groups.
    const names = Array.from(container.querySelectorAll('.sign-in-person .sign-in-person__name')).map((el) => el.textContent)
    expect(names).toEqual(['李网格', '张书记', '张书记', '王大娘', '赵流动'])
    expect(container.querySelector('.sign-in-group--villager')?.textContent).toContain('党员·流动')
  })

  it('filters with the search box', async () => {
    request.mockResolvedValue({ statusCode: 200, data: people })
    const { container } = render(<SignInPage />)
    await waitFor(() => expect(container.querySelectorAll('.sign-in-person').length).toBe(5))
    fireEvent.change(container.querySelector('.sign-in-search') as HTMLInputElement, { target: { value: '白云' } })
    expect(groupTitles(container)).toEqual(['村民（1）'])
    fireEvent.change(container.querySelector('.sign-in-search') as HTMLInputElement, { target: { value: '没有这个人' } })
    expect(container.querySelectorAll('.sign-in-person')).toHaveLength(0)
    expect(screen.getByText('没有找到这个人')).toBeTruthy()
  })

  it('tap a person → stores the openid and relaunches to 我的', async () => {
    request.mockResolvedValue({ statusCode: 200, data: people })
    render(<SignInPage />)
    fireEvent.click(await screen.findByText('王大娘'))
    expect(taroMock.storage.get(DEV_OPENID_KEY)).toBe('o-3')
    expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/me/index' })
  })

  it('tap 新微信用户 → stores a fresh wx-new- openid and relaunches to 我的', async () => {
    request.mockResolvedValue({ statusCode: 200, data: people })
    const { container } = render(<SignInPage />)
    await waitFor(() => expect(container.querySelectorAll('.sign-in-person').length).toBeGreaterThan(0))
    fireEvent.click(container.querySelector('.sign-in-new-user') as HTMLElement)
    const openid = taroMock.storage.get(DEV_OPENID_KEY)
    expect(typeof openid).toBe('string')
    expect(openid as string).toMatch(/^wx-new-[a-z0-9]+$/)
    expect(people.map((p) => p.openid)).not.toContain(openid)
    expect(reLaunch).toHaveBeenCalledTimes(1)
    expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/me/index' })
  })

  it('shows an error with 重试 when the gateway is down', async () => {
    request.mockRejectedValueOnce(new Error('fail')).mockResolvedValueOnce({ statusCode: 200, data: people })
    const { container } = render(<SignInPage />)
    await screen.findByText('连不上本地服务，请确认已启动')
    fireEvent.click(screen.getByText('重试'))
    await waitFor(() => expect(container.querySelectorAll('.sign-in-person')).toHaveLength(5))
  })
})
