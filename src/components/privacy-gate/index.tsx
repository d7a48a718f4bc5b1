import Taro from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import { useEffect, useState, type ReactNode } from 'react'
import { agree, disagree, needsConsent, onConsentChange } from '../../services/privacy'
import './index.scss'

export const PRIVACY_PAGE = '/notice/pages/privacy/index'

/** Agrees to the notice: WeChat's agreePrivacyAuthorization button in the mini program, a plain button elsewhere. */
export function AgreeButton({ className, children, onAgreed }: { className?: string; children?: ReactNode; onAgreed?: () => void }) {
  const weapp = process.env.TARO_ENV === 'weapp'
  const done = () => {
    agree('privacy-agree')
    onAgreed?.()
  }
  return (
    <Button
      id='privacy-agree'
      className={className}
      openType={weapp ? ('agreePrivacyAuthorization' as never) : undefined}
      onClick={() => {
        if (!weapp) done()
      }}
      onAgreePrivacyAuthorization={done}
    >
      {children}
    </Button>
  )
}

/**
 * The privacy notice on first use (and whenever WeChat asks for consent): what is kept and why, a link to the full
 * notice, and an agree button that is WeChat's agreePrivacyAuthorization button in the mini program.
 */
export function PrivacyGate() {
  const [open, setOpen] = useState(needsConsent())
  useEffect(() => onConsentChange(setOpen), [])
  if (!open) return null
  return (
    <View className='cs-privacy'>
      <View className='cs-privacy__box'>
        <View className='cs-privacy__title'>隐私保护提示</View>
        <View className='cs-privacy__text'>
          村社通会保存您的姓名、所在户和村组、联系电话（如有）和您办理的积分、兑换、反映事项，只用于村里的积分评议、公示和为您办事。公示和排名只显示打了星号的姓名，不显示电话和身份证号。
        </View>
        <View className='cs-privacy__link' onClick={() => void Taro.navigateTo({ url: PRIVACY_PAGE })}>
          查看《村社通隐私保护指引》
        </View>
        <View className='cs-privacy__actions'>
          <Button className='cs-privacy__no' onClick={() => disagree()}>
            暂不同意
          </Button>
          <AgreeButton className='cs-privacy__yes'>同意并继续</AgreeButton>
        </View>
      </View>
    </View>
  )
}

export default PrivacyGate
