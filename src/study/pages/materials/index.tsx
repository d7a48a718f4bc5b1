import Taro from '@tarojs/taro'
import { Input, Textarea, Video, View } from '@tarojs/components'
import { useState } from 'react'
import { STUDY_STAFF, type MaterialView } from '../../../../types/contract'
import { BigButton } from '@/components/big-button'
import { ChoiceField } from '@/components/choice-field'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { FormField } from '@/components/form-field'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { showError, useMutation, useQuery } from '@/hooks/use-call'
import { useMe } from '@/hooks/use-me'
import { useParam } from '@/hooks/use-param'
import { call, newRequestId } from '@/services/call'
import { pickFile, uploadFile } from '@/services/upload'
import { isH5 } from '@/utils/env'
import { STUDY_UPLOAD_LIMITS } from '../../../../types/contract'
import { copyLink } from '../../shared'
import '../../study.scss'
import { eventValue } from '@/utils/form'

const KIND_LABELS = { article: '文章', pdf: 'PDF文件', video: '视频', link: '链接' } as const

async function openPdf(url: string): Promise<void> {
  if (isH5()) {
    window.open(url, '_blank')
    return
  }
  try {
    const res = await Taro.downloadFile({ url })
    await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'pdf', showMenu: true })
  } catch {
    showError(new Error('打开失败'))
  }
}

function Detail({ id }: { id: string }) {
  const q = useQuery(() => call('study', 'getMaterial', { materialId: id }), [id])
  const m = q.data
  if (!m) return q.error ? <ErrorView error={q.error} onRetry={() => void q.reload()} /> : <LoadingView />
  return (
    <Section title={m.title} className='study-material'>
      <View className='study-hint'>{m.category} · {KIND_LABELS[m.kind]}</View>
      {m.body ? <View className='study-text'>{m.body}</View> : null}
      {m.kind === 'pdf' && m.fileUrl ? <BigButton className='study-open-pdf' onClick={() => void openPdf(m.fileUrl as string)}>打开文件</BigButton> : null}
      {m.kind === 'video' && (m.fileUrl || m.url) ? <Video src={(m.fileUrl ?? m.url) as string} controls /> : null}
      {m.url && m.kind !== 'video' ? <BigButton type='default' onClick={() => copyLink(m.url as string)}>复制链接</BigButton> : null}
    </Section>
  )
}

function AddMaterial({ villageId, onSaved }: { villageId: string; onSaved: () => void }) {
  const [f, setF] = useState({ title: '', kind: 'article' as MaterialView['kind'], category: '', body: '', url: '', fileId: '' })
  const save = useMutation(async () => {
    await call('study', 'saveMaterial', { villageId, title: f.title, kind: f.kind, category: f.category, body: f.body, url: f.url || null, fileId: f.fileId || null }, { requestId: newRequestId() })
    setF({ title: '', kind: 'article', category: '', body: '', url: '', fileId: '' })
    onSaved()
  })
  const upload = async () => {
    const file = await pickFile('pdf')
    if (!file) return
    if (file.size > STUDY_UPLOAD_LIMITS.document.maxBytes) {
      showError(new Error('文件太大了，最大20MB'))
      return
    }
    try {
      setF({ ...f, fileId: await uploadFile(file, 'study_material') })
    } catch (e) {
      showError(e)
    }
  }
  return (
    <Section title='添加资料' className='study-add-material'>
      <FormField label='标题' required value={f.title} maxlength={60} onInput={(v) => setF({ ...f, title: v })} />
      <ChoiceField name='material-kind' options={Object.entries(KIND_LABELS).map(([value, label]) => ({ value: value as MaterialView['kind'], label }))} value={f.kind} onChange={(v) => setF({ ...f, kind: v })} />
      <FormField label='分类' required value={f.category} maxlength={20} placeholder='如：党章党规' onInput={(v) => setF({ ...f, category: v })} />
      {f.kind === 'article' ? <Textarea className='study-textarea' value={f.body} maxlength={5000} placeholder='正文' onInput={(e) => setF({ ...f, body: eventValue(e) })} /> : null}
      {f.kind === 'link' || f.kind === 'video' ? <FormField label='链接' value={f.url} maxlength={300} placeholder='https://' onInput={(v) => setF({ ...f, url: v })} /> : null}
      {f.kind === 'pdf' ? <BigButton type='default' onClick={() => void upload()}>{f.fileId ? '已上传，重新选择' : '选择PDF文件（最大20MB）'}</BigButton> : null}
      <BigButton
        className='study-save-material'
        disabled={!f.title.trim() || !f.category.trim()}
        reason={!f.title.trim() ? '请填写标题' : !f.category.trim() ? '请填写分类' : undefined}
        loading={save.submitting}
        onClick={() => void save.run()}
      >
        保存
      </BigButton>
    </Section>
  )
}

/** 党员电子书屋: the village's study materials with categories and search; staff add articles, PDFs, videos and links. */
export default function StudyMaterialsPage() {
  const id = useParam('id')
  const me = useMe()
  const [q, setQ] = useState('')
  const [category, setCategory] = useState('')
  const list = useQuery(() => call('study', 'listMaterials', { q, category }), [q, category], Boolean(me.data) && !id)
  const staff = (me.data?.roles ?? []).some((r) => STUDY_STAFF.includes(r.role))
  if (id) return <Page className='study-materials'><Detail id={id} /></Page>
  return (
    <Page className='study-materials' title='学习资料'>
      <Input className='cs-input study-search' value={q} placeholder='搜索标题或内容' onInput={(e) => setQ(eventValue(e))} />
      {(list.data?.categories ?? []).length ? (
        <ChoiceField name='category' options={[{ value: '', label: '全部' }, ...(list.data?.categories ?? []).map((c) => ({ value: c, label: c }))]} value={category} onChange={setCategory} />
      ) : null}
      <Section>
        {list.loading && !list.data ? <LoadingView /> : null}
        {list.error ? <ErrorView error={list.error} onRetry={() => void list.reload()} /> : null}
        {list.data && list.data.items.length === 0 ? <EmptyState text='没有找到资料' /> : null}
        {(list.data?.items ?? []).map((m) => (
          <View key={m.id} className='study-row study-material-row' onClick={() => void Taro.navigateTo({ url: `/study/pages/materials/index?id=${m.id}` })}>
            <View className='study-row__main'>
              <View className='study-row__title'>{m.title}</View>
              <View className='study-row__desc'>{m.category} · {KIND_LABELS[m.kind]}</View>
            </View>
          </View>
        ))}
      </Section>
      {staff && me.data ? <AddMaterial villageId={me.data.member.villageId} onSaved={() => void list.reload()} /> : null}
    </Page>
  )
}
