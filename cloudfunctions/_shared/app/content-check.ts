import type { Ctx } from '../runtime/create-handler'
import { cloud } from '../runtime/cloud'
import { AppError } from '../runtime/app-error'

/**
 * WeChat content security (msgSecCheck v2) on user text before it is stored or shown to others.
 * Blocks on 'risky'; a WeChat outage never blocks a villager (fails open, the text stays reviewable by staff).
 */
export async function checkText(ctx: Ctx, text: string): Promise<void> {
  const content = text.trim()
  if (!content || !ctx.openid) return
  let suggest: string | undefined
  try {
    const res = (await cloud().callWxOpenApi({
      apiName: '/wxa/msg_sec_check',
      requestData: { content: content.slice(0, 2500), version: 2, scene: 2, openid: ctx.openid }
    })) as { result?: { errcode?: number; result?: { suggest?: string } } }
    suggest = res.result?.result?.suggest
    if (!suggest && res.result?.errcode === 87014) suggest = 'risky'
  } catch {
    return
  }
  if (suggest === 'risky') throw new AppError('CONTENT.RISKY')
}
