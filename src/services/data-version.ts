/**
 * "Something changed on the server": bumped by every successful mutation (services/call.ts). Every mounted query
 * (hooks/use-call.ts useQuery) reloads on a bump, so a list is fresh after a change made from it or from a page
 * opened from it, whichever page made the change.
 */
type Listener = () => void

const listeners = new Set<Listener>()
let version = 0

export function dataVersion(): number {
  return version
}

export function dataChanged(): void {
  version++
  for (const l of Array.from(listeners)) l()
}

export function onDataChanged(listener: Listener): () => void {
  listeners.add(listener)
  return () => void listeners.delete(listener)
}
