import { CallError, call, callSettings } from '../../src/services/call'
import { DEV_OPENID_KEY } from '../../src/services/session'
import { callsTo, fail, mockFunctions, ok, resetAll } from './helpers'
import { cloud, request, taroMock } from './mocks/taro'

const me = { member: { name: '王小锐' }, household: null, roles: [], points: null }

beforeEach(resetAll)

describe('call() over Taro.cloud (production weapp)', () => {
  it('returns the data of an ok envelope and sends {action, data} without a requestId for queries', async () => {
    mockFunctions({ 'identity.me': () => ok(me) })
    await expect(call('identity', 'me', {})).resolves.toEqual(me)
    expect(cloud.callFunction).toHaveBeenCalledTimes(1)
    const arg = cloud.callFunction.mock.calls[0][0]
    expect(arg.name).toBe('identity')
    expect(arg.data).toEqual({ action: 'me', data: {} })
    expect(cloud.init).toHaveBeenCalled()
  })

  it('throws CallError with the server code, Chinese message and details', async () => {
    const details = [{ row: 3, message: '户号重复' }]
    mockFunctions({ 'identity.importRoster': () => fail('ROSTER.IMPORT_INVALID', '表格里有错误，一行都没有导入', details) })
    const err = await call('identity', 'importRoster', { villageId: 'v1', fileId: 'f1' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(CallError)
    expect(err).toMatchObject({ code: 'ROSTER.IMPORT_INVALID', message: '表格里有错误，一行都没有导入', details })
  })

  it('retries a mutation after transport failures with the SAME requestId', async () => {
    cloud.callFunction
      .mockRejectedValueOnce(new Error('timeout'))
      .mockRejectedValueOnce(new Error('network'))
      .mockResolvedValueOnce({ result: ok({ grantId: 'g1' }) })
    await expect(call('identity', 'grantRole', { memberId: 'm1', role: 'grid_worker', orgId: 'v1' })).resolves.toEqual({ grantId: 'g1' })
    const ids = callsTo('identity.grantRole').map((e) => e.requestId)
    expect(ids).toHaveLength(3)
    expect(ids[0]).toMatch(/^[A-Za-z0-9_-]{8,80}$/)
    expect(new Set(ids).size).toBe(1)
  })

  it('gives up after 3 retries with NET.FAILED', async () => {
    cloud.callFunction.mockRejectedValue(new Error('offline'))
    const err = await call('identity', 'removeMember', { memberId: 'm1' }).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'NET.FAILED' })
    expect((err as CallError).message).toMatch(/网络/)
    expect(cloud.callFunction).toHaveBeenCalledTimes(1 + callSettings.backoffMs.length)
  })

  it('does not retry envelope errors', async () => {
    mockFunctions({ 'identity.revokeRole': () => fail('AUTH.FORBIDDEN', '您没有权限做这件事') })
    await expect(call('identity', 'revokeRole', { grantId: 'g1' })).rejects.toMatchObject({ code: 'AUTH.FORBIDDEN', message: '您没有权限做这件事' })
    expect(cloud.callFunction).toHaveBeenCalledTimes(1)
  })

  it('uses the requestId given for a re-submittable intent and makes a new one per call otherwise', async () => {
    mockFunctions({ 'identity.createInvite': () => ok({ code: 'AB12CD', expiresAt: '2026-12-01T00:00:00+08:00' }) })
    await call('identity', 'createInvite', { memberId: 'm1' }, { requestId: 'intent-0001' })
    await call('identity', 'createInvite', { memberId: 'm1' }, { requestId: 'intent-0001' })
    await call('identity', 'createInvite', { memberId: 'm1' })
    await call('identity', 'createInvite', { memberId: 'm1' })
    const ids = callsTo('identity.createInvite').map((e) => e.requestId)
    expect(ids[0]).toBe('intent-0001')
    expect(ids[1]).toBe('intent-0001')
    expect(ids[2]).not.toBe(ids[3])
  })

  it('rejects invalid input before sending, with the schema\'s Chinese message', async () => {
    const err = await call('identity', 'bindInvite', { code: 'ab' }).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'INPUT.INVALID', message: '邀请码是6到8位字母或数字' })
    expect(cloud.callFunction).not.toHaveBeenCalled()
  })

  it('maps zod\'s English default messages to Chinese', async () => {
    const err = await call('identity', 'getHousehold', { householdId: '' }).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'INPUT.INVALID' })
    expect((err as CallError).message).toMatch(/[\u4e00-\u9fa5]/)
  })

  it('sends parsed input (trimmed, defaults applied)', async () => {
    mockFunctions({ 'identity.listHouseholds': () => ok({ items: [], total: 0 }) })
    await call('identity', 'listHouseholds', { villageId: 'v1' })
    expect(callsTo('identity.listHouseholds')[0].data).toEqual({ villageId: 'v1', offset: 0, limit: 50 })
  })

  it('treats a result that is not an envelope as SYS.INTERNAL', async () => {
    cloud.callFunction.mockResolvedValue({ result: 'oops' })
    await expect(call('identity', 'me', {})).rejects.toMatchObject({ code: 'SYS.INTERNAL' })
    expect(cloud.callFunction).toHaveBeenCalledTimes(1)
  })
})

