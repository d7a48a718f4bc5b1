/** Every deployed function. scripts/build-functions.ts bundles each; cloudbaserc.json lists the same names. */
export const FUNCTIONS = ['identity', 'points', 'mall', 'vote', 'study', 'notice', 'scheduler'] as const
export type DeployedFunction = (typeof FUNCTIONS)[number]
