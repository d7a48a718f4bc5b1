/** A page path with its query string; empty and missing parameters are left out, values are encoded. */
export function pageUrl(path: string, params: Record<string, string | undefined | null> = {}): string {
  const q = Object.entries(params)
    .filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&')
  return q ? `${path}?${q}` : path
}
