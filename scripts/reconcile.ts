/** `npm run reconcile`: checks balance == Σ ledger entries for every household; exits 1 on any mismatch. */
import { reconcile } from '../cloudfunctions/_shared/app/maintenance/checks'
import { withCloud } from './with-cloud'

withCloud(reconcile)
  .then((r) => {
    for (const m of r.mismatches) {
      process.stdout.write(`MISMATCH household ${m.householdId}: balance ${m.balance ?? '(no points doc)'} vs Σ entries ${m.sum} (${m.entries} entries, seq ${m.seq ?? '-'})\n`)
    }
    process.stdout.write(`reconcile: ${r.households} households, ${r.mismatches.length} mismatches\n`)
    process.exit(r.mismatches.length ? 1 : 0)
  })
  .catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`)
    process.exit(2)
  })
