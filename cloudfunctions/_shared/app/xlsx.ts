import ExcelJS from 'exceljs'
import { cloud } from '../runtime/cloud'
import type { Ctx } from '../runtime/create-handler'
import { storeExport } from './files'
import { AppError } from '../runtime/app-error'
import { exportFileName } from '../domain/file-names'

export interface Sheet {
  name: string
  columns: Array<{ header: string; key: string; width?: number }>
  rows: Array<object>
}

/**
 * Writes sheets to an xlsx export for the caller (see storeExport: unguessable storage path, owner recorded,
 * deleted after 24 h) and returns its file id, a download URL and the plain-Chinese name the app saves it under
 * (domain/file-names.ts).
 */
export async function exportXlsx(ctx: Ctx, baseName: string, sheets: Sheet[], fileName?: string): Promise<{ fileId: string; url: string; fileName: string }> {
  const wb = new ExcelJS.Workbook()
  wb.creator = '村社通'
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name)
    ws.columns = s.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 14 }))
    ws.getRow(1).font = { bold: true }
    for (const r of s.rows) ws.addRow(r as Record<string, unknown>)
  }
  const stored = await storeExport(ctx, baseName, Buffer.from(await wb.xlsx.writeBuffer()))
  return { ...stored, fileName: fileName ?? exportFileName([baseName]) }
}

/** Reads the first sheet of an uploaded xlsx into header-keyed rows (row numbers as in Excel). */
export async function readXlsx(fileId: string): Promise<Array<{ row: number; values: Record<string, string> }>> {
  let content: Buffer
  try {
    const res = (await cloud().downloadFile({ fileID: fileId })) as { fileContent: Buffer }
    content = res.fileContent
  } catch {
    throw new AppError('NOT_FOUND', undefined, '没有找到上传的表格文件')
  }
  const wb = new ExcelJS.Workbook()
  try {
    await wb.xlsx.load(content as unknown as ArrayBuffer)
  } catch {
    throw new AppError('INPUT.INVALID', undefined, '文件不是有效的 Excel 表格（.xlsx）')
  }
  const ws = wb.worksheets[0]
  if (!ws) throw new AppError('INPUT.INVALID', undefined, '表格是空的')
  const headers: string[] = []
  ws.getRow(1).eachCell((cell, col) => {
    headers[col] = String(cell.text ?? '').trim()
  })
  const out: Array<{ row: number; values: Record<string, string> }> = []
  ws.eachRow((r, rowNumber) => {
    if (rowNumber === 1) return
    const values: Record<string, string> = {}
    let any = false
    r.eachCell({ includeEmpty: false }, (cell, col) => {
      const h = headers[col]
      if (!h) return
      const text = String(cell.text ?? '').trim()
      if (text) any = true
      values[h] = text
    })
    if (any) out.push({ row: rowNumber, values })
  })
  return out
}
