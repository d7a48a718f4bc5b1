/** Bundles the cloud functions once per test run: function tests load exactly the deployable bundles. */
import { buildFunctions } from '../../scripts/build-functions'

export default async function globalSetup(): Promise<void> {
  await buildFunctions({ quiet: true })
}
