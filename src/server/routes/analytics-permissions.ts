/** Who may call the analytics routes; merged into src/server/permission-table.ts. */
export const ANALYTICS_PERMISSIONS = {
  'GET /api/analytics': { roles: ['manager'], centreScoped: true },
} as const;
