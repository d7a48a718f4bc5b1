import Taro from '@tarojs/taro'
import { Image, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import { contract } from '../../../../types/contract'
import { BigButton } from '@/components/big-button'
import { ChoiceField } from '@/components/choice-field'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { FormField } from '@/components/form-field'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { showError, useQuery } from '@/hooks/use-call'
import { call, newRequestId } from '@/services/call'
import { pickFile, uploadFile } from '@/services/upload'
import { fieldErrors } from '@/utils/form'
import { ConfirmDialog } from '@/components/confirm-dialog'
import { useParam } from '@/hooks/use-param'
import { useSubmit, yuanOf } from '../../shared'
import '../mall.scss'
import './index.scss'

function intOrNaN(s: string): number {
  return /^\d+$/.test(s.trim()) ? Number(s.trim()) : NaN
}

interface GoodsForm {
  name: string
  price: string
  limit: string
  active: 'on' | 'off'
  stock: string
  photo: string | null
}

/** Form text → saveGoods input; bad numbers become NaN and are reported by the page. */
function buildInput(f: GoodsForm, villageId: string, goodsId: string) {
  return {
    goodsId: goodsId || undefined,
    villageId,
    name: f.name.trim(),
    photo: f.photo,
    price: intOrNaN(f.price),
    limitPerHousehold: f.limit.trim() === '' ? null : intOrNaN(f.limit),
    active: f.active === 'on',
    initialStock: goodsId ? 0 : intOrNaN(f.stock)
  }
}

export default function GoodsEditPage() {
  const villageId = useParam('villageId')
  const goodsId = useParam('id')
  const list = useQuery(() => call('mall', 'listGoods', { villageId, includeInactive: true }), [villageId], Boolean(goodsId && villageId))
  const settings = useQuery(() => call('mall', 'getMallSettings', { villageId }), [villageId], Boolean(villageId))
  const existing = list.data?.find((g) => g.id === goodsId)

  const [name, setName] = useState('')
  const [price, setPrice] = useState('')
  const [limit, setLimit] = useState('')
  const [active, setActive] = useState<'on' | 'off'>('on')
  const [stock, setStock] = useState('0')
  const [photo, setPhoto] = useState<string | null>(null)
  const [preview, setPreview] = useState<string | null>(null)
  const [uploading, setUploading] = useState(false)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [confirmOff, setConfirmOff] = useState(false)
  const intent = useRef(newRequestId())
  const save = useSubmit((input: ReturnType<typeof buildInput>) => call('mall', 'saveGoods', input, { requestId: intent.current }))

  useEffect(() => {
    if (existing) {
      setName(existing.name)
      setPrice(String(existing.price))
      setLimit(existing.limitPerHousehold === null ? '' : String(existing.limitPerHousehold))
      setActive(existing.active ? 'on' : 'off')
      setPhoto(existing.photo)
      setPreview(existing.photoUrl)
    }
  }, [existing])

  /** A changed field is a new intent, and its error goes away until the next save. */
  const edit = <T,>(setter: (v: T) => void, key?: string) => (v: T) => {
    intent.current = newRequestId()
    if (key) setErrors(({ [key]: _gone, ...rest }) => rest)
    setter(v)
  }

  const choosePhoto = async () => {
    const file = await pickFile('image')
    if (!file) return
    setUploading(true)
    try {
      const fileId = await uploadFile(file, 'goods_photo')
      intent.current = newRequestId()
      setPhoto(fileId)
      setPreview(file.path ?? (file.blob && typeof URL !== 'undefined' ? URL.createObjectURL(file.blob) : null))
    } catch (e) {
      showError(e)
    } finally {
      setUploading(false)
    }
  }

  const input = buildInput({ name, price, limit, active, stock, photo }, villageId, goodsId)

  const check = () => {
    const errs = fieldErrors(contract.mall.saveGoods.input, input)
    if (Number.isNaN(input.price)) errs.price = '请填写兑换积分（整数）'
    if (limit.trim() !== '' && Number.isNaN(input.limitPerHousehold)) errs.limitPerHousehold = '请填写整数，不限就空着'
    if (Number.isNaN(input.initialStock)) errs.initialStock = '请填写整数'
    setErrors(errs)
    if (Object.keys(errs).length > 0) return
    if (existing?.active && active === 'off') setConfirmOff(true)
    else void submit()
  }

  const submit = async () => {
    setConfirmOff(false)
    const res = await save.run(input)
    if (res?.ok) {
      intent.current = newRequestId()
      void Taro.showToast({ title: '已保存', icon: 'success' })
      void Taro.navigateBack()
    }
  }

  if (goodsId && list.loading && !list.data) return <Page className='mall-goods-edit'><LoadingView /></Page>
  if (goodsId && list.error) return <Page className='mall-goods-edit'><ErrorView error={list.error} onRetry={() => void list.reload()} /></Page>
  if (goodsId && list.data && !existing) return <Page className='mall-goods-edit'><EmptyState text='没有找到这件商品' /></Page>

  const rate = settings.data?.pointsPerYuan
  const priceNum = intOrNaN(price)

  return (
    <Page className='mall-goods-edit' title={existing ? `编辑：${existing.name}` : '新增商品'}>
      <Section>
        <FormField label='商品名称' name='goods-name' required value={name} onInput={edit(setName, 'name')} error={errors.name} placeholder='例如 洗衣粉 1kg' maxlength={30} />
        <FormField label='照片' name='goods-photo'>
          <View className='mall-photo-field'>
            {preview ? <Image className='mall-photo-field__img' src={preview} mode='aspectFill' /> : <View className='mall-photo-field__img mall-thumb--none'>无照片</View>}
            <BigButton type='plain' size='small' className='mall-goods-photo-pick' loading={uploading} onClick={() => void choosePhoto()}>
              {uploading ? '正在上传…' : preview ? '换一张' : '拍照/选照片'}
            </BigButton>
            {preview ? (
              <BigButton type='default' size='small' className='mall-goods-photo-remove' onClick={() => { intent.current = newRequestId(); setPhoto(null); setPreview(null) }}>
                不要照片
              </BigButton>
            ) : null}
          </View>
        </FormField>
        <FormField
          label='兑换积分'
          name='goods-price'
          required
          inputType='number'
          value={price}
          onInput={edit(setPrice, 'price')}
          error={errors.price}
          maxlength={6}
          hint={rate && priceNum > 0 ? `约合 ${yuanOf(priceNum, rate)} 元（${rate}积分 = 1元）` : undefined}
        />
        <FormField label='每户每个兑换日限兑几件' name='goods-limit' inputType='number' value={limit} onInput={edit(setLimit, 'limitPerHousehold')} error={errors.limitPerHousehold} maxlength={3} placeholder='不限就空着' />
        {!goodsId ? (
          <FormField label='上架数量（件）' name='goods-stock' required inputType='number' value={stock} onInput={edit(setStock, 'initialStock')} error={errors.initialStock} maxlength={6} hint='以后增减库存请用“补货/减少”' />
        ) : (
          <View className='cs-muted mall-goods-edit__stock'>现有库存 {existing?.stock ?? 0} 件，增减库存请回到列表点“补货/减少”</View>
        )}
        <FormField label='状态' name='goods-active'>
          <ChoiceField name='goods-active' options={[{ value: 'on', label: '上架（农户能看到）' }, { value: 'off', label: '下架' }]} value={active} onChange={edit(setActive)} />
        </FormField>
        <BigButton className='mall-goods-save' loading={save.submitting} disabled={uploading} reason='照片还在上传，传完才能保存' onClick={check}>
          保存
        </BigButton>
      </Section>
      <ConfirmDialog
        block='mall-confirm'
        visible={confirmOff}
        title='下架商品'
        content='下架后农户看不到这件商品，已经兑换的单子不受影响。确定下架吗？'
        confirmText='下架'
        danger
        onConfirm={() => void submit()}
        onCancel={() => setConfirmOff(false)}
      />
    </Page>
  )
}
