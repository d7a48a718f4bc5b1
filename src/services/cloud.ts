import Taro from '@tarojs/taro'
import { cloudEnv } from '../utils/env'

let initialised = false

/** Initialises Taro.cloud once (production weapp transport). */
export function ensureCloud(): void {
  if (initialised) return
  initialised = true
  const env = cloudEnv()
  Taro.cloud.init(env ? { env, traceUser: true } : { traceUser: true })
}
