import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { SubscribeMoment } from '../../../types/contract/subscribe'
import { askSubscribe, shouldOffer } from '../../services/subscribe'
import { BigButton } from '../big-button'

export interface SubscribeAskProps {
  moment: SubscribeMoment
  /** The button's words, e.g. 取货前微信提醒我. */
  label: string
  /** What the toast says when the person accepts. */
  accepted?: string
  className?: string
}

/**
 * “微信提醒我”: asks for a one-time subscribe message from this tap (WeChat allows it only from a tap), remembers
 * the answer, and disappears once answered. Refusing changes nothing else.
 */
export function SubscribeAsk({ moment, label, accepted = '好的，到时微信提醒您', className }: SubscribeAskProps) {
  const [offer, setOffer] = useState(shouldOffer(moment))
  if (!offer) return null
  return (
    <BigButton
      type='plain'
      className={`cs-subscribe-ask ${className ?? ''}`}
      onClick={() =>
        void askSubscribe(moment).then((choice) => {
          setOffer(false)
          void Taro.showToast({ title: choice === 'accept' ? accepted : choice === 'unsupported' ? '在微信里打开才能收到提醒' : '好的，不提醒', icon: 'none' })
        })
      }
    >
      {label}
    </BigButton>
  )
}

export default SubscribeAsk
