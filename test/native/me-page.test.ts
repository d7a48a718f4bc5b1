/**
 * The 我的 page of the REAL weapp build (dist/weapp, or CUNSHE_WEAPP_DIR) rendered by miniprogram-simulate with the
 * official wcc compiler. Cloud functions are faked at `wx.cloud.callFunction` (what Taro.cloud is in a weapp build).
 */
import { bootPage, textOf, waitFor, type BootedPage, type CloudRequest } from './harness'
import { meOutput } from '../ui/fixtures/identity'

/** Storage key of the large-type choice (src/hooks/use-large-type.ts; importing it would pull in @tarojs/taro). */
const LARGE_TYPE_KEY = 'cunshe.largeType'

const ME = meOutput({
  roles: [
    { id: 'g1', role: 'secretary', orgId: 'v1', orgName: '红星村', orgKind: 'village' },
    { id: 'g2', role: 'grid_worker', orgId: 'grid3', orgName: '第三网格', orgKind: 'grid' }
  ]
})

/** Envelope for identity.me; anything else is a test bug and fails loudly through the page's error view. */
function identityMe(envelope: unknown) {
  return (req: CloudRequest): unknown => {
    if (req.name === 'identity' && req.data.action === 'me') return envelope
    return { ok: false, error: { code: 'ACTION.UNKNOWN', message: `unexpected call ${req.name}.${String(req.data.action)}` } }
  }
}

function pageText(booted: BootedPage): () => string {
  return () => `page text: "${textOf(booted.page)}"`
}

let booted: BootedPage | undefined
afterEach(() => {
  booted?.close()
  booted = undefined
})

describe('weapp build: pages/me/index', () => {
  it('renders the member from identity.me and switches to large type on tap', async () => {
    booted = bootPage('pages/me/index', { cloud: identityMe({ ok: true, data: ME }) })
    const { page, wx } = booted

    const name = await waitFor(() => page.querySelector('.me-name'), pageText(booted))
    expect(textOf(name)).toBe('王小锐')
    expect(wx.cloud.callFunction).toHaveBeenCalledTimes(1)
    expect(wx.cloud.callFunction).toHaveBeenCalledWith({ name: 'identity', data: { action: 'me', data: {} } })

    const roleLabels = page.querySelectorAll('.me-role-item__label').map(textOf)
    expect(roleLabels).toEqual(['书记', '网格员'])
    expect(textOf(page.querySelector('.me-household__code'))).toBe('3-012')
    expect(textOf(page)).toContain('户号3-012')

    // The page root is Page's `cs-page` view; large type is off until the toggle is tapped.
    const root = page.querySelector('.cs-page')
    expect(root?.dom).toBe(page.dom?.firstElementChild)
    expect(page.querySelector('.cs-page--large')).toBeUndefined()
    const toggle = page.querySelector('.large-type-toggle')
    expect(toggle).toBeDefined()
    expect(textOf(toggle)).toContain('已关闭')

    toggle?.dispatchEvent('tap')

    const large = await waitFor(() => page.querySelector('.cs-page.cs-page--large'), pageText(booted))
    expect(large.dom).toBe(page.dom?.firstElementChild)
    expect(large.dom?.getAttribute('style')).toContain('--cs-scale: 1.35')
    expect(textOf(page.querySelector('.large-type-toggle'))).toContain('已开启')
    expect(wx.setStorageSync).toHaveBeenCalledTimes(1)
    expect(wx.setStorageSync).toHaveBeenCalledWith(LARGE_TYPE_KEY, '1')
    expect(booted.storage.get(LARGE_TYPE_KEY)).toBe('1')
  })

  it('shows the bind form when identity.me answers AUTH.UNBOUND', async () => {
    booted = bootPage('pages/me/index', {
      cloud: identityMe({ ok: false, error: { code: 'AUTH.UNBOUND', message: '您还没有绑定身份，请先输入邀请码' } })
    })
    const { page, wx } = booted

    const bind = await waitFor(() => page.querySelector('.me-bind'), pageText(booted))
    expect(textOf(bind)).toContain('请输入村里工作人员给您的邀请码')
    expect(page.querySelector('.me-name')).toBeUndefined()
    expect(page.querySelector('.cs-error')).toBeUndefined()
    expect(wx.cloud.callFunction).toHaveBeenCalledTimes(1)
    expect(wx.cloud.callFunction).toHaveBeenCalledWith({ name: 'identity', data: { action: 'me', data: {} } })
  })
})
