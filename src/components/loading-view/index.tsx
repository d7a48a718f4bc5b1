import { View } from '@tarojs/components'
import './index.scss'

export interface LoadingViewProps {
  text?: string
}

export function LoadingView({ text = '正在加载…' }: LoadingViewProps) {
  return <View className='cs-loading'>{text}</View>
}

export default LoadingView
