import { NOTICE_NARROW_ROLES } from '../../../../types/contract/notice.contract'
import Taro from '@tarojs/taro'
import { Image, Textarea, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import {
  ATTACHMENT_HINT,
  AUDIENCE_CLASSES,
  AUDIENCE_CLASS_LABELS,
  NOTICE_CATEGORIES,
  NOTICE_CATEGORY_LABELS,
  ROLE_LABELS,
  type AudienceClass,
  type BodyBlock,
  type NoticeDetail,
  type NoticeCategory,
  type Role
} from '../../../../types/contract'
import { BigButton } from '@/components/big-button'
import { ErrorView } from '@/components/error-view'
import { FormField } from '@/components/form-field'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { useQuery } from '@/hooks/use-call'
import { useParam } from '@/hooks/use-param'
import { call, errorText, newRequestId } from '@/services/call'
import { pickAndUpload } from '../../files'
import { NOTICE_PAGES, toast } from '../../shared'
import '../notice.scss'
import { eventValue } from '@/utils/form'

type Block = { kind: 'text'; text: string } | { kind: 'image'; fileId: string; preview: string }
interface Attachment {
  fileId: string
  name: string
}

const NARROW_ROLES: readonly Role[] = NOTICE_NARROW_ROLES

function toggle<T>(list: T[], v: T): T[] {
  return list.includes(v) ? list.filter((x) => x !== v) : [...list, v]
}

/** Publish a new announcement, or edit one (?id=…): target, who inside it, category, paragraphs, images, files, dates. */
export default function NoticeEditPage() {
  const id = useParam('id')
  const targets = useQuery(() => call('notice', 'targets', {}), [], !id)
  const existing = useQuery(() => call('notice', 'detail', { noticeId: id }), [id], !!id)
  const [targetOrgId, setTarget] = useState('')
  const [classes, setClasses] = useState<AudienceClass[]>([])
  const [roles, setRoles] = useState<Role[]>([])
  const [category, setCategory] = useState<NoticeCategory>('policy')
  const [title, setTitle] = useState('')
  const [blocks, setBlocks] = useState<Block[]>([{ kind: 'text', text: '' }])
  const [files, setFiles] = useState<Attachment[]>([])
  const [pinUntil, setPin] = useState('')
  const [expiresOn, setExpiry] = useState('')
  const [summary, setSummary] = useState('')
  const [error, setError] = useState('')
  const [uploading, setUploading] = useState(false)
  const intent = useRef(newRequestId())

  useEffect(() => {
    const n = existing.data
    if (!n) return
    setTarget(n.targetOrgId)
    setClasses(n.classes)
    setRoles(n.roles)
    setCategory(n.category)
    setTitle(n.title)
    setBlocks(n.body.map((b) => (b.kind === 'text' ? { kind: 'text', text: b.text ?? '' } : { kind: 'image', fileId: b.fileId ?? '', preview: b.url ?? '' })))
    setFiles(n.attachments.map((a) => ({ fileId: a.fileId, name: a.name })))
    setPin(n.pinUntil ?? '')
    setExpiry(n.expiresOn ?? '')
  }, [existing.data])

  useEffect(() => {
    if (!id && !targetOrgId && targets.data?.length) setTarget(targets.data[0].id)
  }, [id, targetOrgId, targets.data])

  const [saving, setSaving] = useState(false)
  const save = async () => {
    const body: BodyBlock[] = []
    for (const b of blocks) {
      if (b.kind === 'image') body.push({ kind: 'image', fileId: b.fileId })
      else if (b.text.trim()) body.push({ kind: 'text', text: b.text.trim() })
    }
    const common = { category, title: title.trim(), body, attachments: files, pinUntil: pinUntil.trim() || null, expiresOn: expiresOn.trim() || null }
    if (id) return call('notice', 'edit', { noticeId: id, ...common, summary: summary.trim() }, { requestId: intent.current })
    return call('notice', 'publish', { targetOrgId, classes, roles, ...common }, { requestId: intent.current })
  }

  const submit = async () => {
    setError('')
    if (!id && !targetOrgId) return setError('请选择发给哪里')
    if (title.trim().length < 2) return setError('标题至少2个字')
    if (!blocks.some((b) => (b.kind === 'text' ? b.text.trim() : b.fileId))) return setError('请填写公告内容')
    if (saving) return
    setSaving(true)
    let n: NoticeDetail
    try {
      n = await save()
    } catch (e) {
      setError(errorText(e))
      return
    } finally {
      setSaving(false)
    }
    intent.current = newRequestId()
    toast(id ? '已修改' : '已发布')
    void Taro.redirectTo({ url: `${NOTICE_PAGES.detail}?id=${n.id}` })
  }

  const addImage = async () => {
    setUploading(true)
    const r = await pickAndUpload('image', 'notice')
    setUploading(false)
    if (!r) return
    if (!r.ok) return setError(r.message)
    setBlocks([...blocks, { kind: 'image', fileId: r.fileId, preview: '' }])
  }
  const addFile = async () => {
    if (files.length >= 6) return setError('附件最多6个')
    setUploading(true)
    const r = await pickAndUpload('attachment', 'notice')
    setUploading(false)
    if (!r) return
    if (!r.ok) return setError(r.message)
    setError('')
    setFiles([...files, { fileId: r.fileId, name: r.name }])
  }

  if ((id && existing.loading && !existing.data) || (!id && targets.loading && !targets.data)) return <Page className='nt-edit'><LoadingView /></Page>
  const loadError = id ? existing.error : targets.error
  if (loadError) return <Page className='nt-edit'><ErrorView error={loadError} /></Page>

  return (
    <Page className='nt-edit' title={id ? '修改公告' : '发布公告'}>
      {!id ? (
        <>
          <FormField label='发给哪里' required>
            <View className='nt-chips nt-targets'>
              {(targets.data ?? []).map((t) => (
                <View key={t.id} className={`nt-chip nt-target ${targetOrgId === t.id ? 'nt-chip--on' : ''}`} onClick={() => setTarget(t.id)}>
                  {t.name}
                </View>
              ))}
            </View>
          </FormField>
          <FormField label='只发给（不选就是全体）' hint='可以多选；选了人员类别又选了职务，符合其中一项就能收到'>
            <View className='nt-chips'>
              {AUDIENCE_CLASSES.map((c) => (
                <View key={c} className={`nt-chip nt-class--${c} ${classes.includes(c) ? 'nt-chip--on' : ''}`} onClick={() => setClasses(toggle(classes, c))}>
                  {AUDIENCE_CLASS_LABELS[c]}
                </View>
              ))}
              {NARROW_ROLES.map((r) => (
                <View key={r} className={`nt-chip nt-role--${r} ${roles.includes(r) ? 'nt-chip--on' : ''}`} onClick={() => setRoles(toggle(roles, r))}>
                  {ROLE_LABELS[r]}
                </View>
              ))}
            </View>
          </FormField>
        </>
      ) : (
        <View className='nt-muted'>发送范围：{existing.data?.audienceLabel}（发布后不能改）</View>
      )}
      <FormField label='类别' required>
        <View className='nt-chips'>
          {NOTICE_CATEGORIES.map((c) => (
            <View key={c} className={`nt-chip nt-category--${c} ${category === c ? 'nt-chip--on' : ''}`} onClick={() => setCategory(c)}>
              {NOTICE_CATEGORY_LABELS[c]}
            </View>
          ))}
        </View>
      </FormField>
      <FormField label='标题' required name='title' value={title} maxlength={40} placeholder='2到40个字' onInput={setTitle} />
      <FormField label='正文' required hint='一段一个框；可以插入图片'>
        {blocks.map((b, i) => (
          <View key={i} className='nt-block'>
            {b.kind === 'text' ? (
              <Textarea
                className='nt-textarea nt-paragraph'
                value={b.text}
                maxlength={2000}
                placeholder={`第${i + 1}段`}
                onInput={(e) => setBlocks(blocks.map((x, j) => (j === i ? { kind: 'text', text: eventValue(e) } : x)))}
              />
            ) : (
              <View className='nt-muted'>{b.preview ? <Image className='nt-image' src={b.preview} mode='widthFix' /> : '【图片】已上传'}</View>
            )}
            {blocks.length > 1 ? (
              <View className='nt-link nt-remove-block' onClick={() => setBlocks(blocks.filter((_, j) => j !== i))}>
                删除这一段
              </View>
            ) : null}
          </View>
        ))}
        <View className='nt-actions'>
          <BigButton type='default' size='small' className='nt-add-paragraph' onClick={() => setBlocks([...blocks, { kind: 'text', text: '' }])}>
            加一段文字
          </BigButton>
          <BigButton type='default' size='small' className='nt-add-image' loading={uploading} onClick={() => void addImage()}>
            插入图片
          </BigButton>
        </View>
      </FormField>
      <FormField label='附件' hint={ATTACHMENT_HINT}>
        {files.map((f) => (
          <View key={f.fileId} className='nt-row nt-file'>
            <View className='nt-row__main'>
              <View className='nt-row__title'>{f.name}</View>
            </View>
            <View className='nt-link' onClick={() => setFiles(files.filter((x) => x.fileId !== f.fileId))}>
              移除
            </View>
          </View>
        ))}
        <BigButton type='default' size='small' className='nt-add-file' loading={uploading} disabled={files.length >= 6} reason={files.length >= 6 ? '最多上传6个附件' : undefined} onClick={() => void addFile()}>
          {files.length >= 6 ? '附件已满6个' : '添加附件'}
        </BigButton>
      </FormField>
      <FormField label='置顶到（可不填）' name='pin' value={pinUntil} placeholder='年-月-日，如 2026-12-31' maxlength={10} onInput={setPin} />
      <FormField label='有效期到（可不填）' name='expiry' value={expiresOn} placeholder='年-月-日，过期后不再显示' maxlength={10} onInput={setExpiry} />
      {id ? <FormField label='修改说明' name='summary' value={summary} maxlength={60} placeholder='如：更正了时间' onInput={setSummary} /> : null}
      {error ? <View className='nt-error nt-form-error'>{error}</View> : null}
      <BigButton className='nt-submit' loading={saving} disabled={uploading} reason={uploading ? '正在上传，请稍候' : undefined} onClick={() => void submit()}>
        {uploading ? '正在上传…' : id ? '保存修改' : '发布'}
      </BigButton>
    </Page>
  )
}
