import { View } from '@tarojs/components'
import { errorText } from '../../services/call'
import { BigButton } from '../big-button'
import './index.scss'

export interface ErrorViewProps {
  error: unknown
  onRetry?: () => void
}

/** Shows the server's Chinese message and a 重试 button. */
export function ErrorView({ error, onRetry }: ErrorViewProps) {
  return (
    <View className='cs-error'>
      <View className='cs-error__text'>{errorText(error)}</View>
      {onRetry ? (
        <BigButton type='plain' className='cs-error__retry' onClick={onRetry}>
          重试
        </BigButton>
      ) : null}
    </View>
  )
}

export default ErrorView