describe('call() over the local gateway', () => {
  beforeEach(() => {
    process.env.TARO_APP_LOCAL = '1'
    process.env.TARO_APP_GATEWAY = 'http://127.0.0.1:8787/'
    taroMock.storage.set(DEV_OPENID_KEY, 'oDEV-1')
  })

  it('POSTs the event to GATEWAY/api/<fn> with the dev openid header', async () => {
    request.mockResolvedValue({ statusCode: 200, data: ok(me) })
    await expect(call('identity', 'me', {})).resolves.toEqual(me)
    const opts = request.mock.calls[0][0]
    expect(opts.url).toBe('http://127.0.0.1:8787/api/identity')
    expect(opts.method).toBe('POST')
    expect(opts.data).toEqual({ action: 'me', data: {} })
    expect(opts.header['x-cunshe-openid']).toBe('oDEV-1')
    expect(cloud.callFunction).not.toHaveBeenCalled()
  })

  it('retries 5xx without an envelope and rejected requests, keeping the requestId', async () => {
    request
      .mockResolvedValueOnce({ statusCode: 502, data: 'Bad Gateway' })
      .mockRejectedValueOnce(new Error('request:fail timeout'))
      .mockResolvedValueOnce({ statusCode: 200, data: ok({ memberId: 'm9' }) })
    const input = { householdId: 'h1', name: '李四', gender: 'M' as const, relation: '子', personClass: 'masses' as const }
    await expect(call('identity', 'saveMember', input)).resolves.toEqual({ memberId: 'm9' })
    const ids = request.mock.calls.map((c: [{ data: { requestId: string } }]) => c[0].data.requestId)
    expect(ids).toHaveLength(3)
    expect(new Set(ids).size).toBe(1)
  })

  it('returns envelope errors even with an HTTP error status, without retrying', async () => {
    request.mockResolvedValue({ statusCode: 403, data: fail('AUTH.UNBOUND', '您还没有绑定身份，请先输入邀请码') })
    await expect(call('identity', 'me', {})).rejects.toMatchObject({ code: 'AUTH.UNBOUND', message: '您还没有绑定身份，请先输入邀请码' })
    expect(request).toHaveBeenCalledTimes(1)
  })

  it('parses a JSON string body', async () => {
    request.mockResolvedValue({ statusCode: 200, data: JSON.stringify(ok({ removed: true })) })
    await expect(call('identity', 'removeMember', { memberId: 'm1' })).resolves.toEqual({ removed: true })
  })

  it('omits the openid header when nobody signed in', async () => {
    taroMock.storage.clear()
    request.mockResolvedValue({ statusCode: 200, data: ok(me) })
    await call('identity', 'me', {})
    expect(request.mock.calls[0][0].header['x-cunshe-openid']).toBeUndefined()
  })
})
