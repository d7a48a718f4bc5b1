/**
 * Build-time switches. Taro replaces `process.env.TARO_*` with literals at build time; reading them inside functions
 * (not at module load) keeps them adjustable in tests.
 */
export function isH5(): boolean {
  return process.env.TARO_ENV === 'h5'
}

/** True when the app talks to the local gateway (H5 always; weapp only when built with the local flag). */
export function isLocal(): boolean {
  return isH5() || process.env.TARO_APP_LOCAL === '1'
}

/** Gateway base URL without a trailing slash; '' means same origin. */
export function gatewayUrl(): string {
  return (process.env.TARO_APP_GATEWAY ?? '').replace(/\/+$/, '')
}

export function cloudEnv(): string {
  return process.env.TARO_APP_CLOUD_ENV ?? ''
}
