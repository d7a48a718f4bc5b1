import { OpenApiFakes } from './wx-openapi'
async function m(): Promise<void> {
  const f = new OpenApiFakes('x')
  for (let i = 0; i < 3; i++) { const t = performance.now(); await f.call('wxacode.getUnlimited', { scene: 'a' }); process.stdout.write(`${(performance.now() - t).toFixed(0)}ms\n`) }
}
void m()
