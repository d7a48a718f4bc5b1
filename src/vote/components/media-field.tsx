import { View } from '@tarojs/components'
import { BigButton } from '../../components/big-button'

export interface MediaFieldProps {
  label: string
  kind: 'image' | 'video'
  /** 0–100 while uploading, null when idle. */
  progress: number | null
  done: boolean
  error: string
  fileName: string
  onPick: () => void
  onRetry: () => void
}

/** One photo or video to upload: pick, a progress bar, and “重试” that keeps the picked file after a failure. */
export function MediaField({ label, kind, progress, done, error, fileName, onPick, onRetry }: MediaFieldProps) {
  return (
    <View className={`vote-media vote-media--${kind}`}>
      <View className='vote-part__label'>{label}</View>
      {fileName ? <View className='vote-note'>{fileName}</View> : null}
      {progress !== null ? (
        <View className='vote-progress'>
          <View className='vote-progress__bar' style={{ width: `${progress}%` }} />
        </View>
      ) : null}
      {progress !== null ? <View className='vote-note vote-media__pct'>已上传 {progress}%</View> : null}
      {done ? <View className='vote-note vote-media__done'>已上传</View> : null}
      {error ? <View className='vote-error'>{error}</View> : null}
      <View className='vote-actions'>
        <BigButton size='small' type='plain' className={`vote-pick-${kind}`} disabled={progress !== null} reason={progress !== null ? '正在上传，请稍候' : undefined} onClick={onPick}>
          {kind === 'video' ? (fileName ? '换一个视频' : '选视频或拍摄') : fileName ? '换一张' : '选封面照片'}
        </BigButton>
        {error && fileName ? (
          <BigButton size='small' className={`vote-retry-${kind}`} onClick={onRetry}>
            重试
          </BigButton>
        ) : null}
      </View>
    </View>
  )
}
