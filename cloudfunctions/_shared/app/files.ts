import { cloud } from '../runtime/cloud'

/** Temporary download URLs (1 h) for cloud file ids, in one storage call; ids without a URL are left out. */
export async function tempUrls(fileIds: Array<string | null | undefined>): Promise<Map<string, string>> {
  const ids = [...new Set(fileIds.filter((f): f is string => !!f))]
  if (!ids.length) return new Map()
  const res = (await cloud().getTempFileURL({ fileList: ids.map((f) => ({ fileID: f, maxAge: 3600 })) })) as {
    fileList: Array<{ fileID: string; tempFileURL: string }>
  }
  return new Map(res.fileList.filter((f) => f.tempFileURL).map((f) => [f.fileID, f.tempFileURL]))
}
