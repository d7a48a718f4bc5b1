import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import '../../../components/big-button/index.scss'
import { AgreeButton } from '@/components/privacy-gate'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { hasAgreed } from '@/services/privacy'
import '../notice.scss'

/** What personal data the app keeps, why, and who sees it. Mirrors the 用户隐私保护指引 declared in 公众平台. */
export const KEPT: Array<{ what: string; why: string; who: string }> = [
  { what: '姓名、性别、与户主关系、所在户和村组', why: '确认您是本村哪一户的人，积分记到您家', who: '本村工作人员；公示和排名只显示带星号的名字（如 王*锐）' },
  { what: '微信身份标识（openid）', why: '让这个微信号对应到您本人，不用每次登录', who: '只有系统使用，谁也看不到' },
  { what: '联系电话（村里登记时才有）', why: '村里办事时联系您', who: '本村工作人员；任何公开页面都不显示' },
  { what: '党员身份、是否流动党员', why: '把党员学习、组织生活的通知发给您', who: '本村党组织的负责人' },
  { what: '您拍的照片、上传的文件', why: '积分申报的凭证、反映问题的现场', who: '审核和办理的工作人员；公示只显示事项，不显示照片' },
  { what: '您反映的事情、评价', why: '村里办理并答复您', who: '办理的工作人员；选了匿名，其他村民看不到是谁' },
  { what: '阅读公告的记录', why: '告诉发布人还有谁没看到，好再通知一次', who: '发布公告的工作人员' },
  { what: '订阅消息的选择', why: '只在您同意后发一条提醒', who: '只保存在您的手机上' }
]

export default function PrivacyPage() {
  const [agreed, setAgreed] = useState(hasAgreed())
  return (
    <Page className='nt-privacy' title='村社通隐私保护指引' hidePrivacyNotice>
      <View className='nt-text'>
        村社通由村（社区）和镇里使用，帮助村民查积分、兑换、看通知、反映问题。我们只保存办事需要的信息，不卖给任何人，不用来打广告。
      </View>
      {KEPT.map((k) => (
        <Section key={k.what} className='nt-kept' title={k.what}>
          <View className='nt-text'>为什么：{k.why}</View>
          <View className='nt-muted'>谁能看到：{k.who}</View>
        </Section>
      ))}
      <Section title='您的权利'>
        <View className='nt-text'>您可以请村里工作人员查看、更正您的信息；搬走或去世后，村里会把人员标为已移出，公开页面不再显示。</View>
      </Section>
      {process.env.TARO_ENV === 'weapp' ? (
        <View className='nt-link' onClick={() => void Taro.openPrivacyContract({})}>
          查看微信里的隐私保护指引
        </View>
      ) : null}
      {agreed ? (
        <View className='nt-muted nt-privacy-agreed'>您已同意本指引</View>
      ) : (
        <AgreeButton className='cs-button cs-button--primary cs-button--large nt-privacy-agree' onAgreed={() => setAgreed(true)}>
          我已阅读并同意
        </AgreeButton>
      )}
    </Page>
  )
}
