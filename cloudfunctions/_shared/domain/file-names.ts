/**
 * Names of exported files in plain Chinese, e.g. 前进嘎查-2026年第4季度-积分汇总.xlsx: what a secretary reads in a
 * chat or a folder. Characters that file systems or chat apps refuse are replaced.
 */

/** A period key (2026, 2026-Q4, 2026-11, 2026-W48, 2026-11-24) in words. */
export function periodLabel(key: string): string {
  let m = /^(\d{4})-Q([1-4])$/.exec(key)
  if (m) return `${m[1]}年第${m[2]}季度`
  m = /^(\d{4})-W(\d{2})$/.exec(key)
  if (m) return `${m[1]}年第${Number(m[2])}周`
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key)
  if (m) return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`
  m = /^(\d{4})-(\d{2})$/.exec(key)
  if (m) return `${m[1]}年${Number(m[2])}月`
  m = /^(\d{4})$/.exec(key)
  if (m) return `${m[1]}年`
  return key
}

/** Joins the parts with '-' and adds the extension; never empty, never a path. */
export function exportFileName(parts: string[], ext = 'xlsx'): string {
  const clean = parts
    .map((p) => p.replace(/[\\/:*?"<>|\r\n\t]+/g, ' ').replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('-')
  return `${clean || '导出'}.${ext}`
}
