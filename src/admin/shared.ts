/** Remembers the village chosen on the admin pages (useVillageScope in src/hooks/use-scope.ts). */
export const ADMIN_SCOPE_KEY = 'cunshe.adminVillage'
