/** Who may call the advice and handout routes; merged into src/server/permission-table.ts. */
export const HANDOUT_PERMISSIONS = {
  'GET /api/advice/modules': { roles: ['chiropractor', 'manager'], centreScoped: false },
  'GET /api/advice/modules/:key': { roles: ['chiropractor', 'manager'], centreScoped: false },
  'POST /api/advice/modules': { roles: ['manager'], centreScoped: false },
  'PUT /api/advice/modules/:key': { roles: ['manager'], centreScoped: false },
  'GET /api/visits/:id/handout-draft': { roles: ['chiropractor'], centreScoped: true },
  'POST /api/visits/:id/handouts': { roles: ['chiropractor'], centreScoped: true },
  'GET /api/patients/:id/handouts': { roles: ['receptionist', 'chiropractor', 'manager'], centreScoped: true },
  'GET /api/handouts/:id': { roles: ['receptionist', 'chiropractor', 'manager'], centreScoped: true },
  'POST /api/handouts/:id/prints': { roles: ['receptionist', 'chiropractor', 'manager'], centreScoped: true },
  'GET /api/handouts/:id/pdf': { roles: ['receptionist', 'chiropractor', 'manager'], centreScoped: true },
} as const;
