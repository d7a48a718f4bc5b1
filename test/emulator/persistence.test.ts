import fs from 'fs'
import os from 'os'
import path from 'path'
import { startTestEmulator } from './helpers'

describe('persistence', () => {
  let dir: string
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cunshe-emu-'))
  })
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('survives stop/start with Dates, ids, unique indexes and files intact', async () => {
    const dataFile = path.join(dir, 'nested', 'db.json')
    const at = new Date('2024-03-08T01:02:03.456Z')
    {
      const { emu, app } = await startTestEmulator({ dataFile })
      const db = app.database()
      await db.collection('items').add({ _id: 'p1', code: 'keep', at, deep: { when: at, list: [at] }, n: 1.5 })
      await db.collection('accounts').add({ _id: 42 as unknown as string, v: 'numeric id' })
      await app.uploadFile({ cloudPath: 'a/b.txt', fileContent: Buffer.from('persisted') })
      await emu.stop()
    }
    expect(fs.existsSync(dataFile)).toBe(true)
    expect(fs.readdirSync(path.dirname(dataFile)).filter((f) => f.endsWith('.tmp'))).toEqual([])
    {
      const { emu, app } = await startTestEmulator({ dataFile })
      const db = app.database()
      const [doc] = (await db.collection('items').doc('p1').get()).data
      expect(doc).toEqual({ _id: 'p1', code: 'keep', at, deep: { when: at, list: [at] }, n: 1.5 })
      expect(doc.at).toBeInstanceOf(Date)
      expect(emu.engine.dump('accounts')).toEqual([{ _id: 42, v: 'numeric id' }])
      await expect(db.collection('items').add({ code: 'keep' })).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' })
      const [file] = emu.engine.storageFiles()
      const down = await app.downloadFile({ fileID: file })
      expect(String(down.fileContent)).toBe('persisted')
      await emu.stop()
    }
  })

  it('writes debounced after the last write and on flush()', async () => {
    const dataFile = path.join(dir, 'db.json')
    const { emu, app } = await startTestEmulator({ dataFile })
    await app.database().collection('items').add({ code: 'd1' })
    expect(fs.existsSync(dataFile)).toBe(false)
    await new Promise((r) => setTimeout(r, 400))
    expect(JSON.parse(fs.readFileSync(dataFile, 'utf8')).collections.items).toHaveLength(1)
    emu.engine.insertRaw('items', [{ code: 'd2' }])
    await emu.engine.flush()
    expect(JSON.parse(fs.readFileSync(dataFile, 'utf8')).collections.items).toHaveLength(2)
    await emu.stop()
  })
})
