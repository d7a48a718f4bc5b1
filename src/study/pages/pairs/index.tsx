import { Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import { STUDY_STAFF, type PairView } from '../../../../types/contract'
import { BigButton } from '@/components/big-button'
import { ChoiceField } from '@/components/choice-field'
import { EmptyState } from '@/components/empty-state'
import { ErrorView } from '@/components/error-view'
import { LoadingView } from '@/components/loading-view'
import { Page } from '@/components/page'
import { Section } from '@/components/section'
import { useMutation, useQuery } from '@/hooks/use-call'
import { useVillageScope } from '@/hooks/use-scope'
import { call, isCallError, newRequestId } from '@/services/call'
import { pickFile, uploadFile } from '@/services/upload'
import { cnTime, toast } from '../../shared'
import '../../study.scss'
import { eventValue } from '@/utils/form'
import { chinaToday } from '@/utils/china-time'

function Visits({ pair }: { pair: PairView }) {
  const q = useQuery(() => call('study', 'pairVisits', { pairId: pair.id }), [pair.id])
  const [note, setNote] = useState('')
  const log = useMutation(async () => {
    const day = chinaToday()
    await call('study', 'logVisit', { pairId: pair.id, day, note })
    setNote('')
    await q.reload()
  })
  return (
    <View className='study-visits'>
      {(q.data ?? []).map((v) => (
        <View key={v.id} className='study-hint'>
          {v.day} {v.byName}：{v.note}
        </View>
      ))}
      <Textarea className='study-textarea study-visit-note' value={note} maxlength={300} placeholder='记一次走访或帮扶' onInput={(e) => setNote(eventValue(e))} />
      <BigButton size='small' className='study-log-visit' disabled={!note.trim()} reason={!note.trim() ? '请先写走访记录' : undefined} loading={log.submitting} onClick={() => void log.run()}>
        记录走访
      </BigButton>
    </View>
  )
}

/** 结对管理: pair each 流动党员 with an in-village buddy (one by one or by xlsx), 机关党员 pairs and their visits. */
export default function StudyPairsPage() {
  const scope = useVillageScope(STUDY_STAFF, { storageKey: 'cunshe.studyVillage' })
  const villageId = scope.current?.id ?? ''
  const q = useQuery(() => call('study', 'listPairs', { villageId, includeEnded: true }), [villageId], Boolean(villageId))
  const mine = useQuery(() => call('study', 'myPairs', {}), [])
  const [kind, setKind] = useState<'mobile' | 'office'>('mobile')
  const [member, setMember] = useState('')
  const [buddy, setBuddy] = useState('')
  const [open, setOpen] = useState('')
  const [rowErrors, setRowErrors] = useState<Array<{ row: number; message: string }>>([])
  const save = useMutation(async () => {
    await call('study', 'savePair', { memberId: member, buddyId: buddy, kind }, { requestId: newRequestId() })
    toast('已结对', 'success')
    setMember('')
    await q.reload()
  })
  const importXlsx = useMutation(
    async () => {
      setRowErrors([])
      const file = await pickFile('xlsx')
      if (!file) return
      const fileId = await uploadFile(file, 'pair_import')
      try {
        const r = await call('study', 'importPairs', { villageId, fileId }, { requestId: newRequestId() })
        toast(`导入完成：新结对${r.created}，更换${r.replaced}`, 'success')
        await q.reload()
      } catch (e) {
        if (isCallError(e) && Array.isArray(e.details)) setRowErrors(e.details as Array<{ row: number; message: string }>)
        throw e
      }
    }
  )
  const d = q.data
  const mobiles = [...(d?.unpaired ?? []), ...(d?.pairs ?? []).filter((p) => p.active && p.kind === 'mobile').map((p) => ({ memberId: p.memberId, name: p.memberName }))]
  const inVillage = (d?.buddies ?? []).filter((b) => b.status === '在村党员')
  const office = (d?.buddies ?? []).filter((b) => b.status === '机关党员')
  const members = kind === 'mobile' ? mobiles : inVillage.map((b) => ({ memberId: b.memberId, name: b.name }))
  const buddies = kind === 'mobile' ? inVillage : office
  const allMine = [...(mine.data?.asBuddy ?? []), ...(mine.data?.asMember ?? [])]
  return (
    <Page className='study-pairs' title='结对'>
      {allMine.length ? (
        <Section title='我的结对'>
          {allMine.map((p) => (
            <View key={p.id} className='study-row' onClick={() => setOpen(open === p.id ? '' : p.id)}>
              <View className='study-row__main'>
                <View className='study-row__title'>{p.memberName} ← {p.buddyName}</View>
                <View className='study-row__desc'>{p.kind === 'mobile' ? '流动党员结对' : `机关党员结对 · 走访 ${p.visits} 次`}</View>
                {open === p.id && p.kind === 'office' ? <Visits pair={p} /> : null}
              </View>
            </View>
          ))}
        </Section>
      ) : null}
      {scope.villages.length > 1 ? <ChoiceField name='village' options={scope.villages.map((v) => ({ value: v.id, label: v.name }))} value={villageId} onChange={scope.choose} /> : null}
      {villageId ? (
        <View>
          {q.loading && !d ? <LoadingView /> : null}
          {q.error ? <ErrorView error={q.error} onRetry={() => void q.reload()} /> : null}
          {d && d.unpaired.length ? <View className='study-warn study-unpaired'>还有 {d.unpaired.length} 位流动党员没有结对：{d.unpaired.map((u) => u.name).join('、')}</View> : null}
          <Section title='结对（新结对会结束原来的，历史传达保留）' className='study-pair-form'>
            <ChoiceField
              name='pair-kind'
              options={[{ value: 'mobile', label: '流动党员 ← 在村党员' }, { value: 'office', label: '在村党员 ← 机关党员' }]}
              value={kind}
              onChange={(v) => {
                setKind(v)
                setMember('')
                setBuddy('')
              }}
            />
            <View className='study-hint'>{kind === 'mobile' ? '流动党员' : '在村党员'}</View>
            <ChoiceField name='pair-member' options={members.map((m) => ({ value: m.memberId, label: m.name }))} value={member} onChange={setMember} />
            <View className='study-hint'>{kind === 'mobile' ? '在村结对党员（一人可带几位）' : '机关结对党员（走访帮扶）'}</View>
            <ChoiceField name='pair-buddy' options={buddies.map((b) => ({ value: b.memberId, label: b.name }))} value={buddy} onChange={setBuddy} />
            <BigButton
              className='study-save-pair'
              disabled={!member || !buddy}
              reason={!member ? `请先选${kind === 'mobile' ? '流动党员' : '在村党员'}` : !buddy ? '请先选结对党员' : undefined}
              loading={save.submitting}
              onClick={() => void save.run()}
            >
              结对
            </BigButton>
          </Section>
          <Section title='用表格导入' className='study-import'>
            <View className='study-hint'>表格第一行写：党员、结对党员、类型（流动 / 机关）。有一行错就整个不导入。</View>
            <BigButton type='default' className='study-import-pairs' loading={importXlsx.submitting} onClick={() => void importXlsx.run()}>
              选择表格导入
            </BigButton>
            {rowErrors.map((e) => (
              <View key={`${e.row}:${e.message}`} className='study-error study-row-error'>
                第{e.row}行：{e.message}
              </View>
            ))}
          </Section>
          <Section title='结对名单'>
            {d && d.pairs.length === 0 ? <EmptyState text='还没有结对' /> : null}
            {(d?.pairs ?? []).map((p) => (
              <View key={p.id} className='study-row study-pair-row'>
                <View className='study-row__main'>
                  <View className='study-row__title'>
                    {p.memberName} ← {p.buddyName}
                    {!p.active ? <View className='study-tag--muted'>已结束</View> : null}
                  </View>
                  <View className='study-row__desc'>
                    {p.kind === 'mobile' ? '流动党员' : '机关党员'} · {cnTime(p.since).slice(0, 10)} 起{p.endedAt ? ` · ${cnTime(p.endedAt).slice(0, 10)} ${p.endReason ?? ''}` : ''}
                    {p.kind === 'office' ? ` · 走访 ${p.visits} 次` : ''}
                  </View>
                </View>
              </View>
            ))}
          </Section>
        </View>
      ) : null}
    </Page>
  )
}
