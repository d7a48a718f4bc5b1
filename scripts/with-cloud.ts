/**
 * Runs a maintenance task against a CloudBase environment: the real one when TENCENTCLOUD_SECRETID,
 * TENCENTCLOUD_SECRETKEY and TCB_ENV are set (the SDK talks to CloudBase), otherwise the local emulator
 * over the project's data file (.data/cunshe.json, or --data FILE).
 */
import { join } from 'path'
import { startLocalCloud } from '../emulator/local-cloud'

export async function withCloud<T>(task: () => Promise<T>): Promise<T> {
  if (process.env.TENCENTCLOUD_SECRETID && process.env.TENCENTCLOUD_SECRETKEY && process.env.TCB_ENV) return task()
  const i = process.argv.indexOf('--data')
  const dataFile = i >= 0 ? process.argv[i + 1] : join(__dirname, '..', '.data', 'cunshe.json')
  const local = await startLocalCloud({ dataFile })
  try {
    return await task()
  } finally {
    await local.stop()
  }
}
