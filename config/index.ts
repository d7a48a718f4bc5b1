import path from 'path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import devConfig from './dev'
import prodConfig from './prod'

const target = process.env.TARO_ENV === 'h5' ? 'h5' : 'weapp'

/**
 * Build-time switches. H5 is always served by the local gateway. A weapp build talks to the gateway only when built
 * with TARO_APP_LOCAL=1 (TARO_APP_LOCAL_GATEWAY=<url> is accepted as a shorthand for both).
 */
const legacyGateway = process.env.TARO_APP_LOCAL_GATEWAY ?? ''
const local = target === 'h5' || process.env.TARO_APP_LOCAL === '1' || legacyGateway !== '' ? '1' : ''
const gateway = process.env.TARO_APP_GATEWAY ?? legacyGateway
// Taro injects every TARO_APP_* variable found in process.env / .env files; set the resolved values before it reads them.
process.env.TARO_APP_LOCAL = local
process.env.TARO_APP_GATEWAY = gateway
process.env.TARO_APP_CLOUD_ENV = process.env.TARO_APP_CLOUD_ENV ?? ''

/** The shared contract lives outside src/ and must go through Babel too. */
const contractDir = path.resolve(__dirname, '..', 'types')

/** NutUI ships its styles for a 375px design; our own styles use 750. */
function designWidth(input?: unknown): number {
  const raw = typeof input === 'object' && input !== null ? (input as { file?: unknown }).file : undefined
  const file = typeof raw === 'string' ? raw.replace(/\\+/g, '/') : ''
  return file.includes('@nutui') ? 375 : 750
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'cunshe',
    date: '2026-11-24',
    designWidth,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: process.env.CUNSHE_OUTPUT_ROOT ?? `dist/${target}`,
    plugins: [],
    defineConstants: {},
    env: {
      TARO_APP_LOCAL: JSON.stringify(local),
      TARO_APP_GATEWAY: JSON.stringify(gateway),
      TARO_APP_CLOUD_ENV: JSON.stringify(process.env.TARO_APP_CLOUD_ENV)
    },
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
      '@contract': path.resolve(__dirname, '..', 'types', 'contract')
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      // Modules used only by one subpackage (e.g. NutUI in admin) stay out of the main package.
      optimizeMainPackage: { enable: true },
      compile: { include: [contractDir] },
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } }
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
      }
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [contractDir] },
      esnextModules: ['@nutui/nutui-react-taro', '@nutui/icons-react-taro'],
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[hash].css', chunkFilename: 'css/[name].[chunkhash].css' },
      postcss: {
        pxtransform: { enable: true, config: {} },
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } }
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
      }
    }
  }

  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
