import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { PARTY_STATUS_LABELS, PERSON_CLASS_LABELS, ROLE_LABELS, type MeOutput } from '../../../types/contract'
import { BigButton } from '../../components/big-button'
import { ErrorView } from '../../components/error-view'
import { LoadingView } from '../../components/loading-view'
import { Page } from '../../components/page'
import { Section } from '../../components/section'
import { useLargeType } from '../../hooks/use-large-type'
import { useMe } from '../../hooks/use-me'
import { signOut } from '../../services/session'
import { isLocal } from '../../utils/env'
import { BindForm } from './bind-form'
import './index.scss'

export const DEV_SIGN_IN_URL = '/dev/pages/sign-in/index'

function goSignIn(): void {
  void Taro.navigateTo({ url: DEV_SIGN_IN_URL })
}

function switchIdentity(): void {
  signOut()
  goSignIn()
}

export function classLabel(member: MeOutput['member']): string {
  const cls = PERSON_CLASS_LABELS[member.personClass]
  return member.partyStatus ? `${cls} · ${PARTY_STATUS_LABELS[member.partyStatus]}` : cls
}

function Profile({ me }: { me: MeOutput }) {
  const { member, household, roles, points } = me
  return (
    <View>
      <Section className='me-card'>
        <View className='me-name'>{member.name}</View>
        <View className='me-class'>{classLabel(member)}</View>
        <View className='me-village'>{member.orgPathNames.length > 0 ? member.orgPathNames.join(' · ') : member.villageName}</View>
      </Section>

      {points ? (
        <Section title='我家积分' className='me-points'>
          <View className='me-points__balance'>
            <View className='me-points__number'>{points.balance}</View>
            <View className='cs-muted'>可用积分</View>
          </View>
          <View className='cs-row'>
            <View className='cs-row__label'>本季度</View>
            <View className='cs-row__value'>{points.quarterPoints} 分</View>
          </View>
          <View className='cs-row'>
            <View className='cs-row__label'>今年</View>
            <View className='cs-row__value'>{points.yearPoints} 分</View>
          </View>
        </Section>
      ) : null}

      <Section title='我的职务' className='me-roles'>
        {roles.length === 0 ? (
          <View className='cs-muted me-roles__none'>村民（没有管理职务）</View>
        ) : (
          roles.map((r) => (
            <View key={r.id} className='cs-row me-role-item'>
              <View className='me-role-item__label'>{ROLE_LABELS[r.role]}</View>
              <View className='cs-row__value me-role-item__org'>{r.orgName}</View>
            </View>
          ))
        )}
      </Section>

      <Section title='我的家' className='me-household'>
        {household ? (
          <View>
            <View className='cs-row'>
              <View className='cs-row__label'>户号</View>
              <View className='cs-row__value me-household__code'>{household.code}</View>
            </View>
            <View className='cs-row'>
              <View className='cs-row__label'>住址</View>
              <View className='cs-row__value me-household__address'>{household.address}</View>
            </View>
            {household.gridName ? (
              <View className='cs-row'>
                <View className='cs-row__label'>网格</View>
                <View className='cs-row__value'>{household.gridName}</View>
              </View>
            ) : null}
            <View className='me-household__members'>
              {household.members.map((m) => (
                <View key={m.id} className='cs-row me-member'>
                  <View className='me-member__name'>
                    {m.name}
                    {m.isHead ? <View className='me-member__head'>户主</View> : null}
                  </View>
                  <View className='cs-row__value me-member__relation'>{m.relation}</View>
                </View>
              ))}
            </View>
          </View>
        ) : (
          <View className='cs-muted'>还没有登记到户</View>
        )}
      </Section>
    </View>
  )
}

function LargeTypeToggle() {
  const { large, toggle } = useLargeType()
  return (
    <View className={`large-type-toggle ${large ? 'large-type-toggle--on' : ''}`} onClick={toggle}>
      <View className='large-type-toggle__label'>大字模式</View>
      <View className='large-type-toggle__state'>{large ? '已开启' : '已关闭'}</View>
    </View>
  )
}

/** The one-time offer of large type on first use; answered either way, it is not shown again. */
function LargeTypeOffer() {
  const { offerPending, large, choose, dismissOffer } = useLargeType()
  if (!offerPending) return null
  return (
    <Section className='large-type-offer'>
      <View className='large-type-offer__text'>
        {large ? '已按微信的字号打开了大字模式。' : '字太小看不清？可以打开大字模式。'}以后在“我的”最上面随时开关。
      </View>
      <View className='large-type-offer__actions'>
        <BigButton className='large-type-offer__on' onClick={() => choose(true)}>
          {large ? '保持大字' : '打开大字'}
        </BigButton>
        <BigButton type='default' className='large-type-offer__off' onClick={() => {
            choose(false)
            dismissOffer()
          }}
        >
          {large ? '改回小字' : '不用了'}
        </BigButton>
      </View>
    </Section>
  )
}

export default function MePage() {
  const me = useMe()
  const local = isLocal()

  let body
  if (me.needsDevSignIn) {
    body = (
      <Section title='还没有登录' className='me-sign-in'>
        <View className='cs-muted'>本地环境：请选择一位演示人员登录</View>
        <BigButton className='me-go-sign-in' onClick={goSignIn}>
          去登录
        </BigButton>
      </Section>
    )
  } else if (me.loading && !me.data) {
    body = <LoadingView />
  } else if (me.unbound) {
    body = <BindForm onBound={() => void me.reload()} />
  } else if (me.error) {
    body = <ErrorView error={me.error} onRetry={() => void me.reload()} />
  } else if (me.data) {
    body = <Profile me={me.data} />
  }

  return (
    <Page className='me-page'>
      <LargeTypeOffer />
      <Section title='字号' className='me-large-type'>
        <LargeTypeToggle />
      </Section>
      {body}
      {local && !me.needsDevSignIn ? (
        <Section title='设置'>
          <BigButton type='default' className='me-switch' onClick={switchIdentity}>
            切换身份
          </BigButton>
        </Section>
      ) : null}
    </Page>
  )
}
