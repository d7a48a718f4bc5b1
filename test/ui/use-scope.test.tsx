import { act, render, waitFor } from '@testing-library/react'
import type { Role } from '../../types/contract'
import { useVillageScope, type VillageScopeOptions } from '../../src/hooks/use-scope'
import { callsTo, mockFunctions, ok, resetAll } from './helpers'
import { setStorageSync, taroMock } from './mocks/taro'

beforeEach(resetAll)

const SCOPES = [
  { id: 'v1', name: '红星村', kind: 'village', parentId: 't1', path: ['t1'], roles: ['grid_worker'] },
  { id: 'v2', name: '前进村', kind: 'village', parentId: 't1', path: ['t1'], roles: ['staff', 'committee'] },
  { id: 'c3', name: '新华社区', kind: 'community', parentId: 't1', path: ['t1'], roles: ['staff'] },
  { id: 't1', name: '红星镇', kind: 'town', parentId: null, path: [], roles: ['staff'] },
  { id: 'g9', name: '第九网格', kind: 'grid', parentId: 'v1', path: ['t1', 'v1'], roles: ['grid_worker'] }
]

type Scope = ReturnType<typeof useVillageScope>

function Probe({ roles, options, onScope }: { roles: readonly Role[]; options: VillageScopeOptions; onScope: (s: Scope) => void }) {
  const scope = useVillageScope(roles, options)
  onScope(scope)
  return <div className='probe'>{scope.current?.id ?? ''}</div>
}

function mount(roles: readonly Role[], options: VillageScopeOptions) {
  let last: Scope | undefined
  const view = render(<Probe roles={roles} options={options} onScope={(s) => (last = s)} />)
  return { ...view, scope: () => last as Scope }
}

describe('useVillageScope (shared by admin, mall and points)', () => {
  it('lists only villages and communities where the caller holds one of the roles, the first chosen by default', async () => {
    mockFunctions({ 'identity.myScopes': () => ok(SCOPES) })
    const { scope } = mount(['staff'], { storageKey: 'k.test' })
    await waitFor(() => expect(scope().villages.map((v) => v.id)).toEqual(['v2', 'c3']))
    expect(scope().current?.id).toBe('v2')
    expect(scope().rolesHere).toEqual(['staff', 'committee'])
    expect(callsTo('identity.myScopes')).toHaveLength(1)
  })

  it('starts from the remembered village, and a preferred one wins over it', async () => {
    mockFunctions({ 'identity.myScopes': () => ok(SCOPES) })
    taroMock.storage.set('k.test', 'c3')
    const remembered = mount(['staff'], { storageKey: 'k.test' })
    await waitFor(() => expect(remembered.scope().current?.id).toBe('c3'))
    remembered.unmount()

    const preferred = mount(['staff'], { storageKey: 'k.test', preferred: 'v2' })
    await waitFor(() => expect(preferred.scope().current?.id).toBe('v2'))
  })

  it('falls back to the first village when the remembered one is not among them', async () => {
    mockFunctions({ 'identity.myScopes': () => ok(SCOPES) })
    taroMock.storage.set('k.test', 'v2')
    const { scope } = mount(['grid_worker'], { storageKey: 'k.test' })
    await waitFor(() => expect(scope().villages.map((v) => v.id)).toEqual(['v1']))
    expect(scope().current?.id).toBe('v1')
  })

  it('remembers a choice under its own key only', async () => {
    mockFunctions({ 'identity.myScopes': () => ok(SCOPES) })
    const { scope, container } = mount(['staff'], { storageKey: 'cunshe.mallVillage' })
    await waitFor(() => expect(scope().current?.id).toBe('v2'))
    act(() => scope().choose('c3'))
    expect(container.querySelector('.probe')?.textContent).toBe('c3')
    expect(setStorageSync).toHaveBeenCalledWith('cunshe.mallVillage', 'c3')
    expect(taroMock.storage.get('cunshe.pointsVillage')).toBeUndefined()
    expect(taroMock.storage.get('cunshe.adminVillage')).toBeUndefined()
  })
})
