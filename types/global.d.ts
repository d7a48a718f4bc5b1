/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'
declare module '*.less'
declare module '*.scss'
declare module '*.sass'
declare module '*.styl'

declare namespace NodeJS {
  interface ProcessEnv {
    /** Node's own variable; decides minification and what ends up in the build. */
    NODE_ENV: 'development' | 'production' | 'test'
    /** The platform being built. */
    TARO_ENV: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn'
    /** Mini program appid for this build (optional; project.config.json has touristappid). */
    TARO_APP_ID?: string
    /** '1' when the build talks to the local gateway instead of CloudBase (H5 always; weapp with the local flag). */
    TARO_APP_LOCAL?: '1' | ''
    /** Base URL of the local gateway, no trailing slash; '' = same origin (H5 served by the gateway). */
    TARO_APP_GATEWAY?: string
    /** CloudBase environment id for Taro.cloud.init in the production weapp build. */
    TARO_APP_CLOUD_ENV?: string
    /** Shorthand accepted by config/index.ts: a gateway URL that also turns the local flag on. */
    TARO_APP_LOCAL_GATEWAY?: string
  }
}
