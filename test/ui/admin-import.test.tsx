import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import ImportPage from '../../src/admin/pages/import/index'
import { callsTo, fail, mockFunctions, ok, resetAll } from './helpers'
import { chooseMessageFile, cloud, taroMock } from './mocks/taro'

const scopes = [{ id: 'v1', name: '红星村', kind: 'village', parentId: 't1', path: ['t1'], roles: ['staff'] }]

beforeEach(() => {
  resetAll()
  taroMock.router.params = { villageId: 'v1' }
  chooseMessageFile.mockResolvedValue({ tempFiles: [{ name: '名册.xlsx', size: 2048, path: 'wxfile://tmp/1.xlsx' }] })
  cloud.uploadFile.mockResolvedValue({ fileID: 'cloud://env/imports/1.xlsx' })
})

describe('roster import', () => {
  it('uploads the picked xlsx, imports it and reports counts', async () => {
    mockFunctions({ 'identity.myScopes': () => ok(scopes), 'identity.registerUpload': (data) => ok(data), 'identity.importRoster': () => ok({ households: 12, members: 40 }) })
    const { container } = render(<ImportPage />)
    fireEvent.click(await screen.findByText('选择表格并导入'))
    await waitFor(() => expect(container.querySelector('.admin-import-result')?.textContent).toBe('导入成功：12 户，40 人'))
    expect(cloud.uploadFile.mock.calls[0][0].filePath).toBe('wxfile://tmp/1.xlsx')
    expect(callsTo('identity.registerUpload')[0].data).toEqual({ fileId: 'cloud://env/imports/1.xlsx', purpose: 'roster_import' })
    expect(callsTo('identity.importRoster')[0].data).toEqual({ villageId: 'v1', fileId: 'cloud://env/imports/1.xlsx' })
  })

  it('lists row errors from error.details', async () => {
    mockFunctions({
      'identity.myScopes': () => ok(scopes),
      'identity.registerUpload': (data) => ok(data),
      'identity.importRoster': () => fail('ROSTER.IMPORT_INVALID', '表格里有错误，一行都没有导入', [{ row: 7, message: '手机号应为11位数字' }, { row: 3, message: '请填写姓名' }])
    })
    const { container } = render(<ImportPage />)
    fireEvent.click(await screen.findByText('选择表格并导入'))
    await screen.findByText('表格里有错误，一行都没有导入')
    const rows = Array.from(container.querySelectorAll('.admin-row-error')).map((el) => el.textContent)
    expect(rows).toEqual(['第 3 行：请填写姓名', '第 7 行：手机号应为11位数字'])
  })

  it('does nothing when the user cancels picking', async () => {
    chooseMessageFile.mockRejectedValue(new Error('cancel'))
    mockFunctions({ 'identity.myScopes': () => ok(scopes) })
    render(<ImportPage />)
    fireEvent.click(await screen.findByText('选择表格并导入'))
    await waitFor(() => expect(chooseMessageFile).toHaveBeenCalled())
    expect(cloud.uploadFile).not.toHaveBeenCalled()
    expect(callsTo('identity.importRoster')).toHaveLength(0)
  })

  it('says 您暂无管理权限 without a roster scope', async () => {
    mockFunctions({ 'identity.myScopes': () => ok([{ ...scopes[0], roles: ['grid_worker'] }]) })
    render(<ImportPage />)
    await screen.findByText('您暂无管理权限')
  })
})
