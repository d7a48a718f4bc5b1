/** `npm run verify-audit`: recomputes every claim's audit hash chain; exits 1 if any was tampered with. */
import { verifyAudit } from '../cloudfunctions/_shared/app/maintenance/checks'
import { withCloud } from './with-cloud'

withCloud(verifyAudit)
  .then((r) => {
    for (const b of r.broken) process.stdout.write(`TAMPERED claim ${b.claimId}: chain breaks at entry ${b.brokenAt}\n`)
    process.stdout.write(`verify-audit: ${r.claims} claims, ${r.entries} entries, ${r.broken.length} broken chains\n`)
    process.exit(r.broken.length ? 1 : 0)
  })
  .catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`)
    process.exit(2)
  })
