/** Who may call the visit routes; merged into src/server/permission-table.ts. */
export const VISIT_PERMISSIONS = {
  'GET /api/patients/:id/visits': { roles: ['receptionist', 'chiropractor', 'manager'], centreScoped: true },
  'POST /api/patients/:id/visits': { roles: ['chiropractor'], centreScoped: true },
  'GET /api/visits/:id': { roles: ['chiropractor', 'manager'], centreScoped: true },
  'PUT /api/visits/:id': { roles: ['chiropractor'], centreScoped: true },
  'POST /api/visits/:id/sign': { roles: ['chiropractor'], centreScoped: true },
  'POST /api/visits/:id/addenda': { roles: ['chiropractor'], centreScoped: true },
  'GET /api/patients/:id/progress': { roles: ['chiropractor', 'manager'], centreScoped: true },
} as const;
