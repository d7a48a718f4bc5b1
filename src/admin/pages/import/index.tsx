import { View } from '@tarojs/components'
import { useState } from 'react'
import { BigButton } from '@/components/big-button'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { ROSTER_ROLES } from '@/features/tiles'
import { showError } from '@/hooks/use-call'
import { useVillageScope } from '@/hooks/use-scope'
import { call, isCallError, newRequestId } from '@/services/call'
import { openDownload, pickFile, uploadFile } from '@/services/upload'
import { ScopePicker } from '../../components/scope-picker'
import { useParam } from '@/hooks/use-param'
import { ADMIN_SCOPE_KEY } from '../../shared'
import '../admin.scss'

export interface RowError {
  row: number
  message: string
}

/** error.details of ROSTER.IMPORT_INVALID: row-level messages. */
export function rowErrors(details: unknown): RowError[] {
  if (!Array.isArray(details)) return []
  return details
    .filter((d): d is RowError => typeof d === 'object' && d !== null && typeof (d as RowError).row === 'number' && typeof (d as RowError).message === 'string')
    .sort((a, b) => a.row - b.row)
}

type Step = 'idle' | 'uploading' | 'importing'

export default function ImportPage() {
  const { scopes, villages, current, choose } = useVillageScope(ROSTER_ROLES, { storageKey: ADMIN_SCOPE_KEY, preferred: useParam('villageId') || undefined })
  const villageId = current?.id ?? ''
  const [step, setStep] = useState<Step>('idle')
  const [result, setResult] = useState<{ households: number; members: number } | null>(null)
  const [failure, setFailure] = useState<{ message: string; rows: RowError[] } | null>(null)
  const [exporting, setExporting] = useState(false)
  const [exported, setExported] = useState<{ url: string; rows: number } | null>(null)

  const runImport = async () => {
    setResult(null)
    setFailure(null)
    const file = await pickFile('xlsx')
    if (!file) return
    try {
      setStep('uploading')
      const fileId = await uploadFile(file, 'roster_import')
      setStep('importing')
      setResult(await call('identity', 'importRoster', { villageId, fileId }, { requestId: newRequestId() }))
    } catch (e) {
      setFailure({ message: isCallError(e) ? e.message : '导入失败', rows: isCallError(e) ? rowErrors(e.details) : [] })
    } finally {
      setStep('idle')
    }
  }

  const runExport = async () => {
    setExporting(true)
    try {
      const res = await call('identity', 'exportRoster', { villageId })
      setExported({ url: res.url, rows: res.rows })
      await openDownload(res.url, res.fileName)
    } catch (e) {
      showError(e)
    } finally {
      setExporting(false)
    }
  }

  if (scopes.loading && !scopes.data) return <Page><LoadingView /></Page>
  if (scopes.error) return <Page><ErrorView error={scopes.error} onRetry={() => void scopes.reload()} /></Page>
  if (!current) return <Page><EmptyState text='您暂无管理权限' /></Page>

  return (
    <Page className='admin-import' title={`${current.name} 名册导入导出`}>
      <ScopePicker villages={villages} currentId={villageId} onChange={choose} />
      <Section title='从表格导入'>
        <View className='cs-muted'>选择一个 xlsx 表格。表格里只要有一行出错，就一行都不导入，请按提示改好后再导。</View>
        <BigButton className='admin-import-pick' loading={step !== 'idle'} onClick={() => void runImport()}>
          {step === 'uploading' ? '正在上传…' : step === 'importing' ? '正在导入…' : '选择表格并导入'}
        </BigButton>
        {result ? (
          <View className='admin-result admin-import-result'>
            导入成功：{result.households} 户，{result.members} 人
          </View>
        ) : null}
        {failure ? (
          <View className='admin-import-failure'>
            <View className='cs-danger-text'>{failure.message}</View>
            {failure.rows.length > 0 ? (
              <View className='admin-row-errors'>
                {failure.rows.map((r) => (
                  <View key={`${r.row}-${r.message}`} className='admin-row-error'>
                    第 {r.row} 行：{r.message}
                  </View>
                ))}
              </View>
            ) : null}
          </View>
        ) : null}
      </Section>
      <Section title='导出名册'>
        <BigButton type='plain' className='admin-export' loading={exporting} onClick={() => void runExport()}>
          {exporting ? '正在导出…' : '导出为表格'}
        </BigButton>
        {exported ? (
          <View className='admin-export-result cs-muted'>
            已导出 {exported.rows} 行。{process.env.TARO_ENV === 'h5' ? '' : '如果没有自动打开，请再点一次。'}
          </View>
        ) : null}
      </Section>
    </Page>
  )
}
