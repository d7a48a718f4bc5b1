import Taro from '@tarojs/taro'
import { SUBSCRIBE_MOMENTS, SUBSCRIBE_TEMPLATES, type SubscribeMoment } from '../../types/contract/subscribe'

/** What the person answered last time at each moment, so the app does not ask again after 总是保持以上选择. */
const KEY = 'cunshe.subscribeChoices'

export type SubscribeChoice = 'accept' | 'reject' | 'ban' | 'filter' | 'unsupported'

export function rememberedChoice(moment: SubscribeMoment): SubscribeChoice | null {
  const all = (Taro.getStorageSync(KEY) || {}) as Partial<Record<SubscribeMoment, SubscribeChoice>>
  return all[moment] ?? null
}

function remember(moment: SubscribeMoment, choice: SubscribeChoice) {
  const all = (Taro.getStorageSync(KEY) || {}) as Partial<Record<SubscribeMoment, SubscribeChoice>>
  Taro.setStorageSync(KEY, { ...all, [moment]: choice })
}

/**
 * Asks for one-time subscribe messages for a moment. Call it only from a tap (WeChat refuses otherwise). One-time
 * subscriptions are used up by each message, so a person who accepted is asked again next time; a person who
 * refused is not asked again from the same moment. Never throws: a refusal changes nothing else.
 */
export async function askSubscribe(moment: SubscribeMoment): Promise<SubscribeChoice> {
  const prior = rememberedChoice(moment)
  if (prior === 'reject' || prior === 'ban') return prior
  if (process.env.TARO_ENV !== 'weapp' || typeof Taro.requestSubscribeMessage !== 'function') {
    remember(moment, 'unsupported')
    return 'unsupported'
  }
  const ids: string[] = SUBSCRIBE_MOMENTS[moment].map((k) => SUBSCRIBE_TEMPLATES[k].id)
  try {
    const res = (await Taro.requestSubscribeMessage({ tmplIds: ids, entityIds: [] } as never)) as unknown as Record<string, string>
    const answers = ids.map((id) => res[id])
    const choice: SubscribeChoice = answers.includes('accept') ? 'accept' : answers.includes('ban') ? 'ban' : answers.includes('filter') ? 'filter' : 'reject'
    remember(moment, choice)
    return choice
  } catch {
    return 'reject'
  }
}

/** Whether to offer the “提醒我” button at this moment. */
export function shouldOffer(moment: SubscribeMoment): boolean {
  const prior = rememberedChoice(moment)
  return prior !== 'reject' && prior !== 'ban'
}
