/**
 * `npm run reconcile`: checks balance == Σ ledger entries for every household, and vote count == valid vote
 * records for every 双晒/village-vote entry; exits 1 on any mismatch.
 */
import { reconcile } from '../cloudfunctions/_shared/app/maintenance/checks'
import { reconcileVotes } from '../cloudfunctions/_shared/app/vote/reconcile-votes'
import { withCloud } from './with-cloud'

withCloud(async () => ({ ledger: await reconcile(), votes: await reconcileVotes() }))
  .then(({ ledger: r, votes: v }) => {
    for (const m of r.mismatches) {
      process.stdout.write(`MISMATCH household ${m.householdId}: balance ${m.balance ?? '(no points doc)'} vs Σ entries ${m.sum} (${m.entries} entries, seq ${m.seq ?? '-'})\n`)
    }
    for (const m of v.mismatches) process.stdout.write(`MISMATCH vote entry ${m.entryId}: counted ${m.counted} vs ${m.records} valid vote records\n`)
    process.stdout.write(`reconcile: ${r.households} households, ${r.mismatches.length} mismatches; ${v.entries} vote entries, ${v.mismatches.length} mismatches\n`)
    process.exit(r.mismatches.length || v.mismatches.length ? 1 : 0)
  })
  .catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`)
    process.exit(2)
  })
