import type { Emulator } from '../../emulator'
import { App, codeOf, startTestEmulator } from './helpers'

let emu: Emulator
let app: App
const invoked: Array<{ name: string; event: unknown }> = []

beforeAll(async () => {
  ;({ emu, app } = await startTestEmulator({
    invokeFunction: async (name, event) => {
      invoked.push({ name, event })
      if (name === 'boom') throw new Error('kaput')
      return { ok: true, data: { echo: event, at: 'x' } }
    }
  }))
})
afterAll(async () => {
  await emu.stop()
})

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47])

describe('storage through the real SDK', () => {
  it('uploads, lists, gives a download URL that serves the bytes, downloads and deletes', async () => {
    const bytes = Buffer.from('hello 村社 photo bytes')
    const up = await app.uploadFile({ cloudPath: 'claims/2024/照片 1.jpg', fileContent: bytes })
    expect(up.fileID).toBe(`cloud://${emu.envId}.${emu.envId}-1250000000/claims/2024/照片 1.jpg`)
    expect(emu.engine.storageFiles()).toEqual([up.fileID])

    const urls = await app.getTempFileURL({ fileList: [up.fileID, `cloud://${emu.envId}.${emu.envId}-1250000000/missing.png`] })
    expect(urls.fileList[0]).toMatchObject({ fileID: up.fileID, code: 'SUCCESS' })
    expect(urls.fileList[1]).toMatchObject({ code: 'STORAGE_FILE_NONEXIST' })
    const res = await fetch(encodeURI(urls.fileList[0].tempFileURL))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/jpeg')
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes)

    const down = await app.downloadFile({ fileID: up.fileID })
    expect(down.fileContent).toEqual(bytes)

    const del = await app.deleteFile({ fileList: [up.fileID] })
    expect(del.fileList).toEqual([{ fileID: up.fileID, code: 'SUCCESS' }])
    expect(emu.engine.storageFiles()).toEqual([])
    expect((await fetch(encodeURI(urls.fileList[0].tempFileURL))).status).toBe(404)
  })
})

describe('functions.invokeFunction', () => {
  it('calls the configured handler and returns its result like app.callFunction', async () => {
    const r = await app.callFunction({ name: 'points', data: { action: 'ping', data: { n: 1 } } })
    expect(r.result).toEqual({ ok: true, data: { echo: { action: 'ping', data: { n: 1 } }, at: 'x' } })
    expect(invoked.at(-1)).toEqual({ name: 'points', event: { action: 'ping', data: { n: 1 } } })
    expect(await codeOf(app.callFunction({ name: 'boom', data: {} }))).toBe('FUNCTIONS_EXECUTE_FAIL')
  })
})

describe('WeChat open API fakes', () => {
  it('msgSecCheck passes normal text and flags the risky marker; everything is recorded', async () => {
    const ok = await app.callWxOpenApi({ apiName: 'security.msgSecCheck', requestData: { content: '今天开会', version: 2, scene: 1, openid: 'o1' } })
    expect(ok.result).toMatchObject({ errcode: 0, result: { suggest: 'pass' } })
    const risky = await app.callWxOpenApi({ apiName: '/wxa/msg_sec_check', requestData: { content: '这是违禁测试内容', version: 2, scene: 1, openid: 'o1' } })
    expect(risky.result).toMatchObject({ errcode: 0, result: { suggest: 'risky' } })
    const v1 = await app.callWxOpenApi({ apiName: 'security.msgSecCheck', requestData: { content: '违禁测试' } })
    expect(v1.result).toMatchObject({ errcode: 87014 })
    const sent = await app.callWxOpenApi({
      apiName: 'subscribeMessage.send',
      requestData: { touser: 'o1', templateId: 't1', data: { thing1: { value: '审核通过' } } }
    })
    expect(sent.result).toEqual({ errcode: 0, errmsg: 'ok' })
    const calls = emu.engine.openApiCalls()
    expect(calls.map((c) => c.api)).toEqual(['security.msgSecCheck', 'security.msgSecCheck', 'security.msgSecCheck', 'subscribeMessage.send'])
    expect(calls[3].data).toMatchObject({ touser: 'o1', templateId: 't1' })
  })

  it('wxacode.getUnlimited returns a real PNG (wx.api base64, wx.openApi raw, /wxapi plain)', async () => {
    const viaApi = await app.callWxOpenApi({ apiName: 'wxacode.getUnlimited', requestData: { scene: 'inv=abc', page: 'pages/index/index' } })
    const result = viaApi.result as { contentType: string; buffer: string }
    expect(result.contentType).toBe('image/png')
    expect(Buffer.from(result.buffer, 'base64').subarray(0, 4)).toEqual(PNG_MAGIC)

    const raw = (await app.callCompatibleWxOpenApi({
      apiName: 'wxacode.getUnlimited',
      requestData: Buffer.from(JSON.stringify({ scene: 'inv=abc' }))
    })) as Buffer
    expect(raw.subarray(0, 4)).toEqual(PNG_MAGIC)

    const plain = await fetch(`${emu.url}/wxapi/wxacode.getUnlimited`, { method: 'POST', body: JSON.stringify({ scene: 's' }) })
    expect(plain.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await plain.arrayBuffer()).subarray(0, 4)).toEqual(PNG_MAGIC)
    const plainCheck = await fetch(`${emu.url}/wxapi/security.msgSecCheck`, { method: 'POST', body: JSON.stringify({ content: '违禁测试', version: 2 }) })
    expect(await plainCheck.json()).toMatchObject({ result: { suggest: 'risky' } })
    expect(await codeOf(app.callWxOpenApi({ apiName: 'nope.unknown', requestData: {} }))).toBe('EMULATOR_UNSUPPORTED_ACTION')
  })
})
