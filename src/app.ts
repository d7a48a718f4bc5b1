import { createElement, type PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { LargeTypeProvider } from './hooks/use-large-type'
import { ensureCloud } from './services/cloud'
import { installPrivacyHandler } from './services/privacy'
import { isLocal } from './utils/env'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    if (process.env.TARO_ENV === 'weapp' && !isLocal()) ensureCloud()
    installPrivacyHandler()
  })
  return createElement(LargeTypeProvider, null, children)
}

export default App
