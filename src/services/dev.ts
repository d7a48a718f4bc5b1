import Taro from '@tarojs/taro'
import type { PartyStatus, PersonClass, Role } from '../../types/contract'
import { gatewayUrl } from '../utils/env'
import { CallError } from './call'

/** One row of the local gateway's GET /dev/people (local builds only). */
export interface DevPerson {
  openid: string
  memberId: string
  name: string
  personClass: PersonClass
  partyStatus: PartyStatus | null
  householdName: string | null
  villageName: string
  roles: Array<{ role: Role; label: string; orgName: string }>
}

export async function listDevPeople(): Promise<DevPerson[]> {
  let res: Taro.request.SuccessCallbackResult<string | Record<string, unknown> | ArrayBuffer>
  try {
    res = await Taro.request({ url: `${gatewayUrl()}/dev/people`, method: 'GET', dataType: 'json' })
  } catch {
    throw new CallError('NET.FAILED', '连不上本地服务，请确认已启动')
  }
  if (res.statusCode !== 200 || !Array.isArray(res.data)) {
    throw new CallError('SYS.INTERNAL', '读取演示人员失败')
  }
  return res.data as DevPerson[]
}

/** One row of the local gateway's GET /dev/subscribe-sends: a subscribe message the functions tried to send. */
export interface DevSend {
  id: string
  memberId: string | null
  name: string
  kind: string
  title: string
  page: string
  values: Array<{ key: string; value: string }>
  ok: boolean
  errcode: number | null
  errmsg: string | null
  at: string
}

export async function listDevSends(): Promise<DevSend[]> {
  let res: Taro.request.SuccessCallbackResult<string | Record<string, unknown> | ArrayBuffer>
  try {
    res = await Taro.request({ url: `${gatewayUrl()}/dev/subscribe-sends`, method: 'GET', dataType: 'json' })
  } catch {
    throw new CallError('NET.FAILED', '连不上本地服务，请确认已启动')
  }
  if (res.statusCode !== 200 || !Array.isArray(res.data)) throw new CallError('SYS.INTERNAL', '读取提醒记录失败')
  return res.data as DevSend[]
}
